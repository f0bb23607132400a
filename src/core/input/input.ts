/**
 * The input layer: turns what Excel passes to a custom function (numbers, text, booleans,
 * blanks, error values, 2-D ranges) into typed values and columns, or rejects it with a
 * {@link CrmError} naming the argument and the 1-based row within that argument's range.
 *
 * Facts about Excel input it is built on: ranges arrive as 2-D arrays (rows of columns); dates
 * arrive as serial numbers of the 1900 date system; omitted optional arguments arrive as null;
 * empty cells arrive as `""`, null or 0 depending on the platform; error cells arrive as objects
 * with a `code` such as `#N/A`; booleans are booleans.
 *
 * Speed: the column readers are single loops writing into typed arrays. A cell is first tried
 * on a fast path that allocates nothing (a number in range, plain numeric text); only a cell
 * that fails is looked at again to word the message. Regular expressions are compiled once.
 */
import {
  CrmError,
  describeWhere,
  excelErrorCode,
  showValue,
  type CrmErrorKind,
  type Where,
} from "../errors";
import {
  excelSerialToDay,
  FIRST_EXCEL_DAY,
  inferDateOrder,
  numericDateOrder,
  numericDateParts,
  parseTextDateInOrder,
  type DateOrderEvidence,
  isFictitiousLeapDay,
  isValidYmd,
  LAST_EXCEL_DAY,
  normalizeText,
  parseTextDate,
  serialFromYmd,
  type DaySerial,
} from "./dates";
import { Messages } from "../messages";
import { buildHistories } from "./history";
import { CellCopier, type CellCopy } from "./cellCopy";
import {
  inferColumnConvention,
  readWithConvention,
  type ColumnConvention,
} from "./numberConvention";

export { normalizeText } from "./dates";

// ─── Blanks ──────────────────────────────────────────────────────────────────────────────

/**
 * Whether a cell is blank: null, undefined, `""` or text of whitespace only. The number 0 is
 * never blank here: whether 0 stands for an empty cell is decided per role (see
 * {@link readTransactions}).
 *
 * @example isBlank("  ") //=> true
 * @example isBlank(0) //=> false
 */
export function isBlank(value: unknown): boolean {
  if (value === null || value === undefined || value === "") return true;
  if (typeof value !== "string") return false;
  const first = value.charCodeAt(0);
  if (first > 32 && first < 127) return false; // most text starts with a visible ASCII character
  return value.trim().length === 0;
}

// ─── Problems ────────────────────────────────────────────────────────────────────────────

/** One input problem: what the data-quality report lists, and what a {@link CrmError} carries. */
export interface InputProblem {
  readonly kind: CrmErrorKind;
  readonly argument: string;
  /** 1-based row within the argument's range; absent for a problem with the whole range. */
  readonly row?: number;
  readonly message: string;
}

/** The {@link CrmError} for a problem. */
export function problemToError(problem: InputProblem): CrmError {
  return new CrmError(problem.kind, problem.message, problem.argument, problem.row);
}

function cellProblem(where: Where, message: string): InputProblem {
  return where.row === undefined
    ? { kind: "value", argument: where.argument, message }
    : { kind: "value", argument: where.argument, row: where.row, message };
}

/** Problems every reader shares: blank, boolean, Excel error, a value of another type. */
function commonProblem(
  value: unknown,
  where: Where,
  booleanMessage: (where: Where, value: boolean) => string
): InputProblem {
  if (isBlank(value)) return cellProblem(where, Messages.empty(where));
  if (typeof value === "boolean") return cellProblem(where, booleanMessage(where, value));
  const code = excelErrorCode(value);
  if (code !== undefined) return cellProblem(where, Messages.excelError(where, code));
  return cellProblem(where, Messages.unsupported(where, value));
}

// ─── Numbers ─────────────────────────────────────────────────────────────────────────────

/**
 * The number of plain numeric text (`12`, `-0.5`, `.5`, `1e-7`: what `String(number)` prints),
 * ±Infinity when it overflows, or NaN. `s` is normalised. This is `Number(s)` without its
 * extras: `""` (0 for Number), `0x1F`, `0o17`, `0b1` give NaN; `Infinity` gives Infinity,
 * which every caller refuses as not finite.
 */
function plainNumber(s: string): number {
  if (s.length === 0) return Number.NaN;
  if (s.charCodeAt(0) === 48) {
    const radix = s.charCodeAt(1) | 0x20; // lower case
    if (radix === 0x78 || radix === 0x6f || radix === 0x62) return Number.NaN; // x o b
  }
  return Number(s);
}

/**
 * Formatted numbers: `(` sign currency sign body exponent suffix `)`, each optional except the
 * body, spaces allowed between. Body: correctly grouped thousands (`1,234,567.89`) or plain
 * digits. Groups: 1 `(`, 2 sign, 3 currency, 4 sign, 5 body, 6 exponent, 7 `%`/`元`, 8 `)`.
 */
const FORMATTED_NUMBER =
  /^(\()?\s*([+\-\u2212])?\s*([$¥€£])?\s*([+\-\u2212])?\s*(\d{1,3}(?:,\d{3})+(?:\.\d*)?|\d+\.?\d*|\.\d+)(?:e([+-]?\d+))?\s*(%|元)?\s*(\))?$/i;

/**
 * The number a text says, ±Infinity when it overflows (`1e999`), or NaN. Accepts (after trimming and NFKC normalisation) plain
 * numbers with sign and exponent, thousands separators `1,234,567.89` (only correctly grouped),
 * a leading currency symbol `$ ¥ € £` (full-width `￥` too) or a trailing `元`, a percent
 * `12.5%` (→ 0.125, exactly as `Number("0.125")`), an accounting negative `(12.50)`, a leading
 * `+`, `-` or `−`. Decimal commas (`12,5`) are refused: `1,234` is 1234.
 */
function parseNumberText(text: string): number {
  const s = normalizeText(text);
  const plain = plainNumber(s);
  if (plain === plain) return plain;
  const match = FORMATTED_NUMBER.exec(s);
  if (match === null) return Number.NaN;
  const [, open, signBefore, currency, signAfter, body = "", exponentText, suffix, close] = match;
  if ((open === undefined) !== (close === undefined)) return Number.NaN;
  const sign = signBefore ?? signAfter;
  if (signBefore !== undefined && signAfter !== undefined) return Number.NaN;
  if (open !== undefined && sign !== undefined) return Number.NaN;
  if (currency !== undefined && suffix !== undefined) return Number.NaN;
  // Scale by moving the decimal point in the text, so 12.345% reads exactly as 0.12345.
  const exponent =
    (exponentText === undefined ? 0 : Number(exponentText)) - (suffix === "%" ? 2 : 0);
  const digits = body.replaceAll(",", "");
  const magnitude = Number(exponent === 0 ? digits : `${digits}e${exponent}`);
  return open !== undefined || sign === "-" || sign === "\u2212" ? -magnitude : magnitude;
}

