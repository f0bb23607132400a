/**
 * RFM early warning (RFM 预警, CRM.RFMALERT): a level per customer from how long ago they last
 * bought and how far their purchase frequency and spend fell, by the source's bank rules (SPEC §2).
 */
import { CrmError } from "../errors";
import type { PurchaseHistories } from "../input/history";
import { requireAsOfDay } from "../input/validate";

/** The levels, least severe first: normal < yellow < orange < red < lost. */
export const ALERT_LEVELS = ["normal", "yellow", "orange", "red", "lost"] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

/** Display names of the levels (yellow, orange and red are the source's 关注级, 重点关注级, 危机级). */
export const ALERT_LEVEL_LABELS: Readonly<
  Record<AlertLevel, { readonly en: string; readonly zhCN: string; readonly zhTW: string }>
> = {
  normal: { en: "normal", zhCN: "正常", zhTW: "正常" },
  yellow: { en: "yellow", zhCN: "关注级", zhTW: "關注級" },
  orange: { en: "orange", zhCN: "重点关注级", zhTW: "重點關注級" },
  red: { en: "red", zhCN: "危机级", zhTW: "危機級" },
  lost: { en: "lost", zhCN: "流失", zhTW: "流失" },
};

/**
 * Upper band edges; an edge belongs to the band below it (the lower, less severe band).
 * - recencyDays `[noAlarm, orange, red]` (whole days, increasing, ≥ 0): R ≤ noAlarm raises
 *   nothing, R ≤ orange is orange, R ≤ red is red, beyond red is lost. Default [10, 30, 60].
 * - frequencyDecline and monetaryDecline `[yellow, orange]` (fractions, 0 ≤ yellow < orange ≤ 1):
 *   a decline of 0 is normal, up to yellow is yellow, up to orange is orange, above is red.
 *   Default [0.3, 0.5]. Edges are read to a basis point (0.01 %).
 */
export interface AlertThresholds {
  readonly recencyDays: readonly [number, number, number];
  readonly frequencyDecline: readonly [number, number];
  readonly monetaryDecline: readonly [number, number];
}

/** The source's rules: R ≤ 10 / 11–30 / 31–60 / > 60 days; declines ≤ 30 % / 30–50 % / > 50 %. */
export const DEFAULT_ALERT_THRESHOLDS: AlertThresholds = {
  recencyDays: [10, 30, 60],
  frequencyDecline: [0.3, 0.5],
  monetaryDecline: [0.3, 0.5],
};

/** How the alerts are ordered. */
export type AlertOrder = "severity" | "none";

export interface RfmAlertOptions {
  /**
   * the as-of date (day serial 1 … 2958465, inclusive): later purchases are ignored; a fraction
   * of a day is dropped
   */
  readonly asOf: number;
  /** band edges (default {@link DEFAULT_ALERT_THRESHOLDS}) */
  readonly thresholds?: AlertThresholds;
  /**
   * `"severity"` (default): lost, red, orange, yellow, normal; within a level R descending (longest
   * silence first), then customer id (see {@link compareCustomerIds}). `"none"`: the customers'
   * order in the histories (for histories read from a table: order of first appearance).
   */
  readonly sort?: AlertOrder;
}

/** One customer's early-warning row. */
export interface CustomerAlert {
  readonly customer: string;
  /** R: days from the last purchase L (on or before asOf) to asOf */
  readonly recencyDays: number;
  /** purchase days in the recent window [L − 29, L] */
  readonly frequencyRecent: number;
  /** purchase days in the previous window [L − 59, L − 30] */
  readonly frequencyPrevious: number;
  /**
   * (previous − recent) ÷ previous, floored at 0; 0 when previous is 0 (for display: the level
   * is decided exactly, in whole numbers)
   */
  readonly frequencyDecline: number;
  /** amount in the recent window (summed in cents) */
  readonly monetaryRecent: number;
  /** amount in the previous window (summed in cents) */
  readonly monetaryPrevious: number;
  /** as frequencyDecline, for the amounts; in [0, 1] (1 when returns make the recent amount ≤ 0) */
  readonly monetaryDecline: number;
  readonly level: AlertLevel;
}

