/**
 * A per-runtime cache of transaction ranges read into typed columns, and of what is built from
 * them (purchase histories, customer summaries), so that several `CRM.*` formulas over the
 * same ranges, and every recalculation after an edit elsewhere, read and group the data once
 * (issue 14, part 3).
 *
 * Never stale: an entry is found by the **content** of the ranges, never by their identity
 * (Excel passes new arrays on every call):
 * - a fingerprint of the row count and of 64 cells sampled evenly down each column (the first
 *   and the last row among them) picks the candidate entries in O(1);
 * - a candidate is used only when **every** cell of every column equals the cell it was read
 *   from (numbers by value, −0 apart from 0; text by its characters; blanks, booleans and
 *   null by value; anything else, such as an error value, never matches), one pass per column.
 *   So an edit to any single cell, wherever the sample falls, misses the cache.
 * Only reads that succeed are kept: a range with a bad cell is read (and refused) each time.
 *
 * Results: a worksheet function may keep its spilled table with the entry under a key of its
 * other arguments ({@link InputEntry.result}, {@link resultKey}), so that a recalculation with
 * unchanged ranges and arguments (COHORTS, RFMALERT) only compares the cells.
 *
 * Bounded: at most {@link INPUT_CACHE_ENTRIES} entries and {@link INPUT_CACHE_BYTES} bytes by
 * estimate (the copy of the raw cells, 4 or 8 bytes a cell; the typed columns; the histories,
 * summaries and results built so far), least recently used dropped first. An input larger than the whole
 * bound is read but not kept. At Excel's largest column (1,048,576 rows) an entry of three
 * columns with its histories is about 70 MB, so the bound keeps three such data sets.
 *
 * The cached objects are shared by every formula that hits the entry: nothing may write into
 * them (the core's metrics only read their input).
 */
import {
  cellColumn,
  readCommonShapesWithCells,
  readTransactions,
  readTransactionsPerCell,
  type CellColumn,
  type Transactions,
} from "../core/input/input";
import { buildHistories, type PurchaseHistories } from "../core/input/history";
import { CellCopier, type CellCopy } from "../core/input/cellCopy";
import type { CustomerSummary } from "../core/models/customerSummary";

// Built-ins used once per cell, held here: a global looked up per cell is slow where the
// global object is a proxy (Node's vm contexts, which the bundle tests run the add-in in).
const { isArray } = Array;
const { is } = Object;

/** Most entries kept at once. */
export const INPUT_CACHE_ENTRIES = 8;
/** Most bytes kept at once, by the estimate of {@link InputEntry.bytes}. */
export const INPUT_CACHE_BYTES = 256 * 2 ** 20;
/** Most customer summaries (calibration end × time unit) kept per entry. */
const SUMMARIES_PER_ENTRY = 4;
/** Most worksheet-function results (function × other arguments) kept per entry. */
const RESULTS_PER_ENTRY = 4;
/** Cells sampled per column for the fingerprint. */
const SAMPLES = 64;

/**
 * The raw cells of one column, as read: numbers in `numbers`, any other cell in `others` (in
 * row order, flagged in `kinds`: one byte a row rather than a reference a row, so that a column
 * of ids with some text costs the garbage collector little).
 */
interface Snapshot extends CellCopy {
  /** whether `numbers` is the read column itself (it equals the cells), not a copy */
  readonly shared: boolean;
}

/** What the cache keeps for one set of ranges. */
export interface InputEntry {
  /** the ranges read by {@link readTransactions} */
  readonly transactions: Transactions;
  /** the purchase histories of {@link transactions}, built on first use */
  histories(): PurchaseHistories;
  /**
   * A result derived from {@link transactions} alone and `key` (e.g. a customer summary at a
   * calibration end), made by `make` on first use and kept with the entry.
   */
  summary(key: string, make: () => CustomerSummary): CustomerSummary;
  /** Whether the amounts were checked summable (set by the caller after its check). */
  summableChecked: boolean;
  /**
   * A worksheet function's spilled result over {@link transactions}, kept under `key` (made by
   * {@link resultKey} from the function's name and its other arguments), made by `make` on
   * first use. Never stale: the entry is found by every cell of the ranges and the key holds
   * every other argument exactly, so an edit to any cell or argument makes another entry or
   * key. A result that throws is not kept. The kept table is shared by later calls: nothing
   * may write into it.
   */
  result(key: string | undefined, make: () => unknown[][]): unknown[][];
}

