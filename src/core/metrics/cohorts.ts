/**
 * Cohort retention: customers grouped by the period of their first purchase, and the share of
 * each cohort (or of its first-period revenue) still buying k periods later.
 */
import { CrmError } from "../errors";
import type { PurchaseHistories } from "../input/history";
import { calendarPeriods, type Period, type PeriodKind } from "./customerBase";
import { ymdFromSerial } from "../input/dates";
import { requireSpillFits } from "../input/validate";

export type CohortMeasure = "customers" | "revenue";

export interface CohortOptions {
  /** calendar period that defines cohorts and offsets (default month) */
  readonly period?: PeriodKind;
  /** customers: share of the cohort buying in period k; revenue: period k's revenue ÷ period 0's */
  readonly measure?: CohortMeasure;
  /** the as-of date (day serial, inclusive); later purchases are ignored */
  readonly asOf: number;
  /** the highest offset shown (default: as many as the data spans) */
  readonly maxOffset?: number;
}

export interface CohortRow {
  readonly cohort: Period;
  /** customers whose first purchase falls in the cohort's period */
  readonly size: number;
  /**
   * value at offset 0 … maxOffset; `null` where period cohort + k has not fully elapsed at
   * asOf (never 0: a young cohort must not look worse than it is), `NaN` where the revenue
   * measure has a first-period net revenue of 0 or less (see {@link CohortRow.firstPeriodRevenue})
   */
  readonly values: readonly (number | null)[];
  /**
   * Revenue measure only: the cohort's net revenue in its first period (returns deducted). A
   * ratio to a base ≤ 0 means nothing (with a base of −15, more revenue would make the ratio
   * more negative), so such a cohort's elapsed cells are all NaN: the function layer shows
   * #DIV/0! for a base of 0 and #NUM! for a negative base. Undefined for the customers measure.
   */
  readonly firstPeriodRevenue?: number;
}

export interface CohortTable {
  readonly periods: readonly Period[];
  readonly rows: readonly CohortRow[];
  readonly maxOffset: number;
}

/** Months since year 0 of a day, in steps of the period kind: a monotone period index. */
function periodIndex(day: number, kind: PeriodKind): number {
  const { year, month } = ymdFromSerial(day);
  if (kind === "year") return year;
  if (kind === "quarter") return year * 4 + Math.floor((month - 1) / 3);
  return year * 12 + (month - 1);
}

/**
 * {@link periodIndex} for many days: looked up in a table over [first, last] when that span is
 * no wider than about the days to look up (a year or two of daily data: one calendar
 * conversion per day of the span instead of one per purchase day), computed otherwise.
 */
function periodIndexer(
  first: number,
  last: number,
  kind: PeriodKind,
  lookups: number
): (day: number) => number {
  const span = last - first + 1;
  if (!(span > 0 && span <= lookups + 4096)) return (day) => periodIndex(day, kind);
  const table = new Int32Array(span);
  for (let k = 0; k < span; k++) table[k] = periodIndex(first + k, kind);
  return (day) => (day >= first && day <= last ? table[day - first]! : periodIndex(day, kind));
}

/**
 * Cohort retention matrix (SPEC §2 "cohort"): cohort = period of first purchase; retention at
 * offset k = share of the cohort buying in period cohort + k (by customers), or that period's
 * revenue over the cohort's first-period revenue (by revenue). Offsets whose period ends after
 * asOf are left empty (`null`). By revenue, a cohort whose first-period net revenue is 0 or
 * less has no revenue retention: its elapsed cells are NaN (see {@link CohortRow.firstPeriodRevenue}).
 *
 * Returns (SPEC §2 "Returns"): membership and the customers measure come from purchase days
 * only, so a day of nothing but returns neither puts a customer in a cohort nor counts them as
 * buying in a period, and a customer with only returns is in no cohort. The revenue measure is
 * net: a return-only day's amount is added to the period it falls in (a return before the
 * customer's first purchase has no period of the cohort and is left out; so are the returns of
 * customers with no purchase).
 *
 * Cost O(n) over the purchase days, plus O(cohorts × offsets) for the table.
 *
 * @example // two customers first buying in March 2024, one buying again in April; as of 2024-05-31
 * // → cohort 2024-03: size 2, values [1, 0.5, 0]
 */
