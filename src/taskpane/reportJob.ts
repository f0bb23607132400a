/**
 * The report computation as a job for a Web Worker (SPEC §4 "Generate": progress shown,
 * cancellable): what the task pane posts to src/taskpane/report.worker.ts, what the worker
 * posts back, and the work itself, which is the core's own ({@link prepareReportData} then
 * {@link buildReport}, exactly as the pane computes on its own thread when no worker runs).
 *
 * No DOM, no Office: this module runs in the worker, in the pane (the fallback) and in Node
 * (test/taskpane/reportJob.test.ts).
 *
 * Transfer: the sheet's values arrive as rows (`unknown[][]`, Excel's `Range.values`). Only the
 * mapped columns are sent — the report reads no other (prepareReportData reads the id, date,
 * amount, cost and score columns; displayIds the id column; formulas name columns through
 * `columnNames`) — each as a column: a column of numbers (dates are serials, amounts numbers,
 * ids often numbers) goes as a Float64Array whose buffer is transferred, not copied, with its
 * few other cells (blanks, text) listed beside it; a column of mostly text goes as one flat
 * array (structured clone). The worker rebuilds rows of the source's width, the columns not
 * sent left blank (`""`, as Excel gives an empty cell).
 */

import { CrmError, isCrmError, type CrmErrorKind } from "../core/errors";
import {
  buildReport,
  prepareReportData,
  type PreparedData,
  type ReportOptions,
  type ReportSource,
} from "../core/report";
import type { ReportWorkbook } from "../core/report/reportModel";

// ─── Messages ───────────────────────────────────────────────────────────────────────────

/**
 * One column of the source's data rows (header excluded), packed for `postMessage`:
 * - `numbers`: cell k is `numbers[k]`, except the cells at `otherRows` (ascending), which are
 *   `otherCells` in the same order (a blank, a text, a boolean);
 * - `cells`: cell k is `cells[k]`.
 */
export type PackedColumn =
  | {
      readonly kind: "numbers";
      readonly numbers: Float64Array;
      readonly otherRows: Uint32Array;
      readonly otherCells: readonly unknown[];
    }
  | { readonly kind: "cells"; readonly cells: readonly unknown[] };

/** The source's rows, packed: the header row as it is, and the mapped columns of the data rows. */
export interface PackedRows {
  /** the header row (when the source has one), whole */
  readonly head: readonly (readonly unknown[])[];
  /** data rows (header excluded) */
  readonly dataRows: number;
  /** the source's width: rebuilt rows have this many cells */
  readonly columnCount: number;
  /** the columns sent, by their 0-based index in the source */
  readonly columns: readonly { readonly index: number; readonly column: PackedColumn }[];
}

/** What the pane posts to the worker: the source without its rows, the rows packed, the options. */
export interface ReportJob {
  readonly source: Omit<ReportSource, "rows">;
  readonly rows: PackedRows;
  readonly options: ReportOptions;
}

/** Where the computation is: reading and auditing the rows, then the metrics and the sheets. */
export type ReportStage = "audit" | "build";

/** An error as it crosses from the worker: a {@link CrmError} keeps its kind, argument and row. */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly crm?: { readonly kind: CrmErrorKind; readonly argument?: string; readonly row?: number };
}

/** What the worker posts back: `ready` once it runs, stages, then a result or an error. */
export type WorkerMessage =
  | { readonly type: "ready" }
  | { readonly type: "progress"; readonly stage: ReportStage }
  | { readonly type: "result"; readonly workbook: ReportWorkbook }
  | { readonly type: "error"; readonly error: SerializedError };

// ─── Packing ────────────────────────────────────────────────────────────────────────────

/** The distinct source columns the mapping uses, ascending. */
export function mappedColumns(mapping: ReportSource["mapping"]): number[] {
  const used = new Set<number>();
  for (const index of Object.values(mapping)) if (typeof index === "number") used.add(index);
  return [...used].sort((a, b) => a - b);
}

/** One column of `rows[from…]`, numbers in a Float64Array when at least half the cells are numbers. */
function packColumn(
  rows: readonly (readonly unknown[])[],
  from: number,
  index: number
): PackedColumn {
  const count = rows.length - from;
  let numbers = 0;
  for (let r = from; r < rows.length; r++) if (typeof rows[r]![index] === "number") numbers++;
  if (count === 0 || numbers * 2 < count) {
    const cells = new Array<unknown>(count);
    for (let r = from; r < rows.length; r++) cells[r - from] = rows[r]![index];
    return { kind: "cells", cells };
  }
  const values = new Float64Array(count);
  const otherRows = new Uint32Array(count - numbers);
  const otherCells = new Array<unknown>(count - numbers);
  let others = 0;
  for (let r = from; r < rows.length; r++) {
    const cell = rows[r]![index];
    if (typeof cell === "number") values[r - from] = cell;
    else {
      otherRows[others] = r - from;
      otherCells[others++] = cell;
    }
  }
  return { kind: "numbers", numbers: values, otherRows, otherCells };
}

