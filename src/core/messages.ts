/**
 * Wording of the core's messages, in one place (STYLE: "error messages are shared constants").
 * Each builder returns one or two short complete sentences that name the argument and, for a
 * cell in a range, its 1-based row (`dates, row 17`), so the text fits Excel's error tooltip.
 * The functions layer puts the function's name in front (`CRM.CHURNRATE: …`); the task pane's
 * data-quality report shows them as they are.
 *
 * One flat object of builder functions, in sections by the module that raises them; add a
 * section (metrics, …) below the last one.
 */
import { describeWhere, showValue, type Where } from "./errors";

/** `1 row`, `3 rows`. */
const rows = (count: number) => (count === 1 ? "1 row" : `${count} rows`);

/** `1 column`, `2 columns`. */
const columns = (count: number) => (count === 1 ? "1 column" : `${count} columns`);

/** How dates should be written, repeated wherever a date is refused. */
const DATE_HINT = "write dates as 2024-03-01";

/** Every message of the core, as builder functions. */
export const Messages = {
  // ── Input layer (src/core/input/input.ts): cells that cannot be read, ranges of the wrong shape ──

  /** A required value that is blank. `dates, row 4 is empty.` */
  empty: (where: Where) => `${describeWhere(where)} is empty.`,

  /** An Excel error value as input. `customers_at_start is #N/A.` */
  excelError: (where: Where, code: string) =>
    `${describeWhere(where)} is ${code}; fix that cell first.`,

  /** Text (or another value) that does not read as a number. */
  notANumber: (where: Where, value: unknown) =>
    `${describeWhere(where)} is ${showValue(value)}, which is not a number.`,

  /** `1.234` in a column that shows no decimal separator (numberConvention.ts): 1.234 or 1234. */
  ambiguousNumber: (where: Where, value: string, readings: readonly [number, number]) =>
    `${describeWhere(where)} is ${showValue(value)}, which reads as ${readings[0]} or ${readings[1]}: the column does not show whether its decimal separator is "." or ","; write ${readings[0]} or ${readings[1]} without a thousands separator.`,

  /** TRUE/FALSE where a number is expected (Excel's own SUM skips them; we refuse them). */
  booleanNotNumber: (where: Where, value: boolean) =>
    `${describeWhere(where)} is ${showValue(value)}; a number is expected.`,

  /** NaN, Infinity, or numeric text beyond the range of numbers (`1e999`). */
  notFinite: (where: Where, value: unknown) =>
    `${describeWhere(where)} is ${showValue(value)}, which is not a finite number.`,

  /** Text that is no date in any accepted form. */
  notADate: (where: Where, value: unknown) =>
    `${describeWhere(where)} is ${showValue(value)}, which is not a date; ${DATE_HINT}.`,

  /** `3/1/2024`, `01/03/2024`: day and month could be either way round. */
  ambiguousDate: (where: Where, value: unknown) =>
    `${describeWhere(where)} is ${showValue(value)}: day and month order is ambiguous; ${DATE_HINT}.`,

  /** TRUE/FALSE where a date is expected. */
  booleanNotDate: (where: Where, value: boolean) =>
    `${describeWhere(where)} is ${showValue(value)}, which is not a date; ${DATE_HINT}.`,

  /** Excel serial 60. */
  fictitiousLeapDay: (where: Where) =>
    `${describeWhere(where)} is 60, Excel's 1900-02-29, a day that never existed; use a real date.`,

  /** A number (or numeric text) below 1 or above 2958465 that is no yyyymmdd date either. */
  serialOutOfRange: (where: Where, value: number | string) =>
    `${describeWhere(where)} is ${showValue(value)}, which is not a date: Excel dates run from 1 (1900-01-01) to 2958465 (9999-12-31).`,

  /** An eight-digit number read as yyyymmdd that is no calendar date (20230229). */
  invalidCompactDate: (where: Where, value: number) =>
    `${describeWhere(where)} is ${showValue(value)}, read as yyyymmdd, but that day does not exist.`,

  /** A text date that is real but before 1900-01-01, the first date Excel can hold. */
  dateBeforeExcel: (where: Where, value: unknown) =>
    `${describeWhere(where)} is ${showValue(value)}, before 1900-01-01, the first date Excel can hold.`,

  /** TRUE/FALSE where a customer id is expected. */
  booleanNotId: (where: Where, value: boolean) =>
    `${describeWhere(where)} is ${showValue(value)}, which is not a customer id.`,

  /** NaN, Infinity or an unreadable value where a customer id is expected. */
  notAnId: (where: Where, value: unknown) =>
    `${describeWhere(where)} is ${showValue(value)}, which is not a customer id.`,

  /** A range given where one value is expected. */
  notASingleValue: (argument: string, rowCount: number, columnCount: number) =>
    `${argument} must be a single value, got ${rows(rowCount)} × ${columns(columnCount)}.`,

  /** Anything that is neither a number, text, a boolean, blank nor an Excel error. */
  unsupported: (where: Where, value: unknown) =>
    `${describeWhere(where)} holds ${showValue(value)}, which cannot be read.`,

  /** A 2-D range where a column is expected. */
  notOneColumn: (argument: string, rowCount: number, columnCount: number) =>
    `${argument} must be a single column or row, got ${rows(rowCount)} × ${columns(columnCount)}.`,

  /** Two columns of one table with different lengths. */
  lengthMismatch: (argument: string, length: number, other: string, otherLength: number) =>
    `${other} has ${rows(otherLength)} but ${argument} has ${length}; the ranges must be the same size.`,

  /** A column with no non-blank row. */
  noData: (argument: string) => `${argument} has no data.`,

  // ── Metrics (src/core/metrics/*.ts): values outside a metric's domain, bases of zero ──

  notAFiniteNumber: (argument: string) => `${argument} must be a finite number.`,
  negative: (argument: string, value: number) => `${argument} must not be negative (got ${value}).`,
  notWhole: (argument: string, value: number) =>
    `${argument} is a count and must be a whole number (got ${value}).`,
  zeroBase: (argument: string) => `${argument} is 0, so there is no base to divide by.`,
  notFraction: (argument: string, value: number) =>
    `${argument} must be a fraction from 0 to 1 (30% is 0.3), got ${value}.`,
  exceeds: (part: string, partValue: number, whole: string, wholeValue: number) =>
    `${part} (${partValue}) cannot exceed ${whole} (${wholeValue}).`,
  endBelowNew: (end: number, added: number) =>
    `customers_at_end (${end}) is smaller than new_customers (${added}): the counts are inconsistent.`,
  spendInconsistent: () =>
    "lost × average_purchase_lost exceeds customers × average_purchase_all: the lost customers cannot have spent more than all customers together.",
  unboundedRetentionValue: () =>
    "retention_rate 1 with discount_rate 0 gives an unbounded value: 1 + discount_rate - retention_rate must be above 0.",
  unknownVariant: (argument: string, value: number) =>
    `${argument} must be 0 (first payment excluded), 1 (first payment now) or 2 (first payment at period end), got ${value}.`,
  scoreOutOfScale: (where: string, value: number, low: number, high: number) =>
    `${where} is ${value}, outside the scale ${low} to ${high}.`,
  /** A fractional score on a scale of whole points (NPS's 0–10). `scores, row 3 is 8.5; …` */
  scoreNotWhole: (where: string, value: number, low: number, high: number) =>
    `${where} is ${value}; scores are whole numbers from ${low} to ${high}.`,
  thresholdOutOfScale: (value: number, low: number, high: number) =>
    `satisfied_from (${value}) must lie on the scale ${low} to ${high}.`,
  badScale: (low: number, high: number) => `scale_min (${low}) must be below scale_max (${high}).`,
  noResponses: (argument: string) =>
    `${argument} has no responses, so there is no base to divide by.`,
  countTooLarge: (argument: string, value: number, largest: number) =>
    `${argument} (${value}) is too large to count exactly; a count is at most ${largest}.`,
  overflow: (argument: string) =>
    `${argument} is so large that the result exceeds the largest number Excel can hold (about 1.8E+308).`,
  amountsOverflow: (argument: string) =>
    `${argument} add up to more than the largest number Excel can hold (about 1.8E+308 in cents).`,
  spillTooLarge: (
    argument: string,
    rowCount: number,
    columnCount: number,
    maxRows: number,
    maxColumns: number
  ) =>
    `${argument} asks for a result of ${rows(rowCount)} × ${columns(columnCount)}, beyond Excel's grid of ${maxRows} rows × ${maxColumns} columns.`,
  asOfOutOfRange: (argument: string, value: number, lastDay: number) =>
    `${argument} must be a date from 1900-01-01 to 9999-12-31 (day serial 1 to ${lastDay}), got ${value}.`,
} as const;