/** A finite number from a number or numeric text, or NaN. Allocates nothing for numbers. */
function coerceNumber(value: unknown): number {
  if (typeof value === "number") return Number.isFinite(value) ? value : Number.NaN;
  if (typeof value !== "string") return Number.NaN;
  const number = parseNumberText(value);
  return Number.isFinite(number) ? number : Number.NaN;
}

/** Why `value` is no number (called only after {@link coerceNumber} failed). */
function numberProblem(value: unknown, where: Where): InputProblem {
  if (typeof value === "number") return cellProblem(where, Messages.notFinite(where, value));
  if (typeof value === "string" && !isBlank(value)) {
    return Number.isNaN(parseNumberText(value))
      ? cellProblem(where, Messages.notANumber(where, value))
      : cellProblem(where, Messages.notFinite(where, value)); // `1e999`
  }
  return commonProblem(value, where, Messages.booleanNotNumber);
}

/**
 * A number argument. Numbers pass when finite; numeric text is read as described for amounts
 * (thousands separators, currency, percent, accounting negatives; see {@link readTransactions}).
 * A one-cell range is read as its cell.
 *
 * @throws CrmError `value` when the value is blank, a boolean, an Excel error, text that is no
 *   number, NaN or ±Infinity, or a range of more than one cell.
 * @example readNumber("(1,234.50)", { argument: "amount" }) //=> -1234.5
 * @example readNumber("12.5%", { argument: "margin" }) //=> 0.125
 */
export function readNumber(value: unknown, where: Where): number {
  const cell = singleCell(value, where.argument);
  const number = coerceNumber(cell);
  if (number === number) return number; // not NaN
  throw problemToError(numberProblem(cell, where));
}

/**
 * An optional number argument: omitted (null, undefined) or blank gives `fallback`, anything
 * else is read by {@link readNumber}. The number 0 is a value, never a blank, for scalars.
 *
 * @example readOptionalNumber(null, { argument: "inactive_days" }, 90) //=> 90
 */
export function readOptionalNumber(value: unknown, where: Where, fallback: number): number {
  const cell = singleCell(value, where.argument);
  return isBlank(cell) ? fallback : readNumber(cell, where);
}

// ─── Dates ───────────────────────────────────────────────────────────────────────────────

/** yyyymmdd numbers: 1900-01-01 … 9999-12-31 written as eight digits. */
const FIRST_COMPACT_DATE = 19000101;
const LAST_COMPACT_DATE = 99991231;

/** `3/1/24`, `01.03.24`: day or month first with a short year, refused as ambiguous. */
const AMBIGUOUS_DATE = /^\d{1,2}([-/.])\d{1,2}\1\d{2,4}(?:[T\s].*)?$/i;

/** The day serial of a yyyymmdd number, or undefined when it is no calendar date. */
function dayFromCompactNumber(value: number): DaySerial | undefined {
  if (!Number.isInteger(value) || value < FIRST_COMPACT_DATE || value > LAST_COMPACT_DATE) {
    return undefined;
  }
  const year = Math.floor(value / 10000);
  const month = Math.floor(value / 100) % 100;
  const day = value % 100;
  return isValidYmd(year, month, day) ? serialFromYmd(year, month, day) : undefined;
}

/** The day serial of a number (an Excel serial or a yyyymmdd number), or NaN. */
function dayFromNumber(value: number): number {
  const day = excelSerialToDay(value);
  if (day !== undefined) return day;
  return dayFromCompactNumber(value) ?? Number.NaN;
}

/** The day serial of text (numeric text as its number, else a text date), or NaN. */
function dayFromText(text: string): number {
  const s = normalizeText(text);
  const number = plainNumber(s);
  if (number === number) return dayFromNumber(number);
  const day = parseTextDate(s);
  return day !== undefined && day >= FIRST_EXCEL_DAY ? day : Number.NaN;
}

/** A day serial from a date cell, or NaN. Allocates nothing for serial numbers. */
function coerceDate(value: unknown): number {
  if (typeof value === "number") {
    if (value >= 61 && value < LAST_EXCEL_DAY + 1) return Math.floor(value); // the usual case
    return dayFromNumber(value);
  }
  return typeof value === "string" ? dayFromText(value) : Number.NaN;
}

/** Why a number is no date (called only after it failed). */
function numericDateProblem(number: number, value: number | string, where: Where): InputProblem {
  if (isFictitiousLeapDay(number)) return cellProblem(where, Messages.fictitiousLeapDay(where));
  if (Number.isInteger(number) && number >= FIRST_COMPACT_DATE && number <= LAST_COMPACT_DATE) {
    return cellProblem(where, Messages.invalidCompactDate(where, number));
  }
  return cellProblem(where, Messages.serialOutOfRange(where, value));
}

/** The day serial of a date cell of a column whose order evidence is known, or NaN. */
function coerceDateInColumn(value: unknown, evidence: DateOrderEvidence | undefined): number {
  const day = coerceDate(value);
  if (day === day || evidence?.order === undefined || typeof value !== "string") return day;
  const ordered = parseTextDateInOrder(value, evidence.order);
  return ordered !== undefined && ordered >= FIRST_EXCEL_DAY ? ordered : Number.NaN;
}

/** Messages of numeric dates whose day and month order cannot be told (SPEC §3: never guess). */
const DateOrderMessages = {
  /** A column that shows both orders. */
  conflict: (where: Where, value: unknown, evidence: DateOrderEvidence) =>
    `${describeWhere(where)} is ${showValue(value)}: day and month order is ambiguous, and this column shows both orders (row ${evidence.dayFirst?.row} ${showValue(evidence.dayFirst?.text)} is day first, row ${evidence.monthFirst?.row} ${showValue(evidence.monthFirst?.text)} month first); write dates as 2024-03-01.`,
  /** A column (or a single value) that shows neither. */
  noEvidence: (where: Where, value: unknown, inColumn: boolean) =>
    inColumn
      ? `${describeWhere(where)} is ${showValue(value)}: day and month order is ambiguous, and no date in this column shows which (a first number above 12 would mean day first, a second number above 12 month first); write dates as 2024-03-01.`
      : Messages.ambiguousDate(where, value),
  /** `13/1/24`. */
  shortYear: (where: Where, value: unknown) =>
    `${describeWhere(where)} is ${showValue(value)}: a year of fewer than four digits is ambiguous; write dates as 2024-03-01.`,
};

/**
 * Why `value` is no date (called only after {@link coerceDate} failed). `evidence` is the
 * date order its column shows (undefined for a single value).
 */
