/**
 * The one module that talks to the workbook (STYLE §4, ports and adapters): it reads the
 * source range for the wizard and applies a {@link ReportModel} to a new sheet. Nothing else
 * calls `Excel.run`; nothing here computes a metric.
 *
 * Payload: Excel on the web refuses a request above 5 MB, so reading and writing go in row
 * blocks whose JSON stays under a budget (default 4,000,000 bytes), one `context.sync()` per
 * request; formats, tables, charts and conditional formats are batched the same way, so the
 * number of syncs is the payload divided by the budget plus a constant.
 *
 * Safety: the report goes to a new sheet with a name no sheet has (never overwriting), the
 * source is only read, and on any failure or cancel the partly written sheet is deleted.
 */

import {
  rangeAddress,
  uniqueSheetName,
  type CellStyle,
  type ReportChart,
  type ReportModel,
  type ReportValue,
  type SheetRange,
} from "../core/reportModel";

export type SourceKind = "selection" | "region" | "table";

export interface SourceRequest {
  readonly kind: SourceKind;
  readonly tableName?: string;
}

export interface SourceInfo {
  readonly sheetName: string;
  /** the address as Excel gives it, e.g. `Sales!A1:D1001` */
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
  readonly rowCount: number;
}

export interface ReadOptions {
  readonly onProgress?: (rowsRead: number, rowCount: number) => void;
  readonly signal?: AbortSignal;
  readonly maxRequestBytes?: number;
}

export interface WriteOptions {
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
  /** budget per request, default 4,000,000 bytes of JSON */
  readonly maxRequestBytes?: number;
}

export interface WriteResult {
  readonly sheetName: string;
  readonly syncs: number;
  /** every request sent, with what it carried and its estimated size */
  readonly requests: readonly { readonly kind: string; readonly bytes: number }[];
}

/** Thrown when the user cancels; the workbook is left as it was. */
export class CancelledError extends Error {
  constructor() {
    super("cancelled");
    this.name = "CancelledError";
  }
}

export const DEFAULT_MAX_REQUEST_BYTES = 4_000_000;
/** A generous guess of one cell's JSON before the first block has been measured. */
const BYTES_PER_CELL_GUESS = 64;

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
      return { table, range, sheet };
    });
    await context.sync();
    return parts.map(({ table, range, sheet }) => ({
      name: table.name,
      sheetName: sheet.name,
      address: range.address,
      rowCount: range.rowCount,
    }));
  });
}

function sourceRange(context: Excel.RequestContext, request: SourceRequest): Excel.Range {
  if (request.kind === "table") {
    if (!request.tableName) throw new Error("choose a table.");
    return context.workbook.tables.getItem(request.tableName).getRange();
  }
  const selected = context.workbook.getSelectedRange();
  return request.kind === "region" ? selected.getSurroundingRegion() : selected;
}

async function loadInfo(
  context: Excel.RequestContext,
  request: SourceRequest
): Promise<{ info: SourceInfo; sheet: Excel.Worksheet }> {
  const range = sourceRange(context, request);
  range.load("address,rowCount,columnCount,rowIndex,columnIndex");
  const sheet = range.worksheet;
  sheet.load("name");
  await context.sync();
  return {
    sheet,
    info: {
      sheetName: sheet.name,
      address: range.address,
      rowCount: range.rowCount,
      columnCount: range.columnCount,
      row: range.rowIndex,
      column: range.columnIndex,
      ...(request.kind === "table" && request.tableName ? { tableName: request.tableName } : {}),
    },
  };
}

/** Where the source is and how big, without reading its cells. */
export async function describeSource(request: SourceRequest): Promise<SourceInfo> {
  return Excel.run(async (context) => (await loadInfo(context, request)).info);
}

/**
 * Reads the source range's values in row blocks, one sync per block, each block sized so its
 * JSON stays under the budget (the first block is sized by a guess per cell, the rest by what
 * the rows read so far actually weighed).
 */
