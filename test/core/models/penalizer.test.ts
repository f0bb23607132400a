/**
 * The penalizer of the BG/NBD and Gamma-Gamma fits (issue 13 part 3): lifetimes'
 * `penalizer_coef`, exactly. Its form, read in lifetimes' source
 * (CamDavidsonPilon/lifetimes, lifetimes/fitters/beta_geo_fitter.py and gamma_gamma_fitter.py,
 * `_negative_log_likelihood`): `-ll.sum() / weights.sum() + penalizer_coef * sum(params ** 2)`
 * with `params = exp(log_params)`, the natural parameters, and BG/NBD's time scaled so that the
 * oldest customer's age is 1 (lifetimes/utils.py `_scale_time(age) = 1 / age.max()`, so α enters
 * as α / T_max). The penalised estimates are checked against an independent minimisation of
 * that objective: a plain Nelder–Mead written here, over the log-parameters, on the
 * customer-by-customer log-likelihood (not the fit's grouped objective or its gradient).
 */
import { expect } from "../../support/expect";
import { each } from "../../support/each";
import {
  bgnbdCustomerLogLikelihood,
  bgnbdPenalty,
  fitBgnbd,
  type BgnbdData,
} from "../../../src/core/models/bgnbd";
import { customerSummary } from "../../../src/core/models/customerSummary";
import {
  fitGammaGamma,
  gammaGammaCustomerLogLikelihood,
  gammaGammaPenalty,
} from "../../../src/core/models/gammaGamma";
import { fitPurchaseModel } from "../../../src/core/models/fitPurchaseModel";
import { fitSpendModel } from "../../../src/core/models/fitSpendModel";
import { CDNOW_CALIBRATION_END, loadCdnowSample } from "../../support/cdnow";
import { expectCrmError } from "../expectError";

/** A textbook Nelder–Mead (reflection 1, expansion 2, contraction ½, shrink ½). */
function nelderMead(f: (x: number[]) => number, start: number[], iterations = 20000): number[] {
  const n = start.length;
  let simplex = [start, ...start.map((_, i) => start.map((v, j) => (i === j ? v + 0.5 : v)))];
  let values = simplex.map(f);
  for (let k = 0; k < iterations; k++) {
    const order = values.map((_, i) => i).sort((i, j) => values[i]! - values[j]!);
    simplex = order.map((i) => simplex[i]!);
    values = order.map((i) => values[i]!);
    if (Math.abs(values[n]! - values[0]!) < 1e-15 * (1 + Math.abs(values[0]!)) && k > 200) break;
    const centroid = start.map((_, j) => simplex.slice(0, n).reduce((s, p) => s + p[j]!, 0) / n);
    const along = (t: number) => centroid.map((c, j) => c + t * (simplex[n]![j]! - c));
    const reflected = along(-1);
    const fr = f(reflected);
    if (fr < values[0]!) {
      const expanded = along(-2);
      const fe = f(expanded);
      [simplex[n], values[n]] = fe < fr ? [expanded, fe] : [reflected, fr];
    } else if (fr < values[n - 1]!) {
      [simplex[n], values[n]] = [reflected, fr];
    } else {
      const contracted = along(0.5);
      const fc = f(contracted);
      if (fc < values[n]!) {
        [simplex[n], values[n]] = [contracted, fc];
      } else {
        for (let i = 1; i <= n; i++) {
          simplex[i] = simplex[i]!.map((v, j) => simplex[0]![j]! + 0.5 * (v - simplex[0]![j]!));
          values[i] = f(simplex[i]!);
        }
      }
    }
  }
  return simplex[values.indexOf(Math.min(...values))]!;
}