class Entry implements InputEntry {
  summableChecked = false;
  private builtHistories: PurchaseHistories | undefined;
  private readonly summaries = new Map<string, CustomerSummary>();
  private readonly results = new Map<string, unknown[][]>();
  bytes: number;

  constructor(
    readonly fingerprint: number,
    readonly rows: number,
    readonly snapshots: readonly Snapshot[],
    readonly transactions: Transactions
  ) {
    this.bytes = snapshotBytes(snapshots) + transactionBytes(transactions);
  }

  histories(): PurchaseHistories {
    if (this.builtHistories === undefined) {
      this.builtHistories = buildHistories(this.transactions);
      this.bytes += historyBytes(this.builtHistories);
      enforceBounds(this);
    }
    return this.builtHistories;
  }

  summary(key: string, make: () => CustomerSummary): CustomerSummary {
    return this.remember(this.summaries, key, make, summaryBytes, SUMMARIES_PER_ENTRY);
  }

  result(key: string | undefined, make: () => unknown[][]): unknown[][] {
    if (key === undefined) return make();
    return this.remember(this.results, key, make, resultBytes, RESULTS_PER_ENTRY);
  }

  /**
   * `map`'s value for `key`, or `make()`'s kept under it: the most recently used last, at most
   * `limit` kept (the oldest dropped), each counted in this entry's bytes by `bytesOf`.
   */
  private remember<T>(
    map: Map<string, T>,
    key: string,
    make: () => T,
    bytesOf: (value: T) => number,
    limit: number
  ): T {
    const known = map.get(key);
    if (known !== undefined) {
      map.delete(key);
      map.set(key, known); // most recent last
      return known;
    }
    const made = make();
    map.set(key, made);
    this.bytes += bytesOf(made);
    if (map.size > limit) {
      const [oldestKey, oldest] = map.entries().next().value!;
      map.delete(oldestKey);
      this.bytes -= bytesOf(oldest);
    }
    enforceBounds(this);
    return made;
  }
}

/**
 * The key of a result kept by {@link InputEntry.result}: the function's name and each other
 * argument exactly (numbers by value, −0 apart from 0; text by all its characters; booleans,
 * null, undefined; ranges cell by cell with their shape). Undefined (nothing kept) when an
 * argument holds anything else, such as an Excel error value.
 */
export function resultKey(functionName: string, args: readonly unknown[]): string | undefined {
  const parts: string[] = [functionName];
  for (const arg of args) if (!keyPart(arg, parts)) return undefined;
  return parts.join("\u0000");
}

function keyPart(value: unknown, parts: string[]): boolean {
  if (typeof value === "number") {
    parts.push(is(value, -0) ? "n-0" : `n${value}`); // String(number) round-trips exactly
  } else if (typeof value === "string") {
    parts.push(`s${value.length}:${value}`);
  } else if (typeof value === "boolean") {
    parts.push(value ? "t" : "f");
  } else if (value === null) {
    parts.push("0");
  } else if (value === undefined) {
    parts.push("u");
  } else if (isArray(value)) {
    parts.push(`[${value.length}`);
    for (const item of value) if (!keyPart(item, parts)) return false;
    parts.push("]");
  } else {
    return false;
  }
  return true;
}

/** Most recently used first. */
const entries: Entry[] = [];
const stats = { hits: 0, misses: 0 };

/** Counters and size (a snapshot): for tests and benchmarks. */
export interface InputCacheStats {
  hits: number;
  misses: number;
  entries: number;
  bytes: number;
}

