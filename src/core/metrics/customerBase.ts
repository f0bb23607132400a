/**
 * The customer-base engine: for an activity rule and a list of periods, accounts for every
 * customer as at start (S), new (N), reactivated, lost (from the start, or lapsed within the
 * period) and at end (E), so that S + N + reactivated − lost = E in every period of any length.
 * Definitions: SPEC §2 "From transactions".
 */
import { CrmError } from "../errors";
import { lastPurchaseAtOrBefore, type PurchaseHistories } from "../input/history";
import { serialFromYmd, ymdFromSerial, isoFromSerial } from "../input/dates";

/** Calendar period lengths the trend and cohort functions offer. */
export type PeriodKind = "month" | "quarter" | "year";

/** Words a user may type for each period kind, in English and Chinese (lower-cased, trimmed). */
const PERIOD_WORDS: Readonly<Record<string, PeriodKind>> = {
  month: "month",
  m: "month",
  monthly: "month",
  月: "month",
  月度: "month",
  每月: "month",
  quarter: "quarter",
  q: "quarter",
  quarterly: "quarter",
  季: "quarter",
  季度: "quarter",
  每季: "quarter",
  year: "year",
  y: "year",
  yearly: "year",
  annual: "year",
  年: "year",
  年度: "year",
  每年: "year",
};

/**
 * The period kind a user's word names (`"Quarter"`, `" 季度 "`, `"y"`), or undefined. One table
 * for the worksheet functions and the command line.
 *
 * @example periodKindOf("季度") //=> "quarter"
 */
export function periodKindOf(text: string): PeriodKind | undefined {
  return PERIOD_WORDS[text.trim().toLowerCase()];
}

/** A period of whole days, both ends included. */
export interface Period {
  readonly first: number;
  readonly last: number;
  /** `2024-03`, `2024-Q1` or `2024`; for a custom range `2024-03-01..2024-03-31` */
  readonly label: string;
}

export interface ActivityRule {
  /**
   * A customer is active on day d if they bought on some day p with d − inactiveDays < p ≤ d.
   * Default 90.
   */
  readonly inactiveDays: number;
}

export const DEFAULT_INACTIVE_DAYS = 90;

/** One period's accounting. `atStart + new + reactivated − lost = atEnd` always holds. */
export interface PeriodAccount {
  readonly period: Period;
  /** S: active on the day before the period's first day */
  readonly atStart: number;
  /** N: first purchase ever within the period */
  readonly new: number;
  /**
   * N_E: the new customers still active on the period's last day (new and in E). Equals N in a
   * period no longer than inactiveDays; the CRR numerator is E − N_E (SPEC §2 "CRR").
   */
  readonly newAtEnd: number;
  /** not new, not in S, and buying within the period */
  readonly reactivated: number;
  /** in S and not active on the period's last day */
  readonly lostFromStart: number;
  /** new or reactivated, then inactive again by the period's last day */
  readonly lapsed: number;
  /** lostFromStart + lapsed */
  readonly lost: number;
  /** E: active on the period's last day */
  readonly atEnd: number;
}

/** Checks the activity rule: a whole number of days ≥ 1. */
export function checkActivityRule(rule: ActivityRule, argument = "inactive_days"): void {
  const days = rule.inactiveDays;
  if (!Number.isInteger(days) || days < 1) {
    throw new CrmError(
      "num",
      `${argument} must be a whole number of days of at least 1 (got ${days}).`,
      argument
    );
  }
}

/** The first day of the calendar period of `kind` that contains `day`. */
export function periodStart(day: number, kind: PeriodKind): number {
  const { year, month } = ymdFromSerial(day);
  if (kind === "year") return serialFromYmd(year, 1, 1);
  if (kind === "quarter") return serialFromYmd(year, month - ((month - 1) % 3), 1);
  return serialFromYmd(year, month, 1);
}

/** The calendar period of `kind` that begins on `first` (a period start). */
export function periodAt(first: number, kind: PeriodKind): Period {
  const { year, month } = ymdFromSerial(first);
  const months = kind === "year" ? 12 : kind === "quarter" ? 3 : 1;
  const nextMonth = month - 1 + months;
  const last = serialFromYmd(year + Math.floor(nextMonth / 12), (nextMonth % 12) + 1, 1) - 1;
  const label =
    kind === "year"
      ? `${year}`
      : kind === "quarter"
        ? `${year}-Q${(month - 1) / 3 + 1}`
        : `${year}-${String(month).padStart(2, "0")}`;
  return { first, last, label };
}

/**
 * The calendar periods of `kind` from the one containing `from` to the one containing `to`.
 * Cost O(number of periods).
 *
 * @example calendarPeriods(45352, 45400, "month").map(p => p.label) //=> ["2024-03", "2024-04"]
 */
export function calendarPeriods(from: number, to: number, kind: PeriodKind): Period[] {
  const periods: Period[] = [];
  for (let first = periodStart(from, kind); first <= to;) {
    const period = periodAt(first, kind);
    periods.push(period);
    first = period.last + 1;
  }
  return periods;
}

/** A custom period [first, last] given as day serials. */
export function customPeriod(first: number, last: number): Period {
  if (last < first) {
    throw new CrmError(
      "num",
      `period_end (${isoFromSerial(last)}) is before period_start (${isoFromSerial(first)}).`,
      "period_end"
    );
  }
  return { first, last, label: `${isoFromSerial(first)}..${isoFromSerial(last)}` };
}