/**
 * The early-warning list as columns, one entry per customer in output order: the metric itself,
 * sized once, with no object per customer. {@link rfmAlerts} gives the same rows as records.
 */
export interface RfmAlertTable {
  /** customer ids */
  readonly customers: readonly string[];
  /** R: days from the last purchase L (on or before asOf) to asOf */
  readonly recencyDays: Int32Array;
  /** purchase days in the recent window [L − 29, L] */
  readonly frequencyRecent: Int32Array;
  /** purchase days in the previous window [L − 59, L − 30] */
  readonly frequencyPrevious: Int32Array;
  /** (previous − recent) ÷ previous, floored at 0; 0 when previous is 0 (display only) */
  readonly frequencyDecline: Float64Array;
  /** amount in the recent window (summed in cents) */
  readonly monetaryRecent: Float64Array;
  /** amount in the previous window (summed in cents) */
  readonly monetaryPrevious: Float64Array;
  /** as frequencyDecline, for the amounts */
  readonly monetaryDecline: Float64Array;
  /** index into {@link ALERT_LEVELS} (0 normal … 4 lost) */
  readonly levels: Uint8Array;
}

/** Days in each window. */
const WINDOW_DAYS = 30;
/**
 * Per customer in the working buffer: recent days, previous days, recent cents, previous cents,
 * R, level, customer index, padded to 8 slots (64 bytes, one cache line, for the reordering).
 */
const WINDOW_FIELDS = 8;
/** Decline edges are compared in basis points: 0.3 is 3000. */
const BASIS_POINTS = 10_000;
const NORMAL = 0;
const ORANGE = 2;
const RED = 3;
const LOST = 4;

const AlertMessages = {
  badThresholds: (argument: string) =>
    `${argument} must hold increasing whole recency days from 0 (e.g. 10, 30, 60) ` +
    "and increasing declines from 0 to 1 (e.g. 0.3, 0.5).",
  badGridShape: (argument: string) =>
    `${argument} must be 3 rows (yellow, orange, red) × 3 columns (R days, F decline, M decline).`,
  badRedDecline: (argument: string) =>
    `${argument}: the red row's F and M cells must be empty, 1, or the orange edge again ` +
    "(red is every decline above orange).",
  noCustomers: () => "there are no purchases on or before as_of.",
} as const;

/**
 * Checks thresholds: recency edges whole, ≥ 0 and increasing; each pair of decline edges
 * 0 ≤ yellow < orange ≤ 1.
 *
 * @throws CrmError `num` naming `argument` (default `thresholds`)
 */
export function checkAlertThresholds(t: AlertThresholds, argument = "thresholds"): void {
  const [noAlarm, orange, red] = t.recencyDays;
  const declinesOk = ([yellow, upper]: readonly [number, number]) =>
    yellow >= 0 && yellow < upper && upper <= 1;
  const ok =
    [noAlarm, orange, red].every((days) => Number.isInteger(days) && days >= 0) &&
    noAlarm < orange &&
    orange < red &&
    declinesOk(t.frequencyDecline) &&
    declinesOk(t.monetaryDecline);
  if (!ok) throw new CrmError("num", AlertMessages.badThresholds(argument), argument);
}

/**
 * Reads the thresholds from a 3 × 3 grid, the threshold range an Excel user passes to
 * CRM.RFMALERT. The layout mirrors SPEC §2's table:
 *
 * |            | R (days) | F decline | M decline |
 * |------------|----------|-----------|-----------|
 * | yellow row | 10       | 0.3       | 0.3       |
 * | orange row | 30       | 0.5       | 0.5       |
 * | red row    | 60       | (empty)   | (empty)   |
 *
 * Each cell is the upper edge of its band, belonging to that band. The yellow R cell is the
 * recency up to which R raises no alarm (see {@link rfmAlerts}). Red is every decline above the
 * orange edge, so the red F and M cells may be empty, 0 (some platforms pass empty cells as 0),
 * 1, or the orange edge again (the table writes red as "> 50 %"). Other empty cells keep the
 * defaults.
 *
 * @throws CrmError `value` when the grid is not 3 × 3; `num` when the edges are not increasing,
 *   a decline lies outside 0 to 1, or a red decline cell holds something else
 * @example thresholdsFromGrid([[7, 0.2, 0.25], [30, 0.5, 0.5], [90, null, null]])
 *   //=> { recencyDays: [7, 30, 90], frequencyDecline: [0.2, 0.5], monetaryDecline: [0.25, 0.5] }
 */
