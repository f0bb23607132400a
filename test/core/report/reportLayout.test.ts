import { expect } from "../../support/expect";
import {
  FILTER_BUTTON_PX,
  LINE_HEIGHT_POINTS,
  MAX_COLUMN_UNITS,
  MIN_COLUMN_POINTS,
  PADDING_PX,
  PX_PER_UNIT,
  displayNumber,
  fitLayout,
  layoutOverflows,
  textUnits,
  wrappedLines,
} from "../../../src/core/report/reportLayout";
import type { ReportModel, ReportValue } from "../../../src/core/report/reportModel";

/** A one-block sheet at A1 with the given rows and extras. */
function sheet(values: ReportValue[][], extra: Partial<ReportModel> = {}): ReportModel {
  return {
    sheetName: "Test",
    mode: "values",
    blocks: [{ id: "cells", row: 0, column: 0, values }],
    numberFormats: [],
    styles: [],
    tables: [],
    charts: [],
    conditionalFormats: [],
    spills: [],
    columnWidths: [],
    frozenRows: 0,
    extent: { rows: values.length, columns: values[0]?.length ?? 0 },
    ...extra,
  };
}

/** Points of a column holding `units` of text: (units × 7.5 px + 12 px padding) × 72/96. */
const points = (px: number) => Math.ceil(px * 0.75 * 4) / 4;
const widthOf = (model: ReportModel, column: number) =>
  model.columnWidths.find((w) => w.column === column)?.width;

describe("text measure", () => {
  it("counts an East Asian wide character as two narrow ones", () => {
    expect(textUnits("abcd")).toBe(4);
    expect(textUnits("客户")).toBe(4); // two CJK ideographs
    expect(textUnits("ＡＢ")).toBe(4); // full-width Latin
    expect(textUnits("流失率 rate")).toBe(6 + 0.5 + 4);
  });

  it("shows numbers through their number format", () => {
    expect(displayNumber(1234.5, "#,##0.00")).toBe("1,234.50");
    expect(displayNumber(1234567, "#,##0")).toBe("1,234,567");
    expect(displayNumber(0.1234, "0.0%")).toBe("12.3%");
    expect(displayNumber(-0.5, "0%")).toBe("-50%");
    // Excel serial 35431 = 1997-01-01 (days since 1899-12-30)
    expect(displayNumber(35431, "yyyy-mm-dd")).toBe("1997-01-01");
    expect(displayNumber(1 / 3)).toBe("0.333333333");
    expect(displayNumber(42, "General")).toBe("42");
    expect(displayNumber(0.12345, "0.0000")).toBe("0.1235");
  });
});

