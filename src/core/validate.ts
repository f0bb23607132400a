/**
 * Domain checks shared by the metrics: a count is a whole number ≥ 0, a fraction lies in
 * [0, 1], a denominator is not zero. Each check throws a {@link CrmError} naming the argument,
 * so a metric states its preconditions in one line each and never computes on a bad base.
 */
import { CrmError } from "./errors";
import { Messages } from "./messages";
import { LAST_EXCEL_DAY } from "./dates";

/** A whole number ≥ 0 (customers, purchases, responses). */
export function requireCount(value: number, argument: string): number {
  if (!Number.isFinite(value))
    throw new CrmError("num", Messages.notAFiniteNumber(argument), argument);
  if (value < 0) throw new CrmError("num", Messages.negative(argument, value), argument);
  if (!Number.isInteger(value))
    throw new CrmError("num", Messages.notWhole(argument, value), argument);
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