export function thresholdsFromGrid(
  grid: readonly (readonly (number | null)[])[],
  argument = "thresholds"
): AlertThresholds {
  if (grid.length !== 3 || grid.some((row) => row.length !== 3)) {
    throw new CrmError("value", AlertMessages.badGridShape(argument), argument);
  }
  const cell = (row: number, column: number): number | null => grid[row]?.[column] ?? null;
  const pick = (row: number, column: number, fallback: number) => cell(row, column) ?? fallback;
  const d = DEFAULT_ALERT_THRESHOLDS;
  const thresholds: AlertThresholds = {
    recencyDays: [
      pick(0, 0, d.recencyDays[0]),
      pick(1, 0, d.recencyDays[1]),
      pick(2, 0, d.recencyDays[2]),
    ],
    frequencyDecline: [pick(0, 1, d.frequencyDecline[0]), pick(1, 1, d.frequencyDecline[1])],
    monetaryDecline: [pick(0, 2, d.monetaryDecline[0]), pick(1, 2, d.monetaryDecline[1])],
  };
  checkAlertThresholds(thresholds, argument);
  for (const [column, orange] of [
    [1, thresholds.frequencyDecline[1]],
    [2, thresholds.monetaryDecline[1]],
  ] as const) {
    const red = cell(2, column);
    if (red !== null && red !== 0 && red !== 1 && red !== orange) {
      throw new CrmError("num", AlertMessages.badRedDecline(argument), argument);
    }
  }
  return thresholds;
}

/** `fall × 10000 ≤ edgeBasisPoints × previous`, exactly, for whole numbers (BigInt beyond 2^53). */
function fallAtMost(fall: number, edgeBasisPoints: number, previous: number): boolean {
  const left = fall * BASIS_POINTS;
  const right = edgeBasisPoints * previous;
  if (left <= Number.MAX_SAFE_INTEGER && right <= Number.MAX_SAFE_INTEGER) return left <= right;
  return BigInt(fall) * BigInt(BASIS_POINTS) <= BigInt(edgeBasisPoints) * BigInt(previous);
}

/**
 * Level (0 normal … 3 red) of a decline from `previous` to `recent`, both whole numbers (purchase
 * days, or cents), compared exactly against the edges in basis points.
 */
function declineLevel(
  recent: number,
  previous: number,
  yellowBp: number,
  orangeBp: number
): number {
  if (previous <= 0 || recent >= previous) return NORMAL;
  const fall = previous - recent;
  if (fallAtMost(fall, yellowBp, previous)) return 1;
  if (fallAtMost(fall, orangeBp, previous)) return ORANGE;
  return RED;
}

/**
 * The displayed decline: (previous − recent) ÷ previous in [0, 1]: 0 without a base or without
 * a fall, 1 when returns take the recent amount to 0 or below (SPEC §2 "Bounds").
 */
function declineFraction(recent: number, previous: number): number {
  if (!(previous > 0) || recent >= previous) return 0;
  return recent <= 0 ? 1 : (previous - recent) / previous;
}

/**
 * The value of a canonical whole-number id (`"1001"`, as the input layer writes the number 1001:
 * up to 15 digits, no leading zero), or −1 for any other id. Such ids display as numbers, so
 * they sort as numbers; 15 digits stay below 2^53, so the value is exact.
 */
