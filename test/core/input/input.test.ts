import { expect } from "../../support/expect";
import {
  auditTransactions,
  isBlank,
  readCustomerId,
  readDate,
  readNumber,
  readOptionalDate,
  readOptionalNumber,
  readTransactions,
  sourceRowOf,
  toColumn,
  type Transactions,
} from "../../../src/core/input/input";
import { expectCrmError } from "../expectError";

/** Each kept row's 1-based row within the input ranges. */
const rowsOf = (transactions: Transactions) =>
  Array.from(transactions.days, (_, k) => sourceRowOf(transactions, k));

const NA = { code: "#N/A" };
const at = (argument: string, row?: number) =>
  row === undefined ? { argument } : { argument, row };
const column = (...cells: unknown[]): unknown[][] => cells.map((cell) => [cell]);

describe("isBlank", () => {
  it("is true for null, undefined, empty text and whitespace-only text", () => {
    for (const value of [null, undefined, "", " ", "\t\n", "\u3000", "\u00a0"]) {
      expect(isBlank(value), JSON.stringify(value)).toBe(true);
    }
  });

  it("is false for 0, FALSE and any visible text: 0 is a value for scalars", () => {
    for (const value of [0, false, "0", " a ", "-", NA]) {
      expect(isBlank(value), JSON.stringify(value)).toBe(false);
    }
  });
});

describe("readNumber", () => {
  const read = (value: unknown) => readNumber(value, at("amount"));

  it("passes finite numbers through", () => {
    expect(read(0)).toBe(0);
    expect(read(-3.5)).toBe(-3.5);
    expect(read(1e300)).toBe(1e300);
  });

  it("reads plain numeric text with sign and exponent", () => {
    expect(read("12")).toBe(12);
    expect(read(" 12 ")).toBe(12);
    expect(read("-0.5")).toBe(-0.5);
    expect(read(".5")).toBe(0.5);
    expect(read("5.")).toBe(5);
    expect(read("+7")).toBe(7);
    expect(read("1e3")).toBe(1000);
    expect(read("1.5E-3")).toBe(0.0015);
  });

  it("reads correctly grouped thousands separators", () => {
    // Excel: =VALUE("1,234,567.89") is 1234567.89
    expect(read("1,234,567.89")).toBe(1234567.89);
    expect(read("1,234")).toBe(1234);
    expect(read("-12,345")).toBe(-12345);
  });

  it("reads a leading currency symbol or a trailing 元", () => {
    expect(read("$12.50")).toBe(12.5);
    expect(read("¥1,200")).toBe(1200);
    expect(read("￥１，２００")).toBe(1200); // full-width yen sign and digits, via NFKC
    expect(read("€5")).toBe(5);
    expect(read("£0.99")).toBe(0.99);
    expect(read("$ 12")).toBe(12);
    expect(read("100元")).toBe(100);
    expect(read("1,200 元")).toBe(1200);
    expect(read("-$12.50")).toBe(-12.5);
    expect(read("$-12.50")).toBe(-12.5);
  });

  it("reads a percent as a fraction, exactly as the decimal written", () => {
    // Excel: =VALUE("12.5%") is 0.125
    expect(read("12.5%")).toBe(0.125);
    expect(read("12.345%")).toBe(0.12345);
    expect(read("100%")).toBe(1);
    expect(read("-5%")).toBe(-0.05);
    expect(read("12.5 %")).toBe(0.125);
    expect(read("1e1%")).toBe(0.1);
  });

  it("reads accounting negatives in parentheses", () => {
    // Excel: =VALUE("(12.50)") is -12.5
    expect(read("(12.50)")).toBe(-12.5);
    expect(read("($1,234.50)")).toBe(-1234.5);
    expect(read("(5%)")).toBe(-0.05);
  });

  it("reads full-width digits and the minus sign U+2212", () => {
    expect(read("１２３")).toBe(123);
    expect(read("\u221212")).toBe(-12);
  });

  it("reads a one-cell range as its cell", () => {
    expect(read([[5]])).toBe(5);
    expect(read(["6"])).toBe(6);
  });

  it("refuses text that is not a number, naming the argument and the value", () => {
    for (const text of [
      "abc",
      "12abc",
      "1.2.3",
      "--1",
      "(12",
      "12)",
      "(-12)",
      "0x1F",
      "0b11",
      "NaN",
      "1_000",
      "$12元",
      "$12%",
      "+-1",
      "12-",
      ".",
      "e5",
    ]) {
      const error = expectCrmError(() => read(text), "value", "amount");
      expect(error.message, text).toContain("not a number");
    }
  });

  it("refuses thousands separators that are not grouped by three, and decimal commas", () => {
    for (const text of ["1,23", "12,34", "1,2345", ",123", "1,,234", "1,234,56", "12,5"]) {
      expectCrmError(() => read(text), "value", "amount");
    }
  });

  it("names the Excel error code of an error cell: customers_at_start is #N/A", () => {
    const error = expectCrmError(
      () => readNumber(NA, at("customers_at_start")),
      "value",
      "customers_at_start"
    );
    expect(error.message).toBe("customers_at_start is #N/A; fix that cell first.");
    const byEnumName = expectCrmError(() => read({ code: "divisionByZero" }), "value", "amount");
    expect(byEnumName.message).toContain("#DIV/0!");
  });

  it("names the row of a cell in a range", () => {
    const error = expectCrmError(
      () => readNumber("abc", at("amounts", 17)),
      "value",
      "amounts",
      17
    );
    expect(error.message).toBe('amounts, row 17 is "abc", which is not a number.');
  });

  describe("edge cases", () => {
    it("refuses blanks as empty", () => {
      for (const value of ["", "   ", null, undefined]) {
        const error = expectCrmError(() => read(value), "value", "amount");
        expect(error.message).toBe("amount is empty.");
      }
    });

    it("refuses booleans rather than reading TRUE as 1", () => {
      expectCrmError(() => read(true), "value", "amount");
      expectCrmError(() => read(false), "value", "amount");
    });

    it("refuses NaN, Infinity and text beyond the range of numbers as not finite", () => {
      for (const value of [
        Number.NaN,
        Number.POSITIVE_INFINITY,
        -Infinity,
        "1e999",
        "Infinity",
        "$1e999",
      ]) {
        const error = expectCrmError(() => read(value), "value", "amount");
        expect(error.message, String(value)).toContain("not a finite number");
      }
    });

    it("refuses other types and ranges of more than one cell", () => {
      expectCrmError(() => read({}), "value", "amount");
      expectCrmError(() => read(Symbol("x")), "value", "amount");
      const range = expectCrmError(() => read([[1, 2]]), "value", "amount");
      expect(range.message).toBe("amount must be a single value, got 1 row × 2 columns.");
      expectCrmError(() => read([1, 2]), "value", "amount");
    });

    it("keeps -0 and tiny numbers exact", () => {
      expect(Object.is(read("-0"), -0)).toBe(true);
      expect(read("5e-324")).toBe(5e-324);
    });
  });
});

