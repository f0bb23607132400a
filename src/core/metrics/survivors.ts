/**
 * Survivor counts of subscription cohorts (SPEC §2 "Contractual retention (subscriptions)"): from
 * a table of subscriptions (customer, start date, end date; no end date = still under contract),
 * the customers who started in each calendar period (a cohort) and how many of them were still
 * under contract after 0, 1, 2, … periods: the n₀ ≥ n₁ ≥ … that the shifted-beta-geometric model
 * (models/shiftedBetaGeometric.ts) is fitted to, in the layout of the COHORTS table.
 *
 * Unlike the purchase cohorts of cohorts.ts (the share of a cohort *buying* in each period,
 * which can rise again), a survivor count never rises: a customer leaves once, when their
 * contract ends. Right-censoring: a period that has not fully elapsed at the as-of date has no
 * count (`null`, never 0), so a young cohort does not look as if everyone had left.
 */
import { CrmError } from "../errors";
import { isoFromSerial, ymdFromSerial } from "../input/dates";
import { requireSpillFits } from "../input/validate";
import { calendarPeriods, type Period, type PeriodKind } from "./customerBase";

/** One subscription per row; rows are numbered within the user's range. */
export interface Subscriptions {
  /** each row's customer (a canonical id: the key ids are matched by) */
  readonly customerIds: readonly string[];
  /** each row's first day under contract (day serial) */
  readonly starts: ArrayLike<number>;
  /** each row's end (day serial): the day the contract ended; undefined while still under contract */
  readonly ends: readonly (number | undefined)[];
  /** each row's 1-based row in the user's ranges (default: its index + 1) */
  readonly rows?: ArrayLike<number>;
}

/** Argument names for messages. */
export interface SubscriptionArgumentNames {
  readonly customerIds: string;
  readonly starts: string;
  readonly ends: string;
  readonly asOf: string;
}

export const DEFAULT_SUBSCRIPTION_NAMES: SubscriptionArgumentNames = {
  customerIds: "customer_ids",
  starts: "start_dates",
  ends: "end_dates",
  asOf: "as_of",
};

export interface SurvivorOptions {
  /** the calendar period that defines cohorts and counts survival (default month) */
  readonly period?: PeriodKind;
  /** the as-of date (day serial, inclusive): later starts are ignored, later periods are not yet known */
  readonly asOf: number;
  readonly names?: SubscriptionArgumentNames;
}

export interface SurvivorRow {
  /** the calendar period the cohort's customers started in */
  readonly cohort: Period;
  /** customers who started in it (on or before as_of) */
  readonly size: number;
  /**
   * survivors after 0 … maxOffset periods: offset 0 is the cohort's size, offset k the customers
   * still under contract at the end of period cohort + k; `null` where that period has not fully
   * elapsed at as_of (offset 0 too, while the cohort is still forming)
   */
  readonly survivors: readonly (number | null)[];
}

export interface SurvivorTable {
  readonly rows: readonly SurvivorRow[];
  /** the last offset, the same for every row: periods from the first cohort to as_of, less 1 */
  readonly maxOffset: number;
}

/** A monotone index of the calendar period containing `day`. */
function periodIndex(day: number, kind: PeriodKind): number {
  const { year, month } = ymdFromSerial(day);
  if (kind === "year") return year;
  if (kind === "quarter") return year * 4 + Math.floor((month - 1) / 3);
  return year * 12 + (month - 1);
}

/**
 * Checks the subscriptions: same lengths, every end on or after its start, and no customer with
 * two subscriptions that overlap (a customer who came back has a second row starting on or
 * after the first one's end). Cost O(n log n).
 *
 * @throws CrmError `value` naming the argument and row
 */
function checkSubscriptions(subscriptions: Subscriptions, names: SubscriptionArgumentNames): void {
  const { customerIds, starts, ends } = subscriptions;
  const n = customerIds.length;
  const rowOf = (i: number) => subscriptions.rows?.[i] ?? i + 1;
  if (starts.length !== n || ends.length !== n) {
    const [argument, length] =
      starts.length !== n ? [names.starts, starts.length] : [names.ends, ends.length];
    throw new CrmError(
      "value",
      `${argument} has ${length} rows but ${names.customerIds} has ${n}; they must be the same length.`,
      argument
    );
  }
  for (let i = 0; i < n; i++) {
    const end = ends[i];
    if (end !== undefined && end < starts[i]!) {
      throw new CrmError(
        "value",
        `${names.ends}, row ${rowOf(i)}: the subscription ends (${isoFromSerial(end)}) before it starts (${isoFromSerial(starts[i]!)}).`,
        names.ends,
        rowOf(i)
      );
    }
  }
  // the rows of each customer with more than one (most have one: no list is made for them)
  const firstRow = new Map<string, number>();
  const repeated = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const id = customerIds[i]!;
    const first = firstRow.get(id);
    if (first === undefined) {
      firstRow.set(id, i);
      continue;
    }
    const list = repeated.get(id);
    if (list === undefined) repeated.set(id, [first, i]);
    else list.push(i);
  }
  for (const [id, list] of repeated) {
    list.sort((a, b) => starts[a]! - starts[b]! || a - b);
    for (let j = 1; j < list.length; j++) {
      const previous = list[j - 1]!;
      const current = list[j]!;
      const previousEnd = ends[previous];
      if (previousEnd === undefined || previousEnd > starts[current]!) {
        const [first, second] = [rowOf(previous), rowOf(current)].sort((a, b) => a - b) as [
          number,
          number,
        ];
        throw new CrmError(
          "value",
          `${names.customerIds}, row ${second}: customer ${id} has two subscriptions that overlap (rows ${first} and ${second}). Each row is one subscription from its start to its end; a customer who came back needs a new row starting on or after the earlier one's end.`,
          names.customerIds,
          second
        );
      }
    }
  }
}