export async function readSource(request: SourceRequest, options: ReadOptions = {}): Promise<SourceData> {
  const budget = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  return Excel.run(async (context) => {
    const { info, sheet } = await loadInfo(context, request);
    const values: unknown[][] = [];
    let bytesPerRow = Math.max(1, info.columnCount) * BYTES_PER_CELL_GUESS;
    let bytesRead = 0;
    while (values.length < info.rowCount) {
      checkSignal(options.signal);
      const rows = Math.max(1, Math.min(info.rowCount - values.length, Math.floor(budget / bytesPerRow)));
      const block = sheet.getRangeByIndexes(info.row + values.length, info.column, rows, info.columnCount);
      block.load("values");
      await context.sync();
      for (const row of block.values) values.push(row);
      bytesRead += JSON.stringify(block.values).length;
      // Size the next block by the heaviest of the guess and the measured average, with margin.
      bytesPerRow = Math.max(bytesPerRow, Math.ceil((1.5 * bytesRead) / values.length));
      options.onProgress?.(values.length, info.rowCount);
    }
    return { ...info, values };
  });
}

// ─── Writing ────────────────────────────────────────────────────────────────────────────

/**
 * A value as Excel should receive it. Excel reads a written string as if typed, so text that
 * looks like a number, date, boolean or formula ("00123", "2024-03", "TRUE", "=x") would change;
 * an apostrophe prefix keeps it text, as typing it would.
 */
