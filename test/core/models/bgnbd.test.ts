import { expect } from "../../support/expect";
import {
  bgnbdCustomerLogLikelihood,
  bgnbdLogLikelihood,
  expectedPurchases,
  expectedPurchasesPopulation,
  fitBgnbd,
  probabilityAlive,
  type BgnbdFit,
  type BgnbdParams,
} from "../../../src/core/models/bgnbd";
import { customerSummary, type CustomerSummary } from "../../../src/core/models/customerSummary";
import {
  digamma,
  trigamma,
  gammaSign,
  hyp2f1,
  hyp2f1MinusOne,
  logGamma,
} from "../../../src/core/models/special";
import { CDNOW_CALIBRATION_END, loadCdnowSample } from "../../support/cdnow";
import { expectCrmError } from "../expectError";

/** |actual − expected| ≤ tolerance × |expected| */
function expectRelative(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

/** FHL 2005's estimates as printed (4 decimals). */
const PUBLISHED: BgnbdParams = { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 };

describe("special functions (src/core/models/special.ts)", () => {
  describe("logGamma", () => {
    it("is 0 at 1 and 2 and ln((n − 1)!) at the integers", () => {
      expect(logGamma(1)).toBe(0);
      expect(logGamma(2)).toBe(0);
      expectRelative(logGamma(10), Math.log(362880), 1e-15);
      let logFactorial = 0;
      for (let k = 2; k < 100; k++) logFactorial += Math.log(k);
      expectRelative(logGamma(100), logFactorial, 1e-14); // ln 99!
    });

    it("is ln √π at 1/2 and ln(√π/2) at 3/2", () => {
      expectRelative(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-15);
      expectRelative(logGamma(1.5), 0.5 * Math.log(Math.PI) - Math.LN2, 1e-15);
    });

    it("keeps full relative accuracy next to its zeros at 1 and 2", () => {
      // ln Γ(1 + ε) = −γε + ζ(2)ε²/2 − …; values from mpmath 1.3.0 loggamma at 30 digits, at
      // the doubles nearest 1.0000001 and 1.9999999 (not at the decimals: their difference moves
      // the result in the 9th digit)
      expectRelative(logGamma(1.0000001), -5.772155829918507e-8, 1e-14);
      expectRelative(logGamma(1.9999999), -4.22784303098613e-8, 1e-14);
    });

    it("matches 30-digit values elsewhere (mpmath 1.3.0 loggamma)", () => {
      expectRelative(logGamma(0.01), 4.599479878042022, 1e-15);
      expectRelative(logGamma(0.3), 1.0957979948180756, 1e-15);
      expectRelative(logGamma(3.7), 1.4280723266653879, 1e-15);
      expectRelative(logGamma(12.5), 18.734347511936445, 1e-15);
      expectRelative(logGamma(1e10), 220258509288.81058, 1e-15);
    });

    it("gives ln |Γ| for negative non-integers and +Infinity at the poles", () => {
      expectRelative(logGamma(-0.5), Math.log(2 * Math.sqrt(Math.PI)), 1e-15); // Γ(−1/2) = −2√π
      expect(gammaSign(-0.5)).toBe(-1);
      expect(gammaSign(-1.5)).toBe(1);
      expect(logGamma(0)).toBe(Number.POSITIVE_INFINITY);
      expect(logGamma(-3)).toBe(Number.POSITIVE_INFINITY);
    });
  });

  describe("digamma", () => {
    it("is −γ at 1, −γ − 2 ln 2 at 1/2 and H₁₀ − γ at 11", () => {
      const eulerGamma = 0.5772156649015329;
      expect(digamma(1)).toBeCloseTo(-eulerGamma, 15);
      expect(digamma(0.5)).toBeCloseTo(-eulerGamma - 2 * Math.LN2, 14);
      let harmonic = 0;
      for (let k = 1; k <= 10; k++) harmonic += 1 / k;
      expect(digamma(11)).toBeCloseTo(harmonic - eulerGamma, 14);
    });

    it("matches 30-digit values (mpmath 1.3.0 digamma)", () => {
      expect(digamma(0.3)).toBeCloseTo(-3.502524222200133, 14);
      expect(digamma(12.5)).toBeCloseTo(2.485195651274912, 14);
    });
  });

  describe("trigamma", () => {
    it("is π²/6 at 1, π²/2 at 1/2 and π²/6 − Σₖ≤₁₀ 1/k² at 11 (A&S 6.4.2, 6.4.4, 6.4.6)", () => {
      const zeta2 = (Math.PI * Math.PI) / 6;
      expectRelative(trigamma(1), zeta2, 1e-15);
      expectRelative(trigamma(0.5), 3 * zeta2, 1e-15);
      let squares = 0;
      for (let k = 1; k <= 10; k++) squares += 1 / (k * k);
      expectRelative(trigamma(11), zeta2 - squares, 1e-14);
    });

    it("is the derivative of digamma, from 10⁻³ to 10⁶", () => {
      for (const x of [1e-3, 0.24, 0.79, 2.4, 9.99, 10, 31.7, 1e6]) {
        const h = 1e-4 * x;
        expectRelative(trigamma(x), (digamma(x + h) - digamma(x - h)) / (2 * h), 1e-7);
      }
    });

    it("is NaN where it is not defined here (x ≤ 0, NaN)", () => {
      for (const x of [0, -1, -0.5, Number.NaN]) expect(trigamma(x)).toBeNaN();
    });
  });

  describe("hyp2f1", () => {
    const logSeries = (z: number) => -Math.log1p(-z) / z; // ₂F₁(1, 1; 2; z)

    it("₂F₁(1, 1; 2; z) = −ln(1 − z)/z for z from −10⁶ to 1 − 10⁻¹²", () => {
      for (const z of [-1e6, -3, -0.5, -1e-6, 0.3, 0.5, 0.9, 0.999999])
        expectRelative(hyp2f1(1, 1, 2, z), logSeries(z), 5e-15);
      // 1 − 10⁻¹² is exact in binary? No: take z from its exact complement so both sides agree
      const z = 1 - 2 ** -40;
      expectRelative(hyp2f1(1, 1, 2, z), (40 * Math.LN2) / z, 1e-14);
    });

    it("₂F₁(a, b; b; z) = (1 − z)^−a", () => {
      expectRelative(hyp2f1(0.7, 2.5, 2.5, 0.8), 0.2 ** -0.7, 1e-14);
      expectRelative(hyp2f1(0.7, 2.5, 2.5, -5), 6 ** -0.7, 1e-14);
    });

    it("₂F₁(1/2, 1/2; 3/2; z²) = arcsin(z)/z and ₂F₁(1/2, 1; 3/2; −z²) = arctan(z)/z", () => {
      expectRelative(hyp2f1(0.5, 0.5, 1.5, 0.81), Math.asin(0.9) / 0.9, 1e-14);
      expectRelative(
        hyp2f1(0.5, 0.5, 1.5, 0.999),
        Math.asin(Math.sqrt(0.999)) / Math.sqrt(0.999),
        1e-14
      );
      expectRelative(hyp2f1(0.5, 1, 1.5, -100), Math.atan(10) / 10, 1e-14);
    });

    it("a terminating series is a polynomial: ₂F₁(−3, 2; 5; −7) = 78 (by hand: 1 + 8.4 + 29.4 + 39.2)", () => {
      expect(hyp2f1(-3, 2, 5, -7)).toBeCloseTo(78, 12);
    });

    it("at z = 1 is Gauss's Γ(c)Γ(c − a − b)/(Γ(c − a)Γ(c − b)): ₂F₁(1, 2; 7/2; 1) = 5", () => {
      expect(hyp2f1(1, 2, 3.5, 1)).toBeCloseTo(5, 13);
      expect(hyp2f1(1, 2, 3, 1)).toBeNaN(); // c − a − b = 0: diverges
    });

    it("with c − a − b a whole number (the logarithmic case) near z = 1", () => {
      // ₂F₁(1, 1; 2; z) has c − a − b = 0; ₂F₁(2, 1; 3; z) = 2(−ln(1 − z) − z)/z², c − a − b = 0
      const z = 0.99;
      expectRelative(hyp2f1(2, 1, 3, z), (2 * (-Math.log1p(-z) - z)) / z ** 2, 1e-14);
    });

    it("hyp2f1MinusOne keeps its relative accuracy where ₂F₁ is next to 1", () => {
      // ₂F₁(1, 1; 2; −z) − 1 = ln(1 + z)/z − 1 = −z/2 + z²/3 − z³/4 + …
      const z = 1e-9;
      expectRelative(hyp2f1MinusOne(1, 1, 2, -z), -z / 2 + (z * z) / 3, 1e-15);
      expectRelative(hyp2f1MinusOne(1, 1, 2, z), z / 2 + (z * z) / 3, 1e-15);
    });

    it("is NaN where it is undefined", () => {
      expect(hyp2f1(1, 1, -2, 0.5)).toBeNaN(); // c a non-positive integer
      expect(hyp2f1(1, 1, 2, 1.5)).toBeNaN(); // z > 1
    });
  });
});

describe("BG/NBD on the CDNOW sample (Fader, Hardie & Lee 2005)", () => {
  let summary: CustomerSummary;
  let fit: BgnbdFit;
  before(() => {
    summary = customerSummary(loadCdnowSample(), {
      calibrationEnd: CDNOW_CALIBRATION_END,
      timeUnit: "week",
    });
    fit = fitBgnbd(summary);
  });

  it("fits r = 0.2426, α = 4.4136, a = 0.7929, b = 2.4259 (FHL 2005, section 4; R BTYD)", () => {
    expect(fit.r).toBeCloseTo(0.2426, 4);
    expect(fit.alpha).toBeCloseTo(4.4136, 4);
    expect(fit.a).toBeCloseTo(0.7929, 4);
    expect(fit.b).toBeCloseTo(2.4259, 4);
    expect(fit.timeUnit).toBe("week");
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBe(2357);
  });

  it("reaches log-likelihood −9582.43 (FHL 2005, section 4)", () => {
    expect(fit.logLikelihood).toBeCloseTo(-9582.43, 2);
    expect(bgnbdLogLikelihood(PUBLISHED, summary)).toBeCloseTo(-9582.43, 2);
  });

  it("is a maximum: moving any parameter by 0.1 % lowers the log-likelihood", () => {
    const best = bgnbdLogLikelihood(fit, summary);
    for (const key of ["r", "alpha", "a", "b"] as const) {
      for (const factor of [0.999, 1.001]) {
        expect(bgnbdLogLikelihood({ ...fit, [key]: fit[key] * factor }, summary)).toBeLessThan(
          best
        );
      }
    }
  });

  it("expects 0.0532, 0.1506 and 1.0437 repeat purchases of a new customer in 1, 3 and 32 weeks (FHL 2005)", () => {
    expect(expectedPurchasesPopulation(fit, 1)).toBeCloseTo(0.0532, 4);
    expect(expectedPurchasesPopulation(fit, 3)).toBeCloseTo(0.1506, 4);
    expect(expectedPurchasesPopulation(fit, 32)).toBeCloseTo(1.0437, 4);
  });

  it("expects 1.8580 in 78 weeks, the Gauss series summed to convergence (1.8576 is that series cut at ~150 terms)", () => {
    // Independent check: FHL eq. (7) with the original ₂F₁(r, b; a + b − 1; t/(α + t)) summed
    // term by term to 3,000 terms, against our Pfaff-transformed evaluation.
    const { r, alpha, a, b } = fit;
    const t = 78;
    const z = t / (alpha + t);
    const c = a + b - 1;
    let term = 1;
    let series = 1;
    let cutAt150 = 0;
    for (let n = 0; n < 3000; n++) {
      term *= (((r + n) * (b + n)) / ((c + n) * (n + 1))) * z;
      series += term;
      if (n === 149) cutAt150 = series;
    }
    const population = (sum: number) =>
      ((a + b - 1) / (a - 1)) * (1 - (alpha / (alpha + t)) ** r * sum);
    expectRelative(expectedPurchasesPopulation(fit, t), population(series), 1e-12);
    expect(expectedPurchasesPopulation(fit, t)).toBeCloseTo(1.858, 3);
    expect(population(cutAt150)).toBeCloseTo(1.8576, 4);
  });

  it("expects 1.226 purchases in the next 39 weeks from a customer with x = 2, t_x = 30.43, T = 38.86 (Fader & Hardie, 'Implementing the BG/NBD model')", () => {
    expect(expectedPurchases(fit, 39, 2, 30.43, 38.86)).toBeCloseTo(1.226, 3);
  });

  it("gives P(alive) 0.96885 and 25.757 expected purchases in 52 weeks for x = 26, t_x = 30.85714, T = 31 (R BTYD)", () => {
    expect(probabilityAlive(fit, 26, 30.85714, 31)).toBeCloseTo(0.96885, 5);
    expect(expectedPurchases(fit, 52, 26, 30.85714, 31)).toBeCloseTo(25.757, 3);
  });

  it("the fit does not depend on the time unit: α scales with the unit, r, a and b stay", () => {
    const inDays = fitBgnbd(
      customerSummary(loadCdnowSample(), { calibrationEnd: CDNOW_CALIBRATION_END, timeUnit: "day" })
    );
    expectRelative(inDays.r, fit.r, 1e-6);
    expectRelative(inDays.a, fit.a, 1e-6);
    expectRelative(inDays.b, fit.b, 1e-6);
    expectRelative(inDays.alpha, 7 * fit.alpha, 1e-6);
    // densities in days are 7^−x of those in weeks: LL differs by Σx ln 7 (Σx = 1,416 repeat days)
    const repeatDays = Array.from(summary.x).reduce((sum, x) => sum + x, 0);
    expectRelative(fit.logLikelihood - inDays.logLikelihood, repeatDays * Math.log(7), 1e-9);
    // and so do its predictions, horizon converted
    expectRelative(
      expectedPurchases(inDays, 39 * 7, 2, 213, 272),
      expectedPurchases(fit, 39, 2, 213 / 7, 272 / 7),
      1e-6
    );
  });

  it("groups identical customers without changing the likelihood", () => {
    let oneByOne = 0;
    for (let i = 0; i < summary.x.length; i++) {
      oneByOne += bgnbdCustomerLogLikelihood(
        PUBLISHED,
        summary.x[i]!,
        summary.tx[i]!,
        summary.T[i]!
      );
    }
    expectRelative(bgnbdLogLikelihood(PUBLISHED, summary), oneByOne, 1e-12);
    expect(fit.distinctTriples).toBeLessThan(summary.x.length);
    // every customer twice, in reverse order: twice the log-likelihood
    const doubled = {
      x: [...summary.x, ...Array.from(summary.x).reverse()],
      tx: [...summary.tx, ...Array.from(summary.tx).reverse()],
      T: [...summary.T, ...Array.from(summary.T).reverse()],
      timeUnit: "week" as const,
    };
    expectRelative(bgnbdLogLikelihood(PUBLISHED, doubled), 2 * oneByOne, 1e-12);
  });
});

describe("BG/NBD formulas", () => {
  it("the log-likelihood of a customer without repeat purchases is r ln(α/(α + T)) (FHL 2005 eq. (6) with x = 0)", () => {
    const value = bgnbdCustomerLogLikelihood(PUBLISHED, 0, 0, 38.86);
    expectRelative(value, 0.2426 * Math.log(4.4136 / (4.4136 + 38.86)), 1e-14);
  });

  it("the log-likelihood of a repeat buyer is the log of FHL 2005 eq. (6), written out", () => {
    const { r, alpha, a, b } = PUBLISHED;
    const [x, tx, T] = [2, 30.43, 38.86];
    const gamma = (v: number) => Math.exp(logGamma(v));
    const likelihood =
      ((gamma(r + x) * alpha ** r) / gamma(r)) *
      ((gamma(a + b) * gamma(b + x)) / (gamma(b) * gamma(a + b + x))) *
      ((alpha + T) ** -(r + x) + (a / (b + x - 1)) * (alpha + tx) ** -(r + x));
    expectRelative(bgnbdCustomerLogLikelihood(PUBLISHED, x, tx, T), Math.log(likelihood), 1e-13);
  });

  it("stays finite for a very frequent buyer, where the powers underflow", () => {
    const value = bgnbdCustomerLogLikelihood(PUBLISHED, 400, 300, 310);
    expect(Number.isFinite(value)).toBe(true);
    expect(Number.isFinite(expectedPurchases(PUBLISHED, 52, 400, 300, 310))).toBe(true);
  });

  it("P(alive) is 1 without repeat purchases and 1/(1 + a/(b + x − 1)) when t_x = T", () => {
    expect(probabilityAlive(PUBLISHED, 0, 0, 20)).toBe(1);
    expectRelative(probabilityAlive(PUBLISHED, 3, 20, 20), 1 / (1 + 0.7929 / (2.4259 + 2)), 1e-15);
  });

  it("expected purchases are 0 over no time and grow with the horizon", () => {
    expect(expectedPurchases(PUBLISHED, 0, 2, 30.43, 38.86)).toBe(0);
    let previous = 0;
    for (const t of [0.001, 1, 10, 100, 1000, 1e5]) {
      const value = expectedPurchases(PUBLISHED, t, 2, 30.43, 38.86);
      expect(value).toBeGreaterThan(previous);
      previous = value;
    }
  });

  it("is the FHL 2005 eq. (10) form with ₂F₁(r + x, b + x; a + b + x − 1; t/(α + T + t)), written out", () => {
    const { r, alpha, a, b } = PUBLISHED;
    const [t, x, tx, T] = [10, 4, 20, 30];
    const z = t / (alpha + T + t);
    const expected =
      (((a + b + x - 1) / (a - 1)) *
        (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z))) /
      (1 + (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x));
    expectRelative(expectedPurchases(PUBLISHED, t, x, tx, T), expected, 1e-12);
  });

  it("for a new customer, the conditional and the population expectations agree (x = 0, T = 0)", () => {
    expectRelative(
      expectedPurchases(PUBLISHED, 20, 0, 0, 0),
      expectedPurchasesPopulation(PUBLISHED, 20),
      1e-15
    );
  });

  describe("edge cases", () => {
    it("is continuous across a = 1, where the formula is 0/0", () => {
      const at = (a: number) => expectedPurchasesPopulation({ ...PUBLISHED, a }, 52);
      const below = at(1 - 1e-3);
      const above = at(1 + 1e-3);
      const atOne = at(1);
      expect(Number.isFinite(atOne)).toBe(true);
      expect(Math.abs(atOne - (below + above) / 2)).toBeLessThan(1e-6);
      const conditional = (a: number) => expectedPurchases({ ...PUBLISHED, a }, 52, 3, 20, 30);
      const midpoint = (conditional(1 - 1e-3) + conditional(1 + 1e-3)) / 2;
      expect(Math.abs(conditional(1) - midpoint)).toBeLessThan(1e-5);
    });

    it("is continuous across a + b = 1 for a new customer, where ₂F₁'s c is 0", () => {
      const at = (b: number) => expectedPurchasesPopulation({ ...PUBLISHED, b }, 52);
      const atEdge = at(1 - PUBLISHED.a);
      expect(Number.isFinite(atEdge)).toBe(true);
      expect(Math.abs(atEdge - at(1 - PUBLISHED.a + 1e-6))).toBeLessThan(1e-5);
    });

    it("refuses parameters ≤ 0, a negative horizon and inconsistent histories", () => {
      expectCrmError(() => probabilityAlive({ ...PUBLISHED, r: 0 }, 1, 1, 2), "num", "r");
      expectCrmError(() => expectedPurchases(PUBLISHED, -1, 1, 1, 2), "num", "t");
      expectCrmError(() => expectedPurchases(PUBLISHED, 1, 1, 3, 2), "num", "t_x");
      expectCrmError(() => probabilityAlive(PUBLISHED, 0.5, 0, 2), "num", "x");
    });
  });
});

