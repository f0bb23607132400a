/**
 * The gaps between a customer's purchases, and the inactive-days option the wizard suggests
 * from them (SPEC §4 "inactive days (suggested from the data)").
 */
import { DEFAULT_INACTIVE_DAYS } from "./customerBase";
import type { PurchaseHistories } from "./history";

export interface InactiveDaysSuggestion {
  /** the suggested inactive days */
  readonly days: number;
  /** gaps seen (consecutive purchase days of one customer) */
  readonly gaps: number;
  /** the percentile used, 0 … 1 */
  readonly percentile: number;
  /** the median gap in days, null when nobody bought twice */
  readonly medianGap: number | null;
}

const LOWEST = 7;
const HIGHEST = 730;

/**
 * Suggests how many days without a purchase make a customer inactive: the `percentile`
 * (default 0.9, nearest rank) of the gaps between consecutive purchase days of each customer,
 * rounded up to a multiple of 5 and kept within 7 … 730 days. So 9 in 10 repeat purchases come
 * sooner than the suggestion: a customer silent for longer is unlikely to be between two
 * ordinary purchases. With no repeat purchases there are no gaps, and the suggestion is the
 * default 90 days.
 *
 * Gaps are the differences between consecutive distinct purchase days of one customer (a
 * customer's days are already distinct and increasing in {@link PurchaseHistories}); with
 * `asOf`, only purchase days on or before it count. `medianGap` is the nearest-rank median.
 * `percentile` is clamped to 0 … 1.
 *
 * Cost O(purchase days + longest gap): a histogram of whole-day gaps, no sort.
 *
 * @example // a buys on days 1, 11, 41; b on 5, 25 → gaps 10, 30, 20; the 90th percentile is 30
 * suggestInactiveDays(histories) //=> { days: 30, gaps: 3, percentile: 0.9, medianGap: 20 }
 */
export function suggestInactiveDays(
  histories: PurchaseHistories,
  options: { readonly percentile?: number; readonly asOf?: number } = {}
): InactiveDaysSuggestion {
  const wanted = options.percentile ?? 0.9;
  const percentile = Number.isFinite(wanted) ? Math.min(1, Math.max(0, wanted)) : 0.9;
  const asOf = options.asOf ?? Number.POSITIVE_INFINITY;
  const { start, days } = histories;
  const counts = new Map<number, number>(); // whole-day gap length → how many gaps
  let gaps = 0;
  let longest = 0;
  for (let c = 0; c < histories.customerIds.length; c++) {
    for (let i = start[c]! + 1; i < start[c + 1]! && days[i]! <= asOf; i++) {
      const gap = days[i]! - days[i - 1]!;
      counts.set(gap, (counts.get(gap) ?? 0) + 1);
      gaps++;
      if (gap > longest) longest = gap;
    }
  }
  if (gaps === 0) return { days: DEFAULT_INACTIVE_DAYS, gaps: 0, percentile, medianGap: null };
  // nearest rank ⌈p·n⌉; the small tolerance keeps 0.9 × 10 from rounding up to rank 10
  const rank = (p: number) => Math.min(gaps, Math.max(1, Math.ceil(p * gaps - 1e-9)));
  const gapAtRank = (wanted: number): number => {
    let seen = 0;
    for (let gap = 1; gap <= longest; gap++) {
      seen += counts.get(gap) ?? 0;
      if (seen >= wanted) return gap;
    }
    return longest;
  };
  const atPercentile = gapAtRank(rank(percentile));
  const suggested = Math.min(HIGHEST, Math.max(LOWEST, Math.ceil(atPercentile / 5) * 5));
  return { days: suggested, gaps, percentile, medianGap: gapAtRank(rank(0.5)) };
}