describe("readOptionalNumber", () => {
  it("gives the fallback for an omitted argument or a blank cell", () => {
    for (const value of [null, undefined, "", "  "]) {
      expect(readOptionalNumber(value, at("inactive_days"), 90)).toBe(90);
    }
    expect(readOptionalNumber([[null]], at("inactive_days"), 90)).toBe(90);
  });

  it("reads 0 as 0, never as blank, and anything else as readNumber does", () => {
    expect(readOptionalNumber(0, at("margin"), 1)).toBe(0);
    expect(readOptionalNumber("30%", at("margin"), 1)).toBe(0.3);
    expectCrmError(() => readOptionalNumber("abc", at("margin"), 1), "value", "margin");
    expectCrmError(() => readOptionalNumber(true, at("margin"), 1), "value", "margin");
  });
});

describe("readDate", () => {
  const read = (value: unknown) => readDate(value, at("as_of"));

  it("reads Excel serial numbers, dropping a time of day", () => {
    expect(read(45352)).toBe(45352); // Excel: =DATE(2024,3,1) is 45352
    expect(read(45352.75)).toBe(45352); // 2024-03-01 18:00
    expect(read(61)).toBe(61); // 1900-03-01
    expect(read(2958465)).toBe(2958465); // 9999-12-31
  });

  it("reads serials 1..59 as the real dates 1900-01-01..1900-02-28 (day serials 2..60)", () => {
    expect(read(1)).toBe(2);
    expect(read(59)).toBe(60);
  });

  it("reads eight-digit numbers that are calendar dates as yyyymmdd, as in the CDNOW data", () => {
    expect(read(19970101)).toBe(35431); // Excel: =DATE(1997,1,1) is 35431
    expect(read(20240301)).toBe(45352);
    expect(read(19000101)).toBe(2);
    expect(read(99991231)).toBe(2958465);
  });

  it("reads numeric text like the number", () => {
    expect(read("45352")).toBe(45352);
    expect(read(" 45352.5 ")).toBe(45352);
    expect(read("20240301")).toBe(45352);
    expect(read("１９９７０１０１")).toBe(35431);
  });

  it("reads text dates", () => {
    for (const text of [
      "2024-03-01",
      "2024/3/1",
      "2024.3.1",
      "2024年3月1日",
      "2024-03-01T10:20:30+08:00",
      "1 Mar 2024",
    ]) {
      expect(read(text), text).toBe(45352);
    }
  });

  it("reads a one-cell range as its cell", () => {
    expect(read([["2024-03-01"]])).toBe(45352);
  });

  it("serial 60 is Excel's fictitious 1900-02-29 and is rejected with its own message", () => {
    for (const value of [60, 60.5, "60"]) {
      const error = expectCrmError(() => readDate(value, at("dates", 4)), "value", "dates", 4);
      expect(error.message).toContain("1900-02-29");
    }
  });

  it("refuses serials below 1 and above 2958465", () => {
    for (const value of [
      0,
      0.5,
      -1,
      2958466,
      19000100,
      19970101.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      "0",
      "1e999",
    ]) {
      const error = expectCrmError(() => read(value), "value", "as_of");
      expect(error.message, String(value)).toContain(
        "Excel dates run from 1 (1900-01-01) to 2958465 (9999-12-31)"
      );
    }
  });

  it("refuses eight-digit numbers that look like yyyymmdd but are no date", () => {
    for (const value of [20230229, 20241301, 20240431, "20230229"]) {
      const error = expectCrmError(() => read(value), "value", "as_of");
      expect(error.message, String(value)).toContain("yyyymmdd");
    }
  });

  it("refuses day-first and month-first text, asking for 2024-03-01", () => {
    for (const text of ["3/1/2024", "01/03/2024", "1.3.2024", "01-03-2024 10:00"]) {
      const error = expectCrmError(() => readDate(text, at("dates", 9)), "value", "dates", 9);
      expect(error.message).toBe(
        `dates, row 9 is "${text}": day and month order is ambiguous; write dates as 2024-03-01.`
      );
    }
  });

  it("refuses text that is no date, suggesting the ISO form", () => {
    for (const text of ["abc", "2023-02-29", "2024-13-01", "next week"]) {
      const error = expectCrmError(() => read(text), "value", "as_of");
      expect(error.message).toContain("write dates as 2024-03-01");
    }
  });

  it("refuses real dates before 1900-01-01, which Excel cannot hold", () => {
    const error = expectCrmError(() => read("1899-12-31"), "value", "as_of");
    expect(error.message).toContain("before 1900-01-01");
  });

  describe("edge cases", () => {
    it("refuses blanks, booleans and Excel errors", () => {
      expect(expectCrmError(() => read(""), "value", "as_of").message).toBe("as_of is empty.");
      expectCrmError(() => read(null), "value", "as_of");
      expectCrmError(() => read(true), "value", "as_of");
      expect(expectCrmError(() => read(NA), "value", "as_of").message).toContain("#N/A");
      expectCrmError(() => read({}), "value", "as_of");
    });

    it("readOptionalDate gives undefined for an omitted or blank argument", () => {
      expect(readOptionalDate(null, at("as_of"))).toBeUndefined();
      expect(readOptionalDate("", at("as_of"))).toBeUndefined();
      expect(readOptionalDate("2024-03-01", at("as_of"))).toBe(45352);
      expectCrmError(() => readOptionalDate(0, at("as_of")), "value", "as_of");
    });
  });
});

