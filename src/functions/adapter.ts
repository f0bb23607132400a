/**
 * The one place where Excel meets the core (STYLE §2): arguments are coerced here, and the
 * core's typed errors become Excel errors here. A custom function's body is a call to
 * {@link evaluate} around a call into the core, nothing more.
 */
import { CrmError, showValue, type CrmErrorKind } from "../core/errors";
import {
  isBlank,
  readDate,
  readNumber,
  readOptionalNumber,
  toColumn,
  type Transactions,
} from "../core/input/input";
import { type PurchaseHistories } from "../core/input/history";
import { readTransactionsCached, type InputEntry } from "./inputCache";
import { markShared } from "../core/models/fitCache";
import { periodKindOf, type PeriodKind } from "../core/metrics/customerBase";
import {
  customerSummary,
  type CustomerSummary,
  type TimeUnit,
} from "../core/models/customerSummary";
import {
  EXCEL_MAX_COLUMNS,
  EXCEL_MAX_ROWS,
  requireSpillFits,
  requireSummableAmounts,
} from "../core/input/validate";

// Built-ins used once per cell, held here: a global looked up per cell is slow where the
// global object is a proxy (Node's vm contexts, which the bundle tests run the add-in in).
const { isArray } = Array;
const { isFinite } = Number;

/** The Excel error each kind of core error becomes. */
const errorCodeOf: Record<CrmErrorKind, () => CustomFunctions.ErrorCode> = {
  value: () => CustomFunctions.ErrorCode.invalidValue,
  num: () => CustomFunctions.ErrorCode.invalidNumber,
  div0: () => CustomFunctions.ErrorCode.divisionByZero,
  na: () => CustomFunctions.ErrorCode.notAvailable,
};

/** Excel shows a custom message only on #VALUE! and #N/A; the others carry none. */
const showsMessage: Record<CrmErrorKind, boolean> = {
  value: true,
  na: true,
  num: false,
  div0: false,
};

/**
 * The Excel error for anything `compute` threw: a {@link CrmError} keeps its kind and gets
 * the function's name in front of its message; anything else is a defect of ours, reported as
 * #VALUE! with its text rather than crashing the calculation.
 */
export function toExcelError(functionName: string, error: unknown): CustomFunctions.Error {
  if (error instanceof CrmError) {
    const code = errorCodeOf[error.kind]();
    return showsMessage[error.kind]
      ? new CustomFunctions.Error(code, `${functionName}: ${error.message}`)
      : new CustomFunctions.Error(code);
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new CustomFunctions.Error(
    CustomFunctions.ErrorCode.invalidValue,
    `${functionName}: internal error (${detail}). Please report it.`
  );
}

/**
 * `#NUM!` for a number no cell can hold (NaN, ±Infinity, or a value the model leaves undefined);
 * Excel shows no message on it.
 */
export function notFiniteError(): CustomFunctions.Error {
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidNumber);
}

/**
 * Runs `compute`, turning a failure into the Excel error for `functionName`.
 *
 * The last guard of SPEC §2 "Bounds": a scalar result that is NaN or ±Infinity becomes #NUM!,
 * and so does such a cell of a spilled result (in that cell alone). The metrics catch each
 * known overflow where it arises, with a message naming the argument; this guard only makes
 * sure that a case nobody foresaw still never reaches a cell as a non-number.
 */
export function evaluate<T>(functionName: string, compute: () => T): T {
  let result: T;
  try {
    result = compute();
  } catch (error) {
    throw toExcelError(functionName, error);
  }
  if (typeof result === "number" && !Number.isFinite(result)) throw notFiniteError();
  if (isArray(result) && !spilled.has(result)) {
    for (const row of result as unknown[]) {
      if (!isArray(row)) continue;
      for (let c = 0; c < row.length; c++) {
        const cell: unknown = row[c];
        if (typeof cell === "number" && !isFinite(cell)) row[c] = notFiniteError();
      }
    }
  }
  return result;
}

/** A required number argument (numbers, numeric text; blanks, booleans and errors refused). */
export function numberArg(value: unknown, argument: string): number {
  return readNumber(value, { argument });
}

/** An optional number argument: omitted (null) or an empty cell gives `fallback`. */
export function optionalNumberArg(value: unknown, argument: string, fallback: number): number {
  return readOptionalNumber(value, { argument }, fallback);
}