function dateProblem(value: unknown, where: Where, evidence?: DateOrderEvidence): InputProblem {
  if (typeof value === "number") return numericDateProblem(value, value, where);
  if (typeof value === "string" && !isBlank(value)) {
    const s = normalizeText(value);
    const number = plainNumber(s);
    if (number === number) return numericDateProblem(number, value, where);
    const day = parseTextDateInOrder(s, evidence?.order);
    if (day !== undefined) return cellProblem(where, Messages.dateBeforeExcel(where, value));
    const parts = numericDateParts(s);
    if (parts !== undefined) {
      if (numericDateOrder(parts) !== "either") {
        return cellProblem(where, Messages.notADate(where, value)); // 13/13/2024, 31.02.2024
      }
      const conflict = evidence?.dayFirst !== undefined && evidence.monthFirst !== undefined;
      return cellProblem(
        where,
        conflict
          ? DateOrderMessages.conflict(where, value, evidence)
          : DateOrderMessages.noEvidence(where, value, evidence !== undefined)
      );
    }
    if (AMBIGUOUS_DATE.test(s))
      return cellProblem(where, DateOrderMessages.shortYear(where, value));
    return cellProblem(where, Messages.notADate(where, value));
  }
  return commonProblem(value, where, Messages.booleanNotDate);
}

/**
 * A date argument, as a day serial (see dates.ts). Accepted:
 * - Excel serial numbers 1..2958465, with or without a time of day (the time is dropped);
 * - eight-digit numbers 19000101..99991231 that are real calendar dates, read as yyyymmdd
 *   (`19970101` is 1997-01-01, as in the CDNOW data set). They cannot be confused with serials,
 *   which end at 2958465;
 * - numeric text, read like the number (`"45352"`, `"20240301"`);
 * - text dates in the forms of {@link parseTextDate} from 1900-01-01 on, including day-first
 *   and month-first dates whose order shows by itself (`13/1/2024`, `1/13/2024`). A single
 *   value cannot show the order of `05.01.2024`, so it is refused as ambiguous; in a column,
 *   {@link readTransactions} reads such values by the order the column shows.
 * A one-cell range is read as its cell.
 *
 * @throws CrmError `value` for serial 60 (Excel's fictitious 1900-02-29, with its own message),
 *   serials below 1 or above 2958465, blanks, booleans, Excel errors and unreadable text
 *   (the message asks for `2024-03-01`).
 * @example readDate(45352, { argument: "as_of" }) //=> 45352 (2024-03-01)
 * @example readDate("2024/3/1", { argument: "as_of" }) //=> 45352
 * @example readDate(19970101, { argument: "as_of" }) //=> 35431 (1997-01-01)
 */
export function readDate(value: unknown, where: Where): DaySerial {
  const cell = singleCell(value, where.argument);
  const day = coerceDate(cell);
  if (day === day) return day;
  throw problemToError(dateProblem(cell, where));
}

/**
 * An optional date argument: omitted or blank gives undefined (the caller picks the default,
 * such as the last date in the data); anything else is read by {@link readDate}.
 */
export function readOptionalDate(value: unknown, where: Where): DaySerial | undefined {
  const cell = singleCell(value, where.argument);
  return isBlank(cell) ? undefined : readDate(cell, where);
}

// ─── Customer ids ────────────────────────────────────────────────────────────────────────

/** The decimal digits of an integer of 1e21 or more, which `String` would print with `e+`. */
function largeIntegerDigits(value: number): string {
  const [mantissa = "", exponent = "0"] = String(Math.abs(value)).split("e+");
  const digits = mantissa.replace(".", "");
  return (value < 0 ? "-" : "") + digits + "0".repeat(Number(exponent) + 1 - digits.length);
}

/** The canonical id of a cell (see {@link readCustomerId}), or undefined. */
function customerKey(value: unknown): string | undefined {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return undefined;
    // Integers below 1e21 print in full without an exponent, and exactly up to 2^53. Other
    // numbers print as String does, folded like text (`1.5e-7` → `1.5E-7`), so that the text
    // that prints a number matches that number in either case.
    if (!Number.isInteger(value)) return String(value).toUpperCase();
    return Math.abs(value) < 1e21 ? String(value) : largeIntegerDigits(value);
  }
  if (typeof value !== "string") return undefined;
  const s = value.trim();
  if (s.length === 0) return undefined;
  const number = canonicalIntegerValue(s);
  return number === number ? String(number) : foldIdText(s);
}

/** Whether `s` is all ASCII (then upper-casing is one unit per unit, and NFC changes nothing). */
function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * The matching key of a trimmed text id: its case fold, as Excel's own matching (MATCH,
 * COUNTIF, UNIQUE) ignores case. The fold is deliberately narrow, so that it never merges ids
 * that Excel's comparison keeps apart:
 * - each code point is upper-cased on its own (Unicode's simple case mapping: `abc` → `ABC`,
 *   `é` → `É`, `σ` → `Σ`); a code point whose upper case is several characters keeps its own
 *   form, so `straße` → `STRAßE` stays distinct from `STRASSE`;
 * - no compatibility normalisation (NFKC): full-width `Ａ` and `１００１` stay distinct from
 *   `A` and `1001`, as they are distinct text in Excel; only canonically equivalent spellings
 *   (NFC: `é` typed as e + combining accent) are one id, because they are the same text.
 * ASCII ids (the usual case) cost one `toUpperCase`.
 *
 * @example foldIdText("John Smith") //=> "JOHN SMITH"
 * @example foldIdText("straße") //=> "STRAßE"
 */
export function foldIdText(s: string): string {
  if (isAscii(s)) return s.toUpperCase();
  const text = s.normalize("NFC");
  const upper = text.toUpperCase();
  // Upper-casing only ever lengthens text where a code point maps to several (ß → SS).
  if (upper.length === text.length) return upper;
  let folded = "";
  for (const point of text) {
    const up = point.toUpperCase();
    folded += up.length === point.length ? up : point;
  }
  return folded;
}

/** 2^53: up to here every integer is a double, and `String` prints it exactly. */
const EXACT_INTEGER_LIMIT = 2 ** 53;

/**
 * The value of text that is a canonical integer within ±2^53 (`"1001"`, `"-7"`, but not
 * `"001001"`, `"+7"`, `"-0"` or `"1001.0"`), or NaN. Such text is the canonical id of that
 * number, so it shares the number's key.
 */
function canonicalIntegerValue(s: string): number {
  const start = s.charCodeAt(0) === 45 ? 1 : 0; // -
  const length = s.length - start;
  if (length < 1 || length > 16) return Number.NaN;
  if (s.charCodeAt(start) === 48 && (length > 1 || start === 1)) return Number.NaN; // 0…, -0
  for (let i = start; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code < 48 || code > 57) return Number.NaN;
  }
  const value = Number(s);
  if (length < 16) return value; // 15 digits are always exact
  return Math.abs(value) <= EXACT_INTEGER_LIMIT && String(value) === s ? value : Number.NaN;
}

