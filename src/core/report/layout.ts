/**
 * Laying a sheet out: {@link SheetLayout} collects blocks, formats, styles, tables, charts and
 * rules at explicit cells and turns them into a {@link ReportModel}; the report's colours,
 * number formats and small text helpers live here so every sheet looks the same.
 */

import { isCrmError } from "../errors";
import { ALERT_LEVEL_LABELS, type AlertLevel } from "../metrics/rfmAlert";
import { RFM_SEGMENTS } from "../metrics/rfmScores";
import { fitLayout } from "./reportLayout";
import type {
  CellStyle,
  ConditionalFormat,
  NumberFormatRange,
  PageSetup,
  ReportBlock,
  ReportChart,
  ReportModel,
  ReportSheetKind,
  ReportSpill,
  ReportTable,
  ReportValue,
  SheetRange,
  StyledRange,
} from "./reportModel";
import type { ReportLanguage, ReportStrings } from "../../i18n/report.strings";

export const COLORS = {
  title: "#1F3864",
  accent: "#0F6CBD",
  muted: "#605E5C",
  tileFill: "#EFF6FC",
  tileBorder: "#C7E0F4",
  sectionBorder: "#0F6CBD",
  red: "#F8D7DA",
  redText: "#9C0006",
  orange: "#FCE4CC",
  orangeText: "#8A3B00",
  yellow: "#FFF4C2",
  yellowText: "#6B5300",
  heatLow: "#F8696B",
  heatMid: "#FFEB84",
  heatHigh: "#63BE7B",
} as const;

export const FORMAT = {
  date: "yyyy-mm-dd",
  integer: "#,##0",
  percent: "0.0%",
  money: "#,##0.00",
  decimal: "0.00",
  parameter: "0.0000",
  /** a change in a rate, stored in percentage points: ▲ 1.3 pt */
  changePoints: '"▲ "0.0" pt";"▼ "0.0" pt";"= 0 pt"',
  changeInteger: '"▲ "#,##0;"▼ "#,##0;"= 0"',
  changeMoney: '"▲ "#,##0.00;"▼ "#,##0.00;"= 0"',
  changeDecimal: '"▲ "0.00;"▼ "0.00;"= 0"',
} as const;

export const LEVEL_FILL: Readonly<Partial<Record<AlertLevel, { fill: string; font: string }>>> = {
  red: { fill: COLORS.red, font: COLORS.redText },
  orange: { fill: COLORS.orange, font: COLORS.orangeText },
  yellow: { fill: COLORS.yellow, font: COLORS.yellowText },
};

export function levelLabel(level: AlertLevel, language: ReportLanguage): string {
  const labels = ALERT_LEVEL_LABELS[level];
  return language === "en" ? labels.en : language === "zh-CN" ? labels.zhCN : labels.zhTW;
}

export function segmentName(index: number, language: ReportLanguage): string {
  const segment = RFM_SEGMENTS[index]!;
  return language === "en" ? segment.name : language === "zh-CN" ? segment.zhCN : segment.zhTW;
}

/** 0.123 → "12.3%" */
export function percentText(value: number): string {
  return `${Math.round(value * 1000) / 10}%`;
}