/**
 * Survivor counts per start cohort: customers grouped by the calendar period they started in;
 * at offset 0 the cohort's size, at offset k ≥ 1 the number whose subscription had not ended by
 * the last day of period cohort + k (end date blank, or after that day). A subscription ending
 * on the last day of a period counts as gone by that period's end. Each row is one
 * subscription; a customer who came back (a later row of theirs) is counted again in the
 * cohort of the new start. Offsets whose period ends after as_of are `null` (right-censored,
 * never 0); subscriptions starting after as_of are left out; an end after as_of is not yet
 * known and counts as still under contract.
 *
 * Offset k is "after k renewals" when the contract period is the calendar period: a customer
 * who starts in March on monthly terms renews in April, May, …, and is under contract at the
 * end of month March + k exactly when they have renewed k times.
 *
 * Cost O(n log n) for the checks, O(n) for the counts, plus O(cohorts × offsets) for the table.
 *
 * @throws CrmError `value` for an end before its start or two overlapping subscriptions of one
 *   customer (naming the row); `na` when no subscription starts on or before as_of; `num` when
 *   the table would not fit Excel's grid
 * @example cohortSurvivors({ customerIds: ["A", "B", "C"], starts: [45352, 45360, 45383], ends: [45400, undefined, undefined] }, { period: "month", asOf: 45443 })
 *   //=> cohort 2024-03: size 2, survivors [2, 1, 1]; cohort 2024-04: size 1, survivors [1, 1, null]
 */
export function cohortSurvivors(
  subscriptions: Subscriptions,
  options: SurvivorOptions
): SurvivorTable {
  const names = options.names ?? DEFAULT_SUBSCRIPTION_NAMES;
  const kind = options.period ?? "month";
  const { asOf } = options;
  checkSubscriptions(subscriptions, names);
  const { starts, ends } = subscriptions;
  const n = starts.length;
  let firstDay = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++)
    if (starts[i]! <= asOf && starts[i]! < firstDay) firstDay = starts[i]!;
  if (!Number.isFinite(firstDay)) {
    throw new CrmError(
      "na",
      `no subscription in ${names.starts} starts on or before ${names.asOf} (${isoFromSerial(asOf)}).`,
      names.asOf
    );
  }
  const base = periodIndex(firstDay, kind);
  const P = periodIndex(asOf, kind) - base + 1;
  // the spill: a header, at most one row per period, cohort, first day, size and P offsets
  requireSpillFits(Math.min(P, n) + 1, P + 3, names.asOf);
  const periods = calendarPeriods(firstDay, asOf, kind);
  const sizes = new Float64Array(P);
  const cohortOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (starts[i]! > asOf) {
      cohortOf[i] = -1;
      continue;
    }
    const cohort = periodIndex(starts[i]!, kind) - base;
    cohortOf[i] = cohort;
    sizes[cohort]!++;
  }
  const rowOf = new Int32Array(P).fill(-1);
  let cohorts = 0;
  for (let c = 0; c < P; c++) if (sizes[c]! > 0) rowOf[c] = cohorts++;
  // endedIn[row × P + j]: the cohort's customers whose subscription ended in period cohort + j
  // (a map: at most one entry per subscription, however many periods the table spans)
  const endedIn = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const cohort = cohortOf[i]!;
    const end = ends[i];
    if (cohort < 0 || end === undefined || end > asOf) continue;
    const key = rowOf[cohort]! * P + (periodIndex(end, kind) - base - cohort);
    endedIn.set(key, (endedIn.get(key) ?? 0) + 1);
  }
  const rows: SurvivorRow[] = [];
  for (let cohort = 0; cohort < P; cohort++) {
    const size = sizes[cohort]!;
    if (size === 0) continue;
    const survivors: (number | null)[] = new Array<number | null>(P);
    let ended = 0;
    for (let k = 0; k < P; k++) {
      const target = cohort + k;
      if (target >= P || periods[target]!.last > asOf) {
        survivors[k] = null;
        continue;
      }
      // ended by the end of period cohort + k; those ending in the cohort's own period are in
      // its size (offset 0) and gone from offset 1 on
      ended += endedIn.get(rowOf[cohort]! * P + k) ?? 0;
      survivors[k] = k === 0 ? size : size - ended;
    }
    rows.push({ cohort: periods[cohort]!, size, survivors });
  }
  return { rows, maxOffset: P - 1 };
}