/** The cache's counters and current size. */
export function inputCacheStats(): InputCacheStats {
  let bytes = 0;
  for (const entry of entries) bytes += entry.bytes;
  return { ...stats, entries: entries.length, bytes };
}

/** Forgets every entry and resets the counters. */
export function clearInputCache(): void {
  entries.length = 0;
  stats.hits = 0;
  stats.misses = 0;
}

let limits = { entries: INPUT_CACHE_ENTRIES, bytes: INPUT_CACHE_BYTES };

/**
 * Sets the bounds (for tests of the memory bound); omitted values go back to the defaults.
 *
 * @internal
 */
export function setInputCacheLimits(bounds: { entries?: number; bytes?: number } = {}): void {
  limits = {
    entries: bounds.entries ?? INPUT_CACHE_ENTRIES,
    bytes: bounds.bytes ?? INPUT_CACHE_BYTES,
  };
  enforceBounds(undefined);
}

/** Drops least recently used entries until within bounds; `current` is dropped last. */
function enforceBounds(current: Entry | undefined): void {
  let total = 0;
  for (const entry of entries) total += entry.bytes;
  for (let i = entries.length - 1; i >= 0; i--) {
    if (entries.length <= limits.entries && total <= limits.bytes) return;
    if (entries[i] === current) continue;
    total -= entries[i]!.bytes;
    entries.splice(i, 1);
  }
  if (current !== undefined && (entries.length > limits.entries || total > limits.bytes)) {
    const at = entries.indexOf(current);
    if (at >= 0) entries.splice(at, 1);
  }
}

/**
 * The transaction ranges read as {@link readTransactions} reads them (default names and
 * options), from the cache when the same content was read before. Throws as readTransactions
 * does; a failed read is not kept.
 */
export function readTransactionsCached(
  customerIds: unknown,
  dates: unknown,
  amounts: unknown
): InputEntry {
  const withAmounts = amounts !== undefined && amounts !== null;
  const input = withAmounts ? { customerIds, dates, amounts } : { customerIds, dates };
  const columns: CellColumn[] = [];
  for (const range of withAmounts ? [customerIds, dates, amounts] : [customerIds, dates]) {
    const column = cellColumn(range);
    if (column === undefined) return uncached(readTransactions(input)); // scalars, 2-D ranges
    columns.push(column);
  }
  const rows = columns[0]!.rows.length;
  if (columns.some((column) => column.rows.length !== rows)) {
    return uncached(readTransactions(input)); // refused with the reader's message
  }

  const print = fingerprint(columns, rows);
  for (let e = 0; e < entries.length; e++) {
    const entry = entries[e]!;
    if (
      entry.fingerprint === print &&
      entry.rows === rows &&
      entry.snapshots.length === columns.length &&
      columns.every((column, c) => sameCells(entry.snapshots[c]!, column, rows))
    ) {
      stats.hits++;
      if (e > 0) {
        entries.splice(e, 1);
        entries.unshift(entry);
      }
      return entry;
    }
  }

  stats.misses++;
  // The fast path's amounts are the amount cells, and its days the date cells when they are
  // whole: those columns are then their own snapshots, with no pass over the cells to check;
  // it copies the id cells as it reads them.
  const common = readCommonShapesWithCells(input);
  const transactions = common?.transactions ?? readTransactionsPerCell(input);
  const asRead = [false, common?.wholeDates === true, common !== undefined];
  const entry = new Entry(
    print,
    rows,
    columns.map((column, c) =>
      c === 0 && common !== undefined
        ? { ...common.idCells, shared: false }
        : snapshot(
            column,
            rows,
            c === 0 ? undefined : c === 1 ? transactions.days : transactions.amounts,
            asRead[c]!
          )
    ),
    transactions
  );
  entries.unshift(entry);
  enforceBounds(entry);
  return entry;
}

/** An entry that is not kept (input of a shape the cache does not compare). */
function uncached(transactions: Transactions): InputEntry {
  return new Entry(0, -1, [], transactions);
}

// ─── Content ─────────────────────────────────────────────────────────────────────────────

const word = new Float64Array(1);
const halves = new Uint32Array(word.buffer);

