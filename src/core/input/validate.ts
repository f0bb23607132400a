/**
 * Domain checks shared by the metrics: a count is a whole number ≥ 0, a fraction lies in
 * [0, 1], a denominator is not zero. Each check throws a {@link CrmError} naming the argument,
 * so a metric states its preconditions in one line each and never computes on a bad base.
 */
import { CrmError } from "../errors";
import { Messages } from "../messages";
import { LAST_EXCEL_DAY } from "./dates";

/**
 * Excel's grid: a spilled result has at most this many rows (header included) and columns
 * (SPEC §2 "Bounds"). Every function that spills checks its size against these with
 * {@link requireSpillFits} before it builds the table.
 */
export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_COLUMNS = 16_384;

/**
 * The largest count a metric accepts: 2^53 − 1, the last whole number a double holds exactly.
 * Above it, counts no longer add and subtract exactly, and sums of them can overflow.
 */
export const MAX_COUNT = Number.MAX_SAFE_INTEGER;

/** A whole number from 0 to {@link MAX_COUNT} (customers, purchases, responses). */
export function requireCount(value: number, argument: string): number {
  if (!Number.isFinite(value))
    throw new CrmError("num", Messages.notAFiniteNumber(argument), argument);
  if (value < 0) throw new CrmError("num", Messages.negative(argument, value), argument);
  if (!Number.isInteger(value))
    throw new CrmError("num", Messages.notWhole(argument, value), argument);
  if (value > MAX_COUNT)
    throw new CrmError("num", Messages.countTooLarge(argument, value, MAX_COUNT), argument);
  return value;
}

/** A count that is a denominator: > 0, and `#DIV/0!` when it is 0. */
export function requirePositiveCount(value: number, argument: string): number {
  requireCount(value, argument);
  if (value === 0) throw new CrmError("div0", Messages.zeroBase(argument), argument);
  return value;
}

/** A finite number ≥ 0 (an amount, a number of periods). */
export function requireNonNegative(value: number, argument: string): number {
  if (!Number.isFinite(value))
    throw new CrmError("num", Messages.notAFiniteNumber(argument), argument);
  if (value < 0) throw new CrmError("num", Messages.negative(argument, value), argument);
  return value;
}

/** Any finite number. */
export function requireFinite(value: number, argument: string): number {
  if (!Number.isFinite(value))
    throw new CrmError("num", Messages.notAFiniteNumber(argument), argument);
  return value;
}

/**
 * A fraction in [0, 1] (a margin, a retention or discount rate). Rates are fractions everywhere
 * in this product, so 30 where 0.3 was meant is refused rather than read as 3,000 %.
 */
export function requireFraction(value: number, argument: string): number {
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new CrmError("num", Messages.notFraction(argument, value), argument);
  }
  return value;
}

/** `part` ≤ `whole`, for a subset counted against its set (lost ≤ customers at start). */
export function requireAtMost(
  part: number,
  partArgument: string,
  whole: number,
  wholeArgument: string
): void {
  if (part > whole) {
    throw new CrmError(
      "num",
      Messages.exceeds(partArgument, part, wholeArgument, whole),
      partArgument
    );
  }
}

/**
 * An as-of date as a whole day serial from 1 to 9999-12-31 (a fraction of a day is dropped),
 * so recency and windows stay exact integers.
 */
export function requireAsOfDay(asOf: number, argument = "as_of"): number {
  const day = Math.floor(requireFinite(asOf, argument));
  if (day < 1 || day > LAST_EXCEL_DAY) {
    throw new CrmError("num", Messages.asOfOutOfRange(argument, asOf, LAST_EXCEL_DAY), argument);
  }
  return day;
}

/**
 * Refuses a spill larger than Excel's grid (SPEC §2 "Bounds"), before the table is built:
 * `rows` and `columns` are the result's size, header included. `argument` names what sizes the
 * result (`max_offset`, `as_of`, `customer_ids`).
 *
 * @throws CrmError `num` when rows > {@link EXCEL_MAX_ROWS} or columns > {@link EXCEL_MAX_COLUMNS}
 * @example requireSpillFits(13, 20_000, "max_offset") // throws: 20,000 columns do not fit
 */
export function requireSpillFits(rows: number, columns: number, argument: string): void {
  if (!(rows <= EXCEL_MAX_ROWS && columns <= EXCEL_MAX_COLUMNS)) {
    throw new CrmError(
      "num",
      Messages.spillTooLarge(argument, rows, columns, EXCEL_MAX_ROWS, EXCEL_MAX_COLUMNS),
      argument
    );
  }
}

/**
 * A computed result that must be a finite number: an overflow (beyond ±1.8E+308) is refused,
 * naming the argument that drove it, instead of reaching a cell as ±Infinity or NaN.
 *
 * @throws CrmError `num` when `value` is NaN or ±Infinity
 */
export function requireFiniteResult(value: number, argument: string): number {
  if (!Number.isFinite(value)) throw new CrmError("num", Messages.overflow(argument), argument);
  return value;
}

/**
 * Transaction amounts whose every sum stays finite, also in cents: the sum of their absolute
 * values times 100 must be a finite number. Then no revenue, window total or share computed
 * from them overflows (SPEC §2 "Bounds"). Cost O(n).
 *
 * @throws CrmError `num` naming `argument` when the amounts add up beyond the range of numbers
 */
export function requireSummableAmounts(amounts: ArrayLike<number>, argument = "amounts"): void {
  let total = 0;
  for (let i = 0; i < amounts.length; i++) total += Math.abs(amounts[i]!);
  if (!Number.isFinite(total * 100))
    throw new CrmError("num", Messages.amountsOverflow(argument), argument);
}
