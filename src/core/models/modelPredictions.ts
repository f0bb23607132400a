/**
 * Per-customer predictions from a fitted model, whichever purchase model it is (SPEC §2
 * "Predictive CLV"; issue 13 "Fit once, use everywhere"): what the *.MODEL worksheet functions
 * compute for each (x, tₓ, T, monetary) once {@link parseModelRange} has read the model.
 * Everything here is O(1) per customer except the discounted purchases, O(⌈horizon⌉).
 */
import { CrmError } from "../errors";
import { checkSummaryRow, ClvMessages, type SummaryArgumentNames } from "./customerSummary";
import { expectedAverageSpend, type GammaGammaParams } from "./gammaGamma";
import type { PurchaseModel } from "./purchaseModel";

const { ceil, min } = Math;

/** A customer's history in the model's time unit. */
export interface History {
  readonly x: number;
  readonly tx: number;
  readonly T: number;
}

/**
 * Checks one customer's (x, tₓ, T) as a row of the user's ranges: x a whole number ≥ 0,
 * 0 ≤ tₓ ≤ T, tₓ = 0 when x = 0 and tₓ > 0 when x > 0 (a repeat purchase day comes after the
 * first). A bad row is bad input data, so it is `value` (#VALUE!, whose message Excel shows),
 * naming the argument and the row.
 *
 * @throws CrmError `value` naming the argument (per `names`) and `row`
 */
export function checkHistoryRow(history: History, row: number, names: SummaryArgumentNames): void {
  try {
    checkSummaryRow(history.x, history.tx, history.T, undefined, row, names);
    if (history.x > 0 && history.tx === 0) {
      const where = { argument: names.tx, row };
      throw new CrmError(
        "value",
        ClvMessages.repeatWithoutRecency(where, names.x, history.x),
        names.tx,
        row
      );
    }
  } catch (error) {
    if (!(error instanceof CrmError) || error.kind !== "num") throw error;
    throw new CrmError("value", error.message, error.argument, error.row);
  }
}

/**
 * Σₖ (E[Y(tₖ)] − E[Y(tₖ₋₁)]) / (1 + d)^tₖ with tₖ = min(k, H), k = 1 … ⌈H⌉: each step's expected
 * purchases of the customer discounted at the step's end, with the horizon H and the rate d per
 * the model's time unit. This is the purchase part of predictedClv in gammaGamma.ts (the same
 * steps, for any {@link PurchaseModel}); CLV = margin × expected spend × this. Cost O(⌈H⌉).
 *
 * @throws CrmError as the model's expectedPurchases (`num` for a bad history)
 */
export function discountedPurchases(
  model: PurchaseModel,
  history: History,
  horizon: number,
  discountRate: number
): number {
  const steps = ceil(horizon);
  let previous = 0;
  let discounted = 0;
  for (let k = 1; k <= steps; k++) {
    const end = min(k, horizon);
    const cumulative = model.expectedPurchases(end, history.x, history.tx, history.T);
    discounted += (cumulative - previous) / (1 + discountRate) ** end;
    previous = cumulative;
  }
  return discounted;
}

/**
 * Predicted CLV of one customer: margin × E[spend | x, monetary] (Gamma-Gamma, the population
 * mean for customers outside the spend fit) × {@link discountedPurchases}.
 *
 * @throws CrmError `num` where the expected spend is undefined (q ≤ 1 for a customer outside
 *   the spend fit), as expectedAverageSpend
 */
export function predictedClvOf(
  model: PurchaseModel,
  spend: GammaGammaParams,
  history: History,
  monetary: number,
  options: { horizon: number; discountRate: number; margin: number }
): number {
  const expectedSpend = expectedAverageSpend(spend, history.x, monetary);
  return (
    options.margin *
    expectedSpend *
    discountedPurchases(model, history, options.horizon, options.discountRate)
  );
}
