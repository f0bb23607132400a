/**
 * The contractual-retention functions through the built bundle (dist/functions.js), against the
 * published numbers of Fader & Hardie (2007), "How to Project Customer Retention", J. Interactive
 * Marketing 21(1): the "regular" and "high end" cohorts, years 0–7 fitted, years 8–12 held out
 * (SPEC §2 "Contractual retention (subscriptions)").
 */
import { expect } from "../support/expect";
import { callBuilt as call, ErrorCode, StandInError } from "../support/builtAddin";
import { excelSerial } from "../support/formulaEngine";

const column = (values: unknown[]) => values.map((v) => [v]);
// Fader & Hardie (2007): survivors of 1,000 customers at years 0–7, and years 8–12 held out
const REGULAR = column([1000, 631, 468, 382, 326, 289, 262, 241]);
const HIGH_END = column([1000, 869, 743, 653, 593, 551, 517, 491]);
const REGULAR_HOLDOUT = [223, 207, 194, 183, 173];
const HIGH_END_HOLDOUT = [468, 445, 427, 409, 394];

const roundsTo = (actual: unknown, published: number, decimals: number) =>
  expect(
    Math.abs((actual as number) - published),
    `${String(actual)} vs ${published}`
  ).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-12);

function row(table: unknown[][], name: string): unknown[] {
  const found = table.find((r) => r[0] === name);
  expect(found, name).toBeDefined();
  return found!;
}

function expectError(result: unknown, code: string, text?: string | RegExp): void {
  expect(result).toBeInstanceOf(StandInError);
  const error = result as StandInError;
  expect(error.code).toBe(code);
  if (text !== undefined) expect(error.message).toMatch(text);
}

describe("CRM.RETENTIONFIT", () => {
  it('fits "regular" to α 0.704, β 1.182, LL −1680.27 (Fader & Hardie 2007)', () => {
    const table = call("RETENTIONFIT", REGULAR) as unknown[][];
    expect(table[0]).toEqual(["parameter", "value", "standard_error"]);
    roundsTo(row(table, "alpha")[1], 0.704, 3);
    roundsTo(row(table, "beta")[1], 1.182, 3);
    roundsTo(row(table, "log_likelihood")[1], -1680.27, 2);
    expect(row(table, "periods")[1]).toBe(7);
    expect(row(table, "customers")[1]).toBe(1000);
    // standard errors from the observed information (computed by this code; the paper has none)
    roundsTo(row(table, "alpha")[2], 0.066, 3);
    roundsTo(row(table, "beta")[2], 0.152, 3);
    expect(row(table, "log_likelihood")[2]).toBe("");
  });

  it('fits "high end" to α 0.668, β 3.806, LL −1611.16 (Fader & Hardie 2007), read from a row', () => {
    const table = call("RETENTIONFIT", [HIGH_END.map((r) => r[0])], false) as unknown[][];
    expect(table.length).toBe(5);
    roundsTo(row(table, "alpha")[1], 0.668, 3);
    roundsTo(row(table, "beta")[1], 3.806, 3);
    roundsTo(row(table, "log_likelihood")[1], -1611.16, 2);
  });

  it("ignores empty cells after the last count (the censored cells of a SURVIVORS row)", () => {
    const table = call("RETENTIONFIT", [...REGULAR, [""], [null]], false) as unknown[][];
    roundsTo(row(table, "alpha")[1], 0.704, 3);
  });

  it("names the row of a bad count", () => {
    expectError(
      call("RETENTIONFIT", column([1000, 631, "x", 382])),
      ErrorCode.invalidValue,
      /survivors, row 3/
    );
    expectError(
      call("RETENTIONFIT", column([1000, 631, "", 382])),
      ErrorCode.invalidValue,
      /survivors, row 3 is empty/
    );
    expectError(
      call("RETENTIONFIT", [[1000, 631, "", 382]]),
      ErrorCode.invalidValue,
      /survivors, column 3 is empty/
    );
    expectError(call("RETENTIONFIT", column([1000, 631, 700, 382])), ErrorCode.invalidNumber);
    expectError(call("RETENTIONFIT", column([1000, 631.5, 468])), ErrorCode.invalidNumber);
    expectError(call("RETENTIONFIT", column([1000, 631])), ErrorCode.notAvailable, /at least 3/);
    expectError(
      call("RETENTIONFIT", [
        [1, 2],
        [3, 4],
      ]),
      ErrorCode.invalidValue,
      /survivors/
    );
  });

  it("refuses degenerate cohorts with a message, never a boundary estimate", () => {
    expectError(call("RETENTIONFIT", column([500, 500, 500])), ErrorCode.invalidValue, /Nobody/);
    expectError(call("RETENTIONFIT", column([500, 0, 0])), ErrorCode.invalidValue, /first period/);
    expectError(
      call("RETENTIONFIT", column([1024, 512, 256, 128, 64, 32])),
      ErrorCode.invalidValue,
      /0\.5 per period/
    );
  });
});

