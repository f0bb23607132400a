/**
 * The shifted-beta-geometric retention model (src/core/models/shiftedBetaGeometric.ts) against
 * the published numbers of Fader & Hardie (2007), "How to Project Customer Retention", Journal of
 * Interactive Marketing 21(1): the "regular" and "high end" cohorts of 1,000 customers each,
 * years 0–7 for the fit and years 8–12 held out (SPEC §2 "Contractual retention").
 */
import { expect } from "../../support/expect";
import {
  checkSurvivorCounts,
  fitShiftedBetaGeometric,
  sbgChurnProbability,
  sbgExpectedLifetime,
  sbgLogLikelihood,
  sbgResidualLifetime,
  sbgRetentionRate,
  sbgSurvival,
  sbgSurvivalCurve,
  type SbgParams,
} from "../../../src/core/models/shiftedBetaGeometric";
import { expectCrmError } from "../expectError";

// Fader & Hardie (2007), the two cohorts' survivors at years 0–7 and the holdout years 8–12.
const REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241];
const REGULAR_HOLDOUT = [223, 207, 194, 183, 173];
const HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491];
const HIGH_END_HOLDOUT = [468, 445, 427, 409, 394];

const roundsTo = (actual: number, published: number, decimals: number) =>
  expect(Math.abs(actual - published), `${actual} vs ${published}`).toBeLessThanOrEqual(
    0.5 * 10 ** -decimals + 1e-12
  );

describe("fitShiftedBetaGeometric on Fader & Hardie's (2007) cohorts", () => {
  const regular = fitShiftedBetaGeometric(REGULAR);
  const highEnd = fitShiftedBetaGeometric(HIGH_END);

  it('fits "regular" to α 0.704, β 1.182, LL −1680.27 (Fader & Hardie 2007; SPEC §2)', () => {
    roundsTo(regular.alpha, 0.704, 3);
    roundsTo(regular.beta, 1.182, 3);
    roundsTo(regular.logLikelihood, -1680.27, 2);
    expect(regular).toMatchObject({ periods: 7, cohortSize: 1000, survivorsAtEnd: 241 });
  });

  it('fits "high end" to α 0.668, β 3.806, LL −1611.16 (Fader & Hardie 2007; SPEC §2)', () => {
    roundsTo(highEnd.alpha, 0.668, 3);
    roundsTo(highEnd.beta, 3.806, 3);
    roundsTo(highEnd.logLikelihood, -1611.16, 2);
  });

  it("reports the log-likelihood that sbgLogLikelihood gives at the estimate", () => {
    expect(sbgLogLikelihood(regular, REGULAR)).toBeCloseTo(regular.logLikelihood, 9);
    // and the published rounded parameters give the published LL to its 2 decimals
    roundsTo(sbgLogLikelihood({ alpha: 0.704, beta: 1.182 }, REGULAR), -1680.27, 2);
  });

  it("is a maximum: nudging either parameter by 1% lowers the likelihood", () => {
    for (const [fit, data] of [
      [regular, REGULAR],
      [highEnd, HIGH_END],
    ] as const) {
      for (const nudge of [
        { alpha: fit.alpha * 1.01, beta: fit.beta },
        { alpha: fit.alpha * 0.99, beta: fit.beta },
        { alpha: fit.alpha, beta: fit.beta * 1.01 },
        { alpha: fit.alpha, beta: fit.beta * 0.99 },
      ]) {
        expect(sbgLogLikelihood(nudge, data)).toBeLessThan(fit.logLikelihood);
      }
    }
  });

  it("gives standard errors from the observed information: positive, smaller than the estimates", () => {
    // √diag of the inverse Hessian at the estimate (computed here by this code: the paper
    // reports none); a second-difference check of their size: ≈ 0.066 and 0.152 for "regular"
    expect(regular.alphaStandardError).toBeGreaterThan(0.06);
    expect(regular.alphaStandardError).toBeLessThan(0.07);
    expect(regular.betaStandardError).toBeGreaterThan(0.14);
    expect(regular.betaStandardError).toBeLessThan(0.16);
    expect(highEnd.alphaStandardError!).toBeLessThan(highEnd.alpha);
    expect(highEnd.betaStandardError!).toBeLessThan(highEnd.beta);
  });

  it("projects years 8–12 within 5% of the held-out counts, slightly below them (holdout counts: Fader & Hardie 2007; the 5% tolerance is ours)", () => {
    // Computed: regular 220.1, 204.4, 191.2, 179.9, 170.0 against 223, 207, 194, 183, 173;
    // high end 460.4, 435.8, 414.2, 395.1, 378.0 against 468, 445, 427, 409, 394 (4.1% at most).
    for (const [fit, holdout] of [
      [regular, REGULAR_HOLDOUT],
      [highEnd, HIGH_END_HOLDOUT],
    ] as const) {
      holdout.forEach((actual, i) => {
        const projected = 1000 * sbgSurvival(fit, 8 + i);
        expect(Math.abs(projected - actual) / actual, `year ${8 + i}`).toBeLessThan(0.05);
        expect(projected).toBeLessThan(actual);
      });
    }
  });

  it('projects "high end" survival 0.460, 0.436, 0.414, 0.395, 0.378 for years 8–12 (the example of the Python sBG implementation "shifted_beta_geometric", README)', () => {
    [0.46, 0.436, 0.414, 0.395, 0.378].forEach((published, i) =>
      roundsTo(sbgSurvival(highEnd, 8 + i), published, 3)
    );
  });

  it('gives the "high end" survivors after 7 years a DERL of 7.530 at 10% (same README)', () => {
    roundsTo(sbgResidualLifetime(highEnd, 0.1, 7), 7.53, 3);
  });

  it("fits in a few milliseconds and tens of iterations", () => {
    const started = performance.now();
    const fit = fitShiftedBetaGeometric(HIGH_END);
    expect(performance.now() - started).toBeLessThan(50);
    expect(fit.iterations).toBeLessThan(100);
  });
});

