/**
 * The calendar of the core. Every date is a **day serial**: a whole number of days since
 * 1899-12-30, so 2 is 1900-01-01 and 45352 is 2024-03-01. From 1900-03-01 on it equals Excel's
 * own serial number (Excel counts a fictitious 1900-02-29 as serial 60; the day serial does
 * not, so Excel serials 1..59 are one day less than the day serial of the same date).
 *
 * Arithmetic is on integers only (Howard Hinnant's `days_from_civil` / `civil_from_days`,
 * proleptic Gregorian calendar): no `Date` objects and no time zones, so a date never moves by
 * a day on a machine in another zone, and hot loops allocate nothing.
 *
 * @see https://howardhinnant.github.io/date_algorithms.html
 */

/** A date as whole days since 1899-12-30 (equals the Excel serial from 1900-03-01 on). */
export type DaySerial = number;

/** A calendar date; `month` and `day` are 1-based. */
export interface Ymd {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Day serial of 1900-01-01, the first date Excel can hold (Excel serial 1). */
export const FIRST_EXCEL_DAY: DaySerial = 2;

/** Day serial (and Excel serial) of 9999-12-31, the last date Excel can hold. */
export const LAST_EXCEL_DAY: DaySerial = 2958465;

/** Excel serial 60: the 1900-02-29 that Excel counts although 1900 was not a leap year. */
export const FICTITIOUS_LEAP_DAY_SERIAL = 60;

/** Days from 0000-03-01 to 1970-01-01 (Hinnant), and from 1899-12-30 to 1970-01-01 (Excel). */
const CIVIL_EPOCH_SHIFT = 719468;
const EXCEL_1970 = 25569;

/** Whether `year` is a Gregorian leap year. @example isLeapYear(1900) //=> false */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in `month` (1..12) of `year`. @example daysInMonth(2024, 2) //=> 29 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Whether year-month-day is a real calendar date with a year from 1 to 9999.
 *
 * @example isValidYmd(2024, 2, 29) //=> true
 * @example isValidYmd(2023, 2, 29) //=> false
 */
export function isValidYmd(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/**
 * The day serial of a calendar date (Hinnant's `days_from_civil`). The date is not validated:
 * call {@link isValidYmd} first when it comes from input.
 *
 * @example serialFromYmd(2024, 3, 1) //=> 45352 (Excel: =DATE(2024,3,1) is 45352)
 * @example serialFromYmd(1900, 1, 1) //=> 2 (Excel serial 1)
 */
export function serialFromYmd(year: number, month: number, day: number): DaySerial {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - CIVIL_EPOCH_SHIFT + EXCEL_1970;
}

/**
 * The calendar date of a day serial (Hinnant's `civil_from_days`).
 *
 * @example ymdFromSerial(45352) //=> { year: 2024, month: 3, day: 1 }
 */
export function ymdFromSerial(serial: DaySerial): Ymd {
  const z = Math.floor(serial) - EXCEL_1970 + CIVIL_EPOCH_SHIFT;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/**
 * The ISO 8601 text (`yyyy-mm-dd`) of a day serial, for messages and reports.
 *
 * @example isoFromSerial(45352) //=> "2024-03-01"
 */
export function isoFromSerial(serial: DaySerial): string {
  const { year, month, day } = ymdFromSerial(serial);
  return `${String(year).padStart(4, "0")}-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}`;
}

/**
 * The date `months` calendar months after (or before, when negative) `serial`, clamped to the
 * end of a shorter month, like Excel's `EDATE`.
 *
 * @example addMonths(serialFromYmd(2024, 1, 31), 1) //=> 45351, i.e. 2024-02-29 (=EDATE(DATE(2024,1,31),1))
 */
export function addMonths(serial: DaySerial, months: number): DaySerial {
  const { year, month, day } = ymdFromSerial(serial);
  const monthIndex = year * 12 + (month - 1) + months;
  const newYear = Math.floor(monthIndex / 12);
  const newMonth = monthIndex - newYear * 12 + 1;
  return serialFromYmd(newYear, newMonth, Math.min(day, daysInMonth(newYear, newMonth)));
}

/**
 * The day serial of an Excel serial number (1900 date system), or undefined when it is no date
 * Excel can hold. The time of day (the fraction) is dropped by flooring. Serials 1..59 are
 * 1900-01-01..1900-02-28 and become day serials 2..60; 61 and above are unchanged. Serial 60,
 * Excel's fictitious 1900-02-29, gives undefined: callers that want to say why test
 * {@link isFictitiousLeapDay} first. Below 1, above 2958465 (9999-12-31) or not finite:
 * undefined.
 *
 * @example excelSerialToDay(45352.75) //=> 45352 (2024-03-01 18:00 → 2024-03-01)
 * @example excelSerialToDay(1) //=> 2 (1900-01-01)
 * @example excelSerialToDay(60) //=> undefined
 */
export function excelSerialToDay(serial: number): DaySerial | undefined {
  if (serial >= 61 && serial < LAST_EXCEL_DAY + 1) return Math.floor(serial);
  if (serial >= 1 && serial < 60) return Math.floor(serial) + 1;
  return undefined;
}

/** Whether an Excel serial (with or without a time) falls on the fictitious 1900-02-29. */
export function isFictitiousLeapDay(serial: number): boolean {
  return serial >= 60 && serial < 61;
}

/**
 * The Excel serial of a day serial, for writing dates back to a sheet (the inverse of
 * {@link excelSerialToDay}), or undefined before 1900-01-01.
 *
 * @example dayToExcelSerial(2) //=> 1 (1900-01-01)
 * @example dayToExcelSerial(45352) //=> 45352
 */
export function dayToExcelSerial(day: DaySerial): number | undefined {
  if (day >= 61) return day;
  if (day >= FIRST_EXCEL_DAY) return day - 1;
  return undefined;
}

/**
 * Text as the input layer reads it: trimmed, and NFKC-normalised when it holds anything beyond
 * ASCII, so full-width digits and signs (`２０２４－０３－０１`, `￥１２`) read like their ASCII
 * forms. Plain ASCII text skips the (costly) normalisation.
 *
 * @example normalizeText(" ２０２４ ") //=> "2024"
 */
export function normalizeText(text: string): string {
  const trimmed = text.trim();
  for (let i = 0; i < trimmed.length; i++) {
    if (trimmed.charCodeAt(i) > 0x7f) return trimmed.normalize("NFKC").trim();
  }
  return trimmed;
}

/**
 * `T10:20`, ` 10:20:30.5`, `T10:20:30Z`, `T10:20:30+08:00`: a time after a date, read and
 * dropped (as a pattern for the Chinese form; {@link isTimeTail} scans the same grammar).
 */
const TIME = String.raw`(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(?:Z|[+-](\d{2})(?::?(\d{2}))?)?)?`;

/** `2024年3月1日`, `2024 年 3 月 1 日`, `2024年3月1` (and 号 for 日), with an optional time. */
const YMD_CHINESE = new RegExp(
  String.raw`^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?${TIME}$`,
  "i"
);

/** `20240301`: yyyymmdd as eight digits. */
const YMD_COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

/** `1 Mar 2024`, `01-Mar-2024`, `1 March 2024`: day, English month name, year. */
const DAY_MONTH_NAME_YEAR = /^(\d{1,2})[-\s]([a-z]{3,9})\.?[-\s,]\s*(\d{4})$/i;

/** `Mar 1, 2024`, `March 1 2024`: English month name, day, year. */
const MONTH_NAME_DAY_YEAR = /^([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/i;

/** English month names, full and abbreviated (a Map, so "constructor" is no month). */
const MONTH_NAMES: ReadonlyMap<string, number> = new Map([
  ["jan", 1],
  ["january", 1],
  ["feb", 2],
  ["february", 2],
  ["mar", 3],
  ["march", 3],
  ["apr", 4],
  ["april", 4],
  ["may", 5],
  ["jun", 6],
  ["june", 6],
  ["jul", 7],
  ["july", 7],
  ["aug", 8],
  ["august", 8],
  ["sep", 9],
  ["sept", 9],
  ["september", 9],
  ["oct", 10],
  ["october", 10],
  ["nov", 11],
  ["november", 11],
  ["dec", 12],
  ["december", 12],
]);

/**
 * The day serial of a date written as text, or undefined when the text is no unambiguous date.
 * The text is trimmed and NFKC-normalised first (see {@link normalizeText}). Accepted forms:
 * - `2024-03-01`, `2024-3-1`, `2024/3/1`, `2024.3.1` (year first, one separator throughout);
 * - `2024年3月1日`, also without 日 and with spaces between the parts;
 * - any of those followed by a time: `2024-03-01T10:20:30`, `2024-03-01 10:20`, optional
 *   seconds and fraction, optional `Z` or offset `+08:00`. The calendar date is taken **as
 *   written**: no time-zone conversion happens, so `2024-03-01T23:30-05:00` is 2024-03-01;
 * - `20240301` (eight digits, yyyymmdd);
 * - `1 Mar 2024`, `01-Mar-2024`, `Mar 1, 2024` (English month names, full or abbreviated).
 *
 * - `13.02.2024`, `13/2/2024`, `2/13/2024` (day or month first, a four-digit year, one
 *   separator `.` `/` `-` throughout, optional time) **when the order shows in the value
 *   itself**: a first number above 12 cannot be a month, so it is the day; a second number
 *   above 12 is the day; `1/1/2024` reads the same either way. See {@link numericDateOrder}.
 *
 * The date must exist (2023-02-29 and month 13 give undefined). Numeric forms whose order does
 * not show (`3/1/2024`, `05.01.2024`: both numbers at most 12) give undefined here, because they
 * read differently in different locales: {@link parseTextDateInOrder} reads them by the order
 * their column shows ({@link inferDateOrder}), and the message layer otherwise asks for
 * `2024-03-01`. Years run from 1 to 9999; whether a date lies in Excel's range is the caller's
 * question.
 *
 * @example parseTextDate("2024年3月1日") //=> 45352
 * @example parseTextDate("13.02.2024") //=> 45335 (2024-02-13)
 * @example parseTextDate("3/1/2024") //=> undefined
 */
export function parseTextDate(text: string): DaySerial | undefined {
  const s = normalizeText(text);
  const separated = scanYearFirstDate(s);
  if (separated !== null) return separated;
  let match = YMD_COMPACT.exec(s);
  if (match !== null) return dayOf(match[1], match[2], match[3]);
  match = YMD_CHINESE.exec(s);
  if (match !== null) {
    return timeIsValid(match, 4) ? dayOf(match[1], match[2], match[3]) : undefined;
  }
  match = DAY_MONTH_NAME_YEAR.exec(s);
  if (match !== null) return dayOfNamedMonth(match[3], match[2], match[1]);
  match = MONTH_NAME_DAY_YEAR.exec(s);
  if (match !== null) return dayOfNamedMonth(match[3], match[1], match[2]);
  const parts = numericDateParts(s);
  if (parts === undefined) return undefined;
  const order = numericDateOrder(parts);
  if (order === "dayFirst" || order === "monthFirst") return dayOfNumericDate(parts, order);
  // `1/1/2024`: both orders read the same day.
  return order === "either" && parts.first === parts.second
    ? dayOfNumericDate(parts, "dayFirst")
    : undefined;
}

// ─── Day-first and month-first dates ─────────────────────────────────────────────────────

/** Which number of a numeric date comes first: the day (`13.02.2024`) or the month (`2/13/2024`). */
export type DateOrder = "dayFirst" | "monthFirst";

/** The numbers of a day-or-month-first date with a four-digit year (`05.01.2024`). */
export interface NumericDateParts {
  readonly first: number;
  readonly second: number;
  readonly year: number;
}

/** `05.01.2024`, `1/13/2024`, `13-02-2024 10:00`: the date part; any rest must be a time. */
const NUMERIC_DATE = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})/;

/**
 * The numbers of `s` (normalised, see {@link normalizeText}) when it is a day-or-month-first
 * date with a four-digit year and an optional time (`05.01.2024`, `1/13/2024 10:00`), else
 * undefined.
 *
 * @example numericDateParts("05.01.2024") //=> { first: 5, second: 1, year: 2024 }
 */
export function numericDateParts(s: string): NumericDateParts | undefined {
  const match = NUMERIC_DATE.exec(s);
  if (match === null) return undefined;
  if (match[0].length < s.length && !isTimeTail(s, match[0].length)) return undefined;
  return { first: Number(match[1]), second: Number(match[3]), year: Number(match[4]) };
}

/**
 * The order a numeric date shows by itself: `dayFirst` when only the day-first reading is a
 * real date (`13.02.2024`: 13 is no month), `monthFirst` when only the month-first one is
 * (`2/13/2024`), `either` when both are (`05.01.2024`: 5 January or May 1; `1/1/2024`, which
 * reads the same both ways, is `either` too but {@link parseTextDate} reads it), undefined when neither is (`13/13/2024`, `31/02/2024`).
 *
 * @example numericDateOrder({ first: 13, second: 2, year: 2024 }) //=> "dayFirst"
 * @example numericDateOrder({ first: 5, second: 1, year: 2024 }) //=> "either"
 */
export function numericDateOrder(parts: NumericDateParts): DateOrder | "either" | undefined {
  const dayFirst = isValidYmd(parts.year, parts.second, parts.first);
  const monthFirst = isValidYmd(parts.year, parts.first, parts.second);
  if (dayFirst && monthFirst) return "either";
  if (dayFirst) return "dayFirst";
  return monthFirst ? "monthFirst" : undefined;
}

/** The day serial of a numeric date read in `order`, or undefined when that is no real date. */
export function dayOfNumericDate(parts: NumericDateParts, order: DateOrder): DaySerial | undefined {
  const [month, day] =
    order === "dayFirst" ? [parts.second, parts.first] : [parts.first, parts.second];
  return isValidYmd(parts.year, month, day) ? serialFromYmd(parts.year, month, day) : undefined;
}

/**
 * {@link parseTextDate}, and a numeric date whose order does not show by itself (`05.01.2024`)
 * read in `order` (the order its column shows; undefined: not read).
 *
 * @example parseTextDateInOrder("05.01.2024", "dayFirst") //=> 45296 (2024-01-05)
 * @example parseTextDateInOrder("05.01.2024", undefined) //=> undefined
 */
export function parseTextDateInOrder(
  text: string,
  order: DateOrder | undefined
): DaySerial | undefined {
  const day = parseTextDate(text);
  if (day !== undefined || order === undefined) return day;
  const parts = numericDateParts(normalizeText(text));
  return parts === undefined ? undefined : dayOfNumericDate(parts, order);
}

/** One value of a column that shows a date order: its 1-based row and its text. */
export interface DateOrderWitness {
  readonly row: number;
  readonly text: string;
}

/**
 * What a column's own values say about the order of its numeric dates, as
 * numberConvention.ts does for decimal separators: `order` is set when some values show one
 * order (a first number above 12: day first; a second number above 12: month first) and none
 * shows the other; then the column's ambiguous values (`05.01.2024`) are read that way. A
 * column that shows both orders (`conflict`), or neither, leaves `order` undefined, and its
 * ambiguous values are refused row by row: never guessed. The first witness of each order is
 * kept for the message.
 */
export interface DateOrderEvidence {
  readonly order: DateOrder | undefined;
  readonly dayFirst: DateOrderWitness | undefined;
  readonly monthFirst: DateOrderWitness | undefined;
}

/**
 * The {@link DateOrderEvidence} of a date column (cells as Excel passes them; only text cells
 * are looked at). Cost: one pass; a number cell costs one type check.
 *
 * @example inferDateOrder(["05.01.2024", "13.02.2024"]).order //=> "dayFirst"
 * @example inferDateOrder(["13.02.2024", "1/13/2024"]).order //=> undefined (conflict)
 */
export function inferDateOrder(cells: readonly unknown[]): DateOrderEvidence {
  let dayFirst: DateOrderWitness | undefined;
  let monthFirst: DateOrderWitness | undefined;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (typeof cell !== "string") continue;
    const first = cell.charCodeAt(0);
    if (first < 48 || first > 57) {
      if (first !== 32 && first < 0x80) continue; // cannot start a numeric date
    }
    const parts = numericDateParts(normalizeText(cell));
    if (parts === undefined) continue;
    const order = numericDateOrder(parts);
    if (order === "dayFirst") dayFirst ??= { row: i + 1, text: cell };
    else if (order === "monthFirst") monthFirst ??= { row: i + 1, text: cell };
    if (dayFirst !== undefined && monthFirst !== undefined) break;
  }
  const order =
    dayFirst !== undefined && monthFirst === undefined
      ? "dayFirst"
      : monthFirst !== undefined && dayFirst === undefined
        ? "monthFirst"
        : undefined;
  return { order, dayFirst, monthFirst };
}

function dayOf(
  yearText: string | undefined,
  monthText: string | undefined,
  dayText: string | undefined
): DaySerial | undefined {
  const year = Number(yearText);
  const month = Number(monthText);
  const day = Number(dayText);
  return isValidYmd(year, month, day) ? serialFromYmd(year, month, day) : undefined;
}

function dayOfNamedMonth(
  yearText: string | undefined,
  monthName: string | undefined,
  dayText: string | undefined
): DaySerial | undefined {
  const month = MONTH_NAMES.get((monthName ?? "").toLowerCase());
  return month === undefined ? undefined : dayOf(yearText, String(month), dayText);
}

/** The digit at `index` of `s` as a number, or -1. */
function digitAt(s: string, index: number): number {
  const digit = s.charCodeAt(index) - 48; // NaN past the end
  return digit >= 0 && digit <= 9 ? digit : -1;
}

/**
 * `2024-03-01`, `2024/3/1`, `2024.3.1` (one separator throughout) with an optional time: the
 * most common text dates, scanned by hand so that a column of them allocates nothing.
 * Returns null when the text does not start like this form, so the other forms are tried.
 */
function scanYearFirstDate(s: string): DaySerial | undefined | null {
  const separator = s.charCodeAt(4);
  if (separator !== 45 && separator !== 47 && separator !== 46) return null; // - / .
  let year = 0;
  for (let i = 0; i < 4; i++) {
    const digit = digitAt(s, i);
    if (digit < 0) return null;
    year = year * 10 + digit;
  }
  let i = 5;
  let month = digitAt(s, i++);
  if (month < 0) return null;
  let digit = digitAt(s, i);
  if (digit >= 0) {
    month = month * 10 + digit;
    i++;
  }
  if (s.charCodeAt(i++) !== separator) return null;
  let day = digitAt(s, i++);
  if (day < 0) return null;
  digit = digitAt(s, i);
  if (digit >= 0) {
    day = day * 10 + digit;
    i++;
  }
  if (i < s.length && !isTimeTail(s, i)) return undefined;
  return isValidYmd(year, month, day) ? serialFromYmd(year, month, day) : undefined;
}

/** A number of `min`..`max` digits at `index` that is at most `limit`; its end, or -1. */
function scanNumber(s: string, index: number, min: number, max: number, limit: number): number {
  let value = 0;
  let end = index;
  while (end - index < max) {
    const digit = digitAt(s, end);
    if (digit < 0) break;
    value = value * 10 + digit;
    end++;
  }
  return end - index >= min && value <= limit ? end : -1;
}

/**
 * Whether `s` from `index` to its end is a valid time after a date, the same grammar as
 * {@link TIME}: `T` or spaces, `h:mm`, optional `:ss` and fraction, optional `Z` or offset
 * `±hh`, `±hhmm`, `±hh:mm`. Scanned by hand for the same reason as the date.
 */
function isTimeTail(s: string, index: number): boolean {
  let i = index;
  const lead = s.charCodeAt(i);
  if (lead === 84 || lead === 116) {
    i++; // T or t
  } else {
    while (isSpace(s.charCodeAt(i))) i++;
  }
  if (i === index) return false;
  i = scanNumber(s, i, 1, 2, 23);
  if (i < 0 || s.charCodeAt(i++) !== 58) return false; // :
  i = scanNumber(s, i, 2, 2, 59);
  if (i < 0) return false;
  if (s.charCodeAt(i) === 58) {
    i = scanNumber(s, i + 1, 2, 2, 59);
    if (i < 0) return false;
    const mark = s.charCodeAt(i);
    if (mark === 46 || mark === 44) {
      // . or , then the fraction
      i = scanNumber(s, i + 1, 1, Infinity, Infinity);
      if (i < 0) return false;
    }
  }
  while (isSpace(s.charCodeAt(i))) i++;
  const zone = s.charCodeAt(i);
  if (zone === 90 || zone === 122) return i + 1 === s.length; // Z z
  if (zone === 43 || zone === 45) {
    // + or -, then hh, optionally [:]mm
    i = scanNumber(s, i + 1, 2, 2, 23);
    if (i < 0) return false;
    if (i === s.length) return true;
    i = scanNumber(s, s.charCodeAt(i) === 58 ? i + 1 : i, 2, 2, 59);
  }
  return i === s.length;
}

/** Whitespace as `\s` sees it in the date forms (ASCII; text is NFKC-normalised first). */
function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

/** Upper limits of hours, minutes, seconds, offset hours and offset minutes. */
const TIME_LIMITS = [23, 59, 59, 23, 59] as const;

/** Whether the time groups of a match, from group `first` on, are within {@link TIME_LIMITS}. */
function timeIsValid(match: RegExpExecArray, first: number): boolean {
  for (let k = 0; k < TIME_LIMITS.length; k++) {
    const part = match[first + k];
    if (part !== undefined && Number(part) > (TIME_LIMITS[k] ?? Infinity)) return false;
  }
  return true;
}