/**
 * Interns customer ids in order of first appearance, giving the same index as the canonical
 * id of {@link readCustomerId} would. Whole numbers (and text that is their canonical digits)
 * are looked up by number, which spares a string per row for the usual numeric ids; other ids
 * by their canonical text.
 */
class CustomerInterner {
  /** Per customer, the id shown: canonical digits for a number, else the text as first held (trimmed). */
  readonly ids: string[] = [];
  readonly firstRows: number[] = [];
  private readonly byNumber = new Map<number, number>();
  private readonly byText = new Map<string, number>();

  /** The index of the cell's customer, adding it when new; -1 when the cell is no id. */
  intern(cell: unknown, row: number): number {
    if (typeof cell === "number") {
      if (Number.isInteger(cell) && Math.abs(cell) <= EXACT_INTEGER_LIMIT) {
        return this.internNumber(cell, row);
      }
      const key = customerKey(cell);
      if (key === undefined) return -1;
      return this.internText(key, Number.isInteger(cell) ? key : String(cell), row);
    }
    if (typeof cell !== "string") return -1;
    const s = cell.trim();
    if (s.length === 0) return -1;
    const value = canonicalIntegerValue(s);
    return value === value ? this.internNumber(value, row) : this.internText(foldIdText(s), s, row);
  }

  private internNumber(value: number, row: number): number {
    const known = this.byNumber.get(value);
    if (known !== undefined) return known;
    const index = this.add(String(value), row);
    this.byNumber.set(value, index);
    return index;
  }

  /** `key` matches (see {@link foldIdText}); `shown` is the id as this first cell holds it. */
  private internText(key: string, shown: string, row: number): number {
    const known = this.byText.get(key);
    if (known !== undefined) return known;
    const index = this.add(shown, row);
    this.byText.set(key, index);
    return index;
  }

  private add(key: string, row: number): number {
    this.ids.push(key);
    this.firstRows.push(row);
    return this.ids.length - 1;
  }
}

/** Why `value` is no customer id (called only after {@link customerKey} failed). */
function customerProblem(value: unknown, where: Where): InputProblem {
  if (typeof value === "number") return cellProblem(where, Messages.notAnId(where, value));
  return commonProblem(value, where, Messages.booleanNotId);
}

/**
 * A customer id in canonical form, so that the same customer is one key however the cell
 * holds it:
 * - a number that is an integer becomes its decimal digits without exponent (1001 → `"1001"`,
 *   exact up to 2^53; larger numbers print the digits of their shortest form); another number
 *   becomes `String(n)` (10.5 → `"10.5"`);
 * - text is trimmed and case-folded by {@link foldIdText}, because Excel's own matching (MATCH,
 *   COUNTIF, UNIQUE) ignores case: `"abc"` and `"ABC"` are one customer. The fold merges
 *   nothing else: `"straße"` and `"STRASSE"` stay two customers, and so do full-width `"Ａ"`
 *   and `"A"` or `"１００１"` and `"1001"` (no NFKC). Text equals a number exactly when it is
 *   that number's canonical digits: `"1001"` and 1001 are one customer, but `"001001"` stays
 *   distinct from 1001 (leading zeros are kept, as in the CDNOW ids `00001`) and so does
 *   `"1001.0"`.
 * This is the key ids are matched by; {@link readTransactions} shows each customer by the
 * text of its first cell instead (`abc` keeps its case).
 * A one-cell range is read as its cell.
 *
 * @throws CrmError `value` for blanks, booleans, Excel errors, NaN and ±Infinity.
 * @example readCustomerId(" 1001 ", { argument: "customer_id" }) //=> "1001"
 * @example readCustomerId("c-07", { argument: "customer_id" }) //=> "C-07"
 */
export function readCustomerId(value: unknown, where: Where): string {
  const cell = singleCell(value, where.argument);
  const key = customerKey(cell);
  if (key !== undefined) return key;
  throw problemToError(customerProblem(cell, where));
}

// ─── Ranges ──────────────────────────────────────────────────────────────────────────────

/** The cell of a one-cell range; other values as they are. */
function singleCell(value: unknown, argument: string): unknown {
  if (!Array.isArray(value)) return value;
  const rows = value.length;
  const first: unknown = value[0];
  if (!Array.isArray(first)) {
    if (rows === 1) return first;
    throw new CrmError("value", Messages.notASingleValue(argument, rows, 1), argument);
  }
  if (rows === 1 && first.length === 1) return first[0];
  throw new CrmError("value", Messages.notASingleValue(argument, rows, first.length), argument);
}

/**
 * The cells of a range argument as one list, top to bottom (or left to right for a row). A
 * scalar is a one-cell list; a 1-D array and a 1×n range are returned as they are; an n×1
 * range is copied into a list in one pass.
 *
 * @throws CrmError `value` "<argument> must be a single column or row, got R rows × C columns"
 *   for a range with more than one row and more than one column.
 * @example toColumn([[1], [2], [3]], "amounts") //=> [1, 2, 3]
 */
export function toColumn(range: unknown, argument: string): readonly unknown[] {
  if (!Array.isArray(range)) return [range];
  const rows = range.length;
  const first: unknown = range[0];
  if (!Array.isArray(first)) return range; // empty or 1-D
  if (rows === 1) return first;
  const columns = first.length;
  if (columns > 1) {
    throw new CrmError("value", Messages.notOneColumn(argument, rows, columns), argument);
  }
  const column = new Array<unknown>(rows);
  for (let i = 0; i < rows; i++) {
    const row: unknown = range[i];
    column[i] = Array.isArray(row) ? row[0] : row;
  }
  return column;
}

// ─── Transaction tables ──────────────────────────────────────────────────────────────────

/** The names of a transaction table's arguments, as the user sees them in messages. */
export interface TransactionArgumentNames {
  readonly customerIds: string;
  readonly dates: string;
  readonly amounts: string;
}

/** Default argument names: `customer_ids`, `dates`, `amounts`. */
export const DEFAULT_TRANSACTION_NAMES: TransactionArgumentNames = {
  customerIds: "customer_ids",
  dates: "dates",
  amounts: "amounts",
};

/** The columns of a transaction table, each a range, a list or a single cell. */
export interface TransactionInput {
  readonly customerIds: unknown;
  readonly dates: unknown;
  /** Omitted (undefined or null) when the metric needs no amounts. */
  readonly amounts?: unknown;
  /** Argument names for messages; each defaults to {@link DEFAULT_TRANSACTION_NAMES}. */
  readonly names?: Partial<TransactionArgumentNames>;
  /**
   * Read text amounts by the decimal separator their own column shows (numberConvention.ts):
   * `1.234` is 1234 in a column of `12,50`s, and refused as ambiguous in a column that shows
   * no convention. Default true, for the worksheet functions, the wizard and crm-report alike
   * (shared/cases: the same data typed into cells is read the same way, never guessed); false
   * keeps a fixed reading (`1,234` is 1234).
   */
  readonly inferAmountConvention?: boolean;
  /**
   * Read the date column's numeric dates whose order does not show by itself (`05.01.2024`)
   * by the order the column's other values show ({@link inferDateOrder}: `13.02.2024` is day
   * first); refused by row when the column shows both orders or neither. Default true (the
   * worksheet functions and the report alike); false refuses every such value.
   */
  readonly inferDateOrder?: boolean;
}