/**
 * The job for the worker, and the buffers to transfer with it (`postMessage(job, transfer)`):
 * every buffer is new, made here, so transferring it takes nothing from the caller's data.
 * Cost O(rows × mapped columns), no allocation per cell.
 */
export function packReportJob(
  source: ReportSource,
  options: ReportOptions
): { job: ReportJob; transfer: ArrayBuffer[] } {
  const { rows, ...rest } = source;
  const from = source.hasHeader ? Math.min(1, rows.length) : 0;
  const columnCount = rows.reduce((width, row) => Math.max(width, row.length), 0);
  const columns = mappedColumns(source.mapping)
    .filter((index) => index < columnCount)
    .map((index) => ({ index, column: packColumn(rows, from, index) }));
  const transfer: ArrayBuffer[] = [];
  for (const { column } of columns) {
    if (column.kind === "numbers")
      transfer.push(column.numbers.buffer as ArrayBuffer, column.otherRows.buffer as ArrayBuffer);
  }
  return {
    job: {
      source: rest,
      rows: { head: rows.slice(0, from), dataRows: rows.length - from, columnCount, columns },
      options,
    },
    transfer,
  };
}

/** The rows of a packed source: the header as sent, data rows of the source's width, unsent cells `""`. */
export function unpackRows(packed: PackedRows): unknown[][] {
  const rows: unknown[][] = packed.head.map((row) => [...row]);
  const start = rows.length;
  for (let r = 0; r < packed.dataRows; r++)
    rows.push(new Array<unknown>(packed.columnCount).fill(""));
  for (const { index, column } of packed.columns) {
    if (column.kind === "cells") {
      for (let r = 0; r < packed.dataRows; r++) rows[start + r]![index] = column.cells[r];
      continue;
    }
    for (let r = 0; r < packed.dataRows; r++) rows[start + r]![index] = column.numbers[r];
    for (let k = 0; k < column.otherRows.length; k++)
      rows[start + column.otherRows[k]!]![index] = column.otherCells[k];
  }
  return rows;
}

// ─── The work ───────────────────────────────────────────────────────────────────────────

/**
 * The report of a source: the rows read and audited ({@link prepareReportData}, skipped when
 * `prepared` is given, as the pane has it from the data-quality step), then the workbook
 * ({@link buildReport}). `onStage` is called before each part.
 *
 * @throws CrmError as buildReport does (options that do not fit the data, naming the option)
 */
export function computeReportWorkbook(
  source: ReportSource,
  options: ReportOptions,
  onStage: (stage: ReportStage) => void = () => undefined,
  prepared?: PreparedData
): ReportWorkbook {
  onStage("audit");
  const data = prepared ?? prepareReportData(source);
  onStage("build");
  return buildReport(data, options);
}

/** The worker's work for one job ({@link computeReportWorkbook} of the unpacked source). */
export function runReportJob(
  job: ReportJob,
  onStage: (stage: ReportStage) => void = () => undefined
): ReportWorkbook {
  return computeReportWorkbook({ ...job.source, rows: unpackRows(job.rows) }, job.options, onStage);
}

// ─── Errors across the boundary ─────────────────────────────────────────────────────────

/** An error thrown in the worker as plain data (structured clone drops a class's identity). */
export function serializeError(error: unknown): SerializedError {
  if (isCrmError(error)) {
    return {
      name: error.name,
      message: error.message,
      crm: {
        kind: error.kind,
        ...(error.argument !== undefined ? { argument: error.argument } : {}),
        ...(error.row !== undefined ? { row: error.row } : {}),
      },
    };
  }
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: "Error", message: String(error) };
}

/** The error again on the pane's side: a {@link CrmError} when it was one (the wizard maps it to a field). */
export function deserializeError(error: SerializedError): Error {
  if (error.crm)
    return new CrmError(error.crm.kind, error.message, error.crm.argument, error.crm.row);
  const made = new Error(error.message);
  made.name = error.name;
  return made;
}
