/**
 * RFM scores (1–5 quintiles of recency, frequency and monetary value) and named segments
 * (CRM.RFMSEGMENTS; SPEC §2 "RFM scores and segments").
 */
import { CrmError } from "../errors";
import type { PurchaseHistories } from "../input/history";
import { requireAsOfDay } from "../input/validate";

/**
 * One segment of the table: the R scores and FM scores it covers, both ends included, with its
 * names in English, Simplified and Traditional Chinese.
 */
export interface RfmSegment {
  /** stable key for code and translations: `"champions"` */
  readonly key: string;
  readonly name: string;
  readonly zhCN: string;
  readonly zhTW: string;
  /** R scores covered, [lowest, highest] */
  readonly r: readonly [number, number];
  /** FM scores covered, FM = ⌊(F score + M score) ÷ 2⌋, [lowest, highest] */
  readonly fm: readonly [number, number];
}

/**
 * The segment table, a rectangle of (R score, FM score) per segment, FM = ⌊(F + M) ÷ 2⌋:
 *
 * | segment             | 中文 (zh-CN)   | 中文 (zh-TW)   | R   | FM  |
 * |---------------------|----------------|----------------|-----|-----|
 * | Champions           | 冠军客户       | 冠軍顧客       | 5   | 4–5 |
 * | Loyal customers     | 忠诚客户       | 忠誠顧客       | 3–4 | 4–5 |
 * | Potential loyalists | 潜在忠诚客户   | 潛在忠誠顧客   | 4–5 | 2–3 |
 * | New customers       | 新客户         | 新顧客         | 5   | 1   |
 * | Promising           | 有潜力客户     | 有潛力顧客     | 4   | 1   |
 * | Need attention      | 需关注客户     | 需關注顧客     | 3   | 3   |
 * | About to sleep      | 即将沉睡客户   | 即將沉睡顧客   | 3   | 1–2 |
 * | Cannot lose them    | 不能失去的客户 | 不能失去的顧客 | 1–2 | 5   |
 * | At risk             | 有流失风险客户 | 有流失風險顧客 | 1–2 | 3–4 |
 * | Hibernating         | 休眠客户       | 休眠顧客       | 2   | 1–2 |
 * | Lost                | 已流失客户     | 已流失顧客     | 1   | 1–2 |
 *
 * Source: the R × F segment map used throughout public RFM notebooks (`seg_map`: `5[4-5]`
 * champions, `[3-4][4-5]` loyal customers, `[4-5][2-3]` potential loyalists, `51` new customers,
 * `41` promising, `33` need attention, `3[1-2]` about to sleep, `[1-2]5` can't lose them,
 * `[1-2][3-4]` at risk, `[1-2][1-2]` hibernating), read on FM, the rounded-down average of the F
 * and M scores, so spend counts as much as frequency; its hibernating block is split into
 * Hibernating (R 2) and Lost (R 1). Every one of the 25 (R, FM) pairs falls in exactly one row.
 */
export const RFM_SEGMENTS: readonly RfmSegment[] = [
  {
    key: "champions",
    name: "Champions",
    zhCN: "冠军客户",
    zhTW: "冠軍顧客",
    r: [5, 5],
    fm: [4, 5],
  },
  {
    key: "loyal",
    name: "Loyal customers",
    zhCN: "忠诚客户",
    zhTW: "忠誠顧客",
    r: [3, 4],
    fm: [4, 5],
  },
  {
    key: "potentialLoyalists",
    name: "Potential loyalists",
    zhCN: "潜在忠诚客户",
    zhTW: "潛在忠誠顧客",
    r: [4, 5],
    fm: [2, 3],
  },
  { key: "new", name: "New customers", zhCN: "新客户", zhTW: "新顧客", r: [5, 5], fm: [1, 1] },
  {
    key: "promising",
    name: "Promising",
    zhCN: "有潜力客户",
    zhTW: "有潛力顧客",
    r: [4, 4],
    fm: [1, 1],
  },
  {
    key: "needAttention",
    name: "Need attention",
    zhCN: "需关注客户",
    zhTW: "需關注顧客",
    r: [3, 3],
    fm: [3, 3],
  },
  {
    key: "aboutToSleep",
    name: "About to sleep",
    zhCN: "即将沉睡客户",
    zhTW: "即將沉睡顧客",
    r: [3, 3],
    fm: [1, 2],
  },
  {
    key: "cannotLose",
    name: "Cannot lose them",
    zhCN: "不能失去的客户",
    zhTW: "不能失去的顧客",
    r: [1, 2],
    fm: [5, 5],
  },
  {
    key: "atRisk",
    name: "At risk",
    zhCN: "有流失风险客户",
    zhTW: "有流失風險顧客",
    r: [1, 2],
    fm: [3, 4],
  },
  {
    key: "hibernating",
    name: "Hibernating",
    zhCN: "休眠客户",
    zhTW: "休眠顧客",
    r: [2, 2],
    fm: [1, 2],
  },
  { key: "lost", name: "Lost", zhCN: "已流失客户", zhTW: "已流失顧客", r: [1, 1], fm: [1, 2] },
];

