/**
 * Customer satisfaction score.
 */
import { CrmError } from "../errors";
import { Messages } from "../messages";
import { requireFinite } from "../input/validate";

export interface CsatOptions {
  /** lowest score counted as satisfied (default 4) */
  readonly satisfiedFrom?: number;
  /** lowest score on the scale (default 1) */
  readonly scaleMin?: number;
  /** highest score on the scale (default 5) */
  readonly scaleMax?: number;
}

/**
 * Customer satisfaction (CSAT), 客户满意度: the share of responses at or above the satisfied
 * threshold (by default 4 or 5 on a 1–5 scale).
 *
 * CSAT = responses with score ≥ satisfiedFrom ÷ responses
 *
 * `null` entries are cells with no response and are not counted; every other score must lie
 * on the scale.
 *
 * Reference: SPEC §2 (CSAT). Cost O(n) for n scores.
 *
 * @param scores one score per respondent, `null` for no response
 * @returns a fraction in [0, 1]
 * @throws CrmError `value` for a score off the scale (naming its row); `num` for a bad scale;
 *   `div0` when there are no responses
 * @example csat([5, 4, 3, null, 2]) //=> 0.5
 */
export function csat(scores: ArrayLike<number | null>, options: CsatOptions = {}): number {
  const { satisfiedFrom = 4, scaleMin = 1, scaleMax = 5 } = options;
  requireFinite(satisfiedFrom, "satisfied_from");
  requireFinite(scaleMin, "scale_min");
  requireFinite(scaleMax, "scale_max");
  if (!(scaleMin < scaleMax))
    throw new CrmError("num", Messages.badScale(scaleMin, scaleMax), "scale_min");
  if (satisfiedFrom < scaleMin || satisfiedFrom > scaleMax) {
    throw new CrmError(
      "num",
      Messages.thresholdOutOfScale(satisfiedFrom, scaleMin, scaleMax),
      "satisfied_from"
    );
  }
  let responses = 0;
  let satisfied = 0;
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i];
    if (score === null || score === undefined) continue;
    if (!(score >= scaleMin && score <= scaleMax)) {
      const row = i + 1;
      // A bad row the user must fix: #VALUE!, the code on which Excel shows the message.
      throw new CrmError(
        "value",
        Messages.scoreOutOfScale(`scores, row ${row}`, score, scaleMin, scaleMax),
        "scores",
        row
      );
    }
    responses++;
    if (score >= satisfiedFrom) satisfied++;
  }
  if (responses === 0) throw new CrmError("div0", Messages.noResponses("scores"), "scores");
  return satisfied / responses;
}
