/**
 * RFM scores (1–5 quintiles for recency, frequency and monetary value) and named segments.
 */
import { CrmError } from "./errors";
import type { PurchaseHistories } from "./history";

export interface RfmSegment {
  readonly name: string;
  readonly zhCN: string;
  readonly zhTW: string;
  /** R scores and FM scores (⌊(F + M) ÷ 2⌋) this segment covers, both ends included */
  readonly r: readonly [number, number];
  readonly fm: readonly [number, number];
}

/**
 * The segment table: every (R score, FM score) pair, FM = ⌊(F score + M score) ÷ 2⌋, falls in
 * exactly one row. Recent, frequent, big spenders are Champions; long-gone, rare, small ones Lost.
 */
export const RFM_SEGMENTS: readonly RfmSegment[] = [
  { name: "Champions", zhCN: "冠军客户", zhTW: "冠軍顧客", r: [4, 5], fm: [5, 5] },
  { name: "Champions", zhCN: "冠军客户", zhTW: "冠軍顧客", r: [5, 5], fm: [4, 4] },
  { name: "Loyal", zhCN: "忠诚客户", zhTW: "忠誠顧客", r: [4, 4], fm: [4, 4] },
  { name: "Loyal", zhCN: "忠诚客户", zhTW: "忠誠顧客", r: [3, 3], fm: [4, 5] },
  { name: "Potential loyalists", zhCN: "潜力客户", zhTW: "潛力顧客", r: [4, 5], fm: [2, 3] },
  { name: "New customers", zhCN: "新客户", zhTW: "新顧客", r: [5, 5], fm: [1, 1] },
  { name: "Promising", zhCN: "有望客户", zhTW: "有望顧客", r: [4, 4], fm: [1, 1] },
  { name: "Need attention", zhCN: "需要关注", zhTW: "需要關注", r: [3, 3], fm: [2, 3] },
  { name: "About to sleep", zhCN: "即将沉睡", zhTW: "即將沉睡", r: [3, 3], fm: [1, 1] },
  { name: "Cannot lose them", zhCN: "不能失去", zhTW: "不能失去", r: [1, 2], fm: [5, 5] },
  { name: "At risk", zhCN: "流失风险", zhTW: "流失風險", r: [1, 2], fm: [3, 4] },
  { name: "Hibernating", zhCN: "沉睡客户", zhTW: "沉睡顧客", r: [2, 2], fm: [1, 2] },
  { name: "Lost", zhCN: "已流失", zhTW: "已流失", r: [1, 1], fm: [1, 2] },
];

/** The segment of an (R score, FM score) pair. */
export function segmentOf(rScore: number, fmScore: number): RfmSegment {
  const segment = RFM_SEGMENTS.find(
    (s) => rScore >= s.r[0] && rScore <= s.r[1] && fmScore >= s.fm[0] && fmScore <= s.fm[1]
  );
  if (!segment) throw new Error(`no RFM segment for R ${rScore}, FM ${fmScore}`);
  return segment;
}

export interface CustomerRfm {
  readonly customer: string;
  /** days since the last purchase */
  readonly recency: number;
  /** purchase days */
  readonly frequency: number;
  /** total amount */
  readonly monetary: number;
  readonly rScore: number;
  readonly fScore: number;
  readonly mScore: number;
  /** "545" */
  readonly code: string;
  readonly segment: RfmSegment;
}

/**
 * Quintile score 1–5 of each value: 1 + ⌊5 × (customers with a strictly worse value) ÷ n⌋. Equal
 * values always get equal scores, whatever the order of the rows (ties handled deterministically);
 * with all values distinct the scores are quintiles of the ranking.
 */
function quintileScores(values: Float64Array, higherIsBetter: boolean): Uint8Array {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  const scores = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    // lower bound: customers with a value < v; upper bound: customers with a value ≤ v
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    let worse = lo;
    if (!higherIsBetter) {
      let upper = lo;
      let top = n;
      while (upper < top) {
        const mid = (upper + top) >> 1;
        if (sorted[mid]! <= v) upper = mid + 1;
        else top = mid;
      }
      worse = n - upper;
    }
    scores[i] = 1 + Math.floor((5 * worse) / n);
  }
  return scores;
}

/**
 * RFM scores and segments of every customer who bought on or before asOf (SPEC §2): recency =
 * days since the last purchase (fewer is better, so the most recent score 5), frequency =
 * purchase days, monetary = total amount; each scored 1–5 by quintile (see quintileScores), and
 * the segment looked up in {@link RFM_SEGMENTS} by R score and ⌊(F + M) ÷ 2⌋.
 *
 * Cost O(n + C log C).
 *
 * @example // five customers with distinct recencies 1, 2, 3, 4, 5 days get R scores 5, 4, 3, 2, 1
 */
export function rfmScores(histories: PurchaseHistories, asOf: number): CustomerRfm[] {
  const { start, days, totals, customerIds } = histories;
  const ids: string[] = [];
  const recency: number[] = [];
  const frequency: number[] = [];
  const monetary: number[] = [];
  for (let c = 0; c < customerIds.length; c++) {
    let purchases = 0;
    let amount = 0;
    let last = -1;
    for (let i = start[c]!; i < start[c + 1]! && days[i]! <= asOf; i++) {
      purchases++;
      amount += totals[i]!;
      last = days[i]!;
    }
    if (purchases === 0) continue;
    ids.push(customerIds[c]!);
    recency.push(asOf - last);
    frequency.push(purchases);
    monetary.push(Math.round(amount * 100) / 100);
  }
  if (ids.length === 0) throw new CrmError("na", "nobody bought on or before as_of.", "as_of");
  const r = quintileScores(Float64Array.from(recency), false);
  const f = quintileScores(Float64Array.from(frequency), true);
  const m = quintileScores(Float64Array.from(monetary), true);
  return ids.map((customer, i) => ({
    customer,
    recency: recency[i]!,
    frequency: frequency[i]!,
    monetary: monetary[i]!,
    rScore: r[i]!,
    fScore: f[i]!,
    mScore: m[i]!,
    code: `${r[i]}${f[i]}${m[i]}`,
    segment: segmentOf(r[i]!, Math.floor((f[i]! + m[i]!) / 2)),
  }));
}
