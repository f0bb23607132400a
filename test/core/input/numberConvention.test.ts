/**
 * Number conventions (src/core/input/numberConvention.ts): a column's decimal separator is inferred
 * from its own values; a value that reads two ways in a column that does not say is refused.
 */
import { expect } from "../../support/expect";
import { each } from "../../support/each";
import {
  inferColumnConvention,
  numberEvidence,
  readWithConvention,
} from "../../../src/core/input/numberConvention";
import { auditTransactions } from "../../../src/core/input/input";
import { prepareReportData } from "../../../src/core/report";

describe("numberEvidence", () => {
  for (const testCase of each([
    ["12,50", { kind: "decimal", decimal: "," }],
    ["7,25", { kind: "decimal", decimal: "," }],
    ["100,00", { kind: "decimal", decimal: "," }],
    ["1.234,50", { kind: "decimal", decimal: "," }],
    ["1 234,5", { kind: "decimal", decimal: "," }],
    ["1.234.567", { kind: "decimal", decimal: "," }],
    ["0,125", { kind: "decimal", decimal: "," }],
    ["12.5", { kind: "decimal", decimal: "." }],
    ["1,234.50", { kind: "decimal", decimal: "." }],
    ["1,234,567", { kind: "decimal", decimal: "." }],
    ["0.125", { kind: "decimal", decimal: "." }],
    ["1234.567", { kind: "decimal", decimal: "." }],
    ["1.234", { kind: "ambiguous", separator: "." }],
    ["2,000", { kind: "ambiguous", separator: "," }],
    ["¥2,000", { kind: "ambiguous", separator: "," }],
    ["120", { kind: "neutral" }],
    ["1 234", { kind: "neutral" }],
    ["abc", { kind: "none" }],
    ["1,2,3", { kind: "none" }],
  ])) {
    it(
      testCase.name("%j → %j"),
      testCase.run((text, evidence) => {
        expect(numberEvidence(text)).toEqual(evidence);
      })
    );
  }
});

describe("inferColumnConvention", () => {
  it("shares/cases decimal-comma-semicolon.csv: 12,50 7,25 100,00 show a decimal comma", () => {
    const amounts = ["12,50", "1.234", "7,25", "100,00", "2.000"];
    expect(inferColumnConvention(amounts)).toEqual({
      decimal: ",",
      pointValues: 0,
      commaValues: 3,
      ambiguousValues: 2,
    });
    // shared/cases README: 12.5, 1234, 7.25, 100, 2000
    expect(amounts.map((a) => readWithConvention(a, ","))).toEqual(
      ["12.50", "1234", "7.25", "100.00", "2000"].map((text) => ({ kind: "text", text }))
    );
  });

  it("a column of 1,234.50 and 12.5 is decimal-point, so 2,000 is 2000", () => {
    const convention = inferColumnConvention(["1,234.50", "12.5", "2,000", 7]);
    expect(convention.decimal).toBe(".");
    expect(readWithConvention("2,000", convention.decimal)).toEqual({ kind: "text", text: "2000" });
  });

  it("numbers and blanks say nothing; a column showing nothing or both has no convention", () => {
    expect(inferColumnConvention([12.5, "", null, "120"]).decimal).toBeUndefined();
    expect(inferColumnConvention(["1.234", "2.500"]).decimal).toBeUndefined();
    expect(inferColumnConvention(["12,5", "12.5"]).decimal).toBeUndefined();
  });
});

describe("readWithConvention", () => {
  it("keeps what lies around the number for the number reader", () => {
    expect(readWithConvention("€ 1.234,50", ",")).toEqual({ kind: "text", text: "€ 1234.50" });
    expect(readWithConvention("(1.234,50)", ",")).toEqual({ kind: "text", text: "(1234.50)" });
    expect(readWithConvention("-12,5", undefined)).toEqual({ kind: "text", text: "-12.5" });
  });

  it("gives both readings of an ambiguous value when the column does not say", () => {
    expect(readWithConvention("1.234", undefined)).toEqual({
      kind: "ambiguous",
      readings: [1.234, 1234],
    });
    expect(readWithConvention("2,000", undefined)).toEqual({
      kind: "ambiguous",
      readings: [2, 2000],
    });
  });

  it("leaves malformed text unchanged, for the number reader to refuse", () => {
    expect(readWithConvention("1,2,3", ",")).toEqual({ kind: "text", text: "1,2,3" });
  });
});