describe("readCustomerId", () => {
  const read = (value: unknown) => readCustomerId(value, at("customer_id"));

  it("makes the number 1001 and the text 1001 one customer", () => {
    expect(read(1001)).toBe("1001");
    expect(read("1001")).toBe("1001");
    expect(read(" 1001 ")).toBe("1001");
    // Full-width digits are other text, as in Excel (no NFKC for ids): input.ts foldIdText.
    expect(read("１００１")).toBe("１００１");
  });

  it("keeps leading zeros: 001001 is not the customer 1001", () => {
    expect(read("001001")).toBe("001001");
    expect(read("001001")).not.toBe(read(1001));
    expect(read("00001")).toBe("00001"); // a CDNOW id as text
  });

  it("ignores case like Excel's matching: abc and ABC are one customer", () => {
    expect(read("abc")).toBe("ABC");
    expect(read("ABC")).toBe("ABC");
    expect(read(" c-07 ")).toBe("C-07");
  });

  it("writes whole numbers in full without exponent, exactly up to 2^53", () => {
    expect(read(2 ** 53)).toBe("9007199254740992");
    expect(read(-(2 ** 53))).toBe("-9007199254740992");
    expect(read(123456789012345)).toBe("123456789012345");
    expect(read(1e21)).toBe("1000000000000000000000");
    expect(read(1.5e25)).toBe("15000000000000000000000000");
  });

  it("writes other numbers as JavaScript prints them", () => {
    expect(read(10.5)).toBe("10.5");
    expect(read(-7)).toBe("-7");
    expect(read(-0)).toBe("0");
    expect(read("10.5")).toBe(read(10.5));
  });

  describe("edge cases", () => {
    it("refuses blanks, booleans, Excel errors and non-finite numbers", () => {
      expect(expectCrmError(() => read(""), "value", "customer_id").message).toBe(
        "customer_id is empty."
      );
      expectCrmError(() => read("   "), "value", "customer_id");
      expectCrmError(() => read(null), "value", "customer_id");
      expectCrmError(() => read(true), "value", "customer_id");
      expect(expectCrmError(() => read(NA), "value", "customer_id").message).toContain("#N/A");
      expectCrmError(() => read(Number.NaN), "value", "customer_id");
      expectCrmError(() => read(Number.POSITIVE_INFINITY), "value", "customer_id");
    });
  });
});