describe("CRM.RETENTIONFORECAST", () => {
  it("projects years 8–12 within 5% of the held-out counts (holdout counts: Fader & Hardie 2007; the 5% tolerance is ours)", () => {
    for (const [data, holdout] of [
      [REGULAR, REGULAR_HOLDOUT],
      [HIGH_END, HIGH_END_HOLDOUT],
    ] as const) {
      const table = call("RETENTIONFORECAST", data, 5) as unknown[][];
      expect(table[0]).toEqual(["period", "expected_survivors", "survival", "retention_rate"]);
      expect(table.slice(1).map((r) => r[0])).toEqual([8, 9, 10, 11, 12]);
      table.slice(1).forEach((r, i) => {
        const actual = holdout[i]!;
        expect(Math.abs((r[1] as number) - actual) / actual).toBeLessThan(0.05);
        expect(r[2] as number).toBeCloseTo((r[1] as number) / 1000, 12);
      });
    }
  });

  it('gives "high end" survival 0.460, 0.436, 0.414, 0.395, 0.378 (Python sBG implementation "shifted_beta_geometric", README)', () => {
    const table = call("RETENTIONFORECAST", HIGH_END, 5, false) as unknown[][];
    [0.46, 0.436, 0.414, 0.395, 0.378].forEach((s, i) => roundsTo(table[i]![2], s, 3));
  });

  it("gives retention rates (β + t − 1)/(α + β + t − 1) that rise with tenure", () => {
    const fit = call("RETENTIONFIT", REGULAR) as unknown[][];
    const alpha = row(fit, "alpha")[1] as number;
    const beta = row(fit, "beta")[1] as number;
    const table = call("RETENTIONFORECAST", REGULAR, 3, false) as unknown[][];
    table.forEach((r) => {
      const t = r[0] as number;
      expect(r[3] as number).toBeCloseTo((beta + t - 1) / (alpha + beta + t - 1), 12);
    });
    expect(table[2]![3] as number).toBeGreaterThan(table[0]![3] as number);
  });

  it("refuses a periods_ahead that is not a whole number ≥ 1 or would not fit the grid", () => {
    expectError(call("RETENTIONFORECAST", REGULAR, 0), ErrorCode.invalidNumber);
    expectError(call("RETENTIONFORECAST", REGULAR, 2.5), ErrorCode.invalidNumber);
    expectError(call("RETENTIONFORECAST", REGULAR, 2_000_000), ErrorCode.invalidNumber);
    expectError(call("RETENTIONFORECAST", REGULAR, "x"), ErrorCode.invalidValue, /periods_ahead/);
  });
});

describe("CRM.RESIDUALLIFETIME", () => {
  it('values the "high end" survivors after 7 years at 7.530 payments at 10% (Python sBG README; Fader & Hardie 2010 eq. (6))', () => {
    roundsTo(call("RESIDUALLIFETIME", HIGH_END, 0.1), 7.53, 3);
    roundsTo(call("RESIDUALLIFETIME", HIGH_END, 0.1, 7), 7.53, 3);
  });

  it("is lower for a customer with fewer renewals (the loyal ones stay)", () => {
    expect(call("RESIDUALLIFETIME", HIGH_END, 0.1, 0) as number).toBeLessThan(
      call("RESIDUALLIFETIME", HIGH_END, 0.1, 7) as number
    );
  });

  it("is infinite, #NUM!, undiscounted when α ≤ 1 (the mean lifetime diverges)", () => {
    expectError(call("RESIDUALLIFETIME", REGULAR, null, null), ErrorCode.invalidNumber);
  });

  it("refuses a negative discount rate and fractional renewals", () => {
    expectError(call("RESIDUALLIFETIME", REGULAR, -0.1), ErrorCode.invalidNumber);
    expectError(call("RESIDUALLIFETIME", REGULAR, 0.1, 1.5), ErrorCode.invalidNumber);
  });
});

