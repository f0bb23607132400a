import { describe, it, expect } from "vitest";
import {
  detectColumns,
  detectHeaderRow,
  FIELD_KEYS,
  mappingProblems,
  normalizeHeader,
  REQUIRED_FIELDS,
  type ColumnMapping,
} from "../../src/core/mapping";

const none: ColumnMapping = { customerId: null, date: null, amount: null, cost: null, score: null };

describe("constants", () => {
  it("lists the fields in order", () => {
    expect(FIELD_KEYS).toEqual(["customerId", "date", "amount", "cost", "score"]);
    expect(REQUIRED_FIELDS).toEqual(["customerId", "date", "amount"]);
  });
});

describe("normalizeHeader", () => {
  it("lower-cases and drops separators and trailing units", () => {
    expect(normalizeHeader(" Customer_ID ")).toBe("customerid");
    expect(normalizeHeader("Order-Date")).toBe("orderdate");
    expect(normalizeHeader("金额(元)")).toBe("金额");
    expect(normalizeHeader("金额（元）")).toBe("金额");
    expect(normalizeHeader("Amount (USD)")).toBe("amount");
    expect(normalizeHeader("Amount [¥]")).toBe("amount");
    expect(normalizeHeader("客户\u3000ID")).toBe("客户id");
  });
});

describe("detectColumns by header", () => {
  it("matches English headers", () => {
    const d = detectColumns([
      ["Customer ID", "Order Date", "Amount"],
      ["a", 45352, 12.5],
    ]);
    expect(d.hasHeader).toBe(true);
    expect(d.columnNames).toEqual(["Customer ID", "Order Date", "Amount"]);
    expect(d.mapping).toEqual({ ...none, customerId: 0, date: 1, amount: 2 });
    expect(d.reasons).toEqual({
      customerId: "header",
      date: "header",
      amount: "header",
      cost: null,
      score: null,
    });
  });

  it("matches simplified Chinese headers", () => {
    const d = detectColumns([
      ["交易日期", "客户ID", "消费金额"],
      [45352, "甲", 10],
    ]);
    expect(d.mapping).toEqual({ ...none, customerId: 1, date: 0, amount: 2 });
  });

  it("matches traditional Chinese headers", () => {
    const d = detectColumns([
      ["會員編號", "訂單日期", "金額"],
      ["甲", "2024/3/1", 10],
    ]);
    expect(d.mapping).toEqual({ ...none, customerId: 0, date: 1, amount: 2 });
  });

  it("drops a bracketed unit", () => {
    const d = detectColumns([
      ["客户", "日期", "金额(元)"],
      ["甲", 45352, 10],
    ]);
    expect(d.mapping.amount).toBe(2);
    expect(d.columnNames[2]).toBe("金额(元)");
  });

  it("maps amount to Price when there is also a Line total", () => {
    const d = detectColumns([
      ["Customer", "Date", "Line total", "Price"],
      ["a", 45352, 20, 10],
    ]);
    expect(d.mapping).toEqual({ ...none, customerId: 0, date: 1, amount: 3 });
  });

  it("prefers an exact match over a substring match", () => {
    const d = detectColumns([
      ["Customer name", "Customer ID", "Purchase date", "Sales"],
      ["Ann", "a", 45352, 10],
    ]);
    expect(d.mapping.customerId).toBe(1);
    expect(d.mapping.date).toBe(2);
  });

  it("falls back to a substring match", () => {
    const d = detectColumns([
      ["Customer name", "Order time", "Net amount"],
      ["Ann", 45352, 10],
    ]);
    expect(d.mapping).toEqual({ ...none, customerId: 0, date: 1, amount: 2 });
    expect(d.reasons.customerId).toBe("header");
  });

  it("finds cost and score columns", () => {
    const d = detectColumns([
      ["客户ID", "交易日期", "消费金额", "成本金额", "满意度评分"],
      ["甲", 45352, 10, 4, 5],
    ]);
    expect(d.mapping).toEqual({ customerId: 0, date: 1, amount: 2, cost: 3, score: 4 });
    const e = detectColumns([
      ["Client", "Date", "Revenue", "COGS", "CSAT"],
      ["a", 45352, 10, 4, 5],
    ]);
    expect(e.mapping).toEqual({ customerId: 0, date: 1, amount: 2, cost: 3, score: 4 });
  });

  it("leaves an unrelated column unmapped", () => {
    const d = detectColumns([
      ["Region", "Customer ID", "Date", "Amount"],
      ["North", "a", 45352, 10],
      ["South", "b", 45353, 12],
    ]);
    expect(d.mapping).toEqual({ ...none, customerId: 1, date: 2, amount: 3 });
    expect(Object.values(d.mapping)).not.toContain(0);
  });

  it("names blank header cells by their letter", () => {
    const d = detectColumns([
      ["Customer", "", "Amount"],
      ["a", 45352, 10],
    ]);
    expect(d.columnNames).toEqual(["Customer", "Column B", "Amount"]);
    expect(d.mapping.date).toBe(1);
    expect(d.reasons.date).toBe("values");
  });

  it("uses values for unknown headers", () => {
    const d = detectColumns([
      ["Who", "When", "Paid"],
      ["a", "2024-03-01", "¥12.50"],
      ["a", "2024-03-05", "¥1,200"],
    ]);
    expect(d.hasHeader).toBe(true);
    expect(d.mapping).toEqual({ ...none, customerId: 0, date: 1, amount: 2 });
    expect(d.reasons.customerId).toBe("values");
  });
});

