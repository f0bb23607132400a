import { expect } from "../../support/expect";
import { netPromoterScore } from "../../../src/core/metrics/nps";
import { csat } from "../../../src/core/metrics/csat";
import { expectCrmError } from "../expectError";

describe("netPromoterScore", () => {
  it("is % promoters − % detractors: 100, 30, 80 → 9.52… (SPEC §2 worked example)", () => {
    // 100 × (100 − 80) ÷ 210 = 9.5238095…
    expect(netPromoterScore(100, 30, 80)).toBeCloseTo(9.5238095238, 9);
  });

  it("ranges from −100 (all detractors) to 100 (all promoters)", () => {
    expect(netPromoterScore(0, 0, 5)).toBe(-100);
    expect(netPromoterScore(5, 0, 0)).toBe(100);
  });

  describe("edge cases", () => {
    it("refuses a survey with no respondents", () => {
      expectCrmError(() => netPromoterScore(0, 0, 0), "div0");
    });
    it("refuses fractional counts", () => {
      expectCrmError(() => netPromoterScore(1.5, 0, 0), "num", "promoters");
    });
  });
});

describe("csat", () => {
  it("is the share of scores ≥ 4 on a 1–5 scale by default", () => {
    // scores 5, 4, 3, 2: two of four satisfied
    expect(csat([5, 4, 3, 2])).toBe(0.5);
  });

  it("does not count a cell with no response", () => {
    expect(csat([5, null, null, 1])).toBe(0.5);
  });

  it("takes another threshold and scale", () => {
    // 0–10 scale, satisfied from 7: 9 and 7 of 9, 7, 6 → 2/3
    expect(csat([9, 7, 6], { satisfiedFrom: 7, scaleMin: 0, scaleMax: 10 })).toBeCloseTo(2 / 3, 15);
  });

  describe("edge cases", () => {
    it("refuses a score off the scale with #VALUE!, naming its row (a row to fix, so the message shows)", () => {
      expectCrmError(() => csat([5, 4, 6]), "value", "scores", 3);
    });
    it("refuses no responses at all", () => {
      expectCrmError(() => csat([null, null]), "div0", "scores");
    });
    it("refuses a threshold off the scale and an empty scale", () => {
      expectCrmError(() => csat([5], { satisfiedFrom: 6 }), "num", "satisfied_from");
      expectCrmError(() => csat([5], { scaleMin: 5, scaleMax: 5 }), "num", "scale_min");
    });
  });
});
