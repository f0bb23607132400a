/**
 * Net Promoter Score.
 */
import { requireCount } from "./validate";
import { CrmError } from "./errors";
import { Messages } from "./messages";

/**
 * Net Promoter Score (NPS), 净推荐值: the percentage of promoters (scores 9–10) minus the
 * percentage of detractors (scores 0–6) among all respondents, on a scale from −100 to 100.
 *
 * NPS = 100 × (promoters − detractors) ÷ (promoters + passives + detractors)
 *
 * Unlike the rates, NPS is a score in points, not a fraction: 9.52 means +9.52 points.
 *
 * Reference: SPEC §2; Reichheld, "The One Number You Need to Grow", HBR 2003. Cost O(1).
 *
 * @throws CrmError `div0` when there are no respondents; `num` for negative or fractional counts,
 *   or counts above 2^53 − 1
 * @example netPromoterScore(100, 30, 80) //=> 9.523809523809524
 */
export function netPromoterScore(promoters: number, passives: number, detractors: number): number {
  requireCount(promoters, "promoters");
  requireCount(passives, "passives");
  requireCount(detractors, "detractors");
  const respondents = promoters + passives + detractors;
  if (respondents === 0)
    throw new CrmError("div0", Messages.noResponses("respondents"), "promoters");
  // Counts are at most 2^53 − 1 (requireCount), so the sum and the difference are finite, and
  // |promoters − detractors| ≤ respondents; the clamp only guards the last rounding.
  const score = (100 * (promoters - detractors)) / respondents;
  return Math.min(100, Math.max(-100, score));
}
