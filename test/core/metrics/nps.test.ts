/**
 * NPS from the 0–10 scores themselves (src/core/metrics/nps.ts): the bands, the score, and how blanks
 * and bad scores are handled. The count form's worked example is in satisfaction.test.ts.
 */
import { expect } from "../../support/expect";
import fc from "fast-check";
import {
  netPromoterScore,
  netPromoterScoreFromScores,
  npsCounts,
} from "../../../src/core/metrics/nps";
import { expectCrmError } from "../expectError";

/** `count` copies of `score`. */
const repeat = (score: number, count: number): number[] =>
  Array.from({ length: count }, () => score);

describe("npsCounts", () => {
  it("sorts scores into promoters 9–10, passives 7–8, detractors 0–6 (SPEC §2 NPS)", () => {
    // every point of the scale once: 9, 10 promote; 7, 8 are passive; 0…6 detract
    expect(npsCounts([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual({
      promoters: 2,
      passives: 2,
      detractors: 7,
    });
  });

  it("puts each band edge in its own band: 6 detracts, 7 is passive, 8 is passive, 9 promotes", () => {
    expect(npsCounts([6])).toEqual({ promoters: 0, passives: 0, detractors: 1 });
    expect(npsCounts([7])).toEqual({ promoters: 0, passives: 1, detractors: 0 });
    expect(npsCounts([8])).toEqual({ promoters: 0, passives: 1, detractors: 0 });
    expect(npsCounts([9])).toEqual({ promoters: 1, passives: 0, detractors: 0 });
  });

  it("does not count null (no response), and counts 0 as a score: a detractor", () => {
    expect(npsCounts([10, null, 0, null])).toEqual({ promoters: 1, passives: 0, detractors: 1 });
  });
});

describe("netPromoterScoreFromScores", () => {
  it("10, 9, 8, 7, 6, 3 → 0: (2 promoters − 2 detractors) ÷ 6 × 100 (computed by hand from SPEC §2 NPS)", () => {
    expect(netPromoterScoreFromScores([10, 9, 8, 7, 6, 3])).toBe(0);
  });

  it("10, 9, 9, 7, 2 → 40: (3 promoters − 1 detractor) ÷ 5 × 100 (computed by hand from SPEC §2 NPS)", () => {
    expect(netPromoterScoreFromScores([10, 9, 9, 7, 2])).toBe(40);
  });

  it("the SPEC §2 worked example as scores: 100 tens, 30 eights, 80 fives → 9.52…", () => {
    // 100 × (100 − 80) ÷ 210 = 9.5238095…, as netPromoterScore(100, 30, 80)
    const scores = [...repeat(10, 100), ...repeat(8, 30), ...repeat(5, 80)];
    expect(netPromoterScoreFromScores(scores)).toBeCloseTo(9.5238095238, 9);
  });

  it("leaves out cells with no response: 10, –, 9, –, 3 → 33.33…", () => {
    // 3 responses: 2 promoters, 1 detractor → (2 − 1) ÷ 3 × 100
    expect(netPromoterScoreFromScores([10, null, 9, null, 3])).toBeCloseTo(100 / 3, 12);
  });

  it("ranges from −100 (only detractors) to 100 (only promoters)", () => {
    expect(netPromoterScoreFromScores([0, 6, 3])).toBe(-100);
    expect(netPromoterScoreFromScores([9, 10])).toBe(100);
    expect(netPromoterScoreFromScores([7, 8])).toBe(0);
  });

  it("agrees with the count form on the counts of its bands, and stays in [−100, 100]", () => {
    const score = fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constant(null));
    fc.assert(
      fc.property(fc.array(score, { minLength: 1, maxLength: 200 }), (scores) => {
        fc.pre(scores.some((s) => s !== null));
        const { promoters, passives, detractors } = npsCounts(scores);
        const fromScores = netPromoterScoreFromScores(scores);
        expect(fromScores).toBe(netPromoterScore(promoters, passives, detractors));
        expect(fromScores).toBeGreaterThanOrEqual(-100);
        expect(fromScores).toBeLessThanOrEqual(100);
      })
    );
  });

  describe("edge cases", () => {
    it("refuses a score above 10 or below 0 with #VALUE!, naming its row", () => {
      const above = expectCrmError(
        () => netPromoterScoreFromScores([10, 9, 11]),
        "value",
        "scores",
        3
      );
      expect(above.message).toBe("scores, row 3 is 11, outside the scale 0 to 10.");
      expectCrmError(() => netPromoterScoreFromScores([-1, 9]), "value", "scores", 1);
    });

    it("refuses a fractional score with #VALUE!, naming its row: 8.5 is in no band", () => {
      const error = expectCrmError(
        () => netPromoterScoreFromScores([10, null, 8.5]),
        "value",
        "scores",
        3
      );
      expect(error.message).toBe("scores, row 3 is 8.5; scores are whole numbers from 0 to 10.");
    });

    it("refuses a survey with no responses with #DIV/0! (as CSAT does)", () => {
      expectCrmError(() => netPromoterScoreFromScores([null, null]), "div0", "scores");
      expectCrmError(() => netPromoterScoreFromScores([]), "div0", "scores");
    });

    it("names the argument it is given", () => {
      expectCrmError(() => npsCounts([12], "answers"), "value", "answers", 1);
      expectCrmError(() => netPromoterScoreFromScores([null], "answers"), "div0", "answers");
    });
  });
});