describe("detectColumns by values", () => {
  it("reads a table without header with serial and text dates", () => {
    const rows = [
      ["C001", 45352, 12.5],
      ["C002", "2024/3/1", 20],
      ["C001", 45360, 8],
      ["C003", "2024-03-09", 31.25],
    ];
    const d = detectColumns(rows);
    expect(d.hasHeader).toBe(false);
    expect(d.columnNames).toEqual(["Column A", "Column B", "Column C"]);
    expect(d.mapping).toEqual({ ...none, customerId: 0, date: 1, amount: 2 });
    expect(d.reasons).toEqual({
      customerId: "values",
      date: "values",
      amount: "values",
      cost: null,
      score: null,
    });
  });

  it("reads yyyymmdd numbers as dates", () => {
    const d = detectColumns([
      [20240301, "a", 10],
      [20240302, "b", 11],
      [20240315, "a", 12],
    ]);
    expect(d.mapping).toEqual({ ...none, customerId: 1, date: 0, amount: 2 });
  });

  it("prefers an amount column with fractions, and reads numeric text", () => {
    const d = detectColumns([
      ["a", 45352, 3, "$1,234.50"],
      ["b", 45353, 1, "$5"],
      ["a", 45354, 2, "7.25"],
    ]);
    expect(d.mapping.amount).toBe(3);
    expect(d.mapping.date).toBe(1);
  });

  it("leaves out a unique numeric column when looking for customers", () => {
    const d = detectColumns([
      [45352, 1.5, "x1"],
      [45353, 2.5, "x2"],
    ]);
    expect(d.mapping).toEqual({ ...none, customerId: 2, date: 0, amount: 1 });
  });

  it("follows the hasHeader option and sampleRows", () => {
    const rows = [
      ["Customer", "Date", "Amount"],
      ["a", 45352, 1.5],
      ["b", 45353, 2],
      ["a", 45354, 2.5],
      ["c", 45355, 3],
      ["b", 45356, 3.5],
    ];
    // read as data, "Date" and "Amount" are 1 cell in 6: still ≥ 80 % dates and numbers
    const d = detectColumns(rows, { hasHeader: false });
    expect(d.hasHeader).toBe(false);
    expect(d.columnNames).toEqual(["Column A", "Column B", "Column C"]);
    expect(d.mapping.date).toBe(1);
    expect(detectColumns(rows, { hasHeader: true, sampleRows: 0 }).mapping.customerId).toBe(0);
    expect(
      detectColumns(
        [
          ["Foo", "Bar"],
          [1, 2],
        ],
        { sampleRows: 0 }
      ).mapping
    ).toEqual(none);
  });

  it("copes with an empty range and ragged rows", () => {
    expect(detectColumns([])).toEqual({
      hasHeader: false,
      columnNames: [],
      mapping: none,
      reasons: { customerId: null, date: null, amount: null, cost: null, score: null },
    });
    const d = detectColumns([["Customer", "Date"], ["a", 45352, 3.5], ["b"]]);
    expect(d.columnNames).toEqual(["Customer", "Date", "Column C"]);
    expect(d.mapping).toEqual({ ...none, customerId: 0, date: 1, amount: 2 });
  });
});

describe("detectHeaderRow", () => {
  it("sees a header by synonym or by text over numbers", () => {
    expect(detectHeaderRow([["Customer", "Date"]])).toBe(true);
    expect(
      detectHeaderRow([
        ["Who", "When"],
        ["a", 45352],
      ])
    ).toBe(true);
    expect(
      detectHeaderRow([
        ["Who", "When"],
        ["a", "2024-03-01"],
      ])
    ).toBe(true);
  });

  it("sees data in a first row of numbers, dates or data-like text", () => {
    expect(
      detectHeaderRow([
        [1, 45352],
        [2, 45353],
      ])
    ).toBe(false);
    expect(
      detectHeaderRow([
        ["a", 45352],
        ["b", 45353],
      ])
    ).toBe(false);
    expect(
      detectHeaderRow([
        ["C001", "2024/3/1", "12.5"],
        ["C002", "2024/3/2", "13"],
      ])
    ).toBe(false);
    expect(
      detectHeaderRow([
        ["customer_1", "2024/3/1"],
        ["customer_2", "2024/3/2"],
      ])
    ).toBe(false);
    expect(detectHeaderRow([["", null]])).toBe(false);
    expect(detectHeaderRow([])).toBe(false);
  });
});

describe("mappingProblems", () => {
  it("accepts a complete mapping", () => {
    expect(mappingProblems({ customerId: 0, date: 1, amount: 2, cost: null, score: 3 }, 4)).toEqual(
      []
    );
  });

  it("reports missing required fields", () => {
    expect(mappingProblems(none, 3)).toEqual([
      { field: "customerId", kind: "missing" },
      { field: "date", kind: "missing" },
      { field: "amount", kind: "missing" },
    ]);
  });

  it("reports a column used twice on the later field", () => {
    expect(mappingProblems({ customerId: 0, date: 1, amount: 2, cost: 2, score: 0 }, 3)).toEqual([
      { field: "cost", kind: "duplicate", column: 2 },
      { field: "score", kind: "duplicate", column: 0 },
    ]);
  });

  it("reports columns outside the source", () => {
    expect(
      mappingProblems({ customerId: 0, date: 3, amount: -1, cost: null, score: 1.5 }, 3)
    ).toEqual([
      { field: "date", kind: "outOfRange", column: 3 },
      { field: "amount", kind: "outOfRange", column: -1 },
      { field: "score", kind: "outOfRange", column: 1.5 },
    ]);
  });
});