describe("toColumn", () => {
  it("reads an n×1 range top to bottom", () => {
    expect(toColumn([[1], [2], [3]], "amounts")).toEqual([1, 2, 3]);
  });

  it("reads a 1×n range left to right, without copying", () => {
    const row = [1, 2, 3];
    expect(toColumn([row], "amounts")).toBe(row);
  });

  it("returns a 1-D array as it is and wraps a scalar as one cell", () => {
    const list = ["a", "b"];
    expect(toColumn(list, "customer_ids")).toBe(list);
    expect(toColumn(5, "amounts")).toEqual([5]);
    expect(toColumn(null, "amounts")).toEqual([null]);
    expect(toColumn([[7]], "amounts")).toEqual([7]);
  });

  it("refuses a range with more than one row and more than one column", () => {
    const error = expectCrmError(
      () =>
        toColumn(
          [
            [1, 2],
            [3, 4],
            [5, 6],
          ],
          "customer_ids"
        ),
      "value",
      "customer_ids"
    );
    expect(error.message).toBe(
      "customer_ids must be a single column or row, got 3 rows × 2 columns."
    );
  });

  describe("edge cases", () => {
    it("reads empty arrays as no cells", () => {
      expect(toColumn([], "amounts")).toEqual([]);
      expect(toColumn([[]], "amounts")).toEqual([]);
    });
  });
});