/** Index into RFM_SEGMENTS of each (R, FM) pair: `SEGMENT_GRID[(r − 1) × 5 + fm − 1]`. */
const SEGMENT_GRID: Int8Array = (() => {
  const grid = new Int8Array(25).fill(-1);
  RFM_SEGMENTS.forEach((segment, index) => {
    for (let r = segment.r[0]; r <= segment.r[1]; r++) {
      for (let fm = segment.fm[0]; fm <= segment.fm[1]; fm++) grid[(r - 1) * 5 + fm - 1] = index;
    }
  });
  return grid;
})();

/**
 * The segment of an R score and an FM score (FM = ⌊(F score + M score) ÷ 2⌋), both 1 … 5.
 *
 * @throws RangeError for scores outside 1 … 5 (a programming error, not a user input)
 * @example segmentOf(5, 5).name //=> "Champions"
 */
export function segmentOf(rScore: number, fmScore: number): RfmSegment {
  const index = [rScore, fmScore].every(
    (score) => Number.isInteger(score) && score >= 1 && score <= 5
  )
    ? SEGMENT_GRID[(rScore - 1) * 5 + fmScore - 1]
    : undefined;
  const segment = index === undefined ? undefined : RFM_SEGMENTS[index];
  if (!segment) throw new RangeError(`no RFM segment for R ${rScore}, FM ${fmScore}`);
  return segment;
}

export interface RfmScoreOptions {
  /**
   * the as-of date (day serial 1 … 2958465, inclusive): later purchases are ignored; a fraction
   * of a day is dropped
   */
  readonly asOf: number;
}

export interface CustomerRfm {
  readonly customer: string;
  /** R: days from the last purchase on or before asOf to asOf */
  readonly recency: number;
  /** F: purchase days up to asOf */
  readonly frequency: number;
  /** M: net amount up to asOf, returns included (each day's total rounded to cents, summed in cents) */
  readonly monetary: number;
  /** 1 … 5, 5 the most recent */
  readonly rScore: number;
  /** 1 … 5, 5 the most purchase days */
  readonly fScore: number;
  /** 1 … 5, 5 the highest total */
  readonly mScore: number;
  /** the three scores as text, R first: `"545"` */
  readonly code: string;
  readonly segment: RfmSegment;
}

/**
 * RFM scores as columns, one entry per customer: the metric itself, sized once, with no object
 * per customer. {@link rfmScores} gives the same rows as records.
 */
export interface RfmScoreTable {
  readonly customers: readonly string[];
  /** R: days from the last purchase on or before asOf to asOf */
  readonly recency: Int32Array;
  /** F: purchase days up to asOf */
  readonly frequency: Int32Array;
  /** M: net amount up to asOf, returns included (summed in cents) */
  readonly monetary: Float64Array;
  readonly rScores: Uint8Array;
  readonly fScores: Uint8Array;
  readonly mScores: Uint8Array;
  /** `"545"`: R, F and M score */
  readonly codes: readonly string[];
  /** index into {@link RFM_SEGMENTS} */
  readonly segments: Uint8Array;
}

const RfmMessages = {
  noCustomers: () => "there are no purchases on or before as_of.",
} as const;

/** "111" … "555", indexed by (r − 1) × 25 + (f − 1) × 5 + (m − 1): no string built per customer. */
const CODES: readonly string[] = Array.from(
  { length: 125 },
  (_, i) => `${Math.floor(i / 25) + 1}${(Math.floor(i / 5) % 5) + 1}${(i % 5) + 1}`
);

/**
 * Quintile score 1 + ⌊5 × (worse + tied ÷ 2) ÷ n⌋ of each of n values, worse = the number of
 * values strictly worse (smaller when higherIsBetter, larger otherwise), tied = the number equal
 * (itself included): the quintile of the middle of the tie group's ranks (its mid-rank). Computed
 * in whole numbers as ⌊5 × (2 × worse + tied) ÷ 2n⌋. Whole-number values within a range of 4n
 * are counted directly (O(n + range)); others are ranked by one typed sort and binary search.
 */
