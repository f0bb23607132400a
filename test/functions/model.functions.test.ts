/**
 * Fit once, use everywhere (issue 13), through the built bundle: CLVFIT's model range (with
 * standard errors and its self-describing rows, the model and penalizer arguments) and the
 * *.MODEL functions that predict from it, on the CDNOW sample (2,357 customers, calibration
 * 1997-01-01 … 1997-09-30, weeks), against published numbers: lifetimes' BetaGeoFitter summary
 * and GammaGammaFitter expected spend (CamDavidsonPilon/lifetimes, docs/Quickstart.md), Fader,
 * Hardie & Lee (2005), and the raw-transaction functions' own results.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { RawCellContent } from "hyperformula";
import { expect } from "../support/expect";
import { each } from "../support/each";
import { callBuilt as call, StandInError } from "../support/builtAddin";
import { CDNOW_DIR, loadCdnowSampleCells } from "../support/cdnowCells";
import { workbook } from "../support/formulaEngine";

// The sample as a sheet holds it: sample id, yyyymmdd date, dollars; one row per line.
const { ids, dates, amounts } = loadCdnowSampleCells();
const END = "1997-09-30";

// The published summary file shipped with the data: ID, x, t_x, T, zbar (rounded to 2 dp).
const published = readFileSync(
  path.join(CDNOW_DIR, "cdnow_customers_summary_with_transactions.csv"),
  "utf8"
)
  .split(/\r?\n/)
  .filter((line) => line.trim() !== "")
  .slice(1)
  .map((line) => line.split(",").map(Number));

const model = call("CLVFIT", ids, dates, amounts, END, "week") as unknown[][];
const value = (table: unknown[][], name: string) => table.find((row) => row[0] === name)![1];
const se = (table: unknown[][], name: string) => table.find((row) => row[0] === name)![2];
const column = (table: unknown[][], c: number) => table.map((row) => [row[c]]);
const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

// The exact per-customer summary the raw functions compute (no header): customer_id, x, t_x, T, monetary.
const summary = call("CLVSUMMARY", ids, dates, amounts, END, "week", false) as unknown[][];

describe("CLVFIT's model range", () => {
  it("spills 17 rows × 3 columns: the header parameter, value, standard_error, then the 16 rows", () => {
    expect(model).toHaveLength(17);
    expect(model[0]).toEqual(["parameter", "value", "standard_error"]);
    for (const row of model) expect(row).toHaveLength(3);
    expect(model[1]![0]).toBe("r"); // INDEX(CRM.CLVFIT(…), 2, 2) is still r
    expect(model.slice(13)).toEqual([
      ["model", "bgnbd", ""],
      ["time_unit", "week", ""],
      ["calibration_end", 35703, ""], // 1997-09-30 as an Excel date serial
      ["penalizer", 0, ""],
    ]);
  });

  it("gives lifetimes' published standard errors (BetaGeoFitter.summary on CDNOW, docs/Quickstart.md: se(coef) r 0.012557, alpha 0.378221, a 0.185719, b 0.705345)", () => {
    const lifetimes = { r: 0.012557, alpha: 0.378221, a: 0.185719, b: 0.705345 };
    for (const [name, expected] of Object.entries(lifetimes))
      expect(relative(se(model, name) as number, expected), name).toBeLessThan(5e-5);
  });

  it("gives finite positive standard errors for Gamma-Gamma p, q, gamma, and none for log-likelihoods and counts", () => {
    for (const name of ["p", "q", "gamma"]) expect(se(model, name) as number).toBeGreaterThan(0);
    for (const name of ["bgnbd_log_likelihood", "customers", "repeat_buyers"])
      expect(se(model, name)).toBe("");
  });

  it("without header: the same 16 rows", () => {
    const bare = call("CLVFIT", ids, dates, amounts, END, "week", false) as unknown[][];
    expect(bare).toEqual(model.slice(1));
  });

  it('penalizer 0 and model "BG/NBD" give exactly the default fit', () => {
    const explicit = call(
      "CLVFIT",
      ids,
      dates,
      amounts,
      END,
      "week",
      null,
      "BG/NBD",
      0
    ) as unknown[][];
    expect(explicit).toEqual(model);
  });

  it("refuses an unknown model with #VALUE! naming the argument, a negative penalizer with #NUM!", () => {
    const unknown = call(
      "CLVFIT",
      ids,
      dates,
      amounts,
      END,
      "week",
      null,
      "weibull"
    ) as StandInError;
    expect(unknown).toBeInstanceOf(StandInError);
    expect(unknown.code).toBe("#VALUE!");
    expect(unknown.message).toContain('model must be "bgnbd" or "pareto_nbd", got "weibull"');
    const negative = call(
      "CLVFIT",
      ids,
      dates,
      amounts,
      END,
      "week",
      null,
      null,
      -1
    ) as StandInError;
    expect(negative.code).toBe("#NUM!");
  });

  describe("a penalizer fits small data the plain fit cannot", () => {
    // Five customers, first purchases on 1997-07-22 (10 weeks before the end): three repeat
    // buyers, nobody visibly lapsed; the plain BG/NBD likelihood rises as r → ∞.
    const rows: [number, number, number][] = [
      [1, 19970722, 12],
      [1, 19970826, 15],
      [2, 19970722, 30],
      [3, 19970722, 9],
      [3, 19970805, 11],
      [3, 19970916, 40],
      [4, 19970722, 22],
      [5, 19970722, 18],
      [5, 19970812, 27],
    ];
    const args = [
      rows.map((r) => [r[0]]),
      rows.map((r) => [r[1]]),
      rows.map((r) => [r[2]]),
      END,
      "week",
    ];

    it("plain: #VALUE! saying there is no maximum", () => {
      const plain = call("CLVFIT", ...args) as StandInError;
      expect(plain.code).toBe("#VALUE!");
      expect(plain.message).toContain("no maximum");
    });

    it("penalizer 0.1: a model, with the penalizer in its last row", () => {
      const fitted = call("CLVFIT", ...args, null, null, 0.1) as unknown[][];
      expect(Array.isArray(fitted)).toBe(true);
      expect(value(fitted, "penalizer")).toBe(0.1);
      expect(value(fitted, "r") as number).toBeGreaterThan(0);
    });
  });
});

describe("the *.MODEL functions on CLVFIT's model", () => {
  const x = column(summary, 1);
  const tx = column(summary, 2);
  const T = column(summary, 3);
  const monetary = column(summary, 4);

  it("PALIVE.MODEL over the summary columns equals PALIVE from the transactions, customer by customer", () => {
    const fromModel = call("PALIVE.MODEL", model, x, tx, T) as unknown[][];
    const raw = call("PALIVE", ids, dates, END, "week", false) as unknown[][];
    expect(fromModel).toHaveLength(2357);
    fromModel.forEach((row, i) => expect(row[0]).toBe(raw[i]![4]));
  });

  it("EXPECTEDPURCHASES.MODEL: customer 1 (x 2, t_x 30.43, T 38.86) makes 1.226 purchases in 39 weeks", () => {
    const [[result]] = call("EXPECTEDPURCHASES.MODEL", model, [[2]], [[30.43]], [[38.86]], 39) as [
      [number],
    ];
    expect(Math.abs(result - 1.226)).toBeLessThan(0.0005);
  });

  for (const testCase of each([
    [1, 0.0532],
    [3, 0.1506],
    [32, 1.0437],
  ])) {
    it(
      testCase.name(
        "EXPECTEDPURCHASES.MODEL of a new customer (0, 0, 0) over %i weeks is E[X(t)] = %d (Fader, Hardie & Lee 2005)"
      ),
      testCase.run((weeks, expected) => {
        const [[result]] = call("EXPECTEDPURCHASES.MODEL", model, [[0]], [[0]], [[0]], weeks) as [
          [number],
        ];
        expect(Math.abs(result - expected)).toBeLessThan(0.00005);
      })
    );
  }

  it("EXPECTEDSPEND.MODEL of customers 1–10 of the published summary: lifetimes' 24.66, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17 (docs/Quickstart.md, to 2 dp)", () => {
    const first10 = published.slice(0, 10);
    const spend = call(
      "EXPECTEDSPEND.MODEL",
      model,
      first10.map((r) => [r[1]]),
      first10.map((r) => [r[4]])
    ) as number[][];
    [
      24.658619, 18.911489, 35.170981, 35.170981, 35.170981, 71.462843, 18.911489, 35.170981,
      27.282408, 35.170981,
    ].forEach((lifetimes, i) =>
      expect(Math.abs(spend[i]![0]! - lifetimes), `customer ${i + 1}`).toBeLessThan(0.005)
    );
  });

  it("PREDICTEDCLV.MODEL over the summary columns equals PREDICTEDCLV from the transactions (52 weeks, 0.2 % a week)", () => {
    const fromModel = call(
      "PREDICTEDCLV.MODEL",
      model,
      x,
      tx,
      T,
      monetary,
      52,
      0.002
    ) as unknown[][];
    const raw = call(
      "PREDICTEDCLV",
      ids,
      dates,
      amounts,
      END,
      "week",
      52,
      0.002,
      null,
      false
    ) as unknown[][];
    fromModel.forEach((row, i) => {
      const expected = raw[i]![8] as number;
      expect(Math.abs((row[0] as number) - expected), `row ${i + 1}`).toBeLessThanOrEqual(
        1e-12 * Math.max(1, expected)
      );
    });
  });

  it("reads the model with or without its header row and standard_error column: the same answers", () => {
    const expected = call("PALIVE.MODEL", model, x.slice(0, 20), tx.slice(0, 20), T.slice(0, 20));
    for (const range of [
      model.slice(1),
      model.map((r) => r.slice(0, 2)),
      model.slice(1).map((r) => r.slice(0, 2)),
    ])
      expect(call("PALIVE.MODEL", range, x.slice(0, 20), tx.slice(0, 20), T.slice(0, 20))).toEqual(
        expected
      );
  });

  it("a bad row is an error in its own cell naming the argument and the row; an empty row stays empty", () => {
    const result = call(
      "PALIVE.MODEL",
      model,
      [[2], [1], ["two"], [1.5], [""]],
      [[30], [40], [1], [1], [""]],
      [[38], [38], [5], [5], [""]]
    ) as unknown[][];
    expect(typeof result[0]![0]).toBe("number");
    const messages = result.slice(1, 4).map((row) => (row[0] as StandInError).message);
    expect(messages[0]).toContain("t_x, row 2 (40) exceeds t (38)");
    expect(messages[1]).toContain("x, row 3");
    expect(messages[2]).toContain("x, row 4");
    expect(result[4]![0]).toBe("");
  });

  it("ranges of different shapes are #VALUE! naming them", () => {
    const error = call("PALIVE.MODEL", model, [[1], [2]], [[1]], [[2]]) as StandInError;
    expect(error.code).toBe("#VALUE!");
    expect(error.message).toContain("t_x has 1 row × 1 column but x has 2 rows × 1 column");
  });

  it("a range that is not a model made by CLVFIT is #VALUE! saying so, with the wrong row", () => {
    const summaryRange = summary.slice(0, 16).map((row) => row.slice(0, 3));
    const error = call("PALIVE.MODEL", summaryRange, [[1]], [[1]], [[2]]) as StandInError;
    expect(error.code).toBe("#VALUE!");
    expect(error.message).toContain("model is not a model made by CRM.CLVFIT");
    expect(error.message).toContain('row 1 is labelled 1 where CLVFIT writes "r"');
  });
});

describe("in a worksheet (HyperFormula; it has no MAP/BYROW/LAMBDA, so a table column and a spilled column stand for them)", () => {
  // CLVFIT's model (its values: HyperFormula sizes a custom function's spill before the spills
  // it reads are computed, so the model is pasted as Excel would show it) in E1:G17, customers
  // 1–5 of the published summary in H2:J6.
  const cells: RawCellContent[][] = model.map((row) => [
    null,
    null,
    null,
    null,
    ...row.map((cell) => (cell === "" ? null : (cell as RawCellContent))),
  ]);
  published.slice(0, 5).forEach((r, i) => {
    const row = cells[i + 1]!;
    row.push(r[1]!, r[2]!, r[3]!);
    // a table column: one formula per row, each reading its own row's cells
    row.push(`=CRM.PALIVE.MODEL($E$1:$G$17, H${i + 2}, I${i + 2}, J${i + 2})`);
  });
  // one formula spilling over a column (below the model: HyperFormula sizes a spill while it
  // builds the sheet row by row, so a spilling formula must come after the cells it reads)
  cells.push(
    [],
    [
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      "=CRM.PALIVE.MODEL(E1:G17, H2:H6, I2:I6, J2:J6)",
    ]
  );
  const sheet = workbook(cells);
  const direct = call(
    "PALIVE.MODEL",
    model,
    published.slice(0, 5).map((r) => [r[1]]),
    published.slice(0, 5).map((r) => [r[2]]),
    published.slice(0, 5).map((r) => [r[3]])
  ) as number[][];

  it("a per-row formula in a table column gives each customer's P(alive)", () => {
    direct.forEach(([expected], i) => expect(sheet.value(`K${i + 2}`)).toBeCloseTo(expected!, 12));
  });

  it("one formula over the column spills the same values", () => {
    direct.forEach(([expected], i) => expect(sheet.value(`L${i + 19}`)).toBeCloseTo(expected!, 12));
  });

  it("INDEX(CRM.CLVFIT(…), 2, 2) is r", () => {
    const transactions: RawCellContent[][] = ids.map((id, i) => [
      id[0]!,
      dates[i]![0]!,
      amounts[i]![0]!,
    ]);
    transactions[0]!.push(
      '=INDEX(CRM.CLVFIT(A1:A6919, B1:B6919, C1:C6919, "1997-09-30", "week"), 2, 2)'
    );
    expect(workbook(transactions).value("D1")).toBeCloseTo(value(model, "r") as number, 13);
  });
});
