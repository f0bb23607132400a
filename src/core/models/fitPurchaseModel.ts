/**
 * One entry point for fitting a purchase model to a customer summary, whichever model is asked
 * for (SPEC §2 "Predictive CLV"; CLVFIT's `model` argument). Each model's own module does the
 * fitting; this file only turns the fit into a {@link PurchaseModelFit}.
 */
import {
  bgnbdLogLikelihoodOf,
  bgnbdPenalty,
  oldestAge,
  expectedPurchases,
  expectedPurchasesPopulation,
  fitBgnbd,
  probabilityAlive,
  type BgnbdData,
  type BgnbdFit,
  type BgnbdFitOptions,
  type BgnbdModel,
} from "./bgnbd";
import type {
  FittedParameter,
  PurchaseModel,
  PurchaseModelFit,
  PurchaseModelKind,
} from "./purchaseModel";
import { standardErrors } from "./standardErrors";
import { bgnbdHorizonPredictor } from "./bgnbdHorizon";
import { fitParetoNbd, paretoNbdPurchaseModelFit } from "./paretoNbd";

/** Options every purchase model's fit takes. */
export interface PurchaseFitOptions extends BgnbdFitOptions {
  /**
   * L2 penalty coefficient c ≥ 0 (default 0), lifetimes' `penalizer_coef` semantics: c times
   * the sum of the squared parameters themselves (not their logarithms), rate parameters in
   * units of the oldest customer's age, added to the mean negative log-likelihood per customer
   * (see bgnbdPenalty in bgnbd.ts).
   */
  readonly penalizer?: number;
}

/** A BG/NBD model (given or fitted) as a {@link PurchaseModel}. */
export function bgnbdPurchaseModel(
  model: BgnbdModel,
  parameters: readonly FittedParameter[] = [
    { name: "r", value: model.r },
    { name: "alpha", value: model.alpha },
    { name: "a", value: model.a },
    { name: "b", value: model.b },
  ]
): PurchaseModel {
  return {
    kind: "bgnbd",
    timeUnit: model.timeUnit,
    parameters,
    probabilityAlive: (x, tx, T) => probabilityAlive(model, x, tx, T),
    expectedPurchases: (t, x, tx, T) => expectedPurchases(model, t, x, tx, T),
    expectedPurchasesNewCustomer: (t) => expectedPurchasesPopulation(model, t),
    horizonPredictor: (horizon, discountRate) =>
      bgnbdHorizonPredictor(model, { horizon, discountRate }),
  };
}

/**
 * A finished BG/NBD fit (of `data`, with `penalizer`) as a {@link PurchaseModelFit}: the model,
 * its log-likelihood and counts, and standard errors from the observed information matrix.
 * The standard errors cost 33 log-likelihood evaluations (about as much as the fit itself on
 * 23,570 customers), so they are computed when `parameters` is first read (CLVFIT reads them;
 * PALIVE and the other per-customer forms never do), once. With a penalizer, the information
 * is that of the penalised log-likelihood ℓ(θ) − N·penalty(θ), the function the estimate
 * maximises.
 */
export function bgnbdPurchaseModelFit(
  fit: BgnbdFit,
  data: BgnbdData,
  penalizer: number
): PurchaseModelFit {
  const values = [fit.r, fit.alpha, fit.a, fit.b];
  let parameters: readonly FittedParameter[] | undefined;
  const standardErrorsOnce = (): readonly FittedParameter[] => {
    if (parameters !== undefined) return parameters;
    const ageScale = oldestAge(data.T);
    const logLikelihood = bgnbdLogLikelihoodOf(data);
    const errors = standardErrors(([r, alpha, a, b]) => {
      const params = { r: r!, alpha: alpha!, a: a!, b: b! };
      return logLikelihood(params) - fit.customers * bgnbdPenalty(params, ageScale, penalizer);
    }, values);
    parameters = ["r", "alpha", "a", "b"].map((name, i) => ({
      name,
      value: values[i]!,
      standardError: errors[i],
    }));
    return parameters;
  };
  return {
    ...bgnbdPurchaseModel(fit),
    get parameters() {
      return standardErrorsOnce();
    },
    logLikelihood: fit.logLikelihood,
    customers: fit.customers,
    repeatBuyers: fit.repeatBuyers,
    penalizer,
  };
}

/**
 * Fits the purchase model `kind` to per-customer (x, tₓ, T) by maximum likelihood, with
 * standard errors from the observed information matrix.
 *
 * @throws CrmError as the model's own fit does (`na` too little data, `value` no maximum, …);
 *   `value` for a model this build does not fit
 */
export function fitPurchaseModel(
  kind: PurchaseModelKind,
  data: BgnbdData,
  options: PurchaseFitOptions = {}
): PurchaseModelFit {
  switch (kind) {
    case "bgnbd":
      return bgnbdPurchaseModelFit(fitBgnbd(data, options), data, options.penalizer ?? 0);
    case "pareto_nbd": {
      const { maxIterations, names, deadline, penalizer } = options;
      const fit = fitParetoNbd(data, { maxIterations, names, deadline, penalizer });
      return paretoNbdPurchaseModelFit(fit, data);
    }
  }
}