/** Minimises lifetimes' penalised BG/NBD objective independently; returns (r, α, a, b). */
function referenceBgnbd(data: { x: number[]; tx: number[]; T: number[] }, c: number): number[] {
  const oldest = Math.max(...data.T);
  const objective = (theta: number[]) => {
    const [r, alpha, a, b] = theta.map(Math.exp) as [number, number, number, number];
    let ll = 0;
    for (let i = 0; i < data.x.length; i++)
      ll += bgnbdCustomerLogLikelihood({ r, alpha, a, b }, data.x[i]!, data.tx[i]!, data.T[i]!);
    return -ll / data.x.length + c * (r ** 2 + (alpha / oldest) ** 2 + a ** 2 + b ** 2);
  };
  // restarted twice from its own answer, as Nelder–Mead users do
  let theta = nelderMead(objective, [0, 0, 0, 0]);
  theta = nelderMead(objective, theta);
  return nelderMead(objective, theta).map(Math.exp);
}

/** Minimises lifetimes' penalised Gamma-Gamma objective independently; returns (p, q, γ). */
function referenceGammaGamma(data: { x: number[]; monetary: number[] }, c: number): number[] {
  const objective = (theta: number[]) => {
    const [p, q, gamma] = theta.map(Math.exp) as [number, number, number];
    let ll = 0;
    for (let i = 0; i < data.x.length; i++)
      ll += gammaGammaCustomerLogLikelihood({ p, q, gamma }, data.x[i]!, data.monetary[i]!);
    return -ll / data.x.length + c * (p ** 2 + q ** 2 + gamma ** 2);
  };
  let theta = nelderMead(objective, [0, 0, 0]);
  theta = nelderMead(objective, theta);
  return nelderMead(objective, theta).map(Math.exp);
}

const relative = (actual: number, expected: number) =>
  Math.abs(actual - expected) / Math.abs(expected);

// Five customers observed 10 weeks: two one-time buyers and three repeat buyers, nobody
// visibly lapsed. The plain likelihood keeps rising as r → ∞ (no interior maximum).
const SMALL = { x: [1, 0, 2, 0, 1], tx: [5, 0, 8, 0, 3], T: [10, 10, 10, 10, 10] };
const SMALL_DATA: BgnbdData = { ...SMALL, timeUnit: "week" };
// Five repeat buyers whose mean spends hardly differ: the plain likelihood rises as p, q → ∞.
const NEAR_CONSTANT_SPEND = { x: [1, 2, 3, 1, 2], monetary: [10, 10.5, 9.8, 10.2, 10.1] };

describe("the penalty term, as lifetimes writes it", () => {
  it("BG/NBD: c × (r² + (α / T_max)² + a² + b²)", () => {
    // 0.1 × (1 + (10 / 20)² + 1 + 2²) = 0.625, by hand
    expect(bgnbdPenalty({ r: 1, alpha: 10, a: 1, b: 2 }, 20, 0.1)).toBeCloseTo(0.625, 15);
    expect(bgnbdPenalty({ r: 1, alpha: 10, a: 1, b: 2 }, 20, 0)).toBe(0);
  });

  it("Gamma-Gamma: c × (p² + q² + γ²)", () => {
    // 0.001 × (36 + 16 + 225) = 0.277, by hand
    expect(gammaGammaPenalty({ p: 6, q: 4, gamma: 15 }, 0.001)).toBeCloseTo(0.277, 15);
  });
});

describe("penalizer 0 is plain maximum likelihood", () => {
  const summary = customerSummary(loadCdnowSample(), {
    calibrationEnd: CDNOW_CALIBRATION_END,
    timeUnit: "week",
  });

  it("BG/NBD on the CDNOW sample: the same numbers as without the option", () => {
    const plain = fitBgnbd(summary);
    const zero = fitBgnbd(summary, { penalizer: 0 });
    for (const key of ["r", "alpha", "a", "b", "logLikelihood"] as const)
      expect(zero[key], key).toBe(plain[key]);
  });

  it("Gamma-Gamma on the CDNOW sample: the same numbers as without the option", () => {
    const plain = fitGammaGamma(summary);
    const zero = fitGammaGamma(summary, { penalizer: 0 });
    for (const key of ["p", "q", "gamma", "logLikelihood"] as const)
      expect(zero[key], key).toBe(plain[key]);
  });
});

