/**
 * Purchase histories: every customer's distinct purchase days in order, with each day's total.
 * The shared first step of every transaction metric (SPEC §2 "purchases are distinct purchase
 * days per customer: same-day rows merge; amounts sum").
 */

/** Transaction rows as the input layer delivers them (one entry per kept row). */
export interface TransactionRows {
  /** customer of each row, 0 … customerIds.length − 1 */
  readonly customerIndex: Int32Array;
  /** distinct customer ids, indexed by customerIndex */
  readonly customerIds: readonly string[];
  /** purchase day of each row, as a day serial (Excel serial date) */
  readonly days: Int32Array;
  /** amount of each row, when the metric needs amounts */
  readonly amounts?: Float64Array | undefined;
}

/**
 * Compressed purchase histories: customer c's purchase days are
 * `days[start[c]] … days[start[c + 1] − 1]`, strictly increasing, and `totals` holds each
 * day's summed amount (zeros when there were no amounts).
 */
export interface PurchaseHistories {
  readonly customerIds: readonly string[];
  readonly start: Int32Array;
  readonly days: Int32Array;
  readonly totals: Float64Array;
  /** first and last purchase day over all customers */
  readonly firstDay: number;
  readonly lastDay: number;
}

/**
 * Groups rows by customer, sorts each customer's days and merges rows of the same day.
 *
 * A counting sort by customer (O(n)) followed by a sort of each customer's own few days
 * (insertion sort, typically already in order) keeps 1,000,000 rows to tens of milliseconds.
 * Cost O(n + Σ k_c²) worst case, O(n) when rows arrive in date order.
 *
 * @example buildHistories({ customerIndex: Int32Array.of(0, 0, 1), customerIds: ["a", "b"], days: Int32Array.of(5, 5, 3), amounts: Float64Array.of(1, 2, 4) })
 *   //=> start [0, 1, 2], days [5, 3], totals [3, 4]
 */
export function buildHistories(rows: TransactionRows): PurchaseHistories {
  const { customerIndex, customerIds, days, amounts } = rows;
  const n = days.length;
  const customers = customerIds.length;
  const counts = new Int32Array(customers + 1);
  for (let i = 0; i < n; i++) counts[customerIndex[i]! + 1]!++;
  for (let c = 0; c < customers; c++) counts[c + 1]! += counts[c]!;
  const cursor = counts.slice(0, customers);
  const rowDays = new Int32Array(n);
  const rowAmounts = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = customerIndex[i]!;
    const at = cursor[c]!++;
    rowDays[at] = days[i]!;
    rowAmounts[at] = amounts ? amounts[i]! : 0;
  }

  const start = new Int32Array(customers + 1);
  const outDays = new Int32Array(n);
  const outTotals = new Float64Array(n);
  let out = 0;
  let firstDay = Number.POSITIVE_INFINITY;
  let lastDay = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < customers; c++) {
    const from = counts[c]!;
    const to = counts[c + 1]!;
    sortSegment(rowDays, rowAmounts, from, to);
    start[c] = out;
    for (let i = from; i < to; i++) {
      const day = rowDays[i]!;
      if (out > start[c]! && outDays[out - 1] === day) {
        outTotals[out - 1]! += rowAmounts[i]!;
      } else {
        outDays[out] = day;
        outTotals[out] = rowAmounts[i]!;
        out++;
      }
    }
    if (to > from) {
      if (rowDays[from]! < firstDay) firstDay = rowDays[from]!;
      if (rowDays[to - 1]! > lastDay) lastDay = rowDays[to - 1]!;
    }
  }
  start[customers] = out;
  return {
    customerIds,
    start,
    days: outDays.slice(0, out),
    totals: outTotals.slice(0, out),
    firstDay,
    lastDay,
  };
}

/** Sorts days[from, to) ascending, carrying amounts along: insertion sort for short or nearly sorted runs. */
function sortSegment(days: Int32Array, amounts: Float64Array, from: number, to: number): void {
  if (to - from > 64) {
    let sorted = true;
    for (let i = from + 1; i < to && sorted; i++) sorted = days[i - 1]! <= days[i]!;
    if (sorted) return;
    const order = Array.from({ length: to - from }, (_, k) => from + k).sort(
      (x, y) => days[x]! - days[y]! || x - y
    );
    const d = order.map((i) => days[i]!);
    const a = order.map((i) => amounts[i]!);
    for (let k = 0; k < d.length; k++) {
      days[from + k] = d[k]!;
      amounts[from + k] = a[k]!;
    }
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const day = days[i]!;
    const amount = amounts[i]!;
    let j = i - 1;
    while (j >= from && days[j]! > day) {
      days[j + 1] = days[j]!;
      amounts[j + 1] = amounts[j]!;
      j--;
    }
    days[j + 1] = day;
    amounts[j + 1] = amount;
  }
}

/**
 * Index of customer c's last purchase on or before `day`, or −1 when there is none.
 * Binary search over the customer's own days; cost O(log k).
 */
export function lastPurchaseAtOrBefore(
  histories: PurchaseHistories,
  c: number,
  day: number
): number {
  let lo = histories.start[c]!;
  let hi = histories.start[c + 1]! - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (histories.days[mid]! <= day) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}
