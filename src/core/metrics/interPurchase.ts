/**
 * The gaps between a customer's purchases, and the inactive-days option the wizard suggests
 * from them (SPEC §4 "inactive days (suggested from the data)").
 */
import { DEFAULT_INACTIVE_DAYS } from "./customerBase";
import type { PurchaseHistories } from "../input/history";

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

/** The bounds of the suggestion, in days: a week and two years. */
const LOWEST = 7;
const HIGHEST = 730;

/** Suggestions are whole multiples of this many days. */
const STEP = 5;

/**
 * Suggests how many days without a purchase make a customer inactive: the `percentile`
 * (default 0.9) of the gaps between consecutive purchase days of each customer, rounded up to a
 * multiple of 5 and kept within 7 … 730 days. So 9 in 10 repeat purchases come sooner than the
 * suggestion: a customer silent for longer is unlikely to be between two ordinary purchases.
 * With no repeat purchases there are no gaps, and the suggestion is the default 90 days
 * ({@link DEFAULT_INACTIVE_DAYS}) with `gaps` 0 and `medianGap` null.
 *
 * Gaps are the differences in days between consecutive distinct purchase days of one customer
 * (a customer's days are already distinct and increasing in {@link PurchaseHistories}, so two
 * purchases on one day make no gap); with `asOf`, only purchase days on or before it count.
 * Percentiles are nearest-rank: the p-th percentile of n gaps is the ⌈p·n⌉-th smallest (at
 * least the first), so it is always a gap that occurred; `medianGap` is the one at p = 0.5.
 * `percentile` is clamped to 0 … 1 (not a number: 0.9).
 *
 * Cost O(purchase days + d log d) time and O(d) memory for d distinct gap lengths (d ≤ purchase
 * days): gaps are whole days, so they are counted in a histogram by length and the ranks are
 * read off its cumulative counts; the gaps themselves are never stored or sorted.
 *
 * @see https://en.wikipedia.org/wiki/Percentile#The_nearest-rank_method
 * @example // a buys on days 1, 11, 41; b on 5, 25 → gaps 10, 30, 20; rank ⌈0.9 × 3⌉ = 3 → 30
 * suggestInactiveDays(histories) //=> { days: 30, gaps: 3, percentile: 0.9, medianGap: 20 }
 */
export function suggestInactiveDays(
  histories: PurchaseHistories,
  options: { readonly percentile?: number; readonly asOf?: number } = {}
): InactiveDaysSuggestion {
  const wanted = options.percentile ?? 0.9;
  const percentile = Number.isNaN(wanted) ? 0.9 : Math.min(1, Math.max(0, wanted));
  const asOf = options.asOf ?? Number.POSITIVE_INFINITY;
  const { start, days } = histories;
  const histogram = new Map<number, number>(); // gap length in days → how many gaps
  let gaps = 0;
  for (let c = 0; c < histories.customerIds.length; c++) {
    for (let i = start[c]! + 1; i < start[c + 1]! && days[i]! <= asOf; i++) {
      const gap = days[i]! - days[i - 1]!;
      histogram.set(gap, (histogram.get(gap) ?? 0) + 1);
      gaps++;
    }
  }
  if (gaps === 0) return { days: DEFAULT_INACTIVE_DAYS, gaps: 0, percentile, medianGap: null };

  const lengths = [...histogram.keys()].sort((a, b) => a - b);
  /** The gap of nearest rank ⌈p·n⌉; the tolerance keeps 0.28 × 25 (7.000000000000001) at 7. */
  const gapAt = (p: number): number => {
    const rank = Math.min(gaps, Math.max(1, Math.ceil(p * gaps - 1e-9)));
    let seen = 0;
    for (const length of lengths) {
      seen += histogram.get(length)!;
      if (seen >= rank) return length;
    }
    return lengths[lengths.length - 1]!;
  };
  const suggested = Math.ceil(gapAt(percentile) / STEP) * STEP;
  return {
    days: Math.min(HIGHEST, Math.max(LOWEST, suggested)),
    gaps,
    percentile,
    medianGap: gapAt(0.5),
  };
}
