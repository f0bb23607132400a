/**
 * fitLayout on the report's long tables (issue 14, "Fast where users wait"): a column of numbers
 * is measured by its extreme values when its format's width only grows with |value|, cells are
 * looked up by runs of rows that share their formats and styles, and text is measured without
 * a string per character. Each rule is checked here against the cell-by-cell measure
 * (measureCells: every cell's displayed text and width), which is the definition.
 */
import { expect } from "../../support/expect";
import {
  displayNumber,
  fitLayout,
  layoutOverflows,
  measureCells,
  MIN_COLUMN_POINTS,
  PADDING_PX,
  textUnits,
} from "../../../src/core/report/reportLayout";
import type {
  NumberFormatRange,
  ReportModel,
  ReportValue,
  StyledRange,
} from "../../../src/core/report/reportModel";

/** A table with a header at A1, formats per column of its body, and extras. */
function table(
  rows: ReportValue[][],
  formats: (string | null)[],
  extra: Partial<ReportModel> = {}
): ReportModel {
  const columns = rows[0]!.length;
  const numberFormats: NumberFormatRange[] = [];
  formats.forEach((format, column) => {
    if (format)
      numberFormats.push({ range: { row: 1, column, rows: rows.length - 1, columns: 1 }, format });
  });
  return {
    sheetName: "Test",
    mode: "values",
    blocks: [{ id: "table", row: 0, column: 0, values: rows }],
    numberFormats,
    styles: [],
    tables: [
      {
        name: "T",
        range: { row: 0, column: 0, rows: rows.length, columns },
        style: "TableStyleMedium2",
      },
    ],
    charts: [],
    conditionalFormats: [],
    spills: [],
    columnWidths: [],
    frozenRows: 1,
    extent: { rows: rows.length, columns },
    ...extra,
  };
}

/** Column widths as the cell-by-cell measure gives them for cells that fit under the cap. */
function widthsCellByCell(model: ReportModel): Map<number, number> {
  const px = new Map<number, number>();
  for (const cell of measureCells(model)) {
    const needed = cell.widthPx + PADDING_PX + (cell.header ? 18 : 0);
    px.set(cell.column, Math.max(px.get(cell.column) ?? 0, needed));
  }
  const points = new Map<number, number>();
  for (const [column, value] of px)
    points.set(column, Math.max(MIN_COLUMN_POINTS, Math.ceil(value * 0.75 * 4) / 4));
  return points;
}

function widths(model: ReportModel): Map<number, number> {
  return new Map(model.columnWidths.map(({ column, width }) => [column, width]));
}

describe("displayNumber: one reading of the format per column, the same text", () => {
  it("groups thousands, rounds, signs and suffixes as before", () => {
    // expected strings: Excel's display of these formats (en-US)
    expect(displayNumber(1234567.891, "#,##0.00")).toBe("1,234,567.89");
    expect(displayNumber(999.995, "#,##0.00")).toBe("1,000.00"); // 999.995 is 999.995000000000004547…
    expect(displayNumber(123, "#,##0")).toBe("123");
    expect(displayNumber(-1234, "#,##0")).toBe("-1,234");
    expect(displayNumber(-0.001, "0.00")).toBe("0.00"); // no "-0.00"
    expect(displayNumber(0.12345, "0.0%")).toBe("12.3%");
    // quoted text is kept for its width, after the number (as displayNumber always did)
    expect(displayNumber(1234.5, '"▲ "#,##0.00')).toBe("1,234.50▲ ");
    // toFixed writes 1e21 and beyond in exponent form: the general grouping rule applies
    expect(displayNumber(1e21, "#,##0")).toBe("1e+21");
    expect(displayNumber(123456789012, "#,##0")).toBe("123,456,789,012");
  });
});

describe("textUnits: by UTF-16 unit for ASCII, by code point beyond", () => {
  it("measures astral characters once and lone surrogates as narrow", () => {
    expect(textUnits("😀a")).toBe(3); // an emoji is wide (2), "a" narrow (1)
    expect(textUnits("\ud800x")).toBe(2); // a lone surrogate is one narrow character
    expect(textUnits("Ab.%")).toBe(1.2 + 1 + 0.5 + 1.5);
  });
});

describe("fitLayout: long tables measured by their extremes give the cell-by-cell widths", () => {
  it("a 50,000-row table of mixed numbers, negative and positive, money and percentages", () => {
    const rows: ReportValue[][] = [["id", "count", "money", "share", "general", "text"]];
    for (let i = 0; i < 50_000; i++) {
      // the widest money is a negative value, the widest share a large one, General mixed
      const money = i === 777 ? -98765.43 : (i % 1000) * 1.5;
      const general = i % 2 === 0 ? i : i / 7;
      rows.push([`C${i}`, i, money, i / 50_000 + (i === 5 ? 12 : 0), general, i % 3 ? "a" : "abc"]);
    }
    const model = table(rows, [null, "#,##0", "#,##0.00", "0.0%", null, null]);
    const fitted = fitLayout(model);
    expect(widths(fitted)).toEqual(widthsCellByCell(model));
    expect(layoutOverflows(fitted)).toEqual([]);
  });

  it("formats and styles that change partway down a column are honoured row by row", () => {
    const rows: ReportValue[][] = [["h1", "h2"]];
    for (let i = 0; i < 1000; i++) rows.push([i * 1000, i]);
    const styles: StyledRange[] = [
      // a bold run and a larger font in the middle of column A
      { range: { row: 300, column: 0, rows: 10, columns: 1 }, style: { bold: true } },
      { range: { row: 500, column: 0, rows: 1, columns: 1 }, style: { fontSize: 16 } },
    ];
    const model = table(rows, ["#,##0", "0.00"], {
      styles,
      numberFormats: [
        { range: { row: 1, column: 0, rows: 1000, columns: 1 }, format: "#,##0" },
        { range: { row: 1, column: 1, rows: 500, columns: 1 }, format: "0.00" },
        { range: { row: 501, column: 1, rows: 500, columns: 1 }, format: "0.0000%" },
      ],
    });
    const fitted = fitLayout(model);
    expect(widths(fitted)).toEqual(widthsCellByCell(model));
    // the 16 pt cell makes its row taller
    expect(fitted.rowHeights?.find((h) => h.row === 500)?.height).toBeGreaterThan(15);
  });

  it("a number whose format makes it wider than the cap still wraps, as cell by cell", () => {
    const rows: ReportValue[][] = [["n"], [1], [2], [3]];
    const wide = `#,##0.00" ${"and a literal far longer than sixty characters ".repeat(2)}"`;
    const fitted = fitLayout(table(rows, [wide]));
    // every body cell is longer than 60 characters: each is made to wrap (one range)
    expect(fitted.styles).toContainEqual({
      range: { row: 1, column: 0, rows: 3, columns: 1 },
      style: { wrapText: true },
    });
  });
});