/** A transaction table read into typed columns; one entry per kept row. */
export interface Transactions {
  /** Per row, the customer's index into {@link Transactions.customerIds}. */
  readonly customerIndex: Int32Array<ArrayBuffer>;
  /**
   * One id per customer, in order of first appearance, as the sheet first holds it: a number
   * (or text that is a number's canonical digits) as its canonical digits (1001 → `"1001"`),
   * text trimmed but with its case and characters kept (`"John Smith"`, not `"JOHN SMITH"`).
   * Rows are matched to customers by {@link readCustomerId}'s key (case ignored), so `"abc"`
   * then `"ABC"` are one customer shown as `"abc"`. The ids are distinct, also after folding.
   */
  readonly customerIds: string[];
  /**
   * Per customer, the 1-based source row of its first appearance, so that output can show the
   * id as the sheet holds it (a number stays a number, `abc` keeps its case).
   */
  readonly customerFirstRow: Int32Array<ArrayBuffer>;
  /** Per row, the purchase date as a day serial (see dates.ts). */
  readonly days: Int32Array<ArrayBuffer>;
  /** Per row, the amount; undefined when no amounts column was given. */
  readonly amounts: Float64Array<ArrayBuffer> | undefined;
  /**
   * Per row, its 1-based row within the input ranges; undefined when row k is row k + 1 for
   * every row (no row skipped before the last one kept): the common case, which then costs no
   * 4-byte-per-row array (each large array can cost a full garbage collection of Excel's
   * ranges). Read it through {@link sourceRowOf}.
   */
  readonly sourceRows: Int32Array<ArrayBuffer> | undefined;
  /** Rows skipped because they were blank (see {@link readTransactions}). */
  readonly skippedBlankRows: number;
}

/** Row k's 1-based row within the input ranges ({@link Transactions.sourceRows}). */
export function sourceRowOf(transactions: Transactions, k: number): number {
  return transactions.sourceRows?.[k] ?? k + 1;
}

/** Options of {@link auditTransactions}. */
export interface AuditOptions {
  /** Keep at most this many problems in the list (the counts stay exact). Default: all. */
  readonly maxProblems?: number;
}

/** What {@link auditTransactions} found: the usable rows and every problem. */
export interface TransactionAudit {
  /** The rows without problems, read as {@link readTransactions} would read them. */
  readonly transactions: Transactions;
  /** Every bad cell (argument, row, kind, message) in row order, up to `maxProblems`. */
  readonly problems: InputProblem[];
  /** How many problems there were in all. */
  readonly problemCount: number;
  /** Rows skipped because at least one of their cells has a problem. */
  readonly rowsWithProblems: number;
  /**
   * Kept rows with a negative amount: returns (SPEC §2 "Returns"); 0 without an amounts column.
   * They are read and count in revenue; see {@link countReturns}.
   */
  readonly returnRows: number;
  /** Customer-days whose kept rows are all returns: no purchase day (SPEC §2 "Returns"). */
  readonly returnOnlyDays: number;
}

/** Where the shared loop sends a problem: throw it, or collect it and go on. */
type ProblemSink = (problem: InputProblem) => void;

interface TransactionColumns {
  readonly names: TransactionArgumentNames;
  readonly ids: readonly unknown[];
  readonly dates: readonly unknown[];
  readonly amounts: readonly unknown[] | undefined;
  /** set when text amounts are read by their column's convention */
  readonly amountConvention?: ColumnConvention;
  /** the day and month order the date column shows (see {@link TransactionInput.inferDateOrder}) */
  readonly dateOrder?: DateOrderEvidence;
}

/** Shapes and lengths, checked before any cell is read. */
function transactionColumns(input: TransactionInput): TransactionColumns {
  const names: TransactionArgumentNames = { ...DEFAULT_TRANSACTION_NAMES, ...input.names };
  const ids = toColumn(input.customerIds, names.customerIds);
  const dates = toColumn(input.dates, names.dates);
  const amounts =
    input.amounts === undefined || input.amounts === null
      ? undefined
      : toColumn(input.amounts, names.amounts);
  if (dates.length !== ids.length) {
    throw new CrmError(
      "value",
      Messages.lengthMismatch(names.customerIds, ids.length, names.dates, dates.length),
      names.dates
    );
  }
  if (amounts !== undefined && amounts.length !== ids.length) {
    throw new CrmError(
      "value",
      Messages.lengthMismatch(names.customerIds, ids.length, names.amounts, amounts.length),
      names.amounts
    );
  }
  const dateOrder = input.inferDateOrder === false ? undefined : inferDateOrder(dates);
  return input.inferAmountConvention !== false && amounts !== undefined
    ? { names, ids, dates, amounts, dateOrder, amountConvention: inferColumnConvention(amounts) }
    : { names, ids, dates, amounts, dateOrder };
}

/** An amount read by its column's convention (see {@link TransactionInput.inferAmountConvention}), or NaN. */
function coerceAmount(value: unknown, convention: ColumnConvention): number {
  if (typeof value !== "string") return coerceNumber(value);
  const reading = readWithConvention(value, convention.decimal);
  return reading.kind === "ambiguous" ? Number.NaN : coerceNumber(reading.text);
}

/**
 * A number cell of a column whose convention is known ({@link inferColumnConvention}): text is
 * read by the column's decimal separator, anything else as {@link readNumber} reads it.
 *
 * @throws CrmError `value` as {@link readNumber}, or when the text reads two ways and the
 *   column does not say which.
 * @example readNumberInColumn("1.234", { argument: "cost", row: 2 }, inferColumnConvention(["12,50"])) //=> 1234
 */
export function readNumberInColumn(
  value: unknown,
  where: Where,
  convention: ColumnConvention
): number {
  const number = coerceAmount(value, convention);
  if (number === number) return number;
  throw problemToError(amountProblem(value, where, convention));
}

/** Why an amount is refused: ambiguous under its column's convention, or as {@link numberProblem}. */
function amountProblem(
  value: unknown,
  where: Where,
  convention: ColumnConvention | undefined
): InputProblem {
  if (convention !== undefined && typeof value === "string") {
    const reading = readWithConvention(value, convention.decimal);
    if (reading.kind === "ambiguous")
      return cellProblem(where, Messages.ambiguousNumber(where, value, reading.readings));
  }
  return numberProblem(value, where);
}

