/**
 * SPEC §2 "Returns" and the amended CRR through the built bundle: the worksheet functions over
 * small tables typed as cells (and the calls of shared/cases/README.md as written). Every
 * expected value is computed by hand from SPEC §2 (as amended).
 */
import { expect } from "../support/expect";
import { DetailedCellError, type CellValue, type RawCellContent } from "hyperformula";
import { evaluate, evaluateSpill, excelSerial } from "../support/formulaEngine";

function expectError(value: CellValue, code: string, messageParts: string[] = []): void {
  expect(value, `expected ${code}, got ${String(value)}`).toBeInstanceOf(DetailedCellError);
  const error = value as DetailedCellError;
  expect(error.value).toBe(code);
  for (const part of messageParts) expect(error.message).toContain(part);
}

// shared/cases refund-day.csv typed as cells (A1:C6): R buys 100 on 2024-05-02 and returns it on
// 2024-05-20; at as-of 2024-05-31 the return day is no purchase day.
const refundDay: RawCellContent[][] = [
  ["customer_id", "date", "amount"],
  ["P", excelSerial("2024-05-03"), 60],
  ["P", excelSerial("2024-05-25"), 40],
  ["Q", excelSerial("2024-05-10"), 30],
  ["R", excelSerial("2024-05-02"), 100],
  ["R", excelSerial("2024-05-20"), -100],
];
const MAY_31 = excelSerial("2024-05-31");

describe('shared/cases refund-day.csv at as-of 2024-05-31 (SPEC §2 "Returns")', () => {
  it("REPEATRATE.TX with amounts: 1/3 (only P bought on two days)", () => {
    expect(
      evaluate(`=CRM.REPEATRATE.TX(A2:A6, B2:B6, "2024-05-01", ${MAY_31}, C2:C6)`, refundDay)
    ).toBeCloseTo(1 / 3, 14); // the engine rounds to 14 digits
  });

  it("REPEATRATE.TX without amounts cannot see the return: every row counts, 2/3", () => {
    expect(
      evaluate(`=CRM.REPEATRATE.TX(A2:A6, B2:B6, "2024-05-01", ${MAY_31})`, refundDay)
    ).toBeCloseTo(2 / 3, 14);
  });

  it("RFMALERT: R's last purchase is 2024-05-02, R = 29 days", () => {
    const rows = evaluateSpill(`=CRM.RFMALERT(A2:A6, B2:B6, C2:C6, ${MAY_31})`, refundDay);
    const header = rows[0]!.map(String);
    const r = rows.find((row) => row[0] === "R")!;
    expect(r[header.indexOf("r_days")]).toBe(29);
    expect(r[header.indexOf("m_recent")]).toBe(100);
  });

  it("RFMSEGMENTS: net revenue 130 (R's monetary 100 − 100 = 0)", () => {
    const rows = evaluateSpill(`=CRM.RFMSEGMENTS(A2:A6, B2:B6, C2:C6, ${MAY_31})`, refundDay);
    const header = rows[0]!.map(String);
    const m = header.indexOf("monetary");
    expect(rows.slice(1).reduce((sum, row) => sum + Number(row[m]), 0)).toBe(130);
    expect(rows.find((row) => row[0] === "R")![m]).toBe(0);
  });

  it("GRADE with amounts: R has 1 visit (the return day is none); without amounts 2", () => {
    const withAmounts = evaluateSpill(
      `=CRM.GRADE(A2:A6, B2:B6, ${MAY_31}, , FALSE(), C2:C6)`,
      refundDay
    );
    expect(withAmounts.find((row) => row[0] === "R")).toEqual(["R", 1, "C"]);
    const withoutAmounts = evaluateSpill(
      `=CRM.GRADE(A2:A6, B2:B6, ${MAY_31}, , FALSE())`,
      refundDay
    );
    expect(withoutAmounts.find((row) => row[0] === "R")).toEqual(["R", 2, "B"]);
  });

  it("TOPSHARE: the top 1 of 3 customers (P, 100) over net revenue 130", () => {
    expect(evaluate("=CRM.TOPSHARE(A2:A6, C2:C6)", refundDay)).toBeCloseTo(100 / 130, 14);
  });
});

