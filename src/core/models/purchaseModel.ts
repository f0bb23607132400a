/**
 * The purchase models behind predictive CLV, behind one interface (SPEC §2 "Predictive CLV"):
 * BG/NBD (Fader, Hardie & Lee 2005) and Pareto/NBD (Schmittlein, Morrison & Colombo 1987;
 * Fader & Hardie 2005 "A Note on Deriving the Pareto/NBD Model and Related Expressions").
 * Everything that predicts per customer (the PALIVE / EXPECTEDPURCHASES / PREDICTEDCLV
 * functions, the holdout check, the report) reads a {@link PurchaseModel} and never asks
 * which model it is; CLVFIT's `model` argument picks one by its {@link PurchaseModelKind}.
 */
import type { TimeUnit } from "./customerSummary";

/** The purchase models the product fits, by the name users type in CLVFIT's `model` argument. */
export type PurchaseModelKind = "bgnbd" | "pareto_nbd";

/** Display names, as the literature writes them. */
export const PURCHASE_MODEL_NAMES: Readonly<Record<PurchaseModelKind, string>> = {
  bgnbd: "BG/NBD",
  pareto_nbd: "Pareto/NBD",
};

/** One fitted parameter: its name as the papers write it (r, alpha, a, b, s, beta), value, standard error. */
export interface FittedParameter {
  readonly name: string;
  readonly value: number;
  /** √ of the diagonal of the inverse observed information; undefined when not positive definite */
  readonly standardError?: number;
}

/**
 * A fitted (or given) purchase model: its parameters in the time unit of the data, and the
 * per-customer predictions every consumer needs. x = repeat purchase days, tₓ = recency and
 * T = age, both in `timeUnit`; t = a horizon in `timeUnit`.
 */
export interface PurchaseModel {
  readonly kind: PurchaseModelKind;
  readonly timeUnit: TimeUnit;
  readonly parameters: readonly FittedParameter[];
  /** P(alive | x, tₓ, T) */
  probabilityAlive(x: number, tx: number, T: number): number;
  /** E[Y(t) | x, tₓ, T]: expected purchases in the next t time units */
  expectedPurchases(t: number, x: number, tx: number, T: number): number;
  /** E[X(t)]: expected purchases of a just-acquired customer in their first t time units */
  expectedPurchasesNewCustomer(t: number): number;
  /**
   * Optional, for models whose E[Y(t) | x, tₓ, T] is P(alive) times a function of (x, T, t)
   * (BG/NBD: bgnbdHorizon.ts): a function of (x, tₓ, T) giving E[Y(H)] and the discounted
   * purchases of discountedPurchases in modelPredictions.ts (steps of one time unit, rate d per
   * unit), taking the ⌈H⌉ steps once per distinct (x, T) it is called with. Without it, callers
   * take the steps per distinct (x, tₓ, T).
   */
  readonly horizonPredictor?: (
    horizon: number,
    discountRate: number
  ) => (x: number, tx: number, T: number) => { purchases: number; discounted: number };
}

/** What a fit adds to the model: how well it fits and what it used. */
export interface PurchaseModelFit extends PurchaseModel {
  /** maximised log-likelihood, summed over customers (without any penalty term) */
  readonly logLikelihood: number;
  /** customers fitted */
  readonly customers: number;
  /** customers with x > 0 */
  readonly repeatBuyers: number;
  /** L2 penalty coefficient used (0: plain maximum likelihood) */
  readonly penalizer: number;
}