describe("fitBgnbd: no numbers without convergence", () => {
  const small = {
    x: [2, 1, 0, 5, 3, 0, 0, 1],
    tx: [9, 3, 0, 20, 15, 0, 0, 2],
    T: [30, 25, 28, 22, 19, 26, 30, 20],
    timeUnit: "week" as const,
  };

  it("fits a small data set", () => {
    const fit = fitBgnbd(small);
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBe(8);
  });

  it("says #N/A, with what to do, when nobody bought twice: no search is started", () => {
    const error = expectCrmError(
      () => fitBgnbd({ x: [0, 0, 0], tx: [0, 0, 0], T: [5, 10, 20], timeUnit: "week" }),
      "na"
    );
    expect(error.message).toContain("None of the 3 customers bought on two different days");
    expect(error.message).toContain("later calibration end");
  });

  it("says #VALUE! when the iterations run out (maxIterations 2), never unconverged numbers", () => {
    const error = expectCrmError(() => fitBgnbd(small, { maxIterations: 2 }), "value");
    expect(error.message).toContain("did not converge");
    expect(error.message).toContain("8 customers, 5 repeat buyers");
  });

  it("says #VALUE! at once when every customer has the same history (the likelihood has no maximum)", () => {
    const same = Array.from({ length: 50 }, () => 1);
    const error = expectCrmError(
      () => fitBgnbd({ x: same, tx: same.map(() => 5), T: same.map(() => 10), timeUnit: "week" }),
      "value"
    );
    expect(error.message).toContain("All 50 customers have the same history (x 1, t_x 5, T 10)");
  });

  it("says #VALUE! when the data do not determine the parameters (one repeat buyer of four)", () => {
    const error = expectCrmError(
      () => fitBgnbd({ x: [1, 0, 0, 0], tx: [3, 0, 0, 0], T: [10, 10, 8, 4], timeUnit: "week" }),
      "value"
    );
    expect(error.message).toContain("4 customers, 1 repeat buyer");
  });

  it("says #VALUE! when a parameter runs off to the boundary (two repeat buyers), and says so quickly", () => {
    const started = Date.now();
    const error = expectCrmError(
      () => fitBgnbd({ x: [1, 2], tx: [3, 5], T: [10, 10], timeUnit: "week" }),
      "value"
    );
    expect(error.message).toMatch(/runs off to|drifted/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("gives up at its deadline with #VALUE! saying so", () => {
    const error = expectCrmError(() => fitBgnbd(small, { deadline: Date.now() - 1 }), "value");
    expect(error.message).toContain("did not finish within");
  });

  it("names a bad row by customer id when the data carry ids, never by a position in the summary", () => {
    const error = expectCrmError(
      () =>
        fitBgnbd({
          ...small,
          tx: [9, 3, 0, 20, 25, 0, 0, 2],
          customerIds: ["a", "b", "c", "d", "e", "f", "g", "h"],
        }),
      "num",
      "t_x"
    );
    expect(error.message).toMatch(/^Customer e: /);
    expect(error.message).not.toContain("row");
  });

  it("names the bad row of the data", () => {
    expectCrmError(() => fitBgnbd({ ...small, tx: [9, 3, 0, 20, 25, 0, 0, 2] }), "num", "t_x", 5);
    expectCrmError(() => fitBgnbd({ ...small, T: [1] }), "value", "T");
    expectCrmError(() => fitBgnbd({ x: [], tx: [], T: [], timeUnit: "week" }), "na");
  });
});