/** Blank, or (when `zeroIsBlank`) the number 0. */
function isEmptyCell(value: unknown, zeroIsBlank: boolean): boolean {
  return (zeroIsBlank && value === 0) || isBlank(value);
}

interface ScanResult {
  readonly transactions: Transactions;
  readonly nonBlankRows: number;
  readonly rowsWithProblems: number;
}

/** The one loop behind {@link readTransactions} and {@link auditTransactions}. */
function scanTransactions(columns: TransactionColumns, report: ProblemSink): ScanResult {
  const { names, ids, dates, amounts, amountConvention, dateOrder } = columns;
  const rowCount = ids.length;
  const customerIndex = new Int32Array(rowCount);
  const days = new Int32Array(rowCount);
  const amountValues = amounts === undefined ? undefined : new Float64Array(rowCount);
  const sourceRows = new Int32Array(rowCount);
  const customers = new CustomerInterner();
  let kept = 0;
  let skippedBlankRows = 0;
  let rowsWithProblems = 0;

  for (let i = 0; i < rowCount; i++) {
    const idCell = ids[i];
    const dateCell = dates[i];
    const amountCell = amounts === undefined ? undefined : amounts[i];

    // Blank row: every cell blank, or a 0 date with every other cell blank or 0 (platforms
    // that pass empty cells as 0). A 0 date is never a real date, so nothing is lost.
    if (dateCell === 0 || isBlank(dateCell)) {
      const zeroIsBlank = dateCell === 0;
      if (
        isEmptyCell(idCell, zeroIsBlank) &&
        (amounts === undefined || isEmptyCell(amountCell, zeroIsBlank))
      ) {
        skippedBlankRows++;
        continue;
      }
    }

    const day = coerceDateInColumn(dateCell, dateOrder);
    const amount =
      amounts === undefined
        ? 0
        : amountConvention === undefined
          ? coerceNumber(amountCell)
          : coerceAmount(amountCell, amountConvention);
    // The id is interned only when the whole row is good, so a customer seen only in bad rows
    // does not exist.
    const customer = day === day && amount === amount ? customers.intern(idCell, i + 1) : -2;
    if (customer < 0) {
      const row = i + 1;
      if (customer === -1 || customerKey(idCell) === undefined) {
        report(customerProblem(idCell, { argument: names.customerIds, row }));
      }
      if (day !== day) report(dateProblem(dateCell, { argument: names.dates, row }, dateOrder));
      if (amount !== amount)
        report(amountProblem(amountCell, { argument: names.amounts, row }, amountConvention));
      rowsWithProblems++;
      continue;
    }

    customerIndex[kept] = customer;
    days[kept] = day;
    if (amountValues !== undefined) amountValues[kept] = amount;
    sourceRows[kept] = i + 1;
    kept++;
  }

  const trim = <T extends Int32Array<ArrayBuffer> | Float64Array<ArrayBuffer>>(column: T): T =>
    kept === rowCount ? column : (column.slice(0, kept) as T);
  return {
    transactions: {
      customerIndex: trim(customerIndex),
      customerIds: customers.ids,
      customerFirstRow: Int32Array.from(customers.firstRows),
      days: trim(days),
      amounts: amountValues === undefined ? undefined : trim(amountValues),
      // rows increase, so the last kept row being row `kept` means row k is row k + 1 for all
      sourceRows:
        kept === 0 || sourceRows[kept - 1] === kept ? undefined : sourceRows.slice(0, kept),
      skippedBlankRows,
    },
    nonBlankRows: rowCount - skippedBlankRows,
    rowsWithProblems,
  };
}

/**
 * Reads a transaction table (customer ids, dates and optionally amounts, one row per
 * purchase) into typed columns, or throws at the first bad cell.
 *
 * Rules:
 * - all given columns must have the same number of rows (each may be a column or a row);
 * - **blank rows are skipped** and counted: a row is blank when every given cell is blank
 *   ({@link isBlank}), or when the date is 0 and every other cell is blank or 0, because some
 *   platforms pass empty cells as 0. A row with some cells filled is not blank: its empty cells
 *   are errors (`dates, row 7 is empty.`), and so is a 0 date next to a real id or amount;
 * - ids are matched by {@link readCustomerId}'s key (case ignored; see {@link foldIdText}) and
 *   interned in order of first appearance, each shown as its first cell holds it;
 * - dates are read by {@link readDate}, and a day-or-month-first text date whose order does not
 *   show by itself (`05.01.2024`) by the order the column's other values show
 *   ({@link TransactionInput.inferDateOrder}); amounts by {@link readNumber} (numbers or numeric text).
 *   **Negative amounts are allowed**: such a row is a return (SPEC §2 "Returns"), and a
 *   customer-day of only returns is no purchase day (decided once, in buildHistories); metrics
 *   that need positive spend check that themselves.
 * Rows are checked top to bottom and, within a row, id, date, amount; the first bad cell
 * throws. Cost: one pass, O(rows), no allocation per row beyond the id text of text ids.
 *
 * @throws CrmError `value` for a 2-D argument, mismatched lengths or a bad cell (naming the
 *   argument and the 1-based row within its range); `na` "<customer ids> has no data." when no
 *   row is left after skipping blank rows.
 * @example
 * readTransactions({ customerIds: [["a"], ["b"], ["A"]], dates: [[45352], ["2024-03-02"], [""]],
 *   amounts: [[10], ["$5"], [""]] })
 * //=> throws "dates, row 3 is empty." (the row is not blank: it has an id)
 */
export function readTransactions(input: TransactionInput): Transactions {
  return readCommonShapes(input) ?? readTransactionsPerCell(input);
}

/**
 * {@link readTransactions} without its fast path: every cell through the per-cell readers.
 * Exported for the differential tests and benchmarks, which check that both read alike.
 *
 * @internal
 */
export function readTransactionsPerCell(input: TransactionInput): Transactions {
  const columns = transactionColumns(input);
  const { transactions, nonBlankRows } = scanTransactions(columns, (problem) => {
    throw problemToError(problem);
  });
  if (nonBlankRows === 0) {
    const argument = columns.names.customerIds;
    throw new CrmError("na", Messages.noData(argument), argument);
  }
  return transactions;
}

/**
 * The same reading as {@link readTransactions}, but it never throws: it collects every problem
 * (argument, row, kind, message) and keeps the rows without one, for the task pane's
 * data-quality report ("rows that will be skipped, and why"), and counts the returns among the
 * kept rows ({@link countReturns}). A problem with the whole table
 * (a 2-D range, mismatched lengths, no data) is reported without a row, and then no rows are read.
 *
 * @example
 * auditTransactions({ customerIds: ["a", "b"], dates: [45352, "3/1/2024"] }).problems
 * //=> [{ kind: "value", argument: "dates", row: 2, message: 'dates, row 2 is "3/1/2024": …' }]
 */
