/**
 * Purchase histories: every customer's distinct purchase days in order, with each day's total.
 * The shared first step of every transaction metric (SPEC §2 "purchases are distinct purchase
 * days per customer: same-day rows merge; amounts sum").
 *
 * Returns (SPEC §2 "Returns") are decided here, once, for every metric: a row with a negative
 * amount is a return. A customer-day whose rows are all returns is not a purchase day (no visit,
 * no recency, no frequency, no cohort membership); its net amount is kept apart as a
 * *return-only day*, so that revenue figures still count it. A day with at least one row of
 * amount ≥ 0 is a purchase day worth the net of all its rows (+100 and −30 → 70); zero-amount
 * rows are purchases (free orders, the CDNOW convention). Without an amounts column every row
 * is a purchase (amounts are then 0).
 */

/** Transaction rows as the input layer delivers them (one entry per kept row). */
export interface TransactionRows {
  /** customer of each row, 0 … customerIds.length − 1 */
  readonly customerIndex: Int32Array;
  /** distinct customer ids, indexed by customerIndex */
  readonly customerIds: readonly string[];
  /** purchase day of each row, as a day serial (Excel serial date) */
  readonly days: Int32Array;
  /** amount of each row (negative: a return), when the metric needs amounts; without them every row is a purchase */
  readonly amounts?: Float64Array | undefined;
}

/**
 * Compressed purchase histories: customer c's purchase days are
 * `days[start[c]] … days[start[c + 1] − 1]`, strictly increasing, and `totals` holds each
 * day's net amount (zeros when there were no amounts). Customer c's return-only days (every
 * row a return; not purchase days) are `returnDays[returnStart[c]] … returnDays[returnStart[c + 1] − 1]`,
 * strictly increasing, with their (negative) net amounts in `returnTotals`. A customer with
 * only returns has no purchase day: every metric that counts customers leaves them out, and
 * every revenue total that covers their return days includes them.
 */
export interface PurchaseHistories {
  readonly customerIds: readonly string[];
  readonly start: Int32Array;
  readonly days: Int32Array;
  readonly totals: Float64Array;
  readonly returnStart: Int32Array;
  readonly returnDays: Int32Array;
  readonly returnTotals: Float64Array;
  /** first purchase day over all customers (return-only days excluded); +∞ without one */
  readonly firstDay: number;
  /**
   * last day of any row, return-only days included: the last date in the data, which the
   * functions take as the default as-of date so that a late return still counts; −∞ without rows
   */
  readonly lastDay: number;
}

