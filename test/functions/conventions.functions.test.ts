/**
 * Text amounts typed into cells are read by their own column's decimal separator, as
 * crm-report and the wizard read files (shared/cases/README.md: "the same data typed into
 * cells"; src/core/input/numberConvention.ts); an amount the column cannot tell is refused by row,
 * never guessed. Through the built bundle.
 */
import { expect } from "../support/expect";
import { DetailedCellError, type RawCellContent } from "hyperformula";
import { evaluate, evaluateSpill, excelSerial } from "../support/formulaEngine";

const JUNE_30 = excelSerial("2024-06-30");

// shared/cases decimal-comma-semicolon.csv as text cells (A1:C6; the leading ' keeps a cell text,
// as Excel does for a column imported or formatted as text)
const decimalComma: RawCellContent[][] = [
  ["customer_id", "date", "amount"],
  ["K1", excelSerial("2024-01-05"), "'12,50"],
  ["K1", excelSerial("2024-02-09"), "'1.234"],
  ["K2", excelSerial("2024-01-20"), "'7,25"],
  ["K3", excelSerial("2024-03-03"), "'100,00"],
  ["K2", excelSerial("2024-03-28"), "'2.000"],
];

describe("shared/cases decimal-comma-semicolon.csv typed into cells", () => {
  it("reads 12.5, 1234, 7.25, 100 and 2000: monetary adds up to 3353.75", () => {
    const rows = evaluateSpill(`=CRM.RFMSEGMENTS(A2:A6, B2:B6, C2:C6, ${JUNE_30})`, decimalComma);
    const m = rows[0]!.map(String).indexOf("monetary");
    const total = rows.slice(1).reduce((sum, row) => sum + Number(row[m]), 0);
    expect(total).toBeCloseTo(3353.75, 9);
    expect(rows.find((row) => row[0] === "K1")![m]).toBeCloseTo(1246.5, 9);
  });

  it("TOPSHARE reads the same amounts: K1 1246.5 + K2 2007.25 of 3353.75 for the top 2 of 3", () => {
    expect(evaluate("=CRM.TOPSHARE(A2:A6, C2:C6, 0.6)", decimalComma)).toBeCloseTo(
      (1246.5 + 2007.25) / 3353.75,
      12
    );
  });
});

describe("a column that cannot tell its decimal separator", () => {
  it("refuses 1,234 by row with #VALUE!, naming the argument, instead of guessing 1234", () => {
    const cells: RawCellContent[][] = [
      ["a", excelSerial("2024-01-05"), "'1,234"],
      ["b", excelSerial("2024-01-06"), "'2,500"],
    ];
    const value = evaluate("=CRM.TOPSHARE(A1:A2, C1:C2)", cells);
    expect(value).toBeInstanceOf(DetailedCellError);
    expect((value as DetailedCellError).value).toBe("#VALUE!");
    expect((value as DetailedCellError).message).toContain("amounts, row 1");
  });

  it("reads numbers as numbers and text with evidence: 1,234.50 and 99.90 are US style", () => {
    const cells: RawCellContent[][] = [
      ["a", excelSerial("2024-01-05"), "'1,234.50"],
      ["b", excelSerial("2024-01-06"), "'99.90"],
      ["c", excelSerial("2024-01-07"), 10],
    ];
    // top ⌈0.34 × 3⌉ = 2 customers
    expect(evaluate("=CRM.TOPSHARE(A1:A3, C1:C3, 0.34)", cells)).toBeCloseTo(
      (1234.5 + 99.9) / (1234.5 + 99.9 + 10),
      12
    );
  });
});