/**
 * A column of numbers where an empty cell means "no value" (a survey with no response): blanks
 * become null, every other cell must be a number, and a bad cell is named by its row.
 */
export function optionalNumberColumn(range: unknown, argument: string): (number | null)[] {
  const cells = toColumn(range, argument);
  const values: (number | null)[] = new Array<number | null>(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    values[i] = isBlank(cell) ? null : readNumber(cell, { argument, row: i + 1 });
  }
  return values;
}

/** A required date argument, as a day serial (Excel serial dates and text dates). */
export function dateArg(value: unknown, argument: string): number {
  return readDate(value, { argument });
}

/** An optional date argument: omitted or empty gives `fallback`. */
export function optionalDateArg(value: unknown, argument: string, fallback: number): number {
  return isBlank(value) ? fallback : readDate(value, { argument });
}

/** An optional TRUE/FALSE argument (1/0 and "TRUE"/"FALSE" text too); omitted gives `fallback`. */
export function optionalBooleanArg(value: unknown, argument: string, fallback: boolean): boolean {
  if (isBlank(value)) return fallback;
  if (typeof value === "boolean") return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value === "string") {
    const text = value.trim().toUpperCase();
    if (text === "TRUE") return true;
    if (text === "FALSE") return false;
  }
  throw new CrmError(
    "value",
    `${argument} must be TRUE or FALSE, got ${showValue(value)}.`,
    argument
  );
}

/** An optional period argument: "month", "quarter" or "year" (or 月, 季度, 年); omitted: month. */
export function optionalPeriodArg(value: unknown, argument: string): PeriodKind {
  if (isBlank(value)) return "month";
  const kind = typeof value === "string" ? periodKindOf(value) : undefined;
  if (!kind) {
    throw new CrmError(
      "value",
      `${argument} must be "month", "quarter" or "year", got ${showValue(value)}.`,
      argument
    );
  }
  return kind;
}

/** An optional choice among `choices` (each with its accepted words); omitted gives the first. */
export function optionalChoiceArg<T extends string>(
  value: unknown,
  argument: string,
  choices: Record<T, readonly string[]>
): T {
  const keys = Object.keys(choices) as T[];
  if (isBlank(value)) return keys[0]!;
  if (typeof value === "string") {
    const word = value.trim().toLowerCase();
    for (const key of keys) if (key === word || choices[key].includes(word)) return key;
  }
  throw new CrmError(
    "value",
    `${argument} must be ${keys.map((k) => `"${k}"`).join(" or ")}, got ${showValue(value)}.`,
    argument
  );
}

/** Transaction columns read into purchase histories: same-day rows merged, ids matched across number/text. */
export interface TransactionArgs {
  readonly histories: PurchaseHistories;
  /** rows read (blank rows skipped) */
  readonly rows: number;
  /** the input-cache entry the columns were read into (for {@link InputEntry.result}) */
  readonly entry: InputEntry;
}

/** The size of a spill with one row per customer, for {@link requireCustomerRowsFit}. */
export interface CustomerSpill {
  /** the as-of date (day serial) the rows are for; undefined: the last date in the data */
  readonly asOf: number | undefined;
  readonly header: boolean;
  readonly columns: number;
  /** rows after the customers' (EXPECTEDPURCHASES' new customer); default 0 */
  readonly extraRows?: number;
}

/**
 * The early half of SPEC §2 "Bounds" for a spill of one row per customer (GRADE, RFMALERT,
 * RFMSEGMENTS, CLVSUMMARY, PALIVE, EXPECTEDPURCHASES, PREDICTEDCLV): decided right after the
 * ids are interned, before histories are built or the metric (or fit) runs, so 1,048,576
 * customers are refused at once rather than after seconds of work. The customers listed are those with a purchase row (amount not negative)
 * on or before as_of; the distinct ids bound them, and only when they do not fit are the
 * purchases counted (one pass over the rows). {@link spill} re-checks the finished table.
 *
 * @throws CrmError `num` naming customer_ids when the table would not fit Excel's grid
 */