/** Hash step (32-bit multiply–xorshift). */
function mix(h: number, value: number): number {
  h = Math.imul(h ^ value, 0x5bd1e995);
  return h ^ (h >>> 15);
}

/** A 32-bit hash of a cell: its type and value (numbers by bit pattern, text by characters). */
function hashCell(h: number, cell: unknown): number {
  if (typeof cell === "number") {
    word[0] = cell;
    return mix(mix(mix(h, 1), halves[0]!), halves[1]!);
  }
  if (typeof cell === "string") {
    h = mix(mix(h, 2), cell.length);
    const end = Math.min(cell.length, 32);
    for (let i = 0; i < end; i++) h = mix(h, cell.charCodeAt(i));
    return h;
  }
  if (typeof cell === "boolean") return mix(h, cell ? 3 : 4);
  return mix(h, cell === null ? 5 : cell === undefined ? 6 : 7);
}

/**
 * The fingerprint of ranges: the row count, the column count and {@link SAMPLES} cells evenly
 * spaced down each column, first and last row included. An index only: a hit is decided by
 * comparing every cell ({@link sameCells}).
 */
function fingerprint(columns: readonly CellColumn[], rows: number): number {
  let h = mix(mix(0x811c9dc5, rows), columns.length);
  for (const column of columns) {
    const step = rows <= SAMPLES ? 1 : (rows - 1) / (SAMPLES - 1);
    const count = Math.min(rows, SAMPLES);
    for (let k = 0; k < count; k++) h = hashCell(h, cellOf(column, Math.round(k * step)));
  }
  return h >>> 0;
}

function cellOf(column: CellColumn, i: number): unknown {
  const row: unknown = column.rows[i];
  return column.nested && isArray(row) ? row[0] : row;
}

/**
 * What {@link sameCells} compares a column with. When every cell is a number equal to the read
 * column's value in its row (amounts that are numbers, whole serial dates; every row kept), the
 * read column itself; otherwise a copy of the cells: numbers unboxed, other cells by reference.
 * `asRead`: the reader has found every cell equal to `read` already (no check needed).
 */
function snapshot(
  column: CellColumn,
  rows: number,
  read: Int32Array | Float64Array | undefined,
  asRead: boolean
): Snapshot {
  if (read !== undefined && read.length === rows && (asRead || equalsRead(column, rows, read))) {
    return { numbers: read, shared: true, kinds: undefined, others: [] };
  }
  return copyCells(column, rows);
}

/** Whether every cell is a number equal to `read`'s value in its row (−0 apart from 0). */
function equalsRead(column: CellColumn, rows: number, read: Int32Array | Float64Array): boolean {
  return read instanceof Int32Array
    ? sameIntegers(column, rows, read)
    : sameFloats(column, rows, read);
}

/** A copy of a column's cells: numbers unboxed, other cells by reference. */
function copyCells(column: CellColumn, rows: number): Snapshot {
  const copier = new CellCopier(rows);
  const { rows: cells, nested } = column;
  for (let i = 0; i < rows; i++) {
    const row: unknown = cells[i];
    copier.add(i, nested && isArray(row) ? row[0] : row);
  }
  return { ...copier.copy(), shared: false };
}

/**
 * Whether every cell of `column` equals the one `stored` was taken from. A column of numbers
 * alone is compared by a loop of its own per kind of `numbers` (each loop then reads one kind
 * of array: the common recalculation of ids, dates and amounts, issue 14).
 */
function sameCells(stored: Snapshot, column: CellColumn, rows: number): boolean {
  const { numbers, kinds, others } = stored;
  if (kinds === undefined) {
    return numbers instanceof Int32Array
      ? sameIntegers(column, rows, numbers)
      : sameFloats(column, rows, numbers);
  }
  return sameMixedCells(numbers, kinds, others, column, rows);
}

