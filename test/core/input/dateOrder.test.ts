/**
 * QA problem 3: day-first and month-first text dates. A value whose order shows by itself
 * (13.02.2024: 13 is no month) is read; a column's ambiguous values (05.01.2024) are read by the
 * order its other values show, and refused by row, with a true message, when the column shows
 * both orders or neither. Rules: src/core/input/dates.ts inferDateOrder, src/core/input/input.ts.
 */
import { expect } from "../../support/expect";
import {
  inferDateOrder,
  parseTextDate,
  parseTextDateInOrder,
  serialFromYmd,
} from "../../../src/core/input/dates";
import { auditTransactions, readDate, readTransactions } from "../../../src/core/input/input";
import { expectCrmError } from "../expectError";

const day = (y: number, m: number, d: number) => serialFromYmd(y, m, d);
const readDates = (dates: unknown[]) =>
  Array.from(readTransactions({ customerIds: dates.map(() => "a"), dates }).days);

describe("single values", () => {
  it("reads a value whose first number is above 12 as day first: 13/1/2024, 13.02.2024", () => {
    expect(parseTextDate("13/1/2024")).toBe(day(2024, 1, 13));
    expect(parseTextDate("13.02.2024")).toBe(day(2024, 2, 13));
    expect(readDate("31-12-2024 10:30", { argument: "as_of" })).toBe(day(2024, 12, 31));
  });

  it("reads a value whose second number is above 12 as month first: 2/13/2024", () => {
    expect(parseTextDate("2/13/2024")).toBe(day(2024, 2, 13));
    expect(parseTextDate("12/31/2024")).toBe(day(2024, 12, 31));
  });

  it("reads 1/1/2024 (the same day either way) and refuses 05.01.2024 alone as ambiguous", () => {
    expect(parseTextDate("1/1/2024")).toBe(day(2024, 1, 1));
    expect(parseTextDate("05.01.2024")).toBeUndefined();
    const error = expectCrmError(
      () => readDate("05.01.2024", { argument: "as_of" }),
      "value",
      "as_of"
    );
    expect(error.message).toBe(
      'as_of is "05.01.2024": day and month order is ambiguous; write dates as 2024-03-01.'
    );
  });

  it("refuses values that are no date either way, without calling them ambiguous", () => {
    for (const text of ["13/13/2024", "31.02.2024", "32/1/2024"]) {
      const error = expectCrmError(() => readDate(text, { argument: "as_of" }), "value", "as_of");
      expect(error.message).toContain("which is not a date");
      expect(error.message).not.toContain("ambiguous");
    }
  });

  it("says a two-digit year is what is ambiguous in 13/1/24", () => {
    const error = expectCrmError(
      () => readDate("13/1/24", { argument: "as_of" }),
      "value",
      "as_of"
    );
    expect(error.message).toContain("a year of fewer than four digits is ambiguous");
  });

  it('reads a one-value column by what it shows: GRADE\'s {"13/1/2024"} (the QA case)', () => {
    expect(readDates(["13/1/2024"])).toEqual([day(2024, 1, 13)]);
  });
});

describe("column inference", () => {
  it("reads a dd.mm.yyyy column day first: 05.01.2024, 06.01.2024, 13.02.2024 (the QA case)", () => {
    expect(inferDateOrder(["05.01.2024", "06.01.2024", "13.02.2024"]).order).toBe("dayFirst");
    expect(readDates(["05.01.2024", "06.01.2024", "13.02.2024"])).toEqual([
      day(2024, 1, 5),
      day(2024, 1, 6),
      day(2024, 2, 13),
    ]);
  });

  it("reads an mm/dd/yyyy column month first: 01/05/2024, 1/13/2024", () => {
    expect(readDates(["01/05/2024", "1/13/2024", 45352])).toEqual([
      day(2024, 1, 5),
      day(2024, 1, 13),
      45352,
    ]);
    expect(parseTextDateInOrder("01/05/2024", "monthFirst")).toBe(day(2024, 1, 5));
  });

  it("refuses the ambiguous values of a self-contradicting column by row, naming both witnesses", () => {
    const dates = ["05.01.2024", "13.02.2024", "1/13/2024", "06.01.2024"];
    const audit = auditTransactions({ customerIds: dates.map(() => "a"), dates });
    expect(audit.problems.map((p) => p.row)).toEqual([1, 4]);
    expect(audit.problems[0]!.message).toBe(
      'dates, row 1 is "05.01.2024": day and month order is ambiguous, and this column shows both orders (row 2 "13.02.2024" is day first, row 3 "1/13/2024" month first); write dates as 2024-03-01.'
    );
    // the unambiguous values are read as they show
    expect(Array.from(audit.transactions.days)).toEqual([day(2024, 2, 13), day(2024, 1, 13)]);
    expectCrmError(
      () => readTransactions({ customerIds: dates.map(() => "a"), dates }),
      "value",
      "dates",
      1
    );
  });

  it("refuses ambiguous values by row when the column gives no evidence, saying so", () => {
    const dates = ["2024-01-05", "05.01.2024", "06.01.2024"];
    const audit = auditTransactions({ customerIds: dates.map(() => "a"), dates });
    expect(audit.problems.map((p) => p.row)).toEqual([2, 3]);
    expect(audit.problems[0]!.message).toContain("no date in this column shows which");
    expect(inferDateOrder(dates)).toEqual({
      order: undefined,
      dayFirst: undefined,
      monthFirst: undefined,
    });
  });

  it("never guesses from serial numbers or ISO text, and can be turned off", () => {
    expect(inferDateOrder([45352, "2024-03-01", "13.02.2024"]).order).toBe("dayFirst");
    const audit = auditTransactions({
      customerIds: ["a", "a"],
      dates: ["05.01.2024", "13.02.2024"],
      inferDateOrder: false,
    });
    expect(audit.problems.map((p) => p.row)).toEqual([1]);
  });
});