describe("the model's curves", () => {
  const params: SbgParams = { alpha: 0.704, beta: 1.182 };

  it("S(t) = B(α, β + t)/B(α, β): with α = β = 1, S(t) = 1/(t + 1)", () => {
    // ∫₀¹ (1 − θ)ᵗ dθ = 1/(t + 1), computed by hand
    for (let t = 0; t <= 10; t++)
      expect(sbgSurvival({ alpha: 1, beta: 1 }, t)).toBeCloseTo(1 / (t + 1), 14);
  });

  it("P(T = t) sums with S to 1 and equals S(t − 1) − S(t)", () => {
    let cumulative = 0;
    for (let t = 1; t <= 30; t++) {
      const p = sbgChurnProbability(params, t);
      expect(p).toBeCloseTo(sbgSurvival(params, t - 1) - sbgSurvival(params, t), 14);
      cumulative += p;
      expect(cumulative + sbgSurvival(params, t)).toBeCloseTo(1, 12);
    }
  });

  it("r_t = S(t)/S(t − 1) = (β + t − 1)/(α + β + t − 1) rises with tenure (the sorting effect)", () => {
    let previous = 0;
    for (let t = 1; t <= 20; t++) {
      const r = sbgRetentionRate(params, t);
      expect(r).toBeCloseTo(sbgSurvival(params, t) / sbgSurvival(params, t - 1), 14);
      expect(r).toBeGreaterThan(previous);
      previous = r;
    }
    // r₁ = β/(α + β) = 1.182/1.886, by hand
    expect(sbgRetentionRate(params, 1)).toBeCloseTo(1.182 / 1.886, 15);
  });

  it("sbgSurvivalCurve equals S(t) term by term", () => {
    const curve = sbgSurvivalCurve(params, 5, 40);
    expect(curve.length).toBe(36);
    curve.forEach((s, i) => expect(s).toBeCloseTo(sbgSurvival(params, 5 + i), 14));
  });

  it("E[T] = (α + β − 1)/(α − 1) for α > 1 (= Σ S(t)), infinite for α ≤ 1", () => {
    expect(sbgExpectedLifetime({ alpha: 3, beta: 4 })).toBe(3); // 6/2
    const sum = sbgSurvivalCurve({ alpha: 3, beta: 4 }, 0, 20000).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(3, 4);
    expect(sbgExpectedLifetime(params)).toBe(Number.POSITIVE_INFINITY);
    expect(sbgExpectedLifetime({ alpha: 1, beta: 2 })).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("sbgResidualLifetime (DERL, Fader & Hardie 2010)", () => {
  /** Σₜ₌ₙ₊₁.. S(t)/S(n) (1 + d)^−(t − n − 1), summed directly */
  const direct = (p: SbgParams, d: number, n: number) => {
    const curve = sbgSurvivalCurve(p, n, n + 40000);
    let sum = 0;
    for (let i = 1; i < curve.length; i++) sum += (curve[i]! / curve[0]!) * (1 + d) ** -(i - 1);
    return sum;
  };

  it("equals its definition, the discounted sum of future survival, for several n and d", () => {
    for (const p of [
      { alpha: 0.704, beta: 1.182 },
      { alpha: 0.668, beta: 3.806 },
      { alpha: 3.8, beta: 15.2 },
    ]) {
      for (const d of [0.05, 0.1, 0.3]) {
        for (const n of [0, 1, 7, 25]) {
          const value = sbgResidualLifetime(p, d, n);
          expect(Math.abs(value - direct(p, d, n)) / value).toBeLessThan(1e-9);
        }
      }
    }
  });

  it("rises with the renewals made (loyal customers stay) and falls with the discount rate", () => {
    const p = { alpha: 0.704, beta: 1.182 };
    expect(sbgResidualLifetime(p, 0.1, 5)).toBeGreaterThan(sbgResidualLifetime(p, 0.1, 0));
    expect(sbgResidualLifetime(p, 0.2, 5)).toBeLessThan(sbgResidualLifetime(p, 0.1, 5));
  });

  it("at d = 0 is (β + n)/(α − 1) for α > 1 and infinite for α ≤ 1", () => {
    expect(sbgResidualLifetime({ alpha: 3, beta: 4 }, 0, 2)).toBe(3); // (4 + 2)/2
    // new customer: 1 + DERL(0) = E[T]
    expect(1 + sbgResidualLifetime({ alpha: 3, beta: 4 }, 0, 0)).toBe(
      sbgExpectedLifetime({ alpha: 3, beta: 4 })
    );
    expect(sbgResidualLifetime({ alpha: 0.704, beta: 1.182 }, 0, 3)).toBe(Number.POSITIVE_INFINITY);
  });

  it("stays accurate for a small discount rate (₂F₁ near z = 1)", () => {
    const p = { alpha: 3.8, beta: 15.2 };
    const value = sbgResidualLifetime(p, 0.001, 10);
    expect(Math.abs(value - direct(p, 0.001, 10)) / value).toBeLessThan(1e-6);
  });

  it("stays accurate for many renewals (where a general ₂F₁ loses digits)", () => {
    for (const p of [
      { alpha: 0.668, beta: 3.806 },
      { alpha: 3.8, beta: 15.2 },
    ]) {
      for (const n of [100, 1000, 10000]) {
        const value = sbgResidualLifetime(p, 0.01, n);
        expect(Math.abs(value - direct(p, 0.01, n)) / value).toBeLessThan(1e-9);
      }
    }
    // as renewals grow, retention tends to 1 and the DERL to Σ (1 + d)^−k = (1 + d)/d
    expect(sbgResidualLifetime({ alpha: 0.668, beta: 3.806 }, 0.1, 1e15)).toBeCloseTo(11, 10);
  });

  it("refuses a discount rate strictly between 0 and 0.0001 (billions of terms), in a few milliseconds at 0.0001", () => {
    expectCrmError(
      () => sbgResidualLifetime({ alpha: 1, beta: 1 }, 1e-5, 0),
      "num",
      "discount_rate"
    );
    const started = performance.now();
    sbgResidualLifetime({ alpha: 0.668, beta: 3.806 }, 1e-4, 0);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("refuses a negative discount rate and fractional renewals", () => {
    expectCrmError(
      () => sbgResidualLifetime({ alpha: 1, beta: 1 }, -0.1, 0),
      "num",
      "discount_rate"
    );
    expectCrmError(() => sbgResidualLifetime({ alpha: 1, beta: 1 }, 0.1, 1.5), "num", "renewals");
  });
});

describe("survivor counts are checked, naming the argument and row", () => {
  it("refuses a count that rises, a fraction, a negative, a first count of 0", () => {
    expectCrmError(() => checkSurvivorCounts([100, 80, 90]), "num", "survivors", 3);
    expectCrmError(() => checkSurvivorCounts([100, 80.5, 60]), "num", "survivors", 2);
    expectCrmError(() => checkSurvivorCounts([100, -1, 0]), "num", "survivors", 2);
    expectCrmError(() => checkSurvivorCounts([0, 0, 0]), "num", "survivors", 1);
  });

  it("needs the start and at least 2 periods", () => {
    const error = expectCrmError(() => fitShiftedBetaGeometric([100, 60]), "na", "survivors");
    expect(error.message).toContain("at least 3");
    expectCrmError(() => fitShiftedBetaGeometric([100]), "na", "survivors");
  });
});

describe("degenerate cohorts fail with a clear message, never a boundary estimate", () => {
  it("nobody cancels", () => {
    const error = expectCrmError(() => fitShiftedBetaGeometric([500, 500, 500, 500]), "value");
    expect(error.message).toContain("Nobody");
  });

  it("everybody cancels in the first period", () => {
    const error = expectCrmError(() => fitShiftedBetaGeometric([500, 0, 0]), "value");
    expect(error.message).toContain("first period");
  });

  it("a retention rate that does not rise with tenure (no heterogeneity): names the constant rate", () => {
    // exactly geometric with retention 0.5: 1000, 500, 250, 125, …, 0.5 a period
    const error = expectCrmError(
      () => fitShiftedBetaGeometric([1024, 512, 256, 128, 64, 32, 16]),
      "value"
    );
    expect(error.message).toMatch(/runs off to|nearly flat/);
    expect(error.message).toContain("0.5 per period");
  });

  it("retention that falls with tenure (churn accelerating)", () => {
    expectCrmError(() => fitShiftedBetaGeometric([1000, 900, 700, 400, 100]), "value");
  });
});