export function requireCustomerRowsFit(transactions: Transactions, size: CustomerSpill): void {
  const headerRows = (size.header ? 1 : 0) + (size.extraRows ?? 0);
  const customers = transactions.customerIds.length;
  if (customers + headerRows <= EXCEL_MAX_ROWS && size.columns <= EXCEL_MAX_COLUMNS) return;
  const { customerIndex, days, amounts } = transactions;
  let asOf = size.asOf;
  if (asOf === undefined) {
    asOf = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < days.length; i++) if (days[i]! > asOf) asOf = days[i]!;
  }
  const listed = new Uint8Array(customers);
  let count = 0;
  for (let i = 0; i < days.length; i++) {
    const c = customerIndex[i]!;
    if (listed[c] === 0 && days[i]! <= asOf && !(amounts !== undefined && amounts[i]! < 0)) {
      listed[c] = 1;
      count++;
    }
  }
  requireSpillFits(count + headerRows, size.columns, "customer_ids");
}

/**
 * Reads customer id, date and (optionally) amount columns of equal length into purchase
 * histories. With `customerSpill`, a table of one row per customer that would not fit the grid
 * is refused before the histories are built ({@link requireCustomerRowsFit}). The columns and
 * histories come from the runtime's input cache when the same cells were read before
 * (inputCache.ts: keyed on the cells' content, never stale), so formulas over the same ranges
 * and recalculations read and group them once.
 */
export function transactionArgs(
  customerIds: unknown,
  dates: unknown,
  amounts?: unknown,
  customerSpill?: CustomerSpill
): TransactionArgs {
  const entry = readTransactionsCached(customerIds, dates, amounts);
  const columns = entry.transactions;
  if (customerSpill !== undefined) requireCustomerRowsFit(columns, customerSpill);
  requireSummable(entry);
  return { histories: entry.histories(), rows: columns.days.length, entry };
}

/** {@link requireSummableAmounts} once per cached read (the answer depends on the amounts alone). */
function requireSummable(entry: InputEntry): void {
  const amounts = entry.transactions.amounts;
  if (amounts === undefined || entry.summableChecked) return;
  requireSummableAmounts(amounts, "amounts");
  entry.summableChecked = true;
}

/**
 * Tables made by {@link spill}, whose cells are already safe (no NaN, no ±Infinity):
 * {@link evaluate} need not look at each cell again.
 */
const spilled = new WeakSet<object>();

/**
 * A spilled result as Excel wants it: a header row when asked for, a cell error passed as it
 * is, `null` (not yet known) as an empty cell, NaN (no base to divide by) as #DIV/0! and ±Infinity (an overflow) as
 * #NUM! in that cell alone. A table that would not fit Excel's grid is refused with #NUM!
 * (`sizedBy` names the argument that sized it; functions whose size an argument sets check it
 * before computing, this check is the safety net).
 */
export function spill(
  header: readonly string[] | undefined,
  rows: readonly (readonly (number | string | null | CustomFunctions.Error)[])[],
  sizedBy = "customer_ids"
): unknown[][] {
  let width = header?.length ?? 0;
  for (const row of rows) width = Math.max(width, row.length);
  requireSpillFits(rows.length + (header ? 1 : 0), width, sizedBy);
  const out: unknown[][] = new Array<unknown[]>(rows.length + (header ? 1 : 0));
  let next = 0;
  if (header) out[next++] = [...header];
  for (const row of rows) {
    // Rows are passed on as they are; only a row holding an unknown (null) or a missing base
    // (NaN) is copied, so a 200,000-row table costs no second array per row.
    let copy: unknown[] | undefined;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (cell === null || (typeof cell === "number" && !isFinite(cell))) {
        copy ??= row.slice();
        copy[c] = cell === null ? "" : numberCell(cell);
      }
    }
    out[next++] = copy ?? (row as unknown[]);
  }
  return spilledTable(out, header);
}

/**
 * A number as {@link spill} shows it: itself when finite, NaN (no base to divide by) as #DIV/0!,
 * ±Infinity (an overflow) as #NUM!.
 */
export function numberCell(value: number): number | CustomFunctions.Error {
  if (value - value === 0) return value; // finite
  return Number.isNaN(value)
    ? new CustomFunctions.Error(CustomFunctions.ErrorCode.divisionByZero)
    : notFiniteError();
}

