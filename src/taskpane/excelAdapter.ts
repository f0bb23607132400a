/**
 * The one module that talks to the workbook (STYLE §4, ports and adapters): it reads the
 * source range for the wizard and applies a {@link ReportModel} to a new sheet. Nothing else
 * calls `Excel.run`; nothing here computes a metric or decides what the report holds.
 *
 * Payload (SPEC §4 "Large data"): Excel on the web refuses a request or response above 5 MB,
 * so cells are read and written in row blocks whose JSON stays under a budget (default
 * 4,000,000 bytes, measured in UTF-8 so Chinese text is not undercounted), one
 * `context.sync()` per request. Formats, tables, charts and conditional formats are packed
 * into requests the same way, so the number of syncs is the payload divided by the budget
 * plus a constant, never one per item.
 *
 * Safety (SPEC §4 "Generate"): the report's sheets go to new sheets whose names no sheet has
 * (never overwriting), the source is only read, and on any failure or cancel every sheet made
 * so far is deleted (by id) before the error is rethrown.
 *
 * Excel API used: ExcelApi 1.7 (getRangeByIndexes, getSurroundingRegion, freezePanes, chart
 * series), ChartAxis.numberFormat (1.8) when the model asks for it, and the page layout
 * (ExcelApi 1.9: `pageLayout.orientation`, `zoom`, `setPrintArea`, `setPrintTitleRows`) when a
 * sheet has a page setup and the host supports 1.9 (older hosts print with Excel's defaults).
 */

import { MAX_ROW_POINTS, toReportWorkbook } from "../core/report/reportLayout";
import {
  cellAddress,
  chartSeriesColumns,
  rangeAddress,
  resolveReportSheetRefs,
  uniqueSheetName,
  uniqueTableName,
  type CellStyle,
  type ConditionalFormat,
  type PageSetup,
  type ReportChart,
  type ReportModel,
  type ReportSheetKind,
  type ReportTable,
  type ReportValue,
  type ReportWorkbook,
  type SheetRange,
} from "../core/report/reportModel";

// ─── API ────────────────────────────────────────────────────────────────────────────────

export type SourceKind = "selection" | "region" | "table";

export interface SourceRequest {
  readonly kind: SourceKind;
  /** the table's name, for `kind: "table"` */
  readonly tableName?: string;
}

export interface SourceInfo {
  readonly sheetName: string;
  /** the address as Excel gives it, e.g. `Sales!A1:D1001` or `'Sales 2024'!B2:E90` */
  readonly address: string;
  readonly rowCount: number;
  readonly columnCount: number;
  readonly tableName?: string;
  /** 0-based sheet row and column of the top-left cell */
  readonly row: number;
  readonly column: number;
}

export interface SourceData extends SourceInfo {
  /** every row, the header included */
  readonly values: unknown[][];
}

export interface TableInfo {
  readonly name: string;
  readonly sheetName: string;
  readonly address: string;
  /** rows of the table's range, the header included */
  readonly rowCount: number;
}

export interface ReadOptions {
  readonly onProgress?: (rowsRead: number, rowCount: number) => void;
  readonly signal?: AbortSignal;
  /** budget per response, default {@link DEFAULT_MAX_REQUEST_BYTES} */
  readonly maxRequestBytes?: number;
}

/** Excel's limit on the text of one cell (characters). */
export const MAX_CELL_TEXT = 32_767;

/** A cell whose text was longer than {@link MAX_CELL_TEXT} and was cut to fit. */
export interface CellTextCut {
  /** the name of the new sheet the cell is on */
  readonly sheet: string;
  /** 1-based sheet row and column of the new sheet */
  readonly row: number;
  readonly column: number;
  /** the text's length before it was cut */
  readonly length: number;
}

export interface WriteOptions {
  /** called after every sync; `done` reaches `total` when the sheet is complete */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Called, before anything is written, for each cell whose text is longer than Excel's 32,767
   * characters (Excel refuses the whole request otherwise): the text is cut to fit.
   */
  readonly onCellTextCut?: (cut: CellTextCut) => void;
  readonly signal?: AbortSignal;
  /** budget per request, default {@link DEFAULT_MAX_REQUEST_BYTES} */
  readonly maxRequestBytes?: number;
}

/** One request sent to Excel: what it carried (`values+numberFormat`, …) and its estimated size. */
export interface RequestRecord {
  readonly kind: string;
  readonly bytes: number;
  /** the new sheet the request writes to (its first operation's), if any */
  readonly sheet?: string;
}

/** A sheet the writer made: which sheet of the report, and the unique name it got. */
export interface WrittenSheet {
  readonly kind?: ReportSheetKind;
  readonly sheetName: string;
}