describe("the calls of shared/cases/README.md", () => {
  it('=CRM.RETENTIONRATE.TX({"A";"B"},{45287;45301},45292,45473,30) → 0 (was −1)', () => {
    // S = {A}; B is new but lapsed by 2024-06-30, so N_E = 0; E = {} → (0 − 0) ÷ 1
    expect(evaluate('=CRM.RETENTIONRATE.TX({"A";"B"},{45287;45301},45292,45473,30)')).toBe(0);
  });

  it('=CRM.RFMALERT({"a";"a"},{45252;45292},{100;-50},45292): last purchase 45252, R = 40, red', () => {
    const rows = evaluateSpill('=CRM.RFMALERT({"a";"a"},{45252;45292},{100;-50},45292)');
    const header = rows[0]!.map(String);
    const [a] = rows.slice(1);
    expect(a![header.indexOf("customer_id")]).toBe("a"); // ids are shown as the sheet holds them
    expect(a![header.indexOf("r_days")]).toBe(40);
    expect(a![header.indexOf("level")]).toBe("red");
    for (const column of ["f_decline", "m_decline"]) {
      const decline = Number(a![header.indexOf(column)]);
      expect(decline).toBeGreaterThanOrEqual(0);
      expect(decline).toBeLessThanOrEqual(1);
    }
  });
});

