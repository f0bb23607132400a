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
 * (Fader & Hardie 2013, eq. (3)), at natural parameters (p, q, γ); grouped by nothing, O(n).
 */
function spendLogLikelihood(
  x: Float64Array,
  spend: Float64Array,
  [p, q, gamma]: readonly number[]
): number {
  if (!(p! > 0 && q! > 0 && gamma! > 0)) return Number.NaN;
  let total = 0;
  const lgQ = logGamma(q!);
  const logGammaParam = log(gamma!);
  for (let i = 0; i < x.length; i++) {
    const px = p! * x[i]!;
    total +=
      logGamma(px + q!) -
      logGamma(px) -
      lgQ +
      q! * logGammaParam +
      (px - 1) * log(spend[i]!) +
      px * log(x[i]!) -
      (px + q!) * log(gamma! + spend[i]! * x[i]!);
  }
  return total;
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
    const errors = standardErrors(
      (params) =>
        spendLogLikelihood(xs, ms, params) -
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