export interface WriteResult {
  /** the name of the summary sheet (the report's first sheet), the one activated */
  readonly sheetName: string;
  /** every sheet made, in the report's order */
  readonly sheets: readonly WrittenSheet[];
  /** every `context.sync()` made, the first (loading names) included */
  readonly syncs: number;
  /** one entry per sync, in order */
  readonly requests: readonly RequestRecord[];
  /** the cells whose text was cut to Excel's 32,767 characters (see {@link WriteOptions}) */
  readonly cutCells: readonly CellTextCut[];
}

/** Thrown when the user cancels; the workbook is left as it was. */
export class CancelledError extends Error {
  constructor(message = "Cancelled.") {
    super(message);
    this.name = "CancelledError";
  }
}

/** 4 MB: under the 5 MB Excel on the web accepts, with room for the request's own framing. */
export const DEFAULT_MAX_REQUEST_BYTES = 4_000_000;

// ─── Sizes ──────────────────────────────────────────────────────────────────────────────

/** A conservative size of one cell's JSON before any row has been measured. */
const BYTES_PER_CELL_GUESS = 64;

/**
 * At most this many rows in the first block, which measures the rows: under the budget unless
 * rows weigh over 4 KB each, whatever the guess above.
 */
const FIRST_BLOCK_ROWS = 1000;

/** Rows to come may be heavier than any read so far (longer ids, longer text): a quarter more. */
const ROW_MARGIN = 1.25;

/**
 * A generous size of one queued call or property set in office.js's request (its action and
 * object path); small operations (a style, a chart) are counted as so many of these.
 */
const ACTION_BYTES = 200;

/** UTF-8 length of a string: what it weighs on the wire (JSON length undercounts CJK 3×). */
function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // 2 bytes below U+0800, 3 above; a surrogate pair is 2 units and 4 bytes
    if (code >= 0x80) bytes += code >= 0x800 && (code < 0xd800 || code > 0xdfff) ? 2 : 1;
  }
  return bytes;
}

/** UTF-8 bytes of a value's JSON: the size it adds to a request or response. */
export function jsonBytes(value: unknown): number {
  return utf8Length(JSON.stringify(value) ?? "");
}

