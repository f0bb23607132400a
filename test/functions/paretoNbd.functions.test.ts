/**
 * The Pareto/NBD purchase model (issue 13, part 4) through the built bundle: CLVFIT's `model`
 * argument "pareto_nbd" on the CDNOW sample (2,357 customers, calibration 1997-01-01 …
 * 1997-09-30 inclusive, weeks = days ÷ 7, same-day purchases merged), against the published
 * fit: BTYD walkthrough (McCarthy & Wadsworth, "Buy 'Til You Die — A Walkthrough", 2014,
 * §3.2–3.3: r 0.553, alpha 10.580, s 0.606, beta 11.656, LL −9594.976; customer 1516 P(alive)
 * 0.997874), and the per-customer *.MODEL functions reading that model range.
 */
import { expect } from "../support/expect";
import { callBuilt as call } from "../support/builtAddin";
import { loadCdnowSampleCells } from "../support/cdnowCells";
import { workbook } from "../support/formulaEngine";

// The sample as a sheet holds it: sample id, yyyymmdd date, dollars; one row per line.
const { ids, dates, amounts } = loadCdnowSampleCells();
const END = "1997-09-30";

const value = (table: unknown[][], name: string) => table.find((row) => row[0] === name)?.[1];
const standardError = (table: unknown[][], name: string) =>
  table.find((row) => row[0] === name)?.[2];

/** |actual − published| ≤ tolerance × |published| */
function within(actual: unknown, published: number, tolerance: number, what: string): void {
  expect(typeof actual, what).toBe("number");
  expect(
    Math.abs((actual as number) - published),
    `${what}: ${String(actual)} vs ${published}`
  ).toBeLessThanOrEqual(tolerance * Math.abs(published));
}

describe('CLVFIT(…, "week", TRUE, "pareto_nbd") on the CDNOW sample', () => {
  const table = call("CLVFIT", ids, dates, amounts, END, "week", true, "pareto_nbd") as unknown[][];

  it("fits r 0.553, alpha 10.58, s 0.606, beta 11.66 (BTYD walkthrough §3.2: 0.553 10.580 0.606 11.656), each within 0.2 %", () => {
    expect(Array.isArray(table), String(table)).toBe(true);
    // three published decimals, and a likelihood flat in beta: 0.2 % is what the data allow
    within(value(table, "r"), 0.553, 0.002, "r");
    within(value(table, "alpha"), 10.58, 0.002, "alpha");
    within(value(table, "s"), 0.606, 0.002, "s");
    within(value(table, "beta"), 11.656, 0.002, "beta");
    expect(value(table, "a")).toBeUndefined();
  });

  it("reaches the published log-likelihood −9594.976 (BTYD walkthrough §3.2) and says which model it is", () => {
    within(value(table, "pareto_nbd_log_likelihood"), -9594.976, 1e-7, "log-likelihood");
    expect(value(table, "model")).toBe("pareto_nbd");
    expect(value(table, "time_unit")).toBe("week");
    expect(value(table, "customers")).toBe(2357);
    expect(value(table, "repeat_buyers")).toBe(946);
  });

  it("gives finite positive standard errors for r, alpha, s, beta", () => {
    for (const name of ["r", "alpha", "s", "beta"]) {
      const error = standardError(table, name) as number;
      expect(error, name).toBeGreaterThan(0);
      expect(error, name).toBeLessThan(value(table, name) as number);
    }
  });

  it("accepts the model's name as users write it (Pareto/NBD)", () => {
    const again = call("CLVFIT", ids, dates, amounts, END, "week", false, "Pareto/NBD");
    expect(value(again as unknown[][], "beta")).toBe(value(table, "beta"));
  });

  it("feeds PALIVE.MODEL and EXPECTEDPURCHASES.MODEL: customer 1516 (x 26, t_x 30.85714, T 31) P(alive) 0.997874 and 25.456 purchases in 52 weeks (BTYD walkthrough §3.3)", () => {
    const model = table;
    const alive = call("PALIVE.MODEL", model, [[26]], [[30.85714]], [[31]]) as unknown[][];
    within(alive[0]![0], 0.997874, 2e-6, "P(alive)");
    const expected = call(
      "EXPECTEDPURCHASES.MODEL",
      model,
      [[26]],
      [[30.85714]],
      [[31]],
      52
    ) as unknown[][];
    within(expected[0]![0], 25.45647, 1e-4, "E[Y(52)]");
    // a one-time buyer may have left, unlike under BG/NBD
    const oneTime = call("PALIVE.MODEL", model, [[0]], [[0]], [[39]]) as unknown[][];
    within(oneTime[0]![0], 0.2942, 0.002, "P(alive) of x = 0, T = 39 (BTYD manual: 0.2941633)");
  });

  it('works as a worksheet formula: INDEX(CRM.CLVFIT(…, "week", TRUE(), "pareto_nbd"), 2, 2) is r (HyperFormula spells TRUE as TRUE())', () => {
    // INDEX of the spill, as in model.functions.test.ts: HyperFormula sizes a spill while it
    // builds the sheet row by row, before the rows it reads exist
    const rows = ids.map(
      (id, i) => [id[0]!, dates[i]![0]!, amounts[i]![0]!] as (number | string)[]
    );
    const n = rows.length;
    const fit = `CRM.CLVFIT(A1:A${n}, B1:B${n}, C1:C${n}, "${END}", "week", TRUE(), "pareto_nbd")`;
    rows[0]!.push(`=INDEX(${fit}, 2, 1)`, `=INDEX(${fit}, 2, 2)`, `=INDEX(${fit}, 5, 2)`);
    const sheet = workbook(rows);
    expect(sheet.value("D1")).toBe("r");
    within(sheet.value("E1"), 0.553, 0.002, "r");
    within(sheet.value("F1"), 11.656, 0.002, "beta");
  });
});