/**
 * {@link spill} for rows whose cells their maker has already made what Excel shows: every
 * number passed through {@link numberCell} as the row was built, no null. Only the grid bound
 * is checked and the header added; no cell is looked at again. For the largest tables (one
 * row per customer): a second loop over 200,000 rows × 9 cells, whose cells arrive from many
 * functions' rows, costs tens of milliseconds and boxes every number it reads (issue 13).
 */
export function spillCells(
  header: readonly string[] | undefined,
  rows: readonly (readonly (number | string | CustomFunctions.Error)[])[],
  sizedBy = "customer_ids"
): unknown[][] {
  let width = header?.length ?? 0;
  for (const row of rows) width = Math.max(width, row.length);
  requireSpillFits(rows.length + (header ? 1 : 0), width, sizedBy);
  if (!header) return spilledTable(rows.slice() as unknown[][], header);
  const out: unknown[][] = new Array<unknown[]>(rows.length + 1);
  out[0] = [...header];
  for (let i = 0; i < rows.length; i++) out[i + 1] = rows[i] as unknown[];
  return spilledTable(out, header);
}

/** `out` as a spilled result: one row of blanks when empty, marked safe for {@link evaluate}. */
function spilledTable(out: unknown[][], header: readonly string[] | undefined): unknown[][] {
  if (out.length === 0) out.push(new Array<unknown>(header?.length ?? 1).fill(""));
  spilled.add(out);
  return out;
}

/** Words accepted for each time unit, in English and Chinese. */
const TIME_UNIT_WORDS: Record<string, TimeUnit> = {
  day: "day",
  days: "day",
  d: "day",
  天: "day",
  日: "day",
  week: "week",
  weeks: "week",
  w: "week",
  周: "week",
  週: "week",
  星期: "week",
  month: "month",
  months: "month",
  m: "month",
  月: "month",
};

/** A required time unit: "day", "week" or "month" (30.4375 days), or 天, 周/週, 月. */
export function timeUnitArg(value: unknown, argument: string): TimeUnit {
  const unit = typeof value === "string" ? TIME_UNIT_WORDS[value.trim().toLowerCase()] : undefined;
  if (!unit) {
    throw new CrmError(
      "value",
      `${argument} must be "day", "week" or "month", got ${showValue(value)}.`,
      argument
    );
  }
  return unit;
}

/**
 * A customer id for display: canonical ids that are plain whole numbers go back to numbers, so
 * they look (and match, with XLOOKUP) like the ids in the source column.
 */
export function displayId(id: string): string | number {
  // /^(0|[1-9]\d{0,14})$/ by character codes (one call per customer of a spill)
  const length = id.length;
  if (length === 0 || length > 15) return id;
  const first = id.charCodeAt(0);
  if (first === 48) return length === 1 ? 0 : id;
  for (let i = 0; i < length; i++) {
    const code = id.charCodeAt(i);
    if (code < 48 || code > 57) return id;
  }
  return +id; // Number(id)
}

/**
 * Per-customer summary (x, tₓ, T, monetary) from transaction columns at a calibration end; kept
 * with the cached columns (inputCache.ts) for up to four calibration ends and time units.
 */
export function summaryArgs(
  customerIds: unknown,
  dates: unknown,
  amounts: unknown,
  calibrationEnd: unknown,
  timeUnit: unknown,
  customerSpill?: Omit<CustomerSpill, "asOf">
): CustomerSummary {
  const entry = readTransactionsCached(customerIds, dates, amounts);
  const columns = entry.transactions;
  const end = dateArg(calibrationEnd, "calibration_end");
  const unit = timeUnitArg(timeUnit, "time_unit");
  if (customerSpill !== undefined) {
    requireCustomerRowsFit(columns, { ...customerSpill, asOf: end });
  }
  requireSummable(entry);
  // Kept with the cached columns: the summary depends on them, the end and the unit alone.
  // Shared by later calls, so never written into: the fit cache may key on it as it is.
  return entry.summary(`${end}|${unit}`, () => {
    const summary = customerSummary(
      { ...columns, amounts: columns.amounts ?? new Float64Array(columns.days.length) },
      { calibrationEnd: end, timeUnit: unit }
    );
    markShared(summary.x, summary.tx, summary.T, summary.monetary);
    return summary;
  });
}