/** Whether every cell is a number equal to `numbers`' value in its row (−0 apart from 0). */
function sameIntegers(column: CellColumn, rows: number, numbers: Int32Array): boolean {
  const { rows: cells, nested } = column;
  for (let i = 0; i < rows; i++) {
    const row: unknown = cells[i];
    const cell: unknown = nested && isArray(row) ? row[0] : row;
    if (typeof cell !== "number") return false;
    const kept = numbers[i]!;
    if (kept !== cell || (cell === 0 && 1 / kept !== 1 / cell)) return false;
  }
  return true;
}

/** {@link sameIntegers} for 64-bit floats (a loop of its own: see {@link sameCells}). */
function sameFloats(column: CellColumn, rows: number, numbers: Float64Array): boolean {
  const { rows: cells, nested } = column;
  for (let i = 0; i < rows; i++) {
    const row: unknown = cells[i];
    const cell: unknown = nested && isArray(row) ? row[0] : row;
    if (typeof cell !== "number") return false;
    const kept = numbers[i]!;
    if (kept !== cell || (cell === 0 && 1 / kept !== 1 / cell)) return false;
  }
  return true;
}

/** {@link sameCells} for a column holding cells other than numbers. */
function sameMixedCells(
  numbers: Int32Array | Float64Array,
  kinds: Uint8Array,
  others: readonly unknown[],
  column: CellColumn,
  rows: number
): boolean {
  const { rows: cells, nested } = column;
  // rows before i matched their kinds, so `other` is row i's place among the non-number cells
  let other = 0;
  for (let i = 0; i < rows; i++) {
    const row: unknown = cells[i];
    const cell: unknown = nested && isArray(row) ? row[0] : row;
    if (typeof cell === "number") {
      const kept = numbers[i]!;
      // NaN never matches (it never comes from Excel); 0 and −0 are told apart.
      if (kept !== cell || (cell === 0 && 1 / kept !== 1 / cell)) return false;
      if (kinds[i] !== 0) return false;
    } else if (kinds[i] !== 1 || others[other++] !== cell) {
      // text compares by its characters; blanks, booleans and null by value. An object (an
      // Excel error value) is never in a snapshot: a range holding one is never read.
      return false;
    }
  }
  return true;
}

// ─── Sizes (estimates, in bytes) ─────────────────────────────────────────────────────────

/** Bytes per customer id string (header and a short text), an estimate. */
const ID_BYTES = 40;

function snapshotBytes(snapshots: readonly Snapshot[]): number {
  let bytes = 0;
  for (const s of snapshots)
    bytes +=
      (s.shared ? 0 : s.numbers.byteLength) + (s.kinds?.byteLength ?? 0) + 8 * s.others.length;
  return bytes;
}

function transactionBytes(t: Transactions): number {
  return (
    t.customerIndex.byteLength +
    t.days.byteLength +
    (t.amounts?.byteLength ?? 0) +
    (t.sourceRows?.byteLength ?? 0) +
    t.customerFirstRow.byteLength +
    ID_BYTES * t.customerIds.length
  );
}

function historyBytes(h: PurchaseHistories): number {
  return (
    h.start.byteLength +
    keptBytes(h.days) +
    keptBytes(h.totals) +
    h.returnStart.byteLength +
    h.returnDays.byteLength +
    h.returnTotals.byteLength
  );
}

/**
 * The bytes an array keeps alive: its whole buffer, for the views that histories and summaries
 * hand out (purchase days within an array sized for every row, QA).
 */
function keptBytes(array: Int32Array | Float64Array): number {
  return array.buffer.byteLength;
}

/** A spilled table: an array per row and 16 bytes a cell (a boxed number or a reference). */
function resultBytes(table: readonly unknown[][]): number {
  let bytes = 8 * table.length;
  for (const row of table) bytes += 32 + 16 * (isArray(row) ? row.length : 1);
  return bytes;
}

function summaryBytes(s: CustomerSummary): number {
  return (
    keptBytes(s.sourceIndex) +
    keptBytes(s.x) +
    keptBytes(s.tx) +
    keptBytes(s.T) +
    keptBytes(s.monetary) +
    8 * s.customerIds.length
  );
}