export function auditTransactions(
  input: TransactionInput,
  options: AuditOptions = {}
): TransactionAudit {
  const maxProblems = options.maxProblems ?? Number.POSITIVE_INFINITY;
  const problems: InputProblem[] = [];
  let problemCount = 0;
  const collect: ProblemSink = (problem) => {
    problemCount++;
    if (problems.length < maxProblems) problems.push(problem);
  };

  // Ranges of the common shapes have no problem to report: read them on the fast path.
  const common = readCommonShapes(input);
  if (common !== undefined) {
    return {
      transactions: common,
      problems,
      problemCount,
      rowsWithProblems: 0,
      ...countReturns(common),
    };
  }

  let columns: TransactionColumns;
  try {
    columns = transactionColumns(input);
  } catch (error) {
    if (!(error instanceof CrmError)) throw error;
    collect({ kind: error.kind, argument: error.argument ?? "", message: error.message });
    return {
      transactions: emptyTransactions(),
      problems,
      problemCount,
      rowsWithProblems: 0,
      returnRows: 0,
      returnOnlyDays: 0,
    };
  }

  const { transactions, nonBlankRows, rowsWithProblems } = scanTransactions(columns, collect);
  if (nonBlankRows === 0) {
    const argument = columns.names.customerIds;
    collect({ kind: "na", argument, message: Messages.noData(argument) });
  }
  return { transactions, problems, problemCount, rowsWithProblems, ...countReturns(transactions) };
}

/**
 * Returns among the kept rows (SPEC §2 "Returns"): rows with a negative amount, and the
 * customer-days whose rows are all returns (which are therefore no purchase days). Both 0
 * without an amounts column. Cost O(rows) (one {@link buildHistories} when there are returns).
 *
 * @example countReturns(readTransactions({ customerIds: ["P", "R", "R"], dates: [45415, 45414, 45432], amounts: [60, 100, -100] }))
 *   //=> { returnRows: 1, returnOnlyDays: 1 }
 */
export function countReturns(transactions: Transactions): {
  returnRows: number;
  returnOnlyDays: number;
} {
  const { amounts } = transactions;
  let returnRows = 0;
  if (amounts !== undefined) {
    for (let i = 0; i < amounts.length; i++) if (amounts[i]! < 0) returnRows++;
  }
  const returnOnlyDays = returnRows === 0 ? 0 : buildHistories(transactions).returnDays.length;
  return { returnRows, returnOnlyDays };
}

function emptyTransactions(): Transactions {
  return {
    customerIndex: new Int32Array(0),
    customerIds: [],
    customerFirstRow: new Int32Array(0),
    days: new Int32Array(0),
    amounts: undefined,
    sourceRows: undefined,
    skippedBlankRows: 0,
  };
}

// ─── Fast path: ranges of the common shapes ──────────────────────────────────────────────

// Built-ins used once per cell, held here: a global looked up per cell is slow where the
// global object is a proxy (Node's vm contexts, which the bundle tests run the add-in in).
const { isArray } = Array;
const { isFinite, isInteger } = Number;
const { abs, floor } = Math;
const NO_NUMBER = Number.NaN;

/**
 * A column's cells as Excel passes them, read in place (no copy): the rows of an n×1 range
 * (`nested`: cell i is `rows[i][0]`), or a list (a 1-D array, or the one row of a 1×n range).
 * Undefined for a scalar, a 2-D range or an empty range, which {@link toColumn} handles.
 */
export interface CellColumn {
  readonly rows: readonly unknown[];
  readonly nested: boolean;
}

/**
 * The {@link CellColumn} of a range argument, or undefined (see there). Reads the same cells,
 * in the same order, as {@link toColumn}.
 */
export function cellColumn(range: unknown): CellColumn | undefined {
  if (!Array.isArray(range) || range.length === 0) return undefined;
  const first: unknown = range[0];
  if (!Array.isArray(first)) return { rows: range, nested: false };
  if (range.length === 1) return first.length === 0 ? undefined : { rows: first, nested: false };
  if (first.length !== 1) return undefined;
  return { rows: range, nested: true };
}

/** Cell i of a column (the first cell of row i of an n×1 range, as {@link toColumn} reads it). */
export function cellAt(column: CellColumn, i: number): unknown {
  if (!column.nested) return column.rows[i];
  const row: unknown = column.rows[i];
  return isArray(row) ? row[0] : row;
}

/**
 * Day serials of a date column whose every cell is a number from serial 61 on (what Excel
 * passes for a column of dates after 1900-02-28), as {@link coerceDate} reads them; undefined
 * at the first other cell (text, a blank, 0, an early or out-of-range serial, an error).
 */
function commonDays(
  column: CellColumn,
  n: number
): { days: Int32Array<ArrayBuffer>; whole: boolean } | undefined {
  const days = new Int32Array(n);
  const { rows, nested } = column;
  const limit = LAST_EXCEL_DAY + 1;
  let whole = true;
  for (let i = 0; i < n; i++) {
    const row: unknown = rows[i];
    const cell: unknown = nested && isArray(row) ? row[0] : row;
    if (typeof cell !== "number" || !(cell >= 61 && cell < limit)) return undefined;
    const day = floor(cell);
    days[i] = day;
    if (day !== cell) whole = false;
  }
  return { days, whole };
}

/** The amounts of a column whose every cell is a finite number; undefined at the first other cell. */
function commonAmounts(column: CellColumn, n: number): Float64Array<ArrayBuffer> | undefined {
  const amounts = new Float64Array(n);
  const { rows, nested } = column;
  for (let i = 0; i < n; i++) {
    const row: unknown = rows[i];
    const cell: unknown = nested && isArray(row) ? row[0] : row;
    if (typeof cell !== "number" || !isFinite(cell)) return undefined;
    amounts[i] = cell;
  }
  return amounts;
}

/**
 * The value of text that is canonical digits as they usually come (`1001`, no spaces, no sign,
 * at most 15 digits: always an exact integer), or NaN; by character codes, allocating nothing.
 * Agrees with {@link canonicalIntegerValue} wherever it gives a number.
 */
function plainDigitsValue(s: string): number {
  const length = s.length;
  if (length === 0 || length > 15) return NO_NUMBER;
  if (s.charCodeAt(0) === 48 && length > 1) return NO_NUMBER; // 0…: text, as in CDNOW's 00001
  let value = 0;
  for (let i = 0; i < length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NO_NUMBER;
    value = value * 10 + d;
  }
  return value;
}

/** Marks a text id in the first pass of {@link commonCustomers}. */
const TEXT_ID = -(2 ** 31);

/** Widest span of whole-number ids looked up in a table rather than a map (4 bytes per slot). */
const ID_TABLE_LIMIT = 1 << 24;