export function cohortRetention(histories: PurchaseHistories, options: CohortOptions): CohortTable {
  const kind = options.period ?? "month";
  const measure = options.measure ?? "customers";
  const asOf = options.asOf;
  const { start, days, totals } = histories;
  const customers = histories.customerIds.length;

  let firstDay = Number.POSITIVE_INFINITY;
  for (let c = 0; c < customers; c++) {
    if (start[c + 1]! > start[c]! && days[start[c]!]! <= asOf)
      firstDay = Math.min(firstDay, days[start[c]!]!);
  }
  if (!Number.isFinite(firstDay)) {
    throw new CrmError("na", "there are no purchases on or before as_of.", "as_of");
  }
  const base = periodIndex(firstDay, kind);
  // P = the periods from the first purchase's to as_of's, counted before any is built.
  const P = periodIndex(asOf, kind) - base + 1;
  if (
    options.maxOffset !== undefined &&
    (!Number.isInteger(options.maxOffset) || options.maxOffset < 0)
  ) {
    throw new CrmError(
      "num",
      `max_offset must be a whole number ≥ 0 (got ${options.maxOffset}).`,
      "max_offset"
    );
  }
  // Offsets 0 … P − 1 exist within the data's span; a larger max_offset shows empty columns.
  const maxOffset = options.maxOffset ?? P - 1;
  // The spill (header, one row per cohort; cohort, first day, size, offsets 0 … maxOffset) must
  // fit Excel's grid (SPEC §2 "Bounds"): decided here, before the table is built.
  requireSpillFits(P + 1, maxOffset + 4, options.maxOffset === undefined ? "as_of" : "max_offset");
  const periods = calendarPeriods(firstDay, asOf, kind);
  const periodOf = periodIndexer(firstDay, asOf, kind, days.length);

  const sizes = new Float64Array(P);
  for (let c = 0; c < customers; c++) {
    if (start[c + 1]! > start[c]! && days[start[c]!]! <= asOf)
      sizes[periodOf(days[start[c]!]!) - base]!++;
  }
  // Counts only for cohorts with customers and offsets that are shown, so the memory is
  // cohorts × shown offsets, not periods², however far as_of lies.
  const width = Math.min(P, maxOffset + 1);
  const rowOf = new Int32Array(P);
  let cohortRows = 0;
  for (let cohort = 0; cohort < P; cohort++) if (sizes[cohort]! > 0) rowOf[cohort] = cohortRows++;
  // counts[rowOf[cohort] × width + offset]: customers (or revenue) of the cohort at that offset
  const counts = new Float64Array(cohortRows * width);
  for (let c = 0; c < customers; c++) {
    const from = start[c]!;
    const to = start[c + 1]!;
    if (to === from || days[from]! > asOf) continue;
    const cohort = periodOf(days[from]!) - base;
    let lastOffset = -1;
    for (let i = from; i < to && days[i]! <= asOf; i++) {
      const offset = periodOf(days[i]!) - base - cohort;
      if (offset >= width) break;
      if (measure === "revenue") {
        counts[rowOf[cohort]! * width + offset]! += totals[i]!;
      } else if (offset !== lastOffset) {
        counts[rowOf[cohort]! * width + offset]!++;
        lastOffset = offset;
      }
    }
    if (measure === "revenue") {
      // Returns net in the period they fall in (SPEC §2 "Returns"); one before the first
      // purchase has no period of this cohort and is left out.
      const { returnStart, returnDays, returnTotals } = histories;
      for (let i = returnStart[c]!; i < returnStart[c + 1]! && returnDays[i]! <= asOf; i++) {
        const offset = periodOf(returnDays[i]!) - base - cohort;
        if (offset >= 0 && offset < width)
          counts[rowOf[cohort]! * width + offset]! += returnTotals[i]!;
      }
    }
  }

  const rows: CohortRow[] = [];
  for (let cohort = 0; cohort < P; cohort++) {
    if (sizes[cohort] === 0) continue;
    const size = sizes[cohort]!;
    const firstPeriodRevenue = measure === "revenue" ? counts[rowOf[cohort]! * width]! : Number.NaN;
    const values: (number | null)[] = [];
    for (let k = 0; k <= maxOffset; k++) {
      const target = cohort + k;
      if (target >= P || periods[target]!.last > asOf) {
        values.push(null);
      } else if (measure === "revenue") {
        // A base ≤ 0 gives no revenue retention (see CohortRow.firstPeriodRevenue).
        values.push(
          firstPeriodRevenue > 0
            ? counts[rowOf[cohort]! * width + k]! / firstPeriodRevenue
            : Number.NaN
        );
      } else {
        values.push(counts[rowOf[cohort]! * width + k]! / size);
      }
    }
    rows.push(
      measure === "revenue"
        ? { cohort: periods[cohort]!, size, values, firstPeriodRevenue }
        : { cohort: periods[cohort]!, size, values }
    );
  }
  return { periods, rows, maxOffset };
}
