/**
 * The preview's read of the cells as the sheet shows them (src/taskpane/excelAdapter.ts,
 * Excel's Range.text) against test/browser/office-stand-in.js, and the stand-in's model of
 * number formats and Office's theme, which the browser test relies on.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { expect } from "../support/expect";
import { readDisplayedText } from "../../src/taskpane/excelAdapter";

interface StandInWorkbook {
  seed(
    sheet: string,
    topLeft: string,
    values: unknown[][],
    options?: { tableName?: string; columnFormats?: Record<number, string> }
  ): void;
}

const STAND_IN = readFileSync(
  path.join(import.meta.dirname, "../browser/office-stand-in.js"),
  "utf8"
);
const globals = globalThis as unknown as { __workbook: StandInWorkbook };
let workbook: StandInWorkbook;

beforeEach(function () {
  // vitest ran this hook for this file's tests only; a mocha root hook runs for all.
  if (this.currentTest?.file !== import.meta.filename) return;
  vm.runInThisContext(STAND_IN, { filename: "office-stand-in.js" });
  workbook = globals.__workbook;
});

const SOURCE = { sheetName: "Sales", address: "Sales!B2:D5", row: 1, column: 1 };

describe("readDisplayedText", () => {
  it("gives dates as the sheet formats them, not as serials", async () => {
    // 35431 is 1997-01-01 and 45292 is 2024-01-01 (Excel's 1900 date system)
    workbook.seed(
      "Sales",
      "B2",
      [
        ["Customer", "Date", "Amount"],
        [1001, 35431, 1198.3],
        [1002, 45292.75, -3],
        ["C-3", "2024年1月5日", true],
      ],
      { columnFormats: { 1: "m/d/yyyy", 2: '"$"#,##0.00' } }
    );
    const text = await readDisplayedText({ ...SOURCE, rowCount: 4, columnCount: 3 }, 9);
    expect(text).toEqual([
      ["Customer", "Date", "Amount"],
      ["1001", "1/1/1997", "$1,198.30"],
      ["1002", "1/1/2024", "-$3.00"],
      ["C-3", "2024年1月5日", "TRUE"],
    ]);
  });

  it("reads only the rows asked for (a preview's worth)", async () => {
    workbook.seed("Sales", "B2", [["d"], [35431], [35432], [35433]], {
      columnFormats: { 0: "yyyy-mm-dd" },
    });
    const text = await readDisplayedText({ ...SOURCE, rowCount: 4, columnCount: 1 }, 2);
    expect(text).toEqual([["d"], ["1997-01-01"]]);
  });

  it("shows General numbers as Excel does, and percentages through their format", async () => {
    workbook.seed("Sales", "B2", [[0.1 + 0.2, 0.125, 45292]], {
      columnFormats: { 1: "0.0%", 2: 'yyyy"年"m"月"d"日"' },
    });
    const text = await readDisplayedText({ ...SOURCE, rowCount: 1, columnCount: 3 }, 1);
    expect(text).toEqual([["0.3", "12.5%", "2024年1月1日"]]);
  });
});

describe("the stand-in's Office.context.officeTheme", () => {
  it("is Office's light theme unless a page asks for dark", () => {
    const office = (globalThis as unknown as { Office: { context: { officeTheme: unknown } } })
      .Office;
    expect(office.context.officeTheme).toMatchObject({
      bodyBackgroundColor: "#FFFFFF",
      isDarkTheme: false,
    });
  });
});