/** Bit flags of {@link classifyCustomer}. */
export const IN_START = 1;
export const IS_NEW = 2;
export const IS_REACTIVATED = 4;
export const IN_END = 8;
/** The customer had made no purchase by the period's last day: not part of its base at all. */
export const NOT_YET = 0;

/**
 * Where customer `c` stands in `period` under the activity rule: a combination of IN_START (S),
 * IS_NEW (N), IS_REACTIVATED and IN_END (E); lost = (S, N or reactivated) without IN_END.
 * The single definition every transaction metric uses. Cost O(log k).
 */
export function classifyCustomer(
  histories: PurchaseHistories,
  c: number,
  period: Period,
  inactiveDays: number
): number {
  const { start, days } = histories;
  if (start[c + 1]! === start[c]!) return NOT_YET;
  const firstPurchase = days[start[c]!]!;
  const { first, last } = period;
  if (firstPurchase > last) return NOT_YET;
  const before = lastPurchaseAtOrBefore(histories, c, first - 1);
  const inS = before >= 0 && days[before]! > first - 1 - inactiveDays;
  const atLast = lastPurchaseAtOrBefore(histories, c, last);
  const inE = atLast >= 0 && days[atLast]! > last - inactiveDays;
  const isNew = firstPurchase >= first;
  const boughtInPeriod = atLast >= 0 && days[atLast]! >= first;
  const isReactivated = !isNew && !inS && boughtInPeriod;
  return (
    (inS ? IN_START : 0) |
    (isNew ? IS_NEW : 0) |
    (isReactivated ? IS_REACTIVATED : 0) |
    (inE ? IN_END : 0)
  );
}

/**
 * Accounts for every customer in every period (SPEC §2): S, N, reactivated, lost from the
 * start, lapsed, E. A customer whose first purchase is after a period does not exist yet for it.
 *
 * Cost O(C × P × log k) for C customers, P periods and k purchase days per customer; for periods
 * in calendar order, P counts only the periods from each customer's first to last purchase.
 */
export function accountPeriods(
  histories: PurchaseHistories,
  periods: readonly Period[],
  rule: ActivityRule
): PeriodAccount[] {
  checkActivityRule(rule);
  const inactive = rule.inactiveDays;
  const P = periods.length;
  const atStart = new Float64Array(P);
  const added = new Float64Array(P);
  const reactivated = new Float64Array(P);
  const lostFromStart = new Float64Array(P);
  const lapsed = new Float64Array(P);
  const atEnd = new Float64Array(P);
  const newAtEnd = new Float64Array(P);
  const customers = histories.customerIds.length;
  // Periods in calendar order (the trend's) let each customer skip the periods before their
  // first purchase and settle those after their last in O(log P), so a far as_of or a long
  // inactive_days costs no C × P work (SPEC §2 "Bounds"); any other list is walked in full.
  const ordered = periods.every((period, p) => p === 0 || period.first > periods[p - 1]!.last);
  const firstAtOrAfter = (day: number, field: "first" | "last"): number => {
    let low = 0;
    let high = P;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (periods[mid]![field] < day) low = mid + 1;
      else high = mid;
    }
    return low;
  };
  const steady = new Float64Array(P + 1); // difference array: in S and in E, no purchase
  for (let c = 0; c < customers; c++) {
    const from = histories.start[c]!;
    const to = histories.start[c + 1]!;
    const lastDay = to > from ? histories.days[to - 1]! : 0;
    const begin = ordered && to > from ? firstAtOrAfter(histories.days[from]!, "last") : 0;
    const end = ordered && to > from ? firstAtOrAfter(lastDay + 1, "first") : P;
    if (end < P) {
      // After the last purchase L: in S while first ≤ L + inactive, in E while last < L + inactive.
      const lapseDay = lastDay + inactive;
      const run = Math.max(end, firstAtOrAfter(lapseDay, "last"));
      steady[end]!++;
      steady[run]!--;
      if (run < P && periods[run]!.first <= lapseDay) {
        atStart[run]!++;
        lostFromStart[run]!++;
      }
    }
    for (let p = begin; p < end; p++) {
      const flags = classifyCustomer(histories, c, periods[p]!, inactive);
      if (flags === NOT_YET) continue;
      if (flags & IN_START) atStart[p]!++;
      if (flags & IS_NEW) added[p]!++;
      if (flags & IS_REACTIVATED) reactivated[p]!++;
      if (flags & IN_END) {
        atEnd[p]!++;
        if (flags & IS_NEW) newAtEnd[p]!++;
      } else if (flags & IN_START) lostFromStart[p]!++;
      else if (flags & (IS_NEW | IS_REACTIVATED)) lapsed[p]!++;
    }
  }
  for (let p = 0, inBoth = 0; p < P; p++) {
    inBoth += steady[p]!;
    atStart[p]! += inBoth;
    atEnd[p]! += inBoth;
  }
  return periods.map((period, p) => ({
    period,
    atStart: atStart[p]!,
    new: added[p]!,
    newAtEnd: newAtEnd[p]!,
    reactivated: reactivated[p]!,
    lostFromStart: lostFromStart[p]!,
    lapsed: lapsed[p]!,
    lost: lostFromStart[p]! + lapsed[p]!,
    atEnd: atEnd[p]!,
  }));
}

/** The accounting of one period. */
export function accountPeriod(
  histories: PurchaseHistories,
  period: Period,
  rule: ActivityRule
): PeriodAccount {
  return accountPeriods(histories, [period], rule)[0]!;
}