describe("fitLayout: column widths", () => {
  it("makes a column as wide as its widest text plus padding, at least Excel's default", () => {
    const text = "Customers at start of period"; // 28 characters
    const fitted = fitLayout(sheet([[text, "x"]]));
    expect(widthOf(fitted, 0)).toBe(points(textUnits(text) * PX_PER_UNIT + PADDING_PX));
    expect(widthOf(fitted, 1)).toBeUndefined(); // "x" fits Excel's default width
    expect(layoutOverflows(fitted)).toEqual([]);
  });

  it("lets a title run across the empty cells to its right instead of widening its column", () => {
    const title = "Customers to act on: 2,303 at red, orange or yellow on 1998-06-30"; // ~60 units
    const rows: ReportValue[][] = [
      [title, null, null, null, null, null, null, null, null, null],
      ["C00001", "red", 1, 2, 3, 4, 5, 6, 7, 8],
    ];
    const fitted = fitLayout(sheet(rows));
    // the id column is as wide as "C00001" needs, or Excel's default: not the title's width
    expect(widthOf(fitted, 0) ?? MIN_COLUMN_POINTS).toBe(MIN_COLUMN_POINTS);
    expect(layoutOverflows(fitted)).toEqual([]);
    // with the cell to its right taken, the title must fit its own column (under the cap: it grows)
    const blocked = fitLayout(sheet([[title, "x"]]));
    expect(widthOf(blocked, 0)).toBe(points(textUnits(title) * PX_PER_UNIT + PADDING_PX));
  });

  it("does not let text run past the print area: the column grows by what is missing", () => {
    const title = "x".repeat(30); // 30 units = 225 px + 12 px padding
    const rows: ReportValue[][] = [[title, null, null, null, null, null]];
    const fitted = fitLayout(
      sheet(rows, {
        pageSetup: {
          orientation: "landscape",
          fitToWidth: 1,
          fitToHeight: 1,
          printArea: { row: 0, column: 0, rows: 1, columns: 2 },
        },
      })
    );
    // two columns in the print area: A grows to the text's width less B's default 64 px
    expect(widthOf(fitted, 0)).toBe(points(30 * PX_PER_UNIT + PADDING_PX - 64));
    expect(layoutOverflows(fitted)).toEqual([]);
  });

  it("gives Chinese text twice the width of as many Latin letters", () => {
    const latin = fitLayout(sheet([["abcdefghabcdefghabcd"]])); // 20 narrow
    const chinese = fitLayout(sheet([["客户流失率客户流失率客户流失率客户流失率"]])); // 20 wide
    const padding = PADDING_PX * 0.75;
    expect(widthOf(chinese, 0)! - padding).toBeCloseTo(2 * (widthOf(latin, 0)! - padding), 0);
  });

  it("measures numbers as displayed, so they never show #####", () => {
    const fitted = fitLayout(
      sheet([[123456789.125]], {
        numberFormats: [{ range: { row: 0, column: 0, rows: 1, columns: 1 }, format: "#,##0.00" }],
      })
    );
    expect(widthOf(fitted, 0)).toBe(points(textUnits("123,456,789.13") * PX_PER_UNIT + PADDING_PX));
  });

  it("caps a column at 60 characters and wraps longer text into a row tall enough", () => {
    const long = "word ".repeat(60).trim(); // 299 characters
    const fitted = fitLayout(sheet([[long]]));
    expect(widthOf(fitted, 0)).toBe(points(MAX_COLUMN_UNITS * PX_PER_UNIT + PADDING_PX));
    expect(fitted.styles).toContainEqual({
      range: { row: 0, column: 0, rows: 1, columns: 1 },
      style: { wrapText: true },
    });
    const height = fitted.rowHeights?.find((h) => h.row === 0)?.height ?? 0;
    expect(height).toBeGreaterThanOrEqual(3 * LINE_HEIGHT_POINTS);
    expect(layoutOverflows(fitted)).toEqual([]);
  });

  it("never clips a table header, whatever the cap, and leaves room for its filter button", () => {
    const header = "H".repeat(70);
    const fitted = fitLayout(
      sheet([[header], ["a"]], {
        tables: [
          {
            name: "T",
            range: { row: 0, column: 0, rows: 2, columns: 1 },
            style: "TableStyleLight9",
          },
        ],
      })
    );
    const needed = textUnits(header) * PX_PER_UNIT * 1.08 + FILTER_BUTTON_PX + PADDING_PX;
    expect(widthOf(fitted, 0)).toBeGreaterThanOrEqual(points(needed));
    expect(fitted.styles).toEqual([]); // not wrapped
    expect(layoutOverflows(fitted)).toEqual([]);
  });

  it("keeps a wider width the model asks for, and does not measure cells under a chart", () => {
    const fitted = fitLayout(
      sheet([["a much longer label than fits", "x".repeat(80)]], {
        columnWidths: [{ column: 0, width: 300 }],
        charts: [
          {
            id: "c",
            kind: "line",
            title: "t",
            data: { row: 0, column: 0, rows: 1, columns: 1 },
            position: { row: 0, column: 1, rows: 10, columns: 4 },
          },
        ],
      })
    );
    expect(widthOf(fitted, 0)).toBe(300);
    expect(widthOf(fitted, 1)).toBeUndefined();
  });
});

describe("fitLayout: row heights", () => {
  it("gives a wrapped cell one 15-point line per wrapped line", () => {
    const text = "客户".repeat(30); // 120 units: wraps in a 20-unit column
    const fitted = fitLayout(
      sheet([[text, "x".repeat(18)]], {
        columnWidths: [{ column: 0, width: points(20 * PX_PER_UNIT + PADDING_PX) }],
        styles: [{ range: { row: 0, column: 0, rows: 1, columns: 1 }, style: { wrapText: true } }],
      })
    );
    // a wrapped cell does not widen its column
    expect(widthOf(fitted, 0)).toBe(points(20 * PX_PER_UNIT + PADDING_PX));
    const lines = wrappedLines(text, pxOf(widthOf(fitted, 0)!) - PADDING_PX);
    expect(lines).toBeGreaterThanOrEqual(6); // 120 units / 20 per line, at least
    expect(fitted.rowHeights).toEqual([{ row: 0, height: lines * LINE_HEIGHT_POINTS }]);
    expect(layoutOverflows(fitted)).toEqual([]);
  });

  it("makes rows with a larger font taller, and reports a row too low as an overflow", () => {
    const title = sheet([["Retention summary"]], {
      styles: [{ range: { row: 0, column: 0, rows: 1, columns: 1 }, style: { fontSize: 16 } }],
    });
    const fitted = fitLayout(title);
    expect(fitted.rowHeights).toEqual([{ row: 0, height: Math.ceil((15 * 16) / 11) }]);
    expect(layoutOverflows({ ...fitted, rowHeights: [] })).toMatchObject([
      { row: 0, column: 0, kind: "height" },
    ]);
  });
});

const pxOf = (pt: number) => pt / 0.75;