/**
 * Groups rows by customer, sorts each customer's days and merges rows of the same day.
 *
 * A counting sort by day then by customer (two stable passes, O(n + span of days)) groups
 * the rows by customer with each customer's days in order; when the days span far more than
 * the rows, a counting sort by customer is followed by a sort of each customer's own few
 * days (insertion sort, typically already in order). Either keeps 1,000,000 rows to tens of
 * milliseconds. Cost O(n + days spanned), or O(n + Σ k_c²) worst case in the second form.
 *
 * Same-day rows merge into one day whose amount is their net; the day is a purchase day unless
 * every one of its rows is a return (negative amount), in which case it goes to the return-only
 * days (SPEC §2 "Returns").
 *
 * @example buildHistories({ customerIndex: Int32Array.of(0, 0, 1), customerIds: ["a", "b"], days: Int32Array.of(5, 5, 3), amounts: Float64Array.of(1, 2, 4) })
 *   //=> start [0, 1, 2], days [5, 3], totals [3, 4]; no return-only days
 * @example buildHistories({ customerIndex: Int32Array.of(0, 0, 0), customerIds: ["r"], days: Int32Array.of(2, 2, 9), amounts: Float64Array.of(100, -30, -70) })
 *   //=> days [2], totals [70]; returnDays [9], returnTotals [-70]
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
  const byDay = daySorted(days);
  // Without amounts every row is 0, a purchase; the day-sorted form then needs no amounts at
  // all (fewer large arrays: each one can cost a full garbage collection of Excel's ranges).
  const rowAmounts = amounts || byDay === undefined ? new Float64Array(n) : undefined;
  if (byDay === undefined) {
    for (let i = 0; i < n; i++) {
      const c = customerIndex[i]!;
      const at = cursor[c]!++;
      rowDays[at] = days[i]!;
      rowAmounts![at] = amounts ? amounts[i]! : 0;
    }
  } else {
    // Rows already in day order (stable): grouping them by customer keeps each customer's
    // days in order, so the segments need no sorting below.
    const { order, dayStart, firstDay: dayZero } = byDay;
    for (let d = 0, k = 0; d + 1 < dayStart.length; d++) {
      const day = dayZero + d;
      for (const end = dayStart[d + 1]!; k < end; k++) {
        const row = order[k]!;
        const at = cursor[customerIndex[row]!]!++;
        rowDays[at] = day;
        if (rowAmounts !== undefined) rowAmounts[at] = amounts![row]!;
      }
    }
  }

  const start = new Int32Array(customers + 1);
  // Merged days are written over the grouped rows: the write position never passes the read
  // position (out ≤ the first row of the day being merged), so no further arrays are needed.
  const outDays = rowDays;
  const outTotals = rowAmounts;
  const returnStart = new Int32Array(customers + 1);
  const returnDays: number[] = [];
  const returnTotals: number[] = [];
  let out = 0;
  let firstDay = Number.POSITIVE_INFINITY;
  let lastDay = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < customers; c++) {
    const from = counts[c]!;
    const to = counts[c + 1]!;
    if (byDay === undefined) sortSegment(rowDays, rowAmounts!, from, to);
    start[c] = out;
    returnStart[c] = returnDays.length;
    for (let i = from; i < to;) {
      const day = rowDays[i]!;
      let net = 0;
      let purchase = false;
      for (; i < to && rowDays[i] === day; i++) {
        const amount = rowAmounts === undefined ? 0 : rowAmounts[i]!;
        net += amount;
        // `!(amount < 0)`: without amounts every row is 0, a purchase
        if (!(amount < 0)) purchase = true;
      }
      if (day > lastDay) lastDay = day;
      if (purchase) {
        outDays[out] = day;
        if (outTotals !== undefined) outTotals[out] = net;
        out++;
        if (day < firstDay) firstDay = day;
      } else {
        returnDays.push(day);
        returnTotals.push(net);
      }
    }
  }
  start[customers] = out;
  returnStart[customers] = returnDays.length;
  return {
    customerIds,
    start,
    // views, not copies: no second large allocation
    days: outDays.subarray(0, out),
    totals: outTotals === undefined ? new Float64Array(out) : outTotals.subarray(0, out),
    returnStart,
    returnDays: Int32Array.from(returnDays),
    returnTotals: Float64Array.from(returnTotals),
    firstDay,
    lastDay,
  };
}

/**
 * Net amount of customer c's return-only days in [from, to] (both inclusive; 0 when none).
 * Added by revenue figures to the purchase days' totals (SPEC §2 "Returns"). Cost O(r_c).
 */
export function returnsBetween(
  histories: PurchaseHistories,
  c: number,
  from: number,
  to: number
): number {
  const { returnStart, returnDays, returnTotals } = histories;
  let net = 0;
  for (let i = returnStart[c]!; i < returnStart[c + 1]! && returnDays[i]! <= to; i++) {
    if (returnDays[i]! >= from) net += returnTotals[i]!;
  }
  return net;
}

/** Whether customer c has at least one purchase day (a customer with only returns has none). */
export function hasPurchase(histories: PurchaseHistories, c: number): boolean {
  return histories.start[c + 1]! > histories.start[c]!;
}

/**
 * Rows in day order (their indices: one 4-byte array rather than copies of the customer and
 * amount columns), and where each day's rows start.
 */
interface DaySortedRows {
  readonly order: Int32Array;
  /** rows of day firstDay + d are order[dayStart[d]] … order[dayStart[d + 1] − 1] */
  readonly dayStart: Int32Array;
  readonly firstDay: number;
}

/**
 * The rows stably sorted by day (a counting sort: O(n + span), streaming writes to one run per
 * day), or undefined when the days span more than about the row count (then each customer's
 * own days are sorted instead). Same-day rows keep their order, so same-day amounts add up in
 * row order either way.
 */
function daySorted(days: Int32Array): DaySortedRows | undefined {
  const n = days.length;
  if (n < 256) return undefined;
  let low = days[0]!;
  let high = low;
  for (let i = 1; i < n; i++) {
    const day = days[i]!;
    if (day < low) low = day;
    else if (day > high) high = day;
  }
  const span = high - low + 1;
  if (span > n + 65536) return undefined;
  const dayStart = new Int32Array(span + 1);
  for (let i = 0; i < n; i++) dayStart[days[i]! - low + 1]!++;
  for (let d = 0; d < span; d++) dayStart[d + 1]! += dayStart[d]!;
  const cursor = dayStart.slice(0, span);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[cursor[days[i]! - low]!++] = i;
  return { order, dayStart, firstDay: low };
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