export function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** A string for a formula: `"say ""hi"""`. */
export function excelText(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** Collects blocks, formats and objects of one sheet, each at an explicit cell. */
export class SheetLayout {
  readonly blocks: ReportBlock[] = [];
  readonly numberFormats: NumberFormatRange[] = [];
  readonly styles: StyledRange[] = [];
  readonly tables: ReportTable[] = [];
  readonly charts: ReportChart[] = [];
  readonly conditionalFormats: ConditionalFormat[] = [];
  readonly spills: ReportSpill[] = [];
  /** one past the lowest row in use (blocks and charts) */
  rows = 0;
  /** one past the rightmost column in use */
  columns = 1;
  /** widths (points) some columns must have at least, whatever their text needs */
  private readonly minWidths = new Map<number, number>();

  constructor(readonly formulas: boolean) {}

  /** Adds a block at (row, column); ragged rows are padded with empty cells. Returns its range. */
  block(
    id: string,
    row: number,
    column: number,
    values: ReportValue[][],
    formulas?: (string | null)[][]
  ): SheetRange {
    const columns = values.reduce((most, r) => Math.max(most, r.length), 0);
    for (const r of values) while (r.length < columns) r.push(null);
    if (formulas) for (const r of formulas) while (r.length < columns) r.push(null);
    this.blocks.push(
      formulas && this.formulas
        ? { id, row, column, values, formulas }
        : { id, row, column, values }
    );
    this.columns = Math.max(this.columns, column + columns);
    this.rows = Math.max(this.rows, row + values.length);
    return { row, column, rows: values.length, columns };
  }

  /** A section title at (row, column). */
  title(id: string, row: number, column: number, text: string, fontSize = 13): SheetRange {
    const range = this.block(id, row, column, [[text]]);
    this.style(range, { bold: true, fontSize, fontColor: COLORS.title });
    return range;
  }

  /** A one-cell note in muted italics, wrapped so it never widens its column. */
  note(id: string, row: number, column: number, text: string): SheetRange {
    const range = this.block(id, row, column, [[text]]);
    this.style(range, { italic: true, fontColor: COLORS.muted, wrapText: true });
    return range;
  }

  /**
   * A one-line note in muted italics, not wrapped: Excel draws it across the empty cells to its
   * right (fitLayout measures it so), so it neither widens its column nor makes its row tall.
   */
  line(id: string, row: number, column: number, text: string): SheetRange {
    const range = this.block(id, row, column, [[text]]);
    this.style(range, { italic: true, fontColor: COLORS.muted });
    return range;
  }

  /**
   * Why a section could not be computed, in one line; other errors are thrown. Wrapped in its
   * cell, or with `runOn` drawn across the empty cells to its right (a narrow column; fitLayout
   * wraps it still when they are too few).
   */
  notAvailable(
    id: string,
    row: number,
    column: number,
    strings: ReportStrings,
    error: unknown,
    runOn = false
  ): SheetRange {
    if (!isCrmError(error)) throw error;
    const range = this.block(id, row, column, [
      [strings.notAvailable(error.message, error.kind, id.split(".")[0]!)],
    ]);
    this.style(range, { italic: true, fontColor: COLORS.redText, wrapText: !runOn });
    return range;
  }

  style(range: SheetRange, style: CellStyle): void {
    if (range.rows > 0 && range.columns > 0) this.styles.push({ range, style });
  }

  format(range: SheetRange, format: string): void {
    if (range.rows > 0 && range.columns > 0) this.numberFormats.push({ range, format });
  }

  /** Formats each column of a table's body: `formats[c]` for column c (null: none). */
  formatColumns(body: SheetRange, formats: readonly (string | null)[]): void {
    formats.forEach((format, c) => {
      if (format)
        this.format(
          { row: body.row, column: body.column + c, rows: body.rows, columns: 1 },
          format
        );
    });
  }

  /** Makes a column at least `points` wide (fitLayout may make it wider, never narrower). */
  minWidth(column: number, points: number): void {
    this.minWidths.set(column, Math.max(points, this.minWidths.get(column) ?? 0));
  }

  chart(chart: ReportChart): void {
    this.charts.push(chart);
    this.rows = Math.max(this.rows, chart.position.row + chart.position.rows);
    this.columns = Math.max(this.columns, chart.position.column + chart.position.columns);
  }

  /** A small table's header row: bold on the tile colour, wrapped so long headers stay narrow. */
  headerStyle(range: SheetRange): void {
    this.style(
      { ...range, rows: 1 },
      {
        bold: true,
        fill: COLORS.tileFill,
        border: COLORS.tileBorder,
        wrapText: true,
        verticalAlignment: "Top",
      }
    );
  }

  /**
   * The sheet as a model, its column widths and row heights fitted to its text
   * ({@link fitLayout}) as the last step.
   */
  finish(sheet: {
    kind: ReportSheetKind;
    sheetName: string;
    mode: "values" | "formulas";
    frozenRows: number;
    frozenColumns?: number;
    pageSetup?: PageSetup;
  }): ReportModel {
    const model: ReportModel = {
      kind: sheet.kind,
      sheetName: sheet.sheetName,
      mode: sheet.mode,
      blocks: this.blocks,
      numberFormats: this.numberFormats,
      styles: this.styles,
      tables: this.tables,
      charts: this.charts,
      conditionalFormats: this.conditionalFormats,
      spills: this.spills,
      columnWidths: [...this.minWidths]
        .sort(([a], [b]) => a - b)
        .map(([column, width]) => ({ column, width })),
      frozenRows: sheet.frozenRows,
      ...(sheet.frozenColumns ? { frozenColumns: sheet.frozenColumns } : {}),
      ...(sheet.pageSetup ? { pageSetup: sheet.pageSetup } : {}),
      extent: { rows: this.rows, columns: this.columns },
    };
    return fitLayout(model);
  }
}