describe("the audit reads text amounts by their column's convention", () => {
  const ids = ["K1", "K1", "K2", "K3", "K2"];
  const dates = ["2024-01-05", "2024-02-09", "2024-01-20", "2024-03-03", "2024-03-28"];

  it("shared/cases decimal-comma-semicolon.csv: amounts 12.5, 1234, 7.25, 100, 2000 (total 3353.75)", () => {
    const audit = auditTransactions({
      customerIds: ids,
      dates,
      amounts: ["12,50", "1.234", "7,25", "100,00", "2.000"],
      inferAmountConvention: true,
    });
    expect(audit.problems).toEqual([]);
    expect(Array.from(audit.transactions.amounts!)).toEqual([12.5, 1234, 7.25, 100, 2000]);
  });

  it("refuses the ambiguous values of a column that shows no convention, by row", () => {
    const audit = auditTransactions({
      customerIds: ["A", "B", "C"],
      dates: ["2024-01-05", "2024-01-06", "2024-01-07"],
      amounts: ["1.234", "2.500", "12"],
      names: { amounts: "amount" },
      inferAmountConvention: true,
    });
    expect(audit.rowsWithProblems).toBe(2);
    expect(audit.problems.map((p) => [p.argument, p.row])).toEqual([
      ["amount", 1],
      ["amount", 2],
    ]);
    expect(audit.problems[0]!.message).toContain("1.234 or 1234");
    expect(Array.from(audit.transactions.amounts!)).toEqual([12]);
  });

  it("by default, as the worksheet functions read cells, an amount the column cannot tell is refused by row", () => {
    // shared/cases README: the same data typed into cells is never guessed
    const audit = auditTransactions({
      customerIds: ["A"],
      dates: ["2024-01-05"],
      amounts: ["1,234"],
    });
    expect(audit.problems.map((p) => [p.argument, p.row])).toEqual([["amounts", 1]]);
  });

  it("with the option off, text amounts keep the fixed reading", () => {
    const audit = auditTransactions({
      customerIds: ["A"],
      dates: ["2024-01-05"],
      amounts: ["1,234"],
      inferAmountConvention: false,
    });
    expect(Array.from(audit.transactions.amounts!)).toEqual([1234]);
  });
});

describe("the task pane's text amounts (prepareReportData, the wizard's way)", () => {
  it("shared/cases decimal-comma-semicolon.csv typed as text cells: the same inference as the command line", () => {
    const rows = [
      ["customer_id", "date", "amount"],
      ["K1", "2024-01-05", "12,50"],
      ["K1", "2024-02-09", "1.234"],
      ["K2", "2024-01-20", "7,25"],
      ["K3", "2024-03-03", "100,00"],
      ["K2", "2024-03-28", "2.000"],
    ];
    const data = prepareReportData({
      rows,
      hasHeader: true,
      columnNames: rows[0]!,
      mapping: { customerId: 0, date: 1, amount: 2, cost: null, score: null },
    });
    // shared/cases README: 12.5, 1234, 7.25, 100, 2000
    expect(Array.from(data.audit.transactions.amounts!)).toEqual([12.5, 1234, 7.25, 100, 2000]);
  });

  it("a cost column is read by its own convention too; its ambiguous values are ignored with a reason", () => {
    const rows = [
      ["id", "date", "amount", "cost"],
      ["A", "2024-01-05", "10", "2,50"],
      ["B", "2024-01-06", "20", "1.250"],
      ["C", "2024-01-07", "30", "7"],
    ];
    const data = prepareReportData({
      rows,
      hasHeader: true,
      columnNames: rows[0]!,
      mapping: { customerId: 0, date: 1, amount: 2, cost: 3, score: null },
    });
    // 2,50 shows a decimal comma, so 1.250 is 1250
    expect(Array.from(data.costs!)).toEqual([2.5, 1250, 7]);
    const unclear = prepareReportData({
      rows: [rows[0]!, ["A", "2024-01-05", "10", "1.250"]],
      hasHeader: true,
      columnNames: rows[0]!,
      mapping: { customerId: 0, date: 1, amount: 2, cost: 3, score: null },
    });
    expect(unclear.optionalProblems).toEqual([
      { field: "cost", row: 1, message: expect.stringContaining("1.25 or 1250") },
    ]);
  });
});
