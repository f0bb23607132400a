/**
 * One entry point for fitting a purchase model to a customer summary, whichever model is asked
 * for (SPEC §2 "Predictive CLV"; CLVFIT's `model` argument). Each model's own module does the
 * fitting; this file only turns the fit into a {@link PurchaseModelFit}.
 */
import {
  bgnbdLogLikelihood,
  expectedPurchases,
  expectedPurchasesPopulation,
  fitBgnbd,
  probabilityAlive,
  type BgnbdData,
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

/** Options every purchase model's fit takes. */
export interface PurchaseFitOptions extends BgnbdFitOptions {
  /** L2 penalty on the log-parameters (lifetimes' penalizer_coef semantics); default 0 */
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
    case "bgnbd": {
      const fit = fitBgnbd(data, options);
      const values = [fit.r, fit.alpha, fit.a, fit.b];
      const errors = standardErrors(
        ([r, alpha, a, b]) => bgnbdLogLikelihood({ r: r!, alpha: alpha!, a: a!, b: b! }, data),
        values
      );
      const parameters = ["r", "alpha", "a", "b"].map((name, i) => ({
        name,
        value: values[i]!,
        standardError: errors[i],
      }));
      return {
        ...bgnbdPurchaseModel(fit, parameters),
        logLikelihood: fit.logLikelihood,
        customers: fit.customers,
        repeatBuyers: fit.repeatBuyers,
        penalizer: options.penalizer ?? 0,
      };
    }
    case "pareto_nbd":
      // Wired in by the Pareto/NBD module (src/core/models/paretoNbd.ts).
      throw new Error("Pareto/NBD is not fitted yet");
  }
}