describe("readTransactions", () => {
  it("reads ids, dates and amounts into typed columns", () => {
    const result = readTransactions({
      customerIds: column(1001, "c-7", 1001),
      dates: column(45352, "2024-03-02", 19970101),
      amounts: column(10, "$5.50", "(2.00)"),
    });
    expect(Array.from(result.customerIndex)).toEqual([0, 1, 0]);
    expect(result.customerIds).toEqual(["1001", "c-7"]); // shown as the sheet holds it
    expect(Array.from(result.customerFirstRow)).toEqual([1, 2]);
    expect(Array.from(result.days)).toEqual([45352, 45353, 35431]);
    expect(Array.from(result.amounts ?? [])).toEqual([10, 5.5, -2]);
    expect(rowsOf(result)).toEqual([1, 2, 3]);
    expect(result.skippedBlankRows).toBe(0);
    expect(result.customerIndex).toBeInstanceOf(Int32Array);
    expect(result.days).toBeInstanceOf(Int32Array);
    expect(result.amounts).toBeInstanceOf(Float64Array);
  });

  it("interns ids in order of first appearance, by their canonical form", () => {
    const result = readTransactions({
      customerIds: column(1001, "1001", " 1001 ", "001001", "abc", "ABC", "１００１"),
      dates: column(45352, 45352, 45352, 45352, 45352, 45352, 45352),
    });
    // abc and ABC match (case ignored) and show as first written; full-width １００１ is other
    // text than 1001 (input.ts foldIdText: no NFKC for ids).
    expect(result.customerIds).toEqual(["1001", "001001", "abc", "１００１"]);
    expect(Array.from(result.customerIndex)).toEqual([0, 0, 0, 1, 2, 2, 3]);
    expect(Array.from(result.customerFirstRow)).toEqual([1, 4, 5, 7]);
  });

  it("has no amounts when none are given (undefined or null)", () => {
    expect(readTransactions({ customerIds: [1], dates: [45352] }).amounts).toBeUndefined();
    expect(
      readTransactions({ customerIds: [1], dates: [45352], amounts: null }).amounts
    ).toBeUndefined();
  });

  it("allows negative amounts (refunds)", () => {
    const result = readTransactions({
      customerIds: [1, 1],
      dates: [45352, 45353],
      amounts: [30, -30],
    });
    expect(Array.from(result.amounts ?? [])).toEqual([30, -30]);
  });

  it("reads columns given as rows, and a column and a row together", () => {
    const result = readTransactions({
      customerIds: [[1, 2, 3]],
      dates: column(45352, 45353, 45354),
    });
    expect(Array.from(result.days)).toEqual([45352, 45353, 45354]);
    expect(result.customerIds).toEqual(["1", "2", "3"]);
  });

  it("uses the argument names it is given in messages", () => {
    expectCrmError(
      () =>
        readTransactions({
          customerIds: [1, 2],
          dates: [45352, "x"],
          names: { dates: "purchase_dates" },
        }),
      "value",
      "purchase_dates",
      2
    );
  });

  describe("blank rows", () => {
    it("skips rows where every cell is blank and counts them", () => {
      const result = readTransactions({
        customerIds: column(1, "", null, 2, "  ", undefined),
        dates: column(45352, "", "", 45353, null, ""),
        amounts: column(5, null, "", 6, "", " "),
      });
      expect(rowsOf(result)).toEqual([1, 4]);
      expect(result.skippedBlankRows).toBe(4);
      expect(Array.from(result.amounts ?? [])).toEqual([5, 6]);
    });

    it("skips rows of zeros, because some platforms pass empty cells as 0", () => {
      const result = readTransactions({
        customerIds: column(1, 0, "", 0),
        dates: column(45352, 0, 0, 0),
        amounts: column(5, 0, "", ""),
      });
      expect(rowsOf(result)).toEqual([1]);
      expect(result.skippedBlankRows).toBe(3);
      const noAmounts = readTransactions({ customerIds: column(1, 0), dates: column(45352, 0) });
      expect(noAmounts.skippedBlankRows).toBe(1);
    });

    it("does not skip a row with a 0 date next to a real id or amount: 0 is no date", () => {
      expectCrmError(
        () => readTransactions({ customerIds: [1, 2], dates: [45352, 0], amounts: [5, 5] }),
        "value",
        "dates",
        2
      );
      expectCrmError(
        () => readTransactions({ customerIds: [1, 0], dates: [45352, 0], amounts: [5, 12] }),
        "value",
        "dates",
        2
      );
    });

    it("does not skip a partly filled row: its empty cells are errors", () => {
      const date = expectCrmError(
        () => readTransactions({ customerIds: [1, 2], dates: [45352, ""], amounts: [5, 5] }),
        "value",
        "dates",
        2
      );
      expect(date.message).toBe("dates, row 2 is empty.");
      expectCrmError(
        () => readTransactions({ customerIds: [1, ""], dates: [45352, 45352], amounts: [5, 5] }),
        "value",
        "customer_ids",
        2
      );
      expectCrmError(
        () => readTransactions({ customerIds: [1, 2], dates: [45352, 45352], amounts: [5, ""] }),
        "value",
        "amounts",
        2
      );
      // An id of 0 with an empty date is a partly filled row, not a platform's empty cells.
      expectCrmError(
        () => readTransactions({ customerIds: [1, 0], dates: [45352, ""], amounts: [5, ""] }),
        "value",
        "dates",
        2
      );
    });

    it("accepts an amount of 0 in a filled row", () => {
      const result = readTransactions({ customerIds: [1], dates: [45352], amounts: [0] });
      expect(Array.from(result.amounts ?? [])).toEqual([0]);
    });

    it("counts rows within the range, blank rows included", () => {
      expectCrmError(
        () => readTransactions({ customerIds: column("", "", 3), dates: column("", "", "soon") }),
        "value",
        "dates",
        3
      );
    });
  });

  it("throws at the first bad cell: rows top to bottom, then id, date, amount", () => {
    const input = {
      customerIds: column(1, true, 3),
      dates: column(45352, "x", "y"),
      amounts: column(1, "z", 3),
    };
    expectCrmError(() => readTransactions(input), "value", "customer_ids", 2);
    expectCrmError(
      () => readTransactions({ ...input, customerIds: column(1, 2, 3) }),
      "value",
      "dates",
      2
    );
    expectCrmError(
      () => readTransactions({ ...input, customerIds: column(1, 2, 3), dates: column(1, 2, "y") }),
      "value",
      "amounts",
      2
    );
  });

  it("names the row of a bad cell in every column", () => {
    const base = {
      customerIds: column(1, 2, 3),
      dates: column(45352, 45352, 45352),
      amounts: column(1, 2, 3),
    };
    expect(
      expectCrmError(
        () => readTransactions({ ...base, customerIds: column(1, 2, NA) }),
        "value",
        "customer_ids",
        3
      ).message
    ).toBe("customer_ids, row 3 is #N/A; fix that cell first.");
    expectCrmError(
      () => readTransactions({ ...base, dates: column(45352, 60, 45352) }),
      "value",
      "dates",
      2
    );
    expectCrmError(
      () => readTransactions({ ...base, dates: column(45352, 45352, "3/1/2024") }),
      "value",
      "dates",
      3
    );
    expectCrmError(
      () => readTransactions({ ...base, amounts: column(1, "abc", 3) }),
      "value",
      "amounts",
      2
    );
    expectCrmError(
      () => readTransactions({ ...base, amounts: column(false, 2, 3) }),
      "value",
      "amounts",
      1
    );
  });

  it("refuses columns of different lengths, naming both and their lengths", () => {
    const error = expectCrmError(
      () => readTransactions({ customerIds: column(1, 2, 3), dates: column(45352, 45353) }),
      "value",
      "dates"
    );
    expect(error.message).toBe(
      "dates has 2 rows but customer_ids has 3; the ranges must be the same size."
    );
    expect(error.message).toContain("customer_ids");
    const amounts = expectCrmError(
      () => readTransactions({ customerIds: [1, 2], dates: [45352, 45353], amounts: [1, 2, 3] }),
      "value",
      "amounts"
    );
    expect(amounts.message).toContain("customer_ids has 2");
  });

  it("refuses a 2-D argument", () => {
    expectCrmError(
      () =>
        readTransactions({
          customerIds: [
            [1, 2],
            [3, 4],
          ],
          dates: [45352, 45353],
        }),
      "value",
      "customer_ids"
    );
  });

  describe("edge cases", () => {
    it("an empty table, or one of blank rows only, has no data (#N/A)", () => {
      for (const input of [
        { customerIds: [], dates: [] },
        { customerIds: column("", null), dates: column("", ""), amounts: column("", "") },
        { customerIds: column(0, 0), dates: column(0, 0) },
        { customerIds: null, dates: null },
      ]) {
        const error = expectCrmError(() => readTransactions(input), "na", "customer_ids");
        expect(error.message).toBe("customer_ids has no data.");
      }
    });

    it("reads a single cell as a one-row table", () => {
      const result = readTransactions({ customerIds: "a", dates: "2024-03-01", amounts: "12" });
      expect(result.customerIds).toEqual(["a"]);
      expect(Array.from(result.days)).toEqual([45352]);
    });

    it("trims its columns to the kept rows when a whole column was selected", () => {
      const blanks = Array.from({ length: 1000 }, () => [""]);
      const result = readTransactions({
        customerIds: [[1], ...blanks],
        dates: [[45352], ...blanks],
        amounts: [[9], ...blanks],
      });
      expect(result.days.length).toBe(1);
      expect(rowsOf(result)).toHaveLength(1);
      expect(result.skippedBlankRows).toBe(1000);
    });
  });
});

