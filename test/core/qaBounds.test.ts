/**
 * QA problems 2 and 5 in the core: revenue cohorts with a first-period base of 0 or less have no
 * ratio (SPEC §2 "Bounds": never a number that leaves the definition's meaning), and a rejected
 * value is shown cut to one short line (src/core/errors.ts showValue).
 */
import { expect } from "../support/expect";
import { cohortRetention } from "../../src/core/metrics/cohorts";
import { serialFromYmd } from "../../src/core/input/dates";
import { SHOWN_TEXT_LIMIT, showValue } from "../../src/core/errors";
import { readNumber } from "../../src/core/input/input";
import { historiesOf } from "../support/histories";

const d = (iso: string) => {
  const [y, m, day] = iso.split("-").map(Number);
  return serialFromYmd(y!, m!, day!);
};

describe("revenue cohorts with a base of 0 or less", () => {
  it("the QA case: January base 10 − 30 + 5 = −15 gives no ratio (NaN cells), never 1 and −3.33", () => {
    const h = historiesOf([
      ["A", d("2024-01-05"), 10],
      ["A", d("2024-01-20"), -30],
      ["A", d("2024-02-05"), 50],
      ["B", d("2024-01-07"), 5],
    ]);
    const table = cohortRetention(h, { measure: "revenue", asOf: d("2024-03-31") });
    const january = table.rows[0]!;
    expect(january.firstPeriodRevenue).toBe(-15);
    expect(january.values).toHaveLength(3);
    for (const value of january.values) expect(value).toBeNaN();
  });

  it("a base of exactly 0 gives NaN cells too (the function shows #DIV/0!)", () => {
    const h = historiesOf([
      ["A", d("2024-01-05"), 10],
      ["A", d("2024-01-20"), -10],
      ["A", d("2024-02-05"), 50],
    ]);
    const row = cohortRetention(h, { measure: "revenue", asOf: d("2024-02-29") }).rows[0]!;
    expect(row.firstPeriodRevenue).toBe(0);
    expect(row.values.every((v) => Number.isNaN(v))).toBe(true);
  });

  it("a positive base keeps its ratios; young periods stay empty (null); customers measure has no base", () => {
    const h = historiesOf([
      ["A", d("2024-01-05"), 100],
      ["A", d("2024-02-05"), 50],
    ]);
    const row = cohortRetention(h, { measure: "revenue", asOf: d("2024-02-29"), maxOffset: 2 })
      .rows[0]!;
    expect(row.values).toEqual([1, 0.5, null]); // 100 ÷ 100, 50 ÷ 100, March not elapsed
    const byCustomers = cohortRetention(h, { asOf: d("2024-02-29") }).rows[0]!;
    expect(byCustomers.firstPeriodRevenue).toBeUndefined();
  });
});

describe("showValue keeps a message one short line", () => {
  it("cuts a 5,000,000-character cell to 40 characters and …", () => {
    const huge = "x".repeat(5_000_000);
    expect(showValue(huge)).toBe(`"${"x".repeat(SHOWN_TEXT_LIMIT)}…"`);
    let message = "";
    try {
      readNumber(huge, { argument: "amounts", row: 2 });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(`amounts, row 2 is "${"x".repeat(40)}…", which is not a number.`);
  });

  it("shows line breaks and tabs as spaces, and never cuts a surrogate pair in half", () => {
    expect(showValue("a\r\nb\tc")).toBe('"a b c"');
    const emoji = "😀".repeat(50);
    expect(showValue(emoji)).toBe(`"${"😀".repeat(40)}…"`);
    expect(showValue("short")).toBe('"short"');
    expect(showValue("y".repeat(40))).toBe(`"${"y".repeat(40)}"`);
  });
});