function checkSignal(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

// ─── Reading ────────────────────────────────────────────────────────────────────────────

/** The named tables of the workbook, for the wizard's table choice. */
export async function listTables(): Promise<TableInfo[]> {
  return Excel.run(async (context) => {
    const tables = context.workbook.tables;
    tables.load("items/name");
    await context.sync();
    const parts = tables.items.map((table) => {
      const range = table.getRange();
      range.load("address,rowCount");
      const sheet = table.worksheet;
      sheet.load("name");
      return { name: table.name, range, sheet };
    });
    await context.sync();
    return parts.map(({ name, range, sheet }) => ({
      name,
      sheetName: sheet.name,
      address: range.address,
      rowCount: range.rowCount,
    }));
  });
}

/**
 * The range the user means. A selection or region is trimmed to its cells with values, so
 * selecting whole columns (A:C) reads the data, not a million empty rows; a table is taken
 * as it is, header included.
 */
function sourceRanges(
  context: Excel.RequestContext,
  request: SourceRequest
): { whole: Excel.Range; data: Excel.Range } {
  if (request.kind === "table") {
    const whole = context.workbook.tables.getItem(request.tableName ?? "").getRange();
    return { whole, data: whole };
  }
  const selected = context.workbook.getSelectedRange();
  const whole = request.kind === "region" ? selected.getSurroundingRegion() : selected;
  return { whole, data: whole.getUsedRangeOrNullObject(true) };
}

/** Where the source is and how big, in one sync. An empty selection has 0 rows. */
async function locateSource(
  context: Excel.RequestContext,
  request: SourceRequest
): Promise<{ info: SourceInfo; sheet: Excel.Worksheet }> {
  const { whole, data } = sourceRanges(context, request);
  const sheet = whole.worksheet;
  sheet.load("name");
  whole.load("address,rowIndex,columnIndex");
  data.load("address,rowCount,columnCount,rowIndex,columnIndex");
  await context.sync();
  const tableName = request.kind === "table" ? { tableName: request.tableName } : {};
  const empty = data !== whole && data.isNullObject;
  const info: SourceInfo = empty
    ? {
        sheetName: sheet.name,
        address: whole.address,
        rowCount: 0,
        columnCount: 0,
        row: whole.rowIndex,
        column: whole.columnIndex,
      }
    : {
        sheetName: sheet.name,
        address: data.address,
        rowCount: data.rowCount,
        columnCount: data.columnCount,
        row: data.rowIndex,
        column: data.columnIndex,
        ...tableName,
      };
  return { info, sheet };
}

/** Where the source is and how big, without reading its cells (one sync). */
export async function describeSource(request: SourceRequest): Promise<SourceInfo> {
  return Excel.run(async (context) => (await locateSource(context, request)).info);
}

/**
 * The first rows of the source as the sheet shows them, for the wizard's preview: Excel's
 * `Range.text` (each cell's value through its number format, e.g. the date serial 35431 as
 * "1997-01-01" or "1/1/1997"), not the stored values the report reads.
 *
 * `rows` rows (or fewer, if the source is shorter) from the top of the source, header included,
 * as displayed text: `text[r][c]` is the cell at the source's row r, column c. One sync; the
 * response is small (a preview's worth of cells). Rejects as `Excel.run` does (e.g. a sheet
 * renamed since the read); the caller then falls back to the values.
 */
export async function readDisplayedText(source: SourceInfo, rows: number): Promise<string[][]> {
  const count = Math.min(rows, source.rowCount);
  if (count < 1 || source.columnCount < 1) return [];
  return Excel.run(async (context) => {
    const range = context.workbook.worksheets
      .getItem(source.sheetName)
      .getRangeByIndexes(source.row, source.column, count, source.columnCount);
    range.load("text");
    await context.sync();
    return range.text;
  });
}

/**
 * Reads the source's values (header included) in row blocks, one sync per block, each sized
 * so its response stays under the budget: rows are assumed to weigh the larger of a
 * conservative 64 bytes per cell and the heaviest row read so far plus a quarter, and the
 * first block, read before any row is measured, has at most 1,000 rows.
 */
export async function readSource(
  request: SourceRequest,
  options: ReadOptions = {}
): Promise<SourceData> {
  const budget = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  checkSignal(options.signal);
  return Excel.run(async (context) => {
    const { info, sheet } = await locateSource(context, request);
    const values: unknown[][] = [];
    let bytesPerRow = Math.max(1, info.columnCount) * BYTES_PER_CELL_GUESS;
    while (values.length < info.rowCount) {
      checkSignal(options.signal);
      const fit = Math.floor(budget / bytesPerRow);
      const rows = Math.max(
        1,
        Math.min(
          info.rowCount - values.length,
          values.length === 0 ? Math.min(fit, FIRST_BLOCK_ROWS) : fit
        )
      );
      const block = sheet.getRangeByIndexes(
        info.row + values.length,
        info.column,
        rows,
        info.columnCount
      );
      block.load("values");
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- a sync per block keeps each response under the limit
      await context.sync();
      for (const row of block.values) {
        values.push(row);
        bytesPerRow = Math.max(bytesPerRow, Math.ceil(ROW_MARGIN * (jsonBytes(row) + 1)));
      }
      options.onProgress?.(values.length, info.rowCount);
    }
    return { ...info, values };
  });
}

// ─── Writing: what goes into the cells ──────────────────────────────────────────────────

/**
 * A value as Excel should receive it. Excel reads a written string as if typed: text that
 * looks like a number, date, boolean, error or formula ("00123", "2024-03", "Jan-24",
 * "TRUE", "#N/A", "=x", "+86 …", "-") would change, so an apostrophe keeps it text, as typing
 * one would (Excel stores the text without it).
 *
 * @example excelInput("00123") //=> "'00123"
 * @example excelInput("Churn rate") //=> "Churn rate"
 */
export function excelInput(value: ReportValue): string | number | boolean {
  if (value === null) return "";
  if (typeof value !== "string") return value;
  const looksTyped =
    /^\s*[=+\-@'#\d.,$¥€£(]/.test(value) ||
    /^\s*(true|false)\s*$/i.test(value) ||
    /^\s*(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[\s\-/.,]*\d/i.test(value);
  return looksTyped ? `'${value}` : value;
}

type Cell = string | number | boolean;

/** A rectangle of cells to write, already converted for Excel. */
interface CellBlock {
  readonly range: SheetRange;
  readonly rows: Cell[][];
}

function contains(range: SheetRange, row: number, column: number): boolean {
  return (
    row >= range.row &&
    row < range.row + range.rows &&
    column >= range.column &&
    column < range.column + range.columns
  );
}

/**
 * The cells of every block as written. In formulas mode a cell gets its formula, a spill's
 * anchor gets the spill's formula, and the cells a formula spills into are left empty (or
 * Excel would show #SPILL!); every other cell, and every cell in values mode, gets its value.
 */
function cellBlocks(
  model: ReportModel,
  sheetName: string,
  resolve: (formula: string) => string,
  onCut: (cut: CellTextCut) => void
): CellBlock[] {
  const formulas = model.mode === "formulas";
  const spillAt = (row: number, column: number): string | null | undefined => {
    for (const spill of model.spills) {
      if (!contains(spill.range, row, column)) continue;
      return row === spill.range.row && column === spill.range.column ? resolve(spill.formula) : "";
    }
    return undefined;
  };
  return model.blocks.map((block) => ({
    range: {
      row: block.row,
      column: block.column,
      rows: block.values.length,
      columns: block.values[0]?.length ?? 0,
    },
    rows: block.values.map((row, r) =>
      row.map((value, c) => {
        const fit = (cell: Cell): Cell => {
          // The text as sent (an apostrophe included) must fit Excel's limit.
          if (typeof cell !== "string" || cell.length <= MAX_CELL_TEXT) return cell;
          onCut({
            sheet: sheetName,
            row: block.row + r + 1,
            column: block.column + c + 1,
            length: cell.length,
          });
          return cell.slice(0, MAX_CELL_TEXT);
        };
        if (!formulas) return fit(excelInput(value));
        const formula = block.formulas?.[r]?.[c];
        if (typeof formula === "string") return resolve(formula);
        return spillAt(block.row + r, block.column + c) ?? fit(excelInput(value));
      })
    ),
  }));
}

// ─── Writing: requests under the budget ─────────────────────────────────────────────────

/** One change to the new sheet, queued on the request context, and its estimated size. */
interface Operation {
  readonly kind: string;
  readonly bytes: number;
  readonly apply: (sheet: Excel.Worksheet) => void;
}

/** The operations sent in one sync, each with the index of the report sheet it applies to. */
interface PlannedRequest {
  readonly kinds: Set<string>;
  bytes: number;
  readonly operations: { readonly sheet: number; readonly operation: Operation }[];
}

/**
 * Packs operations into requests in order, starting a new request when the next operation
 * would push the current one over the budget. Cell matrices are split by rows so each piece
 * fills what is left of the current request: the number of requests is about the payload
 * divided by the budget, whatever the blocks' sizes.
 */
class RequestPlanner {
  readonly requests: PlannedRequest[] = [];
  private current: PlannedRequest | null = null;
  /** the report sheet (index) the operations added from now on apply to */
  sheet = 0;

  constructor(private readonly budget: number) {}

  private get used(): number {
    return this.current?.bytes ?? 0;
  }

  /** Adds an operation that cannot be split. */
  add(operation: Operation): void {
    if (this.current && this.used + operation.bytes > this.budget) this.close();
    this.current ??= { kinds: new Set(), bytes: 0, operations: [] };
    this.current.kinds.add(operation.kind);
    this.current.bytes += operation.bytes;
    this.current.operations.push({ sheet: this.sheet, operation });
  }

  /**
   * Adds a matrix written by rows: `write(range, rows)` is called for each piece. A single
   * row heavier than the budget goes alone (rows are never split; report rows are small).
   */
  addRows<T>(
    kind: string,
    range: SheetRange,
    rows: readonly T[][],
    write: (range: SheetRange, rows: T[][]) => Operation["apply"]
  ): void {
    const overhead = ACTION_BYTES + 2; // the call, the address and the outer brackets
    let start = 0;
    let bytes = overhead;
    const emit = (end: number) => {
      const piece = { ...range, row: range.row + start, rows: end - start };
      this.add({ kind, bytes, apply: write(piece, rows.slice(start, end)) });
    };
    for (let r = 0; r < rows.length; r++) {
      const rowBytes = jsonBytes(rows[r]) + 1; // the row and its comma
      if (this.used + bytes + rowBytes > this.budget) {
        if (r > start) {
          emit(r);
          start = r;
          bytes = overhead;
        }
        if (this.used > 0) this.close();
      }
      bytes += rowBytes;
    }
    if (rows.length > start) emit(rows.length);
  }

  /** Ends the current request, so what follows starts a new one. */
  close(): void {
    if (this.current) this.requests.push(this.current);
    this.current = null;
  }
}

/** How many calls a style makes: one per property, two per border edge. */
function styleActions(style: CellStyle, range: SheetRange): number {
  const properties = Object.entries(style).filter(
    ([key, value]) => key !== "border" && value !== undefined
  ).length;
  return 1 + properties + (style.border === undefined ? 0 : 2 * borderEdges(range).length);
}

type BorderEdge =
  "EdgeTop" | "EdgeBottom" | "EdgeLeft" | "EdgeRight" | "InsideHorizontal" | "InsideVertical";

/** The edges of a thin border around every cell of the range. */
function borderEdges(range: SheetRange): BorderEdge[] {
  const edges: BorderEdge[] = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"];
  if (range.rows > 1) edges.push("InsideHorizontal");
  if (range.columns > 1) edges.push("InsideVertical");
  return edges;
}

function at(sheet: Excel.Worksheet, range: SheetRange): Excel.Range {
  return sheet.getRangeByIndexes(range.row, range.column, range.rows, range.columns);
}

function applyStyle(sheet: Excel.Worksheet, range: SheetRange, style: CellStyle): void {
  const format = at(sheet, range).format;
  if (style.bold !== undefined) format.font.bold = style.bold;
  if (style.italic !== undefined) format.font.italic = style.italic;
  if (style.fontSize !== undefined) format.font.size = style.fontSize;
  if (style.fontColor !== undefined) format.font.color = style.fontColor;
  if (style.fill !== undefined) format.fill.color = style.fill;
  if (style.horizontalAlignment !== undefined)
    format.horizontalAlignment = style.horizontalAlignment;
  if (style.verticalAlignment !== undefined) format.verticalAlignment = style.verticalAlignment;
  if (style.wrapText !== undefined) format.wrapText = style.wrapText;
  if (style.border !== undefined) {
    for (const edge of borderEdges(range)) {
      const border = format.borders.getItem(edge);
      border.style = "Continuous";
      border.color = style.border;
    }
  }
}

/**
 * A native table. The range is passed as a Range object: a bare address would be taken on the
 * active sheet, which is still the user's sheet at this point.
 */
function addTable(sheet: Excel.Worksheet, table: ReportTable, name: string): void {
  const made = sheet.tables.add(at(sheet, table.range), true);
  made.name = name;
  made.style = table.style;
}

/** Font sizes of a chart's title and of its other text (axes, legend), points. */
export const CHART_TITLE_POINTS = 11;
export const CHART_TEXT_POINTS = 9;

const CHART_TYPES = {
  line: "Line",
  columnClustered: "ColumnClustered",
  barClustered: "BarClustered",
  pie: "Pie",
} as const;

/**
 * A chart over the columns from the first to the last series (header row = series names),
 * with the columns in between that are not series removed, the data's first column as
 * categories, placed over `position`.
 */
function addChart(sheet: Excel.Worksheet, chart: ReportChart): void {
  const offsets = chartSeriesColumns(chart);
  const first = offsets[0];
  const last = offsets[offsets.length - 1];
  if (first === undefined || last === undefined) return; // no series, nothing to draw
  const span = last - first + 1;
  const { data, position } = chart;
  const source = at(sheet, {
    row: data.row,
    column: data.column + first,
    rows: data.rows,
    columns: span,
  });
  const made = sheet.charts.add(CHART_TYPES[chart.kind], source, "Columns");
  made.title.text = chart.title;
  // small charts: the title at 11 pt, axis labels and legend at 9 pt (ChartFont, ExcelApi 1.1)
  made.title.format.font.size = CHART_TITLE_POINTS;
  made.format.font.size = CHART_TEXT_POINTS;
  made.legend.position = "Bottom";
  // bars of one series need no legend: the title says what they count
  if (chart.kind !== "line" && chart.kind !== "pie" && offsets.length === 1)
    made.legend.visible = false;
  // Delete from the right, so the indexes still to delete do not move.
  for (let i = span - 1; i >= 0; i--)
    if (!offsets.includes(first + i)) made.series.getItemAt(i).delete();
  const categories = at(sheet, {
    row: data.row + 1,
    column: data.column,
    rows: data.rows - 1,
    columns: 1,
  });
  for (let i = 0; i < offsets.length; i++) made.series.getItemAt(i).setXAxisValues(categories);
  if (chart.valueAxisFormat !== undefined) made.axes.valueAxis.numberFormat = chart.valueAxisFormat;
  if (chart.kind === "barClustered") {
    // the first category at the top, as the table beside the bars lists it (ExcelApi 1.7), and
    // the value axis crossing at the last category, so it stays at the bottom (1.8)
    made.axes.categoryAxis.reversePlotOrder = true;
    made.axes.categoryAxis.position = "Maximum";
  }
  made.setPosition(
    cellAddress(position.row, position.column),
    cellAddress(position.row + position.rows - 1, position.column + position.columns - 1)
  );
}

/** A colour scale (lowest, 50th percentile, highest) or a rule by formula. */
function addConditionalFormat(sheet: Excel.Worksheet, rule: ConditionalFormat): void {
  const target = at(sheet, rule.range).conditionalFormats;
  if (rule.kind === "colorScale") {
    target.add("ColorScale").colorScale.criteria = {
      minimum: { type: "LowestValue", color: rule.minColor },
      midpoint: { type: "Percentile", formula: "50", color: rule.midColor },
      maximum: { type: "HighestValue", color: rule.maxColor },
    };
  } else {
    const custom = target.add("Custom").custom;
    custom.rule.formula = rule.formula;
    custom.format.fill.color = rule.fill;
    if (rule.fontColor !== undefined) custom.format.font.color = rule.fontColor;
  }
}

/** Runs of consecutive rows with the same height: one operation each. */
function rowHeightRuns(
  heights: readonly { readonly row: number; readonly height: number }[]
): { row: number; rows: number; height: number }[] {
  const runs: { row: number; rows: number; height: number }[] = [];
  for (const { row, height } of [...heights].sort((a, b) => a.row - b.row)) {
    const last = runs[runs.length - 1];
    if (last && last.row + last.rows === row && last.height === height) last.rows++;
    else runs.push({ row, rows: 1, height });
  }
  return runs;
}

/** Rows and columns frozen: rows alone, columns alone, or both at once (freezeAt). */
function freeze(sheet: Excel.Worksheet, rows: number, columns: number): void {
  if (rows > 0 && columns > 0)
    sheet.freezePanes.freezeAt(at(sheet, { row: 0, column: 0, rows, columns }));
  else if (rows > 0) sheet.freezePanes.freezeRows(rows);
  else if (columns > 0) sheet.freezePanes.freezeColumns(columns);
}

/**
 * The page layout (ExcelApi 1.9): orientation, fit to pages wide and tall (0 = as many as
 * needed, as in the file format), margins (points), print area, and the rows repeated on every
 * page (whole rows, as `setPrintTitleRows` requires).
 */
function applyPageSetup(sheet: Excel.Worksheet, setup: PageSetup): void {
  const layout = sheet.pageLayout;
  layout.orientation = setup.orientation === "landscape" ? "Landscape" : "Portrait";
  layout.zoom = {
    horizontalFitToPages: setup.fitToWidth,
    verticalFitToPages: setup.fitToHeight,
  };
  if (setup.margins) {
    // points, as the model gives them
    layout.leftMargin = setup.margins.left;
    layout.rightMargin = setup.margins.right;
    layout.topMargin = setup.margins.top;
    layout.bottomMargin = setup.margins.bottom;
    layout.headerMargin = setup.margins.header;
    layout.footerMargin = setup.margins.footer;
  }
  if (setup.printArea) layout.setPrintArea(rangeAddress(setup.printArea));
  if (setup.printTitleRows)
    layout.setPrintTitleRows(
      `$${setup.printTitleRows.first + 1}:$${setup.printTitleRows.last + 1}`
    );
}

/**
 * Whether the host has the page layout API (ExcelApi 1.9). Without the Office global (tests
 * that stand in for Excel alone) it is assumed.
 */
function pageLayoutSupported(): boolean {
  if (typeof Office === "undefined") return true;
  const requirements = Office.context?.requirements;
  return requirements === undefined || requirements.isSetSupported("ExcelApi", "1.9");
}

/** What one sheet's requests need to know besides the sheet's model. */
interface SheetPlan {
  readonly sheetName: string;
  readonly takenNames: Set<string>;
  readonly resolve: (formula: string) => string;
  readonly pageLayout: boolean;
  readonly onCut: (cut: CellTextCut) => void;
}

/**
 * Adds the requests that write one sheet of the report, in three phases that each start a new
 * request: cells; number formats, styles, column widths, row heights, frozen panes and page
 * layout; tables, charts and conditional formats.
 */
function planSheet(planner: RequestPlanner, model: ReportModel, plan: SheetPlan): void {
  const cellKind = model.mode === "formulas" ? "formulas" : "values";
  for (const block of cellBlocks(model, plan.sheetName, plan.resolve, plan.onCut)) {
    planner.addRows(cellKind, block.range, block.rows, (range, rows) => (sheet) => {
      const target = at(sheet, range);
      if (cellKind === "formulas") target.formulas = rows;
      else target.values = rows;
    });
  }
  planner.close();

  for (const { range, format } of model.numberFormats) {
    const row = new Array<string>(range.columns).fill(format);
    const rows = Array.from({ length: range.rows }, () => row);
    planner.addRows("numberFormat", range, rows, (piece, chunk) => (sheet) => {
      at(sheet, piece).numberFormat = chunk;
    });
  }
  for (const { range, style } of model.styles) {
    const bytes = styleActions(style, range) * ACTION_BYTES;
    planner.add({ kind: "style", bytes, apply: (sheet) => applyStyle(sheet, range, style) });
  }
  for (const { column, width } of model.columnWidths) {
    planner.add({
      kind: "columnWidth",
      bytes: 2 * ACTION_BYTES,
      apply: (sheet) => {
        at(sheet, { row: 0, column, rows: 1, columns: 1 }).format.columnWidth = width;
      },
    });
  }
  for (const { row, rows, height } of rowHeightRuns(model.rowHeights ?? [])) {
    planner.add({
      kind: "rowHeight",
      bytes: 2 * ACTION_BYTES,
      apply: (sheet) => {
        // Excel refuses a height over 409 points, and with it the whole request
        at(sheet, { row, column: 0, rows, columns: 1 }).format.rowHeight = Math.min(
          MAX_ROW_POINTS,
          height
        );
      },
    });
  }
  const frozenColumns = model.frozenColumns ?? 0;
  if (model.frozenRows > 0 || frozenColumns > 0) {
    const kind =
      model.frozenRows > 0 && frozenColumns > 0
        ? "freezeAt"
        : model.frozenRows > 0
          ? "freezeRows"
          : "freezeColumns";
    planner.add({
      kind,
      bytes: 2 * ACTION_BYTES,
      apply: (sheet) => freeze(sheet, model.frozenRows, frozenColumns),
    });
  }
  const setup = model.pageSetup;
  if (setup && plan.pageLayout) {
    planner.add({
      kind: "pageLayout",
      bytes: 5 * ACTION_BYTES,
      apply: (sheet) => applyPageSetup(sheet, setup),
    });
  }
  planner.close();

  for (const table of model.tables) {
    const name = uniqueTableName(table.name, plan.takenNames);
    planner.add({
      kind: "table",
      bytes: 4 * ACTION_BYTES + jsonBytes(name),
      apply: (sheet) => addTable(sheet, table, name),
    });
  }
  for (const chart of model.charts) {
    const bytes = (8 + 2 * chart.data.columns) * ACTION_BYTES + jsonBytes(chart.title);
    planner.add({ kind: "chart", bytes, apply: (sheet) => addChart(sheet, chart) });
  }
  for (const modelRule of model.conditionalFormats) {
    const rule =
      modelRule.kind === "formula"
        ? { ...modelRule, formula: plan.resolve(modelRule.formula) }
        : modelRule;
    const bytes = 5 * ACTION_BYTES + (rule.kind === "formula" ? jsonBytes(rule.formula) : 0);
    planner.add({
      kind: "conditionalFormat",
      bytes,
      apply: (sheet) => addConditionalFormat(sheet, rule),
    });
  }
}

/**
 * Every request that writes the report: each sheet's three phases (see {@link planSheet}), the
 * activation of the summary sheet (and A1 selected) in the last request.
 */
function planWrite(
  report: ReportWorkbook,
  sheetNames: readonly string[],
  budget: number,
  takenNames: Set<string>,
  onCut: (cut: CellTextCut) => void
): PlannedRequest[] {
  const namesByKind: Partial<Record<ReportSheetKind, string>> = {};
  report.sheets.forEach((sheet, i) => {
    if (sheet.kind !== undefined) namesByKind[sheet.kind] ??= sheetNames[i];
  });
  const resolve = (formula: string) => resolveReportSheetRefs(formula, namesByKind);
  const pageLayout = pageLayoutSupported();
  const planner = new RequestPlanner(budget);
  report.sheets.forEach((model, i) => {
    if (i > 0) planner.close();
    planner.sheet = i;
    planSheet(planner, model, {
      sheetName: sheetNames[i]!,
      takenNames,
      resolve,
      pageLayout,
      onCut,
    });
  });
  planner.sheet = summaryIndex(report);
  planner.add({
    kind: "activate",
    bytes: 3 * ACTION_BYTES,
    apply: (sheet) => {
      sheet.activate();
      sheet.getRange("A1").select();
    },
  });
  planner.close();
  return planner.requests;
}

/** The sheet activated at the end: the summary, else the first. */
function summaryIndex(report: ReportWorkbook): number {
  return Math.max(
    0,
    report.sheets.findIndex((sheet) => sheet.kind === "summary")
  );
}

// ─── Writing: the run ───────────────────────────────────────────────────────────────────

/**
 * Writes the report's sheets to new sheets, in order, each with a name no sheet has (compared
 * regardless of case, against the workbook's sheets and the ones just chosen); formulas that
 * point at another sheet of the report ({@link reportSheetRef} placeholders) get the names
 * chosen. A single {@link ReportModel} is written as a one-sheet report.
 *
 * For each sheet: cells (values, or formulas with spills left empty) in row chunks, then
 * number formats (chunked the same way), styles, column widths, row heights, frozen panes and
 * page layout, then native tables, charts and conditional formats; at the end the summary
 * sheet is activated and A1 selected. Syncs: 2 (names, the new sheets) + the requests the
 * payload needs (about payload ÷ budget) + 3 per sheet at most for a report under a few MB.
 *
 * On a failure or a cancel (checked before every sync) every new sheet is deleted, by id, and
 * the error rethrown ({@link CancelledError} for a cancel); the user's sheets are never touched.
 */
export async function writeReport(
  report: ReportWorkbook | ReportModel,
  options: WriteOptions = {}
): Promise<WriteResult> {
  const workbook = toReportWorkbook(report);
  const budget = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  const requests: RequestRecord[] = [];
  const cutCells: CellTextCut[] = [];
  /** the sheets asked for; `id` once Excel has confirmed them (until then nothing is ours) */
  let made: { name: string; id?: string }[] = [];

  try {
    return await Excel.run(async (context) => {
      let total = 2;
      const sync = async (kind: string, bytes: number, sheet?: string) => {
        checkSignal(options.signal);
        await context.sync();
        requests.push({ kind, bytes, ...(sheet !== undefined ? { sheet } : {}) });
        options.onProgress?.(requests.length, total);
      };

      // 1. The names in use: sheets, tables, and defined names (which tables must not take).
      const { worksheets, tables, names } = context.workbook;
      worksheets.load("items/name");
      tables.load("items/name");
      names.load("items/name");
      checkSignal(options.signal);
      await context.sync();
      const sheetNames: string[] = [];
      const existing = worksheets.items.map((sheet) => sheet.name);
      for (const sheet of workbook.sheets)
        sheetNames.push(uniqueSheetName(sheet.sheetName, [...existing, ...sheetNames]));
      const takenNames = new Set(
        [...tables.items, ...names.items].map((item) => item.name.toLowerCase())
      );
      const plan = planWrite(workbook, sheetNames, budget, takenNames, (cut) => {
        cutCells.push(cut);
        options.onCellTextCut?.(cut);
      });
      total += plan.length;
      requests.push({ kind: "load", bytes: 3 * ACTION_BYTES });
      options.onProgress?.(requests.length, total);

      // 2. The new sheets, alone in their request, so their ids are known before anything is written.
      const sheets = sheetNames.map((name) => {
        const sheet = worksheets.add(name);
        sheet.load("id");
        return sheet;
      });
      made = sheetNames.map((name) => ({ name }));
      await sync(
        "addSheet",
        sheetNames.reduce((sum, name) => sum + 2 * ACTION_BYTES + jsonBytes(name), 0)
      );
      made = sheetNames.map((name, i) => ({ name, id: sheets[i]!.id }));

      // 3. Cells, formats, objects: one sync per planned request.
      for (const request of plan) {
        checkSignal(options.signal);
        for (const { sheet, operation } of request.operations) operation.apply(sheets[sheet]!);
        const first = request.operations[0]?.sheet;
        await sync(
          [...request.kinds].join("+"),
          request.bytes,
          first === undefined ? undefined : sheetNames[first]
        );
      }
      return {
        sheetName: sheetNames[summaryIndex(workbook)]!,
        sheets: workbook.sheets.map((sheet, i) => ({
          ...(sheet.kind !== undefined ? { kind: sheet.kind } : {}),
          sheetName: sheetNames[i]!,
        })),
        syncs: requests.length,
        requests,
        cutCells,
      };
    });
  } catch (error) {
    if (made.length > 0) await removeSheets(made);
    throw error;
  }
}

/**
 * Deletes the new sheets in a fresh request context (the failed one may hold a broken batch).
 * By id when Excel confirmed them; otherwise the request that added them failed, and a sheet
 * of such a name is removed only if it is empty, so a sheet someone else made with that name
 * in the meantime is never lost.
 */
async function removeSheets(sheets: readonly { name: string; id?: string }[]): Promise<void> {
  try {
    await Excel.run(async (context) => {
      const found = sheets.map(({ name, id }) => ({
        confirmed: id !== undefined,
        sheet: context.workbook.worksheets.getItemOrNullObject(id ?? name),
      }));
      await context.sync();
      const present = found.filter(({ sheet }) => !sheet.isNullObject);
      const unconfirmed = present
        .filter(({ confirmed }) => !confirmed)
        .map((item) => ({ ...item, used: item.sheet.getUsedRangeOrNullObject() }));
      if (unconfirmed.length > 0) await context.sync();
      for (const { sheet, confirmed } of present) {
        const used = unconfirmed.find((item) => item.sheet === sheet)?.used;
        if (confirmed || used?.isNullObject) sheet.delete();
      }
      await context.sync();
    });
  } catch {
    // Nothing more can be done from here; the original error is what the user needs to see.
  }
}