function wholeNumberIdValue(id: string): number {
  const length = id.length;
  if (length === 0 || length > 15 || (length > 1 && id.charCodeAt(0) === 48)) return -1;
  let value = 0;
  for (let i = 0; i < length; i++) {
    const digit = id.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * The order of customer ids in sorted output, as Excel's SORT would put the displayed ids:
 * whole-number ids first, by value (`"2"` before `"10"`), then text ids by UTF-16 code units
 * (`"A-2"` before `"B-1"`; the input layer has already upper-cased them).
 *
 * @example ["B", "10", "A", "9"].sort(compareCustomerIds) //=> ["9", "10", "A", "B"]
 */
export function compareCustomerIds(a: string, b: string): number {
  const aValue = wholeNumberIdValue(a);
  const bValue = wholeNumberIdValue(b);
  if (aValue >= 0 || bValue >= 0) {
    if (aValue < 0) return 1;
    if (bValue < 0) return -1;
    return aValue - bValue;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Indices 0 … n − 1 ordered by `keys` (whole numbers in [0, 2^53)), equal keys by index: a
 * least-significant-digit radix sort on 16-bit digits, as many passes as the largest key needs
 * (two for keys below 2^32). Each pass reads in order and writes to 65,536 runs, which suits the
 * memory far better than a comparison sort followed by binary searches.
 */
function radixOrder(keys: Float64Array): Int32Array {
  const count = keys.length;
  let largest = 0;
  for (let i = 0; i < count; i++) if (keys[i]! > largest) largest = keys[i]!;
  const passes = Math.max(1, Math.ceil(Math.log2(largest + 1) / 16));
  const low = new Uint32Array(count);
  const high = new Uint32Array(passes > 2 ? count : 0);
  if (passes > 2) {
    for (let i = 0; i < count; i++) {
      const key = keys[i]!;
      const upper = Math.floor(key / 4294967296);
      high[i] = upper;
      low[i] = key - upper * 4294967296;
    }
  } else {
    for (let i = 0; i < count; i++) low[i] = keys[i]!;
  }
  let order = new Int32Array(count);
  let spare = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  const next = new Int32Array(65536);
  for (let pass = 0; pass < passes; pass++) {
    const words = pass < 2 ? low : high;
    const shift = (pass % 2) * 16;
    next.fill(0);
    for (let i = 0; i < count; i++) next[(words[i]! >>> shift) & 0xffff]!++;
    for (let digit = 0, sum = 0; digit < 65536; digit++) {
      const size = next[digit]!;
      next[digit] = sum;
      sum += size;
    }
    for (let k = 0; k < count; k++) {
      const i = order[k]!;
      spare[next[(words[i]! >>> shift) & 0xffff]!++] = i;
    }
    [order, spare] = [spare, order];
  }
  return order;
}

/**
 * Orders `members` by numeric `keys` that agree with `compare` wherever they differ: a radix
 * sort of the keys, then `compare` only inside runs of equal keys.
 */
function orderByKeys(
  members: Int32Array,
  keys: Float64Array,
  compare: (x: number, y: number) => number
): Int32Array {
  const sorted = radixOrder(keys);
  const count = sorted.length;
  const order = new Int32Array(count);
  for (let k = 0; k < count; k++) order[k] = members[sorted[k]!]!;
  for (let from = 0; from < count;) {
    const key = keys[sorted[from]!]!;
    let to = from + 1;
    while (to < count && keys[sorted[to]!] === key) to++;
    if (to - from > 1) order.subarray(from, to).sort(compare);
    from = to;
  }
  return order;
}

/** Code units of a text id looked at for its sort key (longer ids are compared as strings). */
const SCANNED_CODE_UNITS = 64;

/**
 * Rank (0 … count − 1) of each listed customer's id in {@link compareCustomerIds} order, ties
 * (repeated ids) by position. Sorting 200,000 strings with a comparator takes ~250 ms on a small
 * machine, so ids are ranked through exact numeric keys and a radix sort: a whole-number id's
 * value; for text, as many code units after the prefix all text ids share as fit in 52 bits
 * (15 for digits, 9 for upper-case letters and digits). Only ids whose keys are equal are then
 * compared as strings.
 *
 * @param ids every customer's id
 * @param customers the customers to rank (indices into ids), `count` of them
 */
function customerIdRanks(ids: readonly string[], customers: Int32Array): Int32Array {
  // Every pass over 200,000 strings costs a memory access each, so the first pass does it all:
  // whole-number values; for text ids the shared prefix, the length and the code units used.
  const count = customers.length;
  const values = new Float64Array(count);
  let numbers = 0;
  let shared = -1;
  let first = "";
  let lowestCode = 65535;
  let highestCode = 0;
  let longest = 0;
  for (let p = 0; p < count; p++) {
    const id = ids[customers[p]!]!;
    const value = wholeNumberIdValue(id);
    values[p] = value;
    if (value >= 0) {
      numbers++;
      continue;
    }
    if (shared < 0) {
      first = id;
      shared = id.length;
    } else {
      let k = 0;
      while (k < shared && k < id.length && id.charCodeAt(k) === first.charCodeAt(k)) k++;
      shared = k;
    }
    const scanned = Math.min(id.length, SCANNED_CODE_UNITS);
    for (let k = 0; k < scanned; k++) {
      const code = id.charCodeAt(k);
      if (code < lowestCode) lowestCode = code;
      if (code > highestCode) highestCode = code;
    }
    if (scanned > longest) longest = scanned;
  }
  const numberMembers = new Int32Array(numbers);
  const numberKeys = new Float64Array(numbers);
  const textMembers = new Int32Array(count - numbers);
  for (let p = 0, n = 0, t = 0; p < count; p++) {
    if (values[p]! >= 0) {
      numberMembers[n] = p;
      numberKeys[n++] = values[p]!;
    } else {
      textMembers[t++] = p;
    }
  }
  // Text keys: as many code units after the shared prefix as fit below 2^52, each mapped to
  // 1 + (code − lowest code used), 0 past the end of an id, so the keys order like the ids.
  const base = highestCode - lowestCode + 2;
  let width = 0;
  for (let span = base; shared + width < longest && span <= 2 ** 52; span *= base) width++;
  const textKeys = new Float64Array(textMembers.length);
  for (let t = 0; t < textMembers.length; t++) {
    const id = ids[customers[textMembers[t]!]!]!;
    let key = 0;
    for (let k = shared; k < shared + width; k++) {
      key = key * base + (k < id.length ? id.charCodeAt(k) - lowestCode + 1 : 0);
    }
    textKeys[t] = key;
  }

  const byPosition = (x: number, y: number) =>
    compareCustomerIds(ids[customers[x]!]!, ids[customers[y]!]!) || x - y;
  const ranks = new Int32Array(count);
  const numberOrder = orderByKeys(numberMembers, numberKeys, byPosition);
  const textOrder = orderByKeys(textMembers, textKeys, byPosition);
  for (let r = 0; r < numberOrder.length; r++) ranks[numberOrder[r]!] = r;
  for (let r = 0; r < textOrder.length; r++) ranks[textOrder[r]!] = numbers + r;
  return ranks;
}

/**
 * Positions 0 … count − 1 ordered by level descending, R descending, customer id: the customers
 * in id order, then a stable counting sort by (level, R), O(C + days spanned). Should R span far
 * more days than there are customers (a handful of customers, decades apart), a comparison sort.
 */
function severityOrder(
  ids: readonly string[],
  customers: Int32Array,
  levels: Uint8Array,
  recency: Int32Array
): Int32Array {
  const count = customers.length;
  const ranks = customerIdRanks(ids, customers);
  const order = new Int32Array(count);
  let lowest = Number.POSITIVE_INFINITY;
  let highest = Number.NEGATIVE_INFINITY;
  for (let p = 0; p < count; p++) {
    if (recency[p]! < lowest) lowest = recency[p]!;
    if (recency[p]! > highest) highest = recency[p]!;
  }
  const span = highest - lowest + 1;
  const buckets = ALERT_LEVELS.length * span;
  if (buckets > 4 * count + 65_536) {
    for (let p = 0; p < count; p++) order[p] = p;
    return order.sort(
      (x, y) => levels[y]! - levels[x]! || recency[y]! - recency[x]! || ranks[x]! - ranks[y]!
    );
  }
  const byRank = new Int32Array(count);
  for (let p = 0; p < count; p++) byRank[ranks[p]!] = p;
  const next = new Int32Array(buckets + 1);
  const bucketOf = (p: number) => (LOST - levels[p]!) * span + (highest - recency[p]!);
  for (let p = 0; p < count; p++) next[bucketOf(p) + 1]!++;
  for (let b = 1; b <= buckets; b++) next[b]! += next[b - 1]!;
  for (let rank = 0; rank < count; rank++) {
    const p = byRank[rank]!;
    order[next[bucketOf(p)]!++] = p;
  }
  return order;
}

/**
 * RFM early warning for every customer who bought on or before asOf (SPEC §2 "RFM early
 * warning"; the source's bank rules).
 *
 * Definition. L = the last purchase day ≤ asOf; R = asOf − L (days). Recent window = the 30 days
 * ending on L, L included: [L − 29, L]; previous window = the 30 days before: [L − 59, L − 30].
 * F = purchase days in a window; M = amount in a window, each day's total rounded to cents and
 * summed as whole cents. Decline = (previous − recent) ÷ previous when previous > 0, else 0;
 * never negative, at most 1. Returns (SPEC §2 "Returns"): a day whose rows are all returns is no
 * purchase day, so it is never L and adds nothing to F, but its (negative) amount counts in M
 * for the window it falls in; returns after L lie in neither window. A recent amount taken to
 * 0 or below is a decline of 1 (red). A customer with only returns is not listed. The level is the most severe that any of R, F decline and M decline reaches
 * (normal < yellow < orange < red < lost):
 *
 * | band   | R (days since L) | F decline   | M decline   |
 * |--------|------------------|-------------|-------------|
 * | normal | 0–10             | 0           | 0           |
 * | yellow | (never from R)   | (0, 30 %]   | (0, 30 %]   |
 * | orange | 11–30            | (30, 50 %]  | (30, 50 %]  |
 * | red    | 31–60            | > 50 %      | > 50 %      |
 * | lost   | > 60             |             |             |
 *
 * Reading of the source's R column. Its table puts "R ≤ 10" in the yellow row, but R ≤ 10 holds
 * for every recent customer, so reading it as "R ≤ 10 raises yellow" would make every customer at
 * least yellow and contradict SPEC's "a recent customer with no decline is normal". The only
 * reading consistent with both is that the yellow row's R cell describes yellow customers (they
 * are recent; their yellow comes from a mild decline): recency up to 10 days raises no alarm on
 * its own. R in 11–30 is orange and 31–60 red as the table says; beyond 60 ("beyond the red
 * range") is lost. So R alone never gives yellow, and the first recency edge is the end of the
 * no-alarm range.
 *
 * Exactness. Band edges belong to the lower band and are compared in whole numbers:
 * (previous − recent) × 10000 ≤ edge in basis points × previous, with F in purchase days and M in
 * cents, so 70.00 against 100.00 is exactly 30 % (yellow) and 0.1 + 0.2 against 0.21 is exactly
 * 30 % too. The decline fractions in the output are for display only.
 *
 * Reference: SPEC §2 "RFM early warning (RFMALERT)". Cost O(n) over the purchase days up to
 * asOf, plus the severity order of the C customers: O(C) to rank the ids (a radix sort of exact
 * numeric keys; strings are compared only where those keys tie) and O(C + days spanned) for
 * the stable counting sort by level and R.
 *
 * @param histories purchase histories (same-day purchases merged)
 * @param options as-of date, thresholds (default {@link DEFAULT_ALERT_THRESHOLDS}), order
 * @returns one entry per customer with a purchase on or before asOf, as columns
 * @throws CrmError `num` for an asOf that is no day serial from 1 to 2958465 (`as_of`) or for
 *   bad thresholds (`thresholds`); `na` when nobody bought on or before asOf
 * @example
 * // a bought 100.00 on 2024-03-01 (serial 45352) and 70.00 on 2024-03-31 (45382)
 * const histories = buildHistories({ customerIndex: Int32Array.of(0, 0), customerIds: ["a"],
 *   days: Int32Array.of(45352, 45382), amounts: Float64Array.of(100, 70) });
 * rfmAlertTable(histories, { asOf: 45387 })
 * //=> { customers: ["a"], recencyDays: [5], frequencyRecent: [1], frequencyPrevious: [1],
 * //     frequencyDecline: [0], monetaryRecent: [70], monetaryPrevious: [100],
 * //     monetaryDecline: [0.3], levels: [1] } (1 = "yellow")
 */
export function rfmAlertTable(
  histories: PurchaseHistories,
  options: RfmAlertOptions
): RfmAlertTable {
  const asOf = requireAsOfDay(options.asOf);
  const thresholds = options.thresholds ?? DEFAULT_ALERT_THRESHOLDS;
  checkAlertThresholds(thresholds);
  const [noAlarmDays, orangeDays, redDays] = thresholds.recencyDays;
  const fYellow = Math.round(thresholds.frequencyDecline[0] * BASIS_POINTS);
  const fOrange = Math.round(thresholds.frequencyDecline[1] * BASIS_POINTS);
  const mYellow = Math.round(thresholds.monetaryDecline[0] * BASIS_POINTS);
  const mOrange = Math.round(thresholds.monetaryDecline[1] * BASIS_POINTS);

  const { start, days, totals, customerIds, returnStart, returnDays, returnTotals } = histories;
  const customerCount = customerIds.length;
  let count = 0;
  for (let c = 0; c < customerCount; c++) {
    if (start[c + 1]! > start[c]! && days[start[c]!]! <= asOf) count++;
  }
  if (count === 0) throw new CrmError("na", AlertMessages.noCustomers(), "as_of");

  const customers = new Int32Array(count);
  const recency = new Int32Array(count);
  const levels = new Uint8Array(count);
  // window counts and cents side by side, so the reordering below reads one cache line per customer
  const windows = new Float64Array(count * WINDOW_FIELDS);
  for (let c = 0, p = 0; c < customerCount; c++) {
    const first = start[c]!;
    let end = start[c + 1]! - 1;
    while (end >= first && days[end]! > asOf) end--;
    if (end < first) continue;
    const last = days[end]!;
    const recentFrom = last - (WINDOW_DAYS - 1);
    const previousFrom = last - (2 * WINDOW_DAYS - 1);
    let recentDays = 0;
    let previousDays = 0;
    let recentCents = 0;
    let previousCents = 0;
    for (let i = end; i >= first && days[i]! >= previousFrom; i--) {
      const cents = Math.round(totals[i]! * 100);
      if (days[i]! >= recentFrom) {
        recentDays++;
        recentCents += cents;
      } else {
        previousDays++;
        previousCents += cents;
      }
    }
    // Return-only days are no purchase (no F, no R) but count in M (SPEC §2 "Returns").
    for (let i = returnStart[c]!; i < returnStart[c + 1]! && returnDays[i]! <= last; i++) {
      const day = returnDays[i]!;
      if (day < previousFrom) continue;
      const cents = Math.round(returnTotals[i]! * 100);
      if (day >= recentFrom) recentCents += cents;
      else previousCents += cents;
    }
    const r = asOf - last;
    const recencyLevel =
      r <= noAlarmDays ? NORMAL : r <= orangeDays ? ORANGE : r <= redDays ? RED : LOST;
    customers[p] = c;
    recency[p] = r;
    levels[p] = Math.max(
      recencyLevel,
      declineLevel(recentDays, previousDays, fYellow, fOrange),
      declineLevel(recentCents, previousCents, mYellow, mOrange)
    );
    const at = p * WINDOW_FIELDS;
    windows[at] = recentDays;
    windows[at + 1] = previousDays;
    windows[at + 2] = recentCents;
    windows[at + 3] = previousCents;
    windows[at + 4] = r;
    windows[at + 5] = levels[p]!;
    windows[at + 6] = c;
    p++;
  }

  const order =
    (options.sort ?? "severity") === "severity"
      ? severityOrder(customerIds, customers, levels, recency)
      : null;
  const ids = new Array<string>(count);
  const recencyDays = new Int32Array(count);
  const frequencyRecent = new Int32Array(count);
  const frequencyPrevious = new Int32Array(count);
  const frequencyDecline = new Float64Array(count);
  const monetaryRecent = new Float64Array(count);
  const monetaryPrevious = new Float64Array(count);
  const monetaryDecline = new Float64Array(count);
  const levelColumn = new Uint8Array(count);
  for (let k = 0; k < count; k++) {
    const p = order ? order[k]! : k;
    const at = p * WINDOW_FIELDS;
    const recentDays = windows[at]!;
    const previousDays = windows[at + 1]!;
    const recentCents = windows[at + 2]!;
    const previousCents = windows[at + 3]!;
    ids[k] = customerIds[windows[at + 6]!]!;
    recencyDays[k] = windows[at + 4]!;
    frequencyRecent[k] = recentDays;
    frequencyPrevious[k] = previousDays;
    frequencyDecline[k] = declineFraction(recentDays, previousDays);
    monetaryRecent[k] = recentCents / 100;
    monetaryPrevious[k] = previousCents / 100;
    monetaryDecline[k] = declineFraction(recentCents, previousCents);
    levelColumn[k] = windows[at + 5]!;
  }
  return {
    customers: ids,
    recencyDays,
    frequencyRecent,
    frequencyPrevious,
    frequencyDecline,
    monetaryRecent,
    monetaryPrevious,
    monetaryDecline,
    levels: levelColumn,
  };
}

/**
 * The early-warning rows of {@link rfmAlertTable} as records, one object per customer, for
 * callers that want rows (small lists, tests); same definition, order and errors.
 *
 * @param optionsOrAsOf the options of {@link rfmAlertTable}, or (the older positional form) the
 *   as-of date, followed by `thresholds` and `sortBySeverity` (true: sort "severity", the
 *   default; false: "none"), which are read only in that form
 *
 * @example
 * // the histories of the rfmAlertTable example
 * rfmAlerts(histories, { asOf: 45387 })
 * // the older positional form, kept for existing callers, gives the same:
 * rfmAlerts(histories, 45387, DEFAULT_ALERT_THRESHOLDS, true)
 * //=> [{ customer: "a", recencyDays: 5, frequencyRecent: 1, frequencyPrevious: 1,
 * //      frequencyDecline: 0, monetaryRecent: 70, monetaryPrevious: 100,
 * //      monetaryDecline: 0.3, level: "yellow" }]
 */
export function rfmAlerts(
  histories: PurchaseHistories,
  optionsOrAsOf: RfmAlertOptions | number,
  thresholds?: AlertThresholds,
  sortBySeverity = true
): CustomerAlert[] {
  const options: RfmAlertOptions =
    typeof optionsOrAsOf === "number"
      ? {
          asOf: optionsOrAsOf,
          thresholds: thresholds ?? DEFAULT_ALERT_THRESHOLDS,
          sort: sortBySeverity ? "severity" : "none",
        }
      : optionsOrAsOf;
  const table = rfmAlertTable(histories, options);
  const alerts = new Array<CustomerAlert>(table.customers.length);
  for (let k = 0; k < alerts.length; k++) {
    alerts[k] = {
      customer: table.customers[k]!,
      recencyDays: table.recencyDays[k]!,
      frequencyRecent: table.frequencyRecent[k]!,
      frequencyPrevious: table.frequencyPrevious[k]!,
      frequencyDecline: table.frequencyDecline[k]!,
      monetaryRecent: table.monetaryRecent[k]!,
      monetaryPrevious: table.monetaryPrevious[k]!,
      monetaryDecline: table.monetaryDecline[k]!,
      level: ALERT_LEVELS[table.levels[k]!]!,
    };
  }
  return alerts;
}