describe("auditTransactions", () => {
  const input = {
    customerIds: column(1, "", 2, true, 3, "", 4),
    dates: column(45352, "", "3/1/2024", 45352, 60, "", 45353),
    amounts: column(5, "", "abc", 7, 8, "", -1),
  };

  it("collects every bad cell with argument, row, kind and message, and keeps the good rows", () => {
    const audit = auditTransactions(input);
    expect(audit.problems.map((p) => [p.argument, p.row, p.kind])).toEqual([
      ["dates", 3, "value"],
      ["amounts", 3, "value"],
      ["customer_ids", 4, "value"],
      ["dates", 5, "value"],
    ]);
    expect(audit.problems[0]?.message).toContain("ambiguous");
    expect(audit.problems[3]?.message).toContain("1900-02-29");
    expect(audit.problemCount).toBe(4);
    expect(audit.rowsWithProblems).toBe(3);
    expect(rowsOf(audit.transactions)).toEqual([1, 7]);
    expect(audit.transactions.skippedBlankRows).toBe(2);
  });

  it("reports the same first problem that readTransactions throws", () => {
    const audit = auditTransactions(input);
    const error = expectCrmError(() => readTransactions(input), "value", "dates", 3);
    expect(audit.problems[0]?.message).toBe(error.message);
  });

  it("does not count a customer seen only in bad rows", () => {
    const audit = auditTransactions(input);
    expect(audit.transactions.customerIds).toEqual(["1", "4"]);
    expect(Array.from(audit.transactions.customerIndex)).toEqual([0, 1]);
    expect(Array.from(audit.transactions.customerFirstRow)).toEqual([1, 7]);
  });

  it("reads good rows exactly as readTransactions does", () => {
    const good = {
      customerIds: column("a", 1),
      dates: column("2024-03-01", 45353),
      // "$1,000.50": the point shows the column's convention ("$1,000" alone would be refused
      // as 1 or 1000, never guessed: shared/cases decimal-comma-semicolon.csv)
      amounts: column("$1,000.50", 2),
    };
    const audit = auditTransactions(good);
    expect(audit.problems).toEqual([]);
    expect(audit.transactions).toEqual(readTransactions(good));
  });

  it("keeps at most maxProblems in the list, with exact counts", () => {
    const bad = { customerIds: column(1, 2, 3), dates: column("x", "y", "z") };
    const audit = auditTransactions(bad, { maxProblems: 2 });
    expect(audit.problems.length).toBe(2);
    expect(audit.problemCount).toBe(3);
    expect(audit.rowsWithProblems).toBe(3);
  });

  describe("edge cases", () => {
    it("reports a problem with the whole table without a row, and reads no rows", () => {
      const audit = auditTransactions({ customerIds: [1, 2], dates: [45352] });
      expect(audit.problems).toEqual([
        {
          kind: "value",
          argument: "dates",
          message: "dates has 1 row but customer_ids has 2; the ranges must be the same size.",
        },
      ]);
      expect(audit.transactions.days.length).toBe(0);
      const shape = auditTransactions({
        customerIds: [
          [1, 2],
          [3, 4],
        ],
        dates: [1, 2],
      });
      expect(shape.problems[0]?.argument).toBe("customer_ids");
    });

    it("reports no data as #N/A", () => {
      const audit = auditTransactions({ customerIds: [""], dates: [""] });
      expect(audit.problems).toEqual([
        { kind: "na", argument: "customer_ids", message: "customer_ids has no data." },
      ]);
    });
  });
});