/**
 * Customer indices of an id column whose every cell is an id in a common shape: a whole number
 * within ±2^53, text of canonical digits (`"1001"`), or other text that is not blank. Interned
 * in order of first appearance exactly as {@link CustomerInterner} does (numbers and their
 * canonical text by number, shown as canonical digits; other text by {@link foldIdText}, shown
 * trimmed). Whole numbers are looked up in a table indexed by value when their span is at
 * most a few times the rows (the usual numbered customers), otherwise in a map. Undefined at
 * the first other cell (blank, boolean, error, a fraction, a number beyond 2^53).
 */
function commonCustomers(
  column: CellColumn,
  n: number
):
  | {
      index: Int32Array<ArrayBuffer>;
      ids: string[];
      firstRows: Int32Array<ArrayBuffer>;
      cells: CellCopy;
    }
  | undefined {
  const { rows, nested } = column;
  // Pass 1: every cell's number (NaN for text ids), and the span of the numbers. They are kept
  // as 32-bit integers (text as TEXT_ID) in the array that becomes the index, unless one is
  // wider: then in 64-bit floats (one large array less per read for the usual ids). The cells
  // themselves are copied on the way (CellCopy: the input cache's snapshot, without a second
  // pass over a million cells).
  const index = new Int32Array(n);
  let wide: Float64Array | undefined;
  const cells = new CellCopier(n);
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const row: unknown = rows[i];
    const cell: unknown = nested && isArray(row) ? row[0] : row;
    let value: number;
    if (typeof cell === "number") {
      if (!isInteger(cell) || abs(cell) > EXACT_INTEGER_LIMIT) return undefined;
      value = cell;
      cells.add(i, cell);
    } else if (typeof cell === "string") {
      cells.add(i, cell);
      value = plainDigitsValue(cell);
      if (value !== value) {
        const s = cell.trim();
        if (s.length === 0) return undefined; // blank: the per-cell reader decides
        value = canonicalIntegerValue(s); // ` 1001 `, `-7`; NaN for other text
      }
    } else {
      return undefined;
    }
    if (wide !== undefined) wide[i] = value;
    else if (value === (value | 0) && value !== TEXT_ID) index[i] = value;
    else if (value !== value) index[i] = TEXT_ID;
    else {
      wide = Float64Array.from(index, (v) => (v === TEXT_ID ? Number.NaN : v));
      wide[i] = value;
    }
    if (value < low) low = value;
    if (value > high) high = value;
  }
  // Pass 2: intern in row order.
  const span = high - low + 1;
  const table =
    span > 0 && span <= ID_TABLE_LIMIT && span <= 4 * n + 65536
      ? new Int32Array(span).fill(-1)
      : undefined;
  const byNumber = new Map<number, number>();
  const byText = new Map<string, number>();
  const ids: string[] = [];
  const firstRows: number[] = [];
  for (let i = 0; i < n; i++) {
    const kept = index[i]!;
    const value = wide !== undefined ? wide[i]! : kept === TEXT_ID ? NO_NUMBER : kept;
    let customer: number;
    if (value === value) {
      if (table !== undefined) {
        const slot = value - low;
        customer = table[slot]!;
        if (customer < 0) {
          customer = ids.length;
          table[slot] = customer;
          ids.push("" + value); // String(value), without a global lookup
          firstRows.push(i + 1);
        }
      } else {
        const known = byNumber.get(value);
        if (known === undefined) {
          customer = ids.length;
          byNumber.set(value, customer);
          ids.push("" + value); // String(value), without a global lookup
          firstRows.push(i + 1);
        } else customer = known;
      }
    } else {
      const s = (cellAt(column, i) as string).trim();
      const key = foldIdText(s);
      const known = byText.get(key);
      if (known === undefined) {
        customer = ids.length;
        byText.set(key, customer);
        ids.push(s);
        firstRows.push(i + 1);
      } else customer = known;
    }
    index[i] = customer;
  }
  return {
    index,
    ids,
    firstRows: Int32Array.from(firstRows),
    cells: cells.copy(),
  };
}

/**
 * {@link readTransactions} for the shapes nearly every large range has, one tight pass per
 * column and no allocation per cell: ids that are whole numbers (or their digits as text, or
 * other non-blank text), dates that are serial numbers from 61 on, amounts that are finite
 * numbers. Such a table has no blank row and no bad cell, so every row is kept in order and
 * no date or amount text needs its column's convention; the result is then exactly the
 * per-cell reader's. Undefined (read it cell by cell instead) at the first cell of another
 * shape, for ranges of other shapes (2-D, scalars) and for columns of different lengths, so
 * that every other rule and message stays the per-cell reader's. Cost: O(rows). Exported for
 * the differential tests.
 *
 * @internal
 */
export function readCommonShapes(input: TransactionInput): Transactions | undefined {
  return readCommonShapesWithCells(input)?.transactions;
}

/** What {@link readCommonShapesWithCells} tells of the cells besides the reading. @internal */
export interface CommonShapesReading {
  readonly transactions: Transactions;
  /** the id cells, copied as they were read (the input cache's snapshot of them) */
  readonly idCells: CellCopy;
  /**
   * Every date cell is a whole serial number, so `transactions.days` holds the date cells
   * exactly, as `transactions.amounts` always holds the amount cells on this path: what the
   * input cache compares a recalculation's cells with, without a copy or a check of its own.
   */
  readonly wholeDates: boolean;
}

/**
 * {@link readCommonShapes}, telling also whether the read date column equals its cells.
 *
 * @internal
 */
export function readCommonShapesWithCells(
  input: TransactionInput
): CommonShapesReading | undefined {
  const idColumn = cellColumn(input.customerIds);
  const dateColumn = cellColumn(input.dates);
  const withAmounts = input.amounts !== undefined && input.amounts !== null;
  const amountColumn = withAmounts ? cellColumn(input.amounts) : undefined;
  if (idColumn === undefined || dateColumn === undefined) return undefined;
  if (withAmounts && amountColumn === undefined) return undefined;
  const n = idColumn.rows.length;
  if (
    dateColumn.rows.length !== n ||
    (amountColumn !== undefined && amountColumn.rows.length !== n)
  )
    return undefined;
  const dates = commonDays(dateColumn, n);
  if (dates === undefined) return undefined;
  const amounts = amountColumn === undefined ? undefined : commonAmounts(amountColumn, n);
  if (amountColumn !== undefined && amounts === undefined) return undefined;
  const customers = commonCustomers(idColumn, n);
  if (customers === undefined) return undefined;
  const transactions: Transactions = {
    customerIndex: customers.index,
    customerIds: customers.ids,
    customerFirstRow: customers.firstRows,
    days: dates.days,
    amounts,
    sourceRows: undefined, // every row kept, in order
    skippedBlankRows: 0,
  };
  return { transactions, idCells: customers.cells, wholeDates: dates.whole };
}
