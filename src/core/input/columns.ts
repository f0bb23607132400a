/**
 * Typed transaction columns read straight from delimited text (issue 14, part 1): the fast
 * path of the command line's reader, for the cell shapes that make up nearly every large file.
 *
 * Each reader looks at one cell as a span `[start, end)` of the file's text, by character
 * codes, allocating nothing, and either gives the value the input layer (input.ts) would give
 * for that text, or says "not this shape" (-1 / NaN), in which case the caller reads the
 * whole file the input layer's way instead. The shapes, and why each reads the same as the
 * input layer:
 * - **ids**: ASCII digits (`1001`, `00001`), or printable ASCII text without leading or
 *   trailing space (`C-07`). Canonical digits within 2^53 (`1001`, not `00001`) are interned
 *   by their number, as input.ts's CustomerInterner does; other text by its upper case
 *   ({@link foldIdText} of ASCII text), shown as written. Text that is `-` and digits (a
 *   negative number's canonical text, or not) is left to the input layer.
 * - **dates**: `yyyy-m-d`, `yyyy/m/d`, `yyyy.m.d` (one or two digits for month and day, no
 *   time), on or after 1900-01-01: what dates.ts's year-first scanner reads; whole numbers
 *   of up to nine digits as Excel serials 1…2958465 (60, Excel's fictitious 1900-02-29, left
 *   to the input layer), or yyyymmdd numbers (`19970101`, as in CDNOW), as input.ts reads
 *   numeric date text. Year-first dates and numbers show no day-or-month order, so they
 *   never depend on the column's other values.
 * - **amounts**: `numberConvention.ts`'s PLAIN shape (`12`, `-0.5`, `29.33`, `+7`; a decimal
 *   point followed by other than three digits), which reads the same under either decimal
 *   separator, with at most 15 digits: its value is then an exact integer divided by an exact
 *   power of ten, one correctly rounded division, which is exactly `Number(text)`.
 *
 * Pure: no Office, no I/O.
 */
import {
  excelSerialToDay,
  FIRST_EXCEL_DAY,
  isValidYmd,
  LAST_EXCEL_DAY,
  serialFromYmd,
} from "./dates";
import type { Transactions } from "./input";

/** Exact powers of ten 10^0 … 10^22 (every one a double exactly). */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** 2^53: integers up to here are exact doubles. */
const EXACT_INTEGER_LIMIT = 2 ** 53;

/**
 * The value of a plain amount `[+-]digits[.digits]` in `s[start, end)` (a decimal point
 * followed by other than three digits; at most 15 digits in all), or NaN for any other text.
 *
 * @example fastAmount("x,29.33,", 2, 7) //=> 29.33
 * @example fastAmount("1.234", 0, 5) //=> NaN (reads two ways: left to the input layer)
 */
export function fastAmount(s: string, start: number, end: number): number {
  let i = start;
  let negative = false;
  const first = s.charCodeAt(i);
  if (first === 45 || first === 43) {
    negative = first === 45;
    i++;
  }
  let value = 0;
  let digits = 0;
  while (i < end) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    value = value * 10 + d;
    digits++;
    i++;
  }
  if (digits === 0) return Number.NaN;
  let decimals = 0;
  if (i < end) {
    if (s.charCodeAt(i) !== 46) return Number.NaN; // .
    i++;
    while (i < end) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return Number.NaN;
      value = value * 10 + d;
      decimals++;
      i++;
    }
    if (decimals === 0 || decimals === 3) return Number.NaN;
  }
  if (digits + decimals > 15 || decimals > 22) return Number.NaN;
  const magnitude = decimals === 0 ? value : value / POWERS_OF_TEN[decimals]!;
  return negative ? -magnitude : magnitude;
}

/**
 * The day serial of a date cell `s[start, end)` of a fast shape (see the module comment), or
 * -1 when the cell is of another shape (or no date: the input layer words why).
 *
 * @example fastDay("2024-03-01", 0, 10) //=> 45352
 * @example fastDay("19970101", 0, 8) //=> 35431
 */
export function fastDay(s: string, start: number, end: number): number {
  const length = end - start;
  if (length >= 8 && length <= 10) {
    const separator = s.charCodeAt(start + 4);
    if (separator === 45 || separator === 47 || separator === 46)
      return yearFirstDay(s, start, end, separator);
  }
  if (length < 1 || length > 9) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  if (value >= 1 && value <= LAST_EXCEL_DAY) {
    if (value === 60) return -1; // Excel's fictitious 1900-02-29: the input layer's message
    return excelSerialToDay(value) ?? -1;
  }
  if (value >= 19000101 && value <= 99991231) {
    const year = Math.floor(value / 10000);
    const month = Math.floor(value / 100) % 100;
    const day = value % 100;
    return isValidYmd(year, month, day) ? serialFromYmd(year, month, day) : -1;
  }
  return -1;
}

/** `yyyy-m-d` (separator given, one throughout), or -1. */
function yearFirstDay(s: string, start: number, end: number, separator: number): number {
  let year = 0;
  for (let i = start; i < start + 4; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    year = year * 10 + d;
  }
  let i = start + 5;
  let month = 0;
  let count = 0;
  while (i < end && count < 3) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    month = month * 10 + d;
    count++;
    i++;
  }
  if (count < 1 || count > 2 || i >= end || s.charCodeAt(i) !== separator) return -1;
  i++;
  let day = 0;
  count = 0;
  while (i < end) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    day = day * 10 + d;
    count++;
    i++;
  }
  if (count < 1 || count > 2 || !isValidYmd(year, month, day)) return -1;
  const serial = serialFromYmd(year, month, day);
  return serial >= FIRST_EXCEL_DAY ? serial : -1;
}