function quintileScores(values: Float64Array, higherIsBetter: boolean): Uint8Array {
  const n = values.length;
  const scores = new Uint8Array(n);
  const score = (worse: number, tied: number) => 1 + Math.floor((5 * (2 * worse + tied)) / (2 * n));
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  let whole = true;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v < low) low = v;
    if (v > high) high = v;
    if (whole && !Number.isInteger(v)) whole = false;
  }
  if (whole && high - low <= 4 * n + 1024) {
    // below[k] = customers with a value < low + k
    const span = high - low + 1;
    const below = new Int32Array(span + 1);
    for (let i = 0; i < n; i++) below[values[i]! - low + 1]!++;
    for (let k = 1; k <= span; k++) below[k]! += below[k - 1]!;
    for (let i = 0; i < n; i++) {
      const k = values[i]! - low;
      const tied = below[k + 1]! - below[k]!;
      scores[i] = score(higherIsBetter ? below[k]! : n - below[k + 1]!, tied);
    }
    return scores;
  }
  const sorted = values.slice().sort();
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    // smaller = values < v, notLarger = values ≤ v
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    const smaller = lo;
    hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! <= v) lo = mid + 1;
      else hi = mid;
    }
    const notLarger = lo;
    scores[i] = score(higherIsBetter ? smaller : n - notLarger, notLarger - smaller);
  }
  return scores;
}

/**
 * RFM scores and segments of every customer who bought on or before asOf (SPEC §2 "RFM scores
 * and segments").
 *
 * Definition. Up to asOf: recency R = asOf − last purchase day (days), frequency F = purchase
 * days (same-day purchases are one), monetary M = net amount (each day's total rounded to
 * cents, summed in cents, so equal spends are equal). Returns (SPEC §2 "Returns"): a day of only
 * returns is no purchase day (not R, not F) but its amount counts in M; a customer with only
 * returns is not listed. Each is scored among the n listed customers:
 *
 *   score = 1 + ⌊5 × (worse + tied ÷ 2) ÷ n⌋
 *
 * worse = customers with a strictly worse value (a larger R, a smaller F, a smaller M), tied =
 * customers with the same value, the customer included; so the most recent, most frequent and
 * biggest spenders score 5. Ties: a tie group covers the ranks worse + 1 … worse + tied and
 * takes the quintile of their middle (its mid-rank, (worse + tied ÷ 2) ÷ n of the way up), the
 * same for every member whatever the row order. With all values distinct (tied = 1) the scores
 * are exact quintiles of the ranking (⌈n ÷ 5⌉ or ⌊n ÷ 5⌋ per score). A tie group never scores
 * by its worst or best rank: a large tie at the bottom (most customers buying once) scores by
 * where its middle falls, and customers all alike, like a single customer, score 3 (the middle
 * score; 20 customers who all bought today are R 3, not R 1). Some scores may go unused.
 *
 * The segment is looked up in {@link RFM_SEGMENTS} by the R score and FM = ⌊(F + M) ÷ 2⌋.
 *
 * Reference: SPEC §2; Hughes (1994) for RFM quintile scoring; the segment table's source is
 * given at {@link RFM_SEGMENTS}. Cost O(n) over the purchase days, plus O(C) for R and F (whole
 * numbers, counted) and O(C log C) for M (one typed sort), C customers.
 *
 * @param histories purchase histories (same-day purchases merged)
 * @param options the as-of date
 * @returns one entry per customer with a purchase on or before asOf, in the histories' order,
 *   as columns
 * @throws CrmError `num` for an asOf that is no day serial from 1 to 2958465 (`as_of`); `na` when
 *   nobody bought on or before asOf
 * @example
 * // five customers, each buying once, 1 to 5 days before asOf 100, for 50, 40, 30, 20 and 10
 * rfmScoreTable(histories, { asOf: 100 }).codes
 * //=> ["535", "434", "333", "232", "131"] (F all 1, a tie of all five: the middle score 3)
 */