describe("CRM.SURVIVORS", () => {
  const d = (iso: string) => excelSerial(iso);

  it("spills cohort, first day, customers and the survivor counts, censored periods empty", () => {
    const table = call(
      "SURVIVORS",
      column(["A", "B", "C"]),
      column([d("2024-03-01"), "2024-03-09", d("2024-04-01")]),
      column([d("2024-04-18"), "", null]),
      "month",
      "2024-05-31"
    ) as unknown[][];
    expect(table).toEqual([
      ["cohort", "first_day", "customers", "offset_0", "offset_1", "offset_2"],
      ["2024-03", d("2024-03-01"), 2, 2, 1, 1],
      ["2024-04", d("2024-04-01"), 1, 1, 1, ""],
    ]);
  });

  it("gives a row RETENTIONFIT reads as it is (empty cells at its end ignored)", () => {
    // a yearly cohort of 1,000 built to Fader & Hardie's "regular" counts, years 2010–2017
    const counts = [1000, 631, 468, 382, 326, 289, 262, 241];
    const ids: unknown[] = [];
    const starts: unknown[] = [];
    const ends: unknown[] = [];
    for (let year = 1; year < counts.length; year++) {
      for (let i = 0; i < counts[year - 1]! - counts[year]!; i++) {
        ids.push(ids.length + 1);
        starts.push(d("2010-03-01"));
        ends.push(d(`${2010 + year}-06-30`));
      }
    }
    while (ids.length < 1000) {
      ids.push(ids.length + 1);
      starts.push(d("2010-03-01"));
      ends.push("");
    }
    // a second, younger cohort: its row ends in an empty (censored) cell
    ids.push(5000);
    starts.push(d("2011-02-01"));
    ends.push("");
    const table = call(
      "SURVIVORS",
      column(ids),
      column(starts),
      column(ends),
      "year",
      "2017-12-31",
      false
    ) as unknown[][];
    expect(table[0]!.slice(3)).toEqual(counts);
    const fit = call("RETENTIONFIT", [table[0]!.slice(3)]) as unknown[][];
    roundsTo(row(fit, "alpha")[1], 0.704, 3);
    expect(table[1]!.slice(3)).toEqual([1, 1, 1, 1, 1, 1, 1, ""]);
    const young = call("RETENTIONFIT", [table[1]!.slice(3)]);
    expectError(young, ErrorCode.invalidValue, /Nobody/);
  });

  it("names the argument and row of a bad cell", () => {
    expectError(
      call("SURVIVORS", column(["A", "B"]), column(["2024-03-01", "soon"]), column(["", ""])),
      ErrorCode.invalidValue,
      /start_dates, row 2/
    );
    expectError(
      call(
        "SURVIVORS",
        column(["A", "B"]),
        column(["2024-03-01", "2024-03-02"]),
        column(["", "2024-01-01"])
      ),
      ErrorCode.invalidValue,
      /end_dates, row 2/
    );
    expectError(
      call("SURVIVORS", column(["A", "A"]), column(["2024-03-01", "2024-04-01"]), column(["", ""])),
      ErrorCode.invalidValue,
      /customer_ids, row 2.*overlap/
    );
    expectError(
      call("SURVIVORS", column(["A", "B"]), column(["2024-03-01"]), column(["", ""])),
      ErrorCode.invalidValue,
      /start_dates has 1 rows/
    );
    expectError(
      call("SURVIVORS", column(["A"]), column(["2024-03-01"]), column([""]), "week"),
      ErrorCode.invalidValue,
      /period/
    );
  });

  it("skips empty rows (empty cells arriving as 0 too) and says so when there is nothing", () => {
    const table = call(
      "SURVIVORS",
      column(["A", "", 0]),
      column(["2024-03-01", "", 0]),
      column(["", "", 0]),
      "month",
      "2024-04-30",
      false
    ) as unknown[][];
    expect(table).toEqual([["2024-03", d("2024-03-01"), 1, 1, 1]]);
    expectError(
      call("SURVIVORS", column([""]), column([""]), column([""])),
      ErrorCode.notAvailable
    );
  });
});