describe("returns of other kinds", () => {
  it("a return on the same day as a purchase nets into that purchase day", () => {
    // a: +100 and −30 on 2024-01-10 → one purchase day worth 70; b: 70 on 2024-01-11
    const cells: RawCellContent[][] = [
      ["a", excelSerial("2024-01-10"), 100],
      ["a", excelSerial("2024-01-10"), -30],
      ["b", excelSerial("2024-01-11"), 70],
    ];
    expect(
      evaluate('=CRM.REPEATRATE.TX(A1:A3, B1:B3, "2024-01-01", "2024-01-31", C1:C3)', cells)
    ).toBe(0);
    expect(evaluate("=CRM.TOPSHARE(A1:A3, C1:C3, 0.5)", cells)).toBe(0.5);
  });

  it("a customer with only returns is no customer, but counts in the revenue total", () => {
    // p buys 100 twice; x only returns 20 → repeat rate 1 of 1; top share 200 ÷ 200: x holds
    // no share of revenue, so the share stays within [0, 1] (TOPSHARE @remarks)
    const cells: RawCellContent[][] = [
      ["p", excelSerial("2024-01-02"), 100],
      ["p", excelSerial("2024-01-20"), 100],
      ["x", excelSerial("2024-01-05"), -20],
    ];
    expect(
      evaluate('=CRM.REPEATRATE.TX(A1:A3, B1:B3, "2024-01-01", "2024-01-31", C1:C3)', cells)
    ).toBe(1);
    expect(evaluate("=CRM.TOPSHARE(A1:A3, C1:C3, 1)", cells)).toBe(1);
    const alerts = evaluateSpill(
      `=CRM.RFMALERT(A1:A3, B1:B3, C1:C3, "2024-01-31", , FALSE())`,
      cells
    );
    expect(alerts.map((row) => row[0])).toEqual(["p"]); // shown as the sheet holds it
  });

  it("COHORTS by revenue nets a return in its month; membership comes from purchase days", () => {
    // a: 100 in Jan, return −40 in Feb; b: 50 in Jan, 50 in Feb; as of 2024-02-29
    // by customers: Jan cohort 2, Feb 1 of 2; by revenue: Feb (50 − 40) ÷ 150
    const cells: RawCellContent[][] = [
      ["a", excelSerial("2024-01-05"), 100],
      ["a", excelSerial("2024-02-05"), -40],
      ["b", excelSerial("2024-01-06"), 50],
      ["b", excelSerial("2024-02-06"), 50],
    ];
    const customers = evaluateSpill(
      '=CRM.COHORTS(A1:A4, B1:B4, C1:C4, "month", "customers", , "2024-02-29", FALSE())',
      cells
    );
    expect(customers[0]!.slice(2)).toEqual([2, 1, 0.5]);
    const revenue = evaluateSpill(
      '=CRM.COHORTS(A1:A4, B1:B4, C1:C4, "month", "revenue", , "2024-02-29", FALSE())',
      cells
    );
    expect(revenue[0]![2]).toBe(2);
    expect(revenue[0]![4]).toBeCloseTo(10 / 150, 15);
  });

  it("a return inside the RFM M window lowers M, never F; declines stay within [0, 1]", () => {
    // previous window: 100 on day L − 40; recent: 10 on L and a return of −30 on L − 5
    // → M recent −20, a 120 % fall shown as 1; F 1 vs 1
    const L = excelSerial("2024-03-31");
    const cells: RawCellContent[][] = [
      ["a", L - 40, 100],
      ["a", L - 5, -30],
      ["a", L, 10],
    ];
    const rows = evaluateSpill(`=CRM.RFMALERT(A1:A3, B1:B3, C1:C3, ${L})`, cells);
    const header = rows[0]!.map(String);
    const a = rows[1]!;
    expect(a[header.indexOf("f_decline")]).toBe(0);
    expect(a[header.indexOf("m_recent")]).toBe(-20);
    expect(a[header.indexOf("m_decline")]).toBe(1);
    expect(a[header.indexOf("level")]).toBe("red");
  });

  it("CHURNTREND: a quarter with 90 inactive days, retention (E − N_E) ÷ S", () => {
    // A bought 2023-12-20 and 2024-03-01 (S and E); B only 2024-01-01 (new, lapsed by Mar 31);
    // C only 2024-02-01 (new, active at the end) → Q1: S 1, N 2, N_E 1, E 2 → (2 − 1) ÷ 1 = 1
    const cells: RawCellContent[][] = [
      ["A", excelSerial("2023-12-20")],
      ["A", excelSerial("2024-03-01")],
      ["B", excelSerial("2024-01-01")],
      ["C", excelSerial("2024-02-01")],
    ];
    const rows = evaluateSpill('=CRM.CHURNTREND(A1:A4, B1:B4, "quarter", 90, "2024-03-31")', cells);
    const header = rows[0]!.map(String);
    const q1 = rows.find((row) => row[0] === "2024-Q1")!;
    expect(q1[header.indexOf("at_start")]).toBe(1);
    expect(q1[header.indexOf("new")]).toBe(2);
    expect(q1[header.indexOf("at_end")]).toBe(2);
    expect(q1[header.indexOf("retention_rate")]).toBe(1);
    expect(
      evaluate('=CRM.RETENTIONRATE.TX(A1:A4, B1:B4, "2024-01-01", "2024-03-31", 90)', cells)
    ).toBe(1);
  });

  it("the count form stays the literal (E − N) ÷ S", () => {
    expect(evaluate("=CRM.RETENTIONRATE(100, 30, 120)")).toBe(0.9);
  });

  it("RELATIVECHURN.TX is #NUM! naming amounts when returns make the lost spend negative", () => {
    const cells: RawCellContent[][] = [
      ["a", 1070, 100],
      ["b", 1045, 100],
      ["b", 1060, -150],
    ];
    expectError(
      evaluate("=CRM.RELATIVECHURN.TX(A1:A3, B1:B3, C1:C3, 1071, 1080, 30)", cells),
      "#NUM!" // Excel shows no message on #NUM!; the core test checks that it names amounts
    );
  });
});