export function excelInput(value: ReportValue): string | number | boolean {
  if (value === null) return "";
  if (typeof value !== "string") return value;
  return /^[\s]*[=+\-@'\d.$¥€£(]/.test(value) || /^\s*(true|false)\s*$/i.test(value) ? `'${value}` : value;
}

/** Queues operations and syncs whenever the next one would push a request over the budget. */
class Batcher {
  syncs = 0;
  readonly requests: { kind: string; bytes: number }[] = [];
  private pendingBytes = 0;
  private pendingKinds = new Set<string>();

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly budget: number,
    private readonly signal: AbortSignal | undefined,
    private readonly progress: () => void
  ) {}

  /** Reserves `bytes` in the current request (syncing first if they would not fit). */
  async add(kind: string, bytes: number, queue: () => void): Promise<void> {
    if (this.pendingBytes > 0 && this.pendingBytes + bytes > this.budget) await this.flush();
    queue();
    this.pendingBytes += bytes;
    this.pendingKinds.add(kind);
  }

  async flush(): Promise<void> {
    if (this.pendingKinds.size === 0) return;
    checkSignal(this.signal);
    this.requests.push({ kind: [...this.pendingKinds].join("+"), bytes: this.pendingBytes });
    this.pendingBytes = 0;
    this.pendingKinds = new Set();
    await this.context.sync();
    this.syncs++;
    this.progress();
  }
}

/** Rows per chunk so that one chunk of a matrix with these rows stays under the budget. */
function* rowChunks<T>(rows: readonly (readonly T[])[], budget: number): Generator<[number, number]> {
  let start = 0;
  let bytes = 0;
  for (let r = 0; r < rows.length; r++) {
    const rowBytes = JSON.stringify(rows[r]).length + 1;
    if (r > start && bytes + rowBytes > budget) {
      yield [start, r];
      start = r;
      bytes = 0;
    }
    bytes += rowBytes;
  }
  if (rows.length > start) yield [start, rows.length];
}

/** The cells to write for each block: formulas or values, spilled cells left empty. */
function writtenCells(model: ReportModel): { range: SheetRange; cells: (string | number | boolean)[][] }[] {
  const formulas = model.mode === "formulas";
  const spilled = (row: number, column: number) =>
    model.spills.some(
      (s) =>
        row >= s.range.row &&
        row < s.range.row + s.range.rows &&
        column >= s.range.column &&
        column < s.range.column + s.range.columns &&
        !(row === s.range.row && column === s.range.column)
    );
  return model.blocks.map((block) => {
    const cells = block.values.map((row, r) =>
      row.map((value, c) => {
        const formula = formulas ? block.formulas?.[r]?.[c] : null;
        if (typeof formula === "string") return formula;
        if (formulas && model.spills.length > 0 && spilled(block.row + r, block.column + c)) return "";
        return excelInput(value);
      })
    );
    return {
      range: { row: block.row, column: block.column, rows: block.values.length, columns: block.values[0]?.length ?? 0 },
      cells,
    };
  });
}

function applyStyle(range: Excel.Range, style: CellStyle, rows: number, columns: number): void {
  const format = range.format;
  if (style.bold !== undefined) format.font.bold = style.bold;
  if (style.italic !== undefined) format.font.italic = style.italic;
  if (style.fontSize !== undefined) format.font.size = style.fontSize;
  if (style.fontColor !== undefined) format.font.color = style.fontColor;
  if (style.fill !== undefined) format.fill.color = style.fill;
  if (style.horizontalAlignment !== undefined) format.horizontalAlignment = style.horizontalAlignment;
  if (style.verticalAlignment !== undefined) format.verticalAlignment = style.verticalAlignment;
  if (style.wrapText !== undefined) format.wrapText = style.wrapText;
  if (style.border !== undefined) {
    const edges: Excel.BorderIndex[] = [
      Excel.BorderIndex.edgeTop,
      Excel.BorderIndex.edgeBottom,
      Excel.BorderIndex.edgeLeft,
      Excel.BorderIndex.edgeRight,
    ];
    if (rows > 1) edges.push(Excel.BorderIndex.insideHorizontal);
    if (columns > 1) edges.push(Excel.BorderIndex.insideVertical);
    for (const edge of edges) {
      const border = format.borders.getItem(edge);
      border.style = Excel.BorderLineStyle.continuous;
      border.color = style.border;
    }
  }
}

const CHART_TYPES: Record<ReportChart["kind"], Excel.ChartType> = {
  line: "Line" as Excel.ChartType,
  columnClustered: "ColumnClustered" as Excel.ChartType,
  pie: "Pie" as Excel.ChartType,
};

function addChart(sheet: Excel.Worksheet, chart: ReportChart): void {
  const columns = chart.seriesColumns ?? Array.from({ length: chart.data.columns - 1 }, (_, i) => i + 1);
  const first = Math.min(...columns);
  const last = Math.max(...columns);
  const at = (r: SheetRange) => sheet.getRangeByIndexes(r.row, r.column, r.rows, r.columns);
  const series = at({ row: chart.data.row, column: chart.data.column + first, rows: chart.data.rows, columns: last - first + 1 });
  const made = sheet.charts.add(CHART_TYPES[chart.kind], series, Excel.ChartSeriesBy.columns);
  made.title.text = chart.title;
  made.legend.position = Excel.ChartLegendPosition.bottom;
  const categories = at({ row: chart.data.row + 1, column: chart.data.column, rows: chart.data.rows - 1, columns: 1 });
  for (let i = 0; i <= last - first; i++) made.series.getItemAt(i).setXAxisValues(categories);
  if (chart.valueAxisFormat) made.axes.valueAxis.numberFormat = chart.valueAxisFormat;
  const p = chart.position;
  made.setPosition(rangeAddress({ row: p.row, column: p.column, rows: 1, columns: 1 }), rangeAddress({ row: p.row + p.rows - 1, column: p.column + p.columns - 1, rows: 1, columns: 1 }));
}

/** Bytes of a request that carries no cell matrix (a style, a table, a chart). */
const SMALL_REQUEST_BYTES = 400;

/**
 * Writes the report to a new sheet: values (or formulas) first, in row chunks, then number
 * formats (chunked the same way), styles, column widths, frozen rows, native tables, charts and
 * conditional formats, then activates the sheet. On failure or cancel the new sheet is deleted
 * and the error rethrown ({@link CancelledError} for a cancel).
 */
export async function writeReport(model: ReportModel, options: WriteOptions = {}): Promise<WriteResult> {
  const budget = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  const blocks = writtenCells(model);
  // Progress: value bytes + format bytes, in units of the budget, plus the constant tail.
  let totalBytes = 0;
  for (const block of blocks) totalBytes += JSON.stringify(block.cells).length;
  for (const f of model.numberFormats) totalBytes += f.range.rows * f.range.columns * (f.format.length + 3);
  const total = Math.ceil(totalBytes / budget) + 3;
  let done = 0;
  let sheetName = "";
  let added = false;

  try {
    return await Excel.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load("items/name");
      const tables = context.workbook.tables;
      tables.load("items/name");
      await context.sync();
      checkSignal(options.signal);
      sheetName = uniqueSheetName(model.sheetName, worksheets.items.map((s) => s.name));
      const sheet = worksheets.add(sheetName);
      added = true;
      const batch = new Batcher(context, budget, options.signal, () => options.onProgress?.(Math.min(++done, total), total));
      const at = (r: SheetRange) => sheet.getRangeByIndexes(r.row, r.column, r.rows, r.columns);

      // 1. Cells.
      const formulas = model.mode === "formulas";
      for (const block of blocks) {
        for (const [from, to] of rowChunks(block.cells, budget)) {
          const cells = block.cells.slice(from, to);
          await batch.add("values", JSON.stringify(cells).length, () => {
            const range = at({ ...block.range, row: block.range.row + from, rows: to - from });
            if (formulas) range.formulas = cells;
            else range.values = cells;
          });
        }
      }
      await batch.flush();

      // 2. Number formats, in row chunks too (Excel wants one format per cell).
      for (const f of model.numberFormats) {
        const row = new Array<string>(f.range.columns).fill(f.format);
        const rowBytes = JSON.stringify(row).length + 1;
        const rowsPerChunk = Math.max(1, Math.floor(budget / rowBytes));
        for (let from = 0; from < f.range.rows; from += rowsPerChunk) {
          const rows = Math.min(rowsPerChunk, f.range.rows - from);
          await batch.add("numberFormat", rows * rowBytes, () => {
            at({ ...f.range, row: f.range.row + from, rows }).numberFormat = Array.from({ length: rows }, () => row);
          });
        }
      }

      // 3. Styles, widths, frozen rows.
      for (const { range, style } of model.styles) {
        await batch.add("styles", SMALL_REQUEST_BYTES, () => applyStyle(at(range), style, range.rows, range.columns));
      }
      for (const { column, width } of model.columnWidths) {
        await batch.add("styles", SMALL_REQUEST_BYTES / 4, () => {
          at({ row: 0, column, rows: 1, columns: 1 }).format.columnWidth = width;
        });
      }
      if (model.frozenRows > 0) {
        await batch.add("styles", SMALL_REQUEST_BYTES / 4, () => sheet.freezePanes.freezeRows(model.frozenRows));
      }
      await batch.flush();

      // 4. Tables, charts, conditional formats.
      const tableNames = new Set(tables.items.map((t) => t.name.toLowerCase()));
      for (const table of model.tables) {
        let name = table.name;
        for (let n = 2; tableNames.has(name.toLowerCase()); n++) name = `${table.name}_${n}`;
        tableNames.add(name.toLowerCase());
        await batch.add("tables", SMALL_REQUEST_BYTES, () => {
          const made = sheet.tables.add(at(table.range), true);
          made.name = name;
          made.style = table.style;
        });
      }
      for (const chart of model.charts) {
        await batch.add("charts", SMALL_REQUEST_BYTES, () => addChart(sheet, chart));
      }
      for (const rule of model.conditionalFormats) {
        await batch.add("conditionalFormats", SMALL_REQUEST_BYTES, () => {
          const target = at(rule.range);
          if (rule.kind === "colorScale") {
            const format = target.conditionalFormats.add(Excel.ConditionalFormatType.colorScale);
            format.colorScale.criteria = {
              minimum: { formula: null as unknown as string, type: Excel.ConditionalFormatColorCriterionType.lowestValue, color: rule.minColor },
              midpoint: { formula: "50", type: Excel.ConditionalFormatColorCriterionType.percentile, color: rule.midColor },
              maximum: { formula: null as unknown as string, type: Excel.ConditionalFormatColorCriterionType.highestValue, color: rule.maxColor },
            };
          } else {
            const format = target.conditionalFormats.add(Excel.ConditionalFormatType.custom);
            format.custom.rule.formula = rule.formula;
            format.custom.format.fill.color = rule.fill;
            if (rule.fontColor) format.custom.format.font.color = rule.fontColor;
          }
        });
      }
      await batch.add("activate", 0, () => {
        sheet.activate();
        sheet.getRange("A1").select();
      });
      await batch.flush();
      options.onProgress?.(total, total);
      return { sheetName, syncs: batch.syncs + 1, requests: batch.requests };
    });
  } catch (error) {
    if (added) await removeSheet(sheetName);
    throw error;
  }
}

/** Deletes the partly written sheet, in a fresh request context (the failed one may be unusable). */
async function removeSheet(name: string): Promise<void> {
  try {
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(name);
      sheet.load("isNullObject");
      await context.sync();
      if (!sheet.isNullObject) {
        sheet.delete();
        await context.sync();
      }
    });
  } catch {
    // Nothing more can be done from here; the original error is what the user needs to see.
  }
}
