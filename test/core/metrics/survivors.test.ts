/**
 * Survivor counts per start cohort (src/core/metrics/survivors.ts), SPEC §2 "Contractual
 * retention (subscriptions)". Expected tables are worked out by hand from the rows shown.
 */
import { expect } from "../../support/expect";
import { cohortSurvivors, type Subscriptions } from "../../../src/core/metrics/survivors";
import { serialFromYmd } from "../../../src/core/input/dates";
import { fitShiftedBetaGeometric } from "../../../src/core/models/shiftedBetaGeometric";
import { expectCrmError } from "../expectError";

const day = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return serialFromYmd(y, m, d);
};

function subscriptions(rows: [string, string, string | undefined][]): Subscriptions {
  return {
    customerIds: rows.map((r) => r[0]),
    starts: rows.map((r) => day(r[1])),
    ends: rows.map((r) => (r[2] === undefined ? undefined : day(r[2]))),
  };
}

describe("cohortSurvivors", () => {
  it("counts each start cohort's size, then those still under contract at each period's end", () => {
    // March: A (ends 18 April), B (running); April: C (running). As of 31 May.
    const table = cohortSurvivors(
      subscriptions([
        ["A", "2024-03-01", "2024-04-18"],
        ["B", "2024-03-09", undefined],
        ["C", "2024-04-01", undefined],
      ]),
      { period: "month", asOf: day("2024-05-31") }
    );
    expect(table.maxOffset).toBe(2);
    expect(table.rows.map((r) => [r.cohort.label, r.size, r.survivors])).toEqual([
      ["2024-03", 2, [2, 1, 1]],
      ["2024-04", 1, [1, 1, null]],
    ]);
  });

  it("leaves periods not yet elapsed at as_of empty (right-censored), never 0, offset 0 too", () => {
    // as of 15 May: May has not ended, so March has offsets 0 and 1 only; April offset 0 only;
    // a cohort starting in May is still forming: no count at all
    const table = cohortSurvivors(
      subscriptions([
        ["A", "2024-03-01", "2024-03-20"],
        ["B", "2024-04-10", undefined],
        ["C", "2024-05-02", undefined],
      ]),
      { period: "month", asOf: day("2024-05-15") }
    );
    expect(table.rows.map((r) => [r.cohort.label, r.size, r.survivors])).toEqual([
      ["2024-03", 1, [1, 0, null]],
      ["2024-04", 1, [1, null, null]],
      ["2024-05", 1, [null, null, null]],
    ]);
  });

  it("counts an end on a period's last day as gone by that period's end, an end after as_of as running", () => {
    const table = cohortSurvivors(
      subscriptions([
        ["A", "2022-02-01", "2023-12-31"], // gone by the end of 2023
        ["B", "2022-06-01", "2024-03-01"], // ends after as_of: still running at 2023's end
        ["C", "2022-09-01", "2023-01-01"], // gone by the end of 2023, there at the end of 2022
      ]),
      { period: "year", asOf: day("2023-12-31") }
    );
    expect(table.rows[0]!.survivors).toEqual([3, 1]);
  });

  it("counts a customer who came back again, in the cohort of the new start", () => {
    const table = cohortSurvivors(
      subscriptions([
        ["A", "2024-01-05", "2024-02-10"],
        ["A", "2024-03-01", undefined],
      ]),
      { period: "month", asOf: day("2024-03-31") }
    );
    expect(table.rows.map((r) => [r.cohort.label, r.survivors])).toEqual([
      ["2024-01", [1, 0, 0]],
      ["2024-03", [1, null, null]],
    ]);
  });

  it("leaves out subscriptions starting after as_of and gives quarters their labels", () => {
    const table = cohortSurvivors(
      subscriptions([
        ["A", "2024-01-15", undefined],
        ["B", "2024-08-01", undefined],
      ]),
      { period: "quarter", asOf: day("2024-06-30") }
    );
    expect(table.rows.map((r) => [r.cohort.label, r.size, r.survivors])).toEqual([
      ["2024-Q1", 1, [1, 1]],
    ]);
  });

  it('gives the counts the sBG model fits: a yearly cohort built to Fader & Hardie\'s "regular" counts', () => {
    // 1000 customers starting in 2010; 1000 − 631 leave in 2011, … (Fader & Hardie 2007)
    const counts = [1000, 631, 468, 382, 326, 289, 262, 241];
    const rows: [string, string, string | undefined][] = [];
    let id = 0;
    for (let year = 1; year < counts.length; year++) {
      for (let i = 0; i < counts[year - 1]! - counts[year]!; i++)
        rows.push([`c${id++}`, "2010-01-01", `${2010 + year}-06-30`]);
    }
    while (id < 1000) rows.push([`c${id++}`, "2010-01-01", undefined]);
    const table = cohortSurvivors(subscriptions(rows), { period: "year", asOf: day("2017-12-31") });
    const survivors = table.rows[0]!.survivors as number[];
    expect(survivors).toEqual(counts);
    const fit = fitShiftedBetaGeometric(survivors);
    expect(fit.alpha).toBeCloseTo(0.704, 3);
    expect(fit.beta).toBeCloseTo(1.182, 3);
  });

  it("refuses an end before its start and overlapping subscriptions, naming the row", () => {
    expectCrmError(
      () =>
        cohortSurvivors(subscriptions([["A", "2024-03-01", "2024-02-01"]]), {
          asOf: day("2024-05-31"),
        }),
      "value",
      "end_dates",
      1
    );
    expectCrmError(
      () =>
        cohortSurvivors(
          subscriptions([
            ["A", "2024-01-01", undefined],
            ["B", "2024-01-01", undefined],
            ["A", "2024-03-01", undefined],
          ]),
          { asOf: day("2024-05-31") }
        ),
      "value",
      "customer_ids",
      3
    );
  });

  it("says so when nothing starts by as_of", () => {
    expectCrmError(
      () =>
        cohortSurvivors(subscriptions([["A", "2024-03-01", undefined]]), {
          asOf: day("2024-01-31"),
        }),
      "na",
      "as_of"
    );
  });
});