/**
 * The kind of an id cell `s[start, end)`: a canonical integer's value (interned by number),
 * {@link TEXT_ID} for other fast text (interned by its upper case), or {@link SLOW_ID}.
 */
export const TEXT_ID = -1;
export const SLOW_ID = -2;

/**
 * The id kind of a cell: `>= 0` the canonical integer it is (`1001`; at most 2^53), TEXT_ID
 * for digits that are no canonical integer (`00001`) and other printable ASCII text without
 * leading or trailing spaces and not starting with `-` followed by a digit, SLOW_ID otherwise
 * (blank, spaces around, beyond ASCII, `-7`).
 *
 * @example fastIdNumber("1001", 0, 4) //=> 1001
 * @example fastIdNumber("00001", 0, 5) //=> TEXT_ID
 */
export function fastIdNumber(s: string, start: number, end: number): number {
  const length = end - start;
  if (length === 0) return SLOW_ID;
  let allDigits = true;
  let value = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) value = value * 10 + (c - 48);
    else {
      allDigits = false;
      if (c < 0x21 || c > 0x7e) {
        if (c !== 32 || i === start || i === end - 1) return SLOW_ID; // inner spaces are text
      }
    }
  }
  if (allDigits) {
    if (length > 16 || (s.charCodeAt(start) === 48 && length > 1)) return TEXT_ID;
    return value <= EXACT_INTEGER_LIMIT && (length < 16 || String(value) === s.slice(start, end))
      ? value
      : TEXT_ID;
  }
  if (s.charCodeAt(start) === 45) {
    const next = s.charCodeAt(start + 1);
    if (next >= 48 && next <= 57) return SLOW_ID; // `-7`: the input layer decides
  }
  return TEXT_ID;
}

/**
 * Builds {@link Transactions} row by row from fast cells, interning ids in order of first
 * appearance exactly as input.ts does (numbers by value, text by its ASCII upper case).
 */
export class ColumnBuilder {
  private readonly customerIndex: Int32Array<ArrayBuffer>;
  private readonly days: Int32Array<ArrayBuffer>;
  private readonly amounts: Float64Array<ArrayBuffer>;
  private readonly ids: string[] = [];
  private readonly firstRows: number[] = [];
  private readonly byNumber = new Map<number, number>();
  private readonly byText = new Map<string, number>();
  /**
   * Customer index + 1 by id, for ids below {@link denseLimit} (0: not seen): numeric ids are
   * mostly a compact range, and an array lookup is several times cheaper than a Map's.
   */
  private dense = new Int32Array(1024);
  private readonly denseLimit: number;
  private count = 0;

  /** `capacity`: an upper bound of the rows (grown as needed). */
  constructor(private capacity: number) {
    this.customerIndex = new Int32Array(Math.max(1, capacity));
    this.days = new Int32Array(Math.max(1, capacity));
    this.amounts = new Float64Array(Math.max(1, capacity));
    this.denseLimit = 4 * capacity + 1024;
  }

  /** The customer of a numeric id, added when new (row: 1-based, for customerFirstRow). */
  private numberCustomer(id: number, row: number): number {
    if (id < this.denseLimit) {
      if (id >= this.dense.length) {
        let size = this.dense.length * 2;
        while (size <= id) size *= 2;
        const grown = new Int32Array(Math.min(size, this.denseLimit));
        grown.set(this.dense);
        this.dense = grown;
      }
      const known = this.dense[id]!;
      if (known !== 0) return known - 1;
      const customer = this.newCustomer(String(id), row);
      this.dense[id] = customer + 1;
      return customer;
    }
    const known = this.byNumber.get(id);
    if (known !== undefined) return known;
    const customer = this.newCustomer(String(id), row);
    this.byNumber.set(id, customer);
    return customer;
  }

  get rows(): number {
    return this.count;
  }

  /**
   * Adds a row: `idKind` from {@link fastIdNumber} (not SLOW_ID), the id's text span for
   * TEXT_ID, a day from {@link fastDay} and an amount from {@link fastAmount}.
   */
  add(
    idKind: number,
    s: string,
    idStart: number,
    idEnd: number,
    day: number,
    amount: number
  ): void {
    const row = this.count + 1;
    let customer: number;
    if (idKind >= 0) customer = this.numberCustomer(idKind, row);
    else {
      const shown = s.slice(idStart, idEnd);
      const key = shown.toUpperCase();
      const known = this.byText.get(key);
      if (known === undefined) {
        customer = this.newCustomer(shown, row);
        this.byText.set(key, customer);
      } else customer = known;
    }
    if (this.count === this.capacity)
      throw new RangeError("ColumnBuilder: more rows than its capacity");
    this.customerIndex[this.count] = customer;
    this.days[this.count] = day;
    this.amounts[this.count] = amount;
    this.count++;
  }

  private newCustomer(shown: string, row: number): number {
    this.ids.push(shown);
    this.firstRows.push(row);
    return this.ids.length - 1;
  }

  /** The rows added, as the input layer's {@link Transactions} (every row kept, none blank). */
  finish(): Transactions {
    const n = this.count;
    return {
      customerIndex: n === this.capacity ? this.customerIndex : this.customerIndex.slice(0, n),
      customerIds: this.ids,
      customerFirstRow: Int32Array.from(this.firstRows),
      days: n === this.capacity ? this.days : this.days.slice(0, n),
      amounts: n === this.capacity ? this.amounts : this.amounts.slice(0, n),
      sourceRows: undefined, // every row kept, in order
      skippedBlankRows: 0,
    };
  }
}