describe("a penalised fit where the plain fit has no maximum", () => {
  it("BG/NBD: the plain fit is refused (r runs off to infinity) …", () => {
    const error = expectCrmError(() => fitBgnbd(SMALL_DATA), "value");
    expect(error.message).toContain("no maximum");
  });

  for (const testCase of each([0.01, 0.1])) {
    it(
      testCase.name(
        "… and with penalizer %d it fits, at the minimum of lifetimes' penalised objective found independently (1e-4 relative)"
      ),
      testCase.run((c) => {
        const fit = fitBgnbd(SMALL_DATA, { penalizer: c });
        const reference = referenceBgnbd(SMALL, c);
        [fit.r, fit.alpha, fit.a, fit.b].forEach((value, i) =>
          expect(
            relative(value, reference[i]!),
            `parameter ${i}: ${value} vs ${reference[i]}`
          ).toBeLessThan(1e-4)
        );
      })
    );
  }

  it("BG/NBD: the reported log-likelihood is the unpenalised one at the penalised estimate", () => {
    const fit = fitBgnbd(SMALL_DATA, { penalizer: 0.01 });
    let ll = 0;
    for (let i = 0; i < SMALL.x.length; i++)
      ll += bgnbdCustomerLogLikelihood(fit, SMALL.x[i]!, SMALL.tx[i]!, SMALL.T[i]!);
    expect(fit.logLikelihood).toBeCloseTo(ll, 10);
  });

  it("BG/NBD: the same penalizer gives the same r, a, b in days as in weeks (α / T_max is unit-free)", () => {
    const weeks = fitBgnbd(SMALL_DATA, { penalizer: 0.01 });
    const days = fitBgnbd(
      { x: SMALL.x, tx: SMALL.tx.map((v) => v * 7), T: SMALL.T.map((v) => v * 7), timeUnit: "day" },
      { penalizer: 0.01 }
    );
    expect(relative(days.r, weeks.r)).toBeLessThan(1e-6);
    expect(relative(days.a, weeks.a)).toBeLessThan(1e-6);
    expect(relative(days.alpha, 7 * weeks.alpha)).toBeLessThan(1e-6);
  });

  it("Gamma-Gamma: the plain fit is refused (p runs off to infinity) …", () => {
    const error = expectCrmError(() => fitGammaGamma(NEAR_CONSTANT_SPEND), "value");
    expect(error.message).toContain("no maximum");
  });

  for (const testCase of each([0.01, 0.1])) {
    it(
      testCase.name(
        "… and with penalizer %d it fits, at the minimum of lifetimes' penalised objective found independently (1e-4 relative)"
      ),
      testCase.run((c) => {
        const fit = fitGammaGamma(NEAR_CONSTANT_SPEND, { penalizer: c });
        const reference = referenceGammaGamma(NEAR_CONSTANT_SPEND, c);
        [fit.p, fit.q, fit.gamma].forEach((value, i) =>
          expect(
            relative(value, reference[i]!),
            `parameter ${i}: ${value} vs ${reference[i]}`
          ).toBeLessThan(1e-4)
        );
      })
    );
  }

  it("standard errors of a penalised fit are those of the penalised log-likelihood: finite and positive", () => {
    const purchase = fitPurchaseModel("bgnbd", SMALL_DATA, { penalizer: 0.1 });
    expect(purchase.penalizer).toBe(0.1);
    for (const p of purchase.parameters) expect(p.standardError, p.name).toBeGreaterThan(0);
    const spend = fitSpendModel(NEAR_CONSTANT_SPEND, { penalizer: 0.1 });
    for (const p of spend.parameters) expect(p.standardError, p.name).toBeGreaterThan(0);
  });
});

describe("the penalizer's domain", () => {
  for (const testCase of each([-0.1, Number.NaN, Number.POSITIVE_INFINITY])) {
    it(
      testCase.name("refuses %d with #NUM! naming penalizer"),
      testCase.run((c) => {
        expectCrmError(() => fitBgnbd(SMALL_DATA, { penalizer: c }), "num", "penalizer");
        expectCrmError(
          () => fitGammaGamma(NEAR_CONSTANT_SPEND, { penalizer: c }),
          "num",
          "penalizer"
        );
      })
    );
  }
});
