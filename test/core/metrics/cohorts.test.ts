import { expect } from "../../support/expect";
import { cohortRetention } from "../../../src/core/metrics/cohorts";
import { serialFromYmd } from "../../../src/core/input/dates";
import { historiesOf as histories } from "../../support/histories";

const d = serialFromYmd;

// March cohort: a (Mar 3, Apr 10), b (Mar 20). April cohort: c (Apr 2, Apr 30, May 1).
const rows: [string, number, number][] = [
  ["a", d(2024, 3, 3), 100],
  ["a", d(2024, 4, 10), 50],
  ["b", d(2024, 3, 20), 100],
  ["c", d(2024, 4, 2), 40],
  ["c", d(2024, 4, 30), 40],
  ["c", d(2024, 5, 1), 20],
];

describe("cohortRetention", () => {
  it("is the share of each cohort buying k months after its first (computed by hand)", () => {
    const table = cohortRetention(histories(rows), { asOf: d(2024, 5, 31) });
    expect(table.rows.map((r) => r.cohort.label)).toEqual(["2024-03", "2024-04"]);
    // March: month 0 both, April only a (1/2), May nobody; April: month 0 c, May c
    expect(table.rows[0]).toMatchObject({ size: 2, values: [1, 0.5, 0] });
    expect(table.rows[1]).toMatchObject({ size: 1, values: [1, 1, null] });
  });

  it("leaves periods that have not fully elapsed empty, never 0", () => {
    // As of May 15, May is not over: March's offset 2 and April's offset 1 are unknown.
    const table = cohortRetention(histories(rows), { asOf: d(2024, 5, 15) });
    expect(table.rows[0]!.values).toEqual([1, 0.5, null]);
    expect(table.rows[1]!.values).toEqual([1, null, null]);
  });

  it("measures revenue as each period's revenue over the cohort's first-period revenue", () => {
    // March cohort: March 200, April 50 → 0.25, May 0; April cohort: April 80, May 20 → 0.25
    const table = cohortRetention(histories(rows), { asOf: d(2024, 5, 31), measure: "revenue" });
    expect(table.rows[0]!.values).toEqual([1, 0.25, 0]);
    expect(table.rows[1]!.values).toEqual([1, 0.25, null]);
  });

  it("ignores purchases after as_of", () => {
    const table = cohortRetention(histories(rows), { asOf: d(2024, 4, 30) });
    expect(table.rows[0]!.values).toEqual([1, 0.5]);
    expect(table.rows[1]!.values).toEqual([1, null]);
  });

  it("groups by quarter", () => {
    const table = cohortRetention(histories(rows), { asOf: d(2024, 6, 30), period: "quarter" });
    expect(table.rows.map((r) => [r.cohort.label, r.size, ...r.values])).toEqual([
      ["2024-Q1", 2, 1, 0.5],
      ["2024-Q2", 1, 1, null],
    ]);
  });

  describe("edge cases", () => {
    it("shows empty offsets beyond the data when max_offset asks for more", () => {
      const table = cohortRetention(histories(rows), { asOf: d(2024, 5, 31), maxOffset: 3 });
      expect(table.rows[0]!.values).toEqual([1, 0.5, 0, null]);
    });
  });
});
