/**
 * Net Promoter Score, from the three counts or from the 0–10 scores themselves. The bands
 * (promoter 9–10, passive 7–8, detractor 0–6) and the score are defined here and nowhere else.
 */
import { requireCount } from "../input/validate";
import { CrmError, describeWhere } from "../errors";
import { Messages } from "../messages";

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

/** Lowest and highest score of the NPS question ("How likely are you to recommend us?"). */
export const NPS_SCALE_MIN = 0;
export const NPS_SCALE_MAX = 10;

/** Respondents per NPS band: promoters score 9–10, passives 7–8, detractors 0–6. */
export interface NpsCounts {
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
}

/**
 * Sorts 0–10 survey scores into the NPS bands: promoters 9–10, passives 7–8, detractors 0–6
 * (SPEC §2 NPS). `null` is a cell with no response and is not counted; 0 is a score (a
 * detractor), never a blank: whoever reads the cells decides what an empty cell is.
 *
 * Reference: SPEC §2 (NPS); Reichheld, HBR 2003. Cost O(n) for n scores.
 *
 * @param scores one score per respondent, `null` for no response
 * @param argument the scores' argument name, for messages (default `scores`)
 * @throws CrmError `value` for a score that is not a whole number from 0 to 10, naming its
 *   1-based row within `scores`
 * @example npsCounts([10, 9, 8, 7, 6, 3, null]) //=> { promoters: 2, passives: 2, detractors: 2 }
 */
export function npsCounts(scores: ArrayLike<number | null>, argument = "scores"): NpsCounts {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i];
    if (score === null || score === undefined) continue;
    if (!(score >= NPS_SCALE_MIN && score <= NPS_SCALE_MAX)) {
      const row = i + 1;
      // A bad row the user must fix: #VALUE!, the code on which Excel shows the message.
      throw new CrmError(
        "value",
        Messages.scoreOutOfScale(
          describeWhere({ argument, row }),
          score,
          NPS_SCALE_MIN,
          NPS_SCALE_MAX
        ),
        argument,
        row
      );
    }
    if (!Number.isInteger(score)) {
      // 8.5 is neither passive nor promoter: the bands are defined on whole points only.
      const row = i + 1;
      throw new CrmError(
        "value",
        Messages.scoreNotWhole(
          describeWhere({ argument, row }),
          score,
          NPS_SCALE_MIN,
          NPS_SCALE_MAX
        ),
        argument,
        row
      );
    }
    if (score >= 9) promoters++;
    else if (score >= 7) passives++;
    else detractors++;
  }
  return { promoters, passives, detractors };
}

/**
 * Net Promoter Score from the 0–10 scores themselves: the scores are sorted into bands by
 * {@link npsCounts} and scored by {@link netPromoterScore}, so both forms share one definition.
 *
 * NPS = 100 × (promoters − detractors) ÷ responses, in [−100, 100]
 *
 * Reference: SPEC §2 (NPS). Cost O(n) for n scores.
 *
 * @param scores one score per respondent, `null` for no response
 * @param argument the scores' argument name, for messages (default `scores`)
 * @returns the NPS in points, from −100 to 100
 * @throws CrmError `value` for a score that is not a whole number from 0 to 10 (naming its row);
 *   `div0` when there are no responses
 * @example netPromoterScoreFromScores([10, 9, 8, 7, 6, 3]) //=> 0
 * @example netPromoterScoreFromScores([10, 9, 9, 7, 2]) //=> 40
 */
export function netPromoterScoreFromScores(
  scores: ArrayLike<number | null>,
  argument = "scores"
): number {
  const { promoters, passives, detractors } = npsCounts(scores, argument);
  if (promoters + passives + detractors === 0)
    throw new CrmError("div0", Messages.noResponses(argument), argument);
  return netPromoterScore(promoters, passives, detractors);
}