export function rfmScoreTable(
  histories: PurchaseHistories,
  options: RfmScoreOptions
): RfmScoreTable {
  const asOf = requireAsOfDay(options.asOf);
  const { start, days, totals, customerIds, returnStart, returnDays, returnTotals } = histories;
  const customerCount = customerIds.length;
  let n = 0;
  for (let c = 0; c < customerCount; c++) {
    if (start[c + 1]! > start[c]! && days[start[c]!]! <= asOf) n++;
  }
  if (n === 0) throw new CrmError("na", RfmMessages.noCustomers(), "as_of");

  const customers = new Array<string>(n);
  const recency = new Float64Array(n);
  const frequency = new Float64Array(n);
  const cents = new Float64Array(n);
  for (let c = 0, p = 0; c < customerCount; c++) {
    const first = start[c]!;
    const end = start[c + 1]!;
    if (end === first || days[first]! > asOf) continue;
    let i = first;
    let amount = 0;
    for (; i < end && days[i]! <= asOf; i++) amount += Math.round(totals[i]! * 100);
    // net revenue: return-only days count in M, never in R or F (SPEC §2 "Returns")
    for (let k = returnStart[c]!; k < returnStart[c + 1]! && returnDays[k]! <= asOf; k++) {
      amount += Math.round(returnTotals[k]! * 100);
    }
    customers[p] = customerIds[c]!;
    recency[p] = asOf - days[i - 1]!;
    frequency[p] = i - first;
    cents[p] = amount;
    p++;
  }
  const rScores = quintileScores(recency, false);
  const fScores = quintileScores(frequency, true);
  const mScores = quintileScores(cents, true);
  const codes = new Array<string>(n);
  const segments = new Uint8Array(n);
  const monetary = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    const r = rScores[p]!;
    const f = fScores[p]!;
    const m = mScores[p]!;
    codes[p] = CODES[(r - 1) * 25 + (f - 1) * 5 + m - 1]!;
    segments[p] = SEGMENT_GRID[(r - 1) * 5 + ((f + m) >> 1) - 1]!;
    monetary[p] = cents[p]! / 100;
  }
  return {
    customers,
    recency: Int32Array.from(recency),
    frequency: Int32Array.from(frequency),
    monetary,
    rScores,
    fScores,
    mScores,
    codes,
    segments,
  };
}

/**
 * The rows of {@link rfmScoreTable} as records, one object per customer, for callers that want
 * rows (small lists, tests); same definition, order and errors.
 *
 * @param optionsOrAsOf the options of {@link rfmScoreTable}, or (the older positional form, kept
 *   for existing callers) the as-of date
 *
 * @example
 * // the histories of the rfmScoreTable example
 * rfmScores(histories, { asOf: 100 })[0]
 * //=> { customer: "a", recency: 1, frequency: 1, monetary: 50, rScore: 5, fScore: 3, mScore: 5,
 * //     code: "535", segment: (Champions) }
 */
export function rfmScores(
  histories: PurchaseHistories,
  optionsOrAsOf: RfmScoreOptions | number
): CustomerRfm[] {
  const table = rfmScoreTable(
    histories,
    typeof optionsOrAsOf === "number" ? { asOf: optionsOrAsOf } : optionsOrAsOf
  );
  const scores = new Array<CustomerRfm>(table.customers.length);
  for (let p = 0; p < scores.length; p++) {
    scores[p] = {
      customer: table.customers[p]!,
      recency: table.recency[p]!,
      frequency: table.frequency[p]!,
      monetary: table.monetary[p]!,
      rScore: table.rScores[p]!,
      fScore: table.fScores[p]!,
      mScore: table.mScores[p]!,
      code: table.codes[p]!,
      segment: RFM_SEGMENTS[table.segments[p]!]!,
    };
  }
  return scores;
}

/** One segment's share of the customers and their revenue. */
export interface SegmentSummary {
  readonly segment: RfmSegment;
  /** customers in the segment */
  readonly customers: number;
  /** customers ÷ all scored customers (0 … 1) */
  readonly share: number;
  /** the segment's customers' total monetary value (summed in cents) */
  readonly revenue: number;
}

/**
 * Customers, share of customers and revenue per segment, one row per segment of
 * {@link RFM_SEGMENTS} in its order (empty segments included, with 0 customers), for the
 * report's segment table. Cost O(C).
 *
 * @param table the output of {@link rfmScoreTable}
 * @example
 * // the five customers of the rfmScoreTable example: 515 (FM ⌊6 ÷ 2⌋ = 3) and 414 (FM 2) are
 * // Potential loyalists, 313 About to sleep, 212 Hibernating, 111 Lost
 * summarizeSegments(rfmScoreTable(histories, { asOf: 100 }))
 *   .find((s) => s.segment.key === "potentialLoyalists")
 * //=> { segment: (Potential loyalists), customers: 2, share: 0.4, revenue: 90 }
 */
export function summarizeSegments(table: RfmScoreTable): SegmentSummary[] {
  const customers = new Int32Array(RFM_SEGMENTS.length);
  const cents = new Float64Array(RFM_SEGMENTS.length);
  const n = table.segments.length;
  for (let p = 0; p < n; p++) {
    const index = table.segments[p]!;
    customers[index]!++;
    cents[index]! += Math.round(table.monetary[p]! * 100);
  }
  return RFM_SEGMENTS.map((segment, index) => ({
    segment,
    customers: customers[index]!,
    share: n === 0 ? 0 : customers[index]! / n,
    revenue: cents[index]! / 100,
  }));
}
