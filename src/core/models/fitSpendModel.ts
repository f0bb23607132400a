/**
 * The Gamma-Gamma spend model's fit with standard errors (SPEC §2 "Predictive CLV": "the fitted
 * parameters (with standard errors from the observed information matrix, …)"), the spend-model
 * counterpart of fitPurchaseModel.ts. The fit itself is gammaGamma.ts's {@link fitGammaGamma};
 * this file adds the observed-information standard errors of p, q and γ.
 */
import {
  fitGammaGamma,
  gammaGammaPenalty,
  isInSpendFit,
  type GammaGammaData,
  type GammaGammaFit,
  type GammaGammaFitOptions,
} from "./gammaGamma";
import type { FittedParameter } from "./purchaseModel";
import { logGamma } from "./special";
import { standardErrors } from "./standardErrors";

const { log } = Math;

/** A Gamma-Gamma fit with its parameters named and their standard errors. */
export interface SpendModelFit extends GammaGammaFit {
  /** p, q, gamma with values and standard errors (undefined where not positive definite) */
  readonly parameters: readonly FittedParameter[];
  /** L2 penalty coefficient used (0: plain maximum likelihood) */
  readonly penalizer: number;
}

/**
 * The Gamma-Gamma log-likelihood summed over the customers {@link isInSpendFit} accepts
 * (Fader & Hardie 2013, eq. (3)), at natural parameters (p, q, γ), for fixed data `x`, `spend`.
 * Summed customer by customer, in their order (the standard errors take second differences of
 * it, which amplify rounding by 1/h²): only what does not depend on the parameters is computed
 * once (ln mᵢ, ln xᵢ), and ln Γ(p x + q), ln Γ(p x) once per distinct x per evaluation — the same
 * values, so the same sum, bit for bit. Setup O(n); per evaluation O(n) with one logarithm per
 * customer, and two ln Γ per distinct x.
 */
function spendLogLikelihoodOf(
  x: Float64Array,
  spend: Float64Array
): (params: readonly number[]) => number {
  const n = x.length;
  const logSpend = new Float64Array(n);
  const logX = new Float64Array(n);
  const level = new Int32Array(n);
  const levels = new Map<number, number>();
  const xValues: number[] = [];
  for (let i = 0; i < n; i++) {
    logSpend[i] = log(spend[i]!);
    logX[i] = log(x[i]!);
    let k = levels.get(x[i]!);
    if (k === undefined) {
      k = xValues.length;
      levels.set(x[i]!, k);
      xValues.push(x[i]!);
    }
    level[i] = k;
  }
  const lgPxQ = new Float64Array(xValues.length);
  const lgPx = new Float64Array(xValues.length);
  return ([p, q, gamma]) => {
    if (!(p! > 0 && q! > 0 && gamma! > 0)) return Number.NaN;
    for (let k = 0; k < xValues.length; k++) {
      const px = p! * xValues[k]!;
      lgPxQ[k] = logGamma(px + q!);
      lgPx[k] = logGamma(px);
    }
    let total = 0;
    const lgQ = logGamma(q!);
    const logGammaParam = log(gamma!);
    for (let i = 0; i < n; i++) {
      const px = p! * x[i]!;
      const k = level[i]!;
      total +=
        lgPxQ[k]! -
        lgPx[k]! -
        lgQ +
        q! * logGammaParam +
        (px - 1) * logSpend[i]! +
        px * logX[i]! -
        (px + q!) * log(gamma! + spend[i]! * x[i]!);
    }
    return total;
  };
}

/**
 * Fits the Gamma-Gamma model ({@link fitGammaGamma}: same data, options, eligibility rule and
 * errors) and adds standard errors from the observed information matrix
 * (standardErrors.ts): of the log-likelihood, or with a penalizer of the penalised
 * log-likelihood ℓ − n·{@link gammaGammaPenalty} that the estimate maximises.
 *
 * Cost: the fit; the standard errors, computed when `parameters` is first read, 19
 * log-likelihood evaluations of O(fitted customers) each.
 *
 * @throws CrmError as {@link fitGammaGamma}
 * @example fitSpendModel(cdnowSummary).parameters //=> p 6.25, q 3.74, gamma 15.44 with their standard errors (rounded)
 */
export function fitSpendModel(
  data: GammaGammaData,
  options: GammaGammaFitOptions = {}
): SpendModelFit {
  return spendModelFit(fitGammaGamma(data, options), data, options.penalizer ?? 0);
}

/**
 * A finished Gamma-Gamma fit (of `data`, with `penalizer`) with its parameters named and their
 * standard errors, computed when `parameters` is first read (CLVFIT reads them; the
 * per-customer forms never do), once.
 */
export function spendModelFit(
  fit: GammaGammaFit,
  data: GammaGammaData,
  penalizer: number
): SpendModelFit {
  let parameters: readonly FittedParameter[] | undefined;
  const standardErrorsOnce = (): readonly FittedParameter[] => {
    if (parameters !== undefined) return parameters;
    const x: number[] = [];
    const spend: number[] = [];
    for (let i = 0; i < data.x.length; i++) {
      if (isInSpendFit(data.x[i]!, data.monetary[i]!)) {
        x.push(data.x[i]!);
        spend.push(data.monetary[i]!);
      }
    }
    const xs = Float64Array.from(x);
    const ms = Float64Array.from(spend);
    const values = [fit.p, fit.q, fit.gamma];
    const spendLogLikelihood = spendLogLikelihoodOf(xs, ms);
    const errors = standardErrors(
      (params) =>
        spendLogLikelihood(params) -
        xs.length *
          gammaGammaPenalty({ p: params[0]!, q: params[1]!, gamma: params[2]! }, penalizer),
      values
    );
    parameters = ["p", "q", "gamma"].map((name, i) => ({
      name,
      value: values[i]!,
      standardError: errors[i],
    }));
    return parameters;
  };
  return {
    ...fit,
    get parameters() {
      return standardErrorsOnce();
    },
    penalizer,
  };
}
