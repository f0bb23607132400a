/**
 * Wording of the predictive-CLV fit failures (BG/NBD, Gamma-Gamma), in one place (STYLE: "error
 * messages are shared constants"). Each says what is wrong with the data and what to do, since
 * a fit that cannot be made is something the user must act on: the fits raise them as `na`
 * (too little data: #N/A) or `value` (data without a maximum-likelihood fit: #VALUE!), the two
 * Excel errors that show a message. None names an argument or a row: they are about the data
 * as a whole, so they read the same in every function that fits.
 */
import type { FitFailure } from "./optimize";

/** Counts that make a failure message concrete. */
export interface FitCounts {
  /** customers in the purchase fit */
  readonly customers: number;
  /** customers with at least one repeat purchase day */
  readonly repeatBuyers: number;
}

const MORE_DATA = "use more customers or a longer history (a later calibration end)";

/** `1 customer`, `2 customers` */
function count(n: number, noun: string): string {
  return `${n.toLocaleString("en-US")} ${noun}${n === 1 ? "" : "s"}`;
}

/** 20, 38.86, 9.54e+8, 1.91e-9: short, and never a 12-digit run of zeros. */
function shortNumber(value: number): string {
  if (!Number.isFinite(value) || value === 0) return String(value);
  const magnitude = Math.abs(value);
  return magnitude >= 1e5 || magnitude < 1e-3
    ? value.toExponential(2)
    : String(Number(value.toPrecision(4)));
}

export const FitMessages = {
  noRepeatBuyers: (model: string, customers: number) =>
    `None of the ${count(customers, "customer")} bought on two different days, so the ${model} model cannot be fitted: it needs repeat buyers (x of at least 1). Include more transactions or a later calibration end.`,
  sameHistory: (customers: number, x: number, tx: number, T: number, model = "BG/NBD") =>
    `${customers === 1 ? "There is only 1 customer, with one history" : `All ${count(customers, "customer")} have the same history`} (x ${x}, t_x ${shortNumber(tx)}, T ${shortNumber(T)}), so the ${model} model cannot tell how customers differ and its likelihood has no maximum. It needs customers with different purchase histories.`,
  tooFewSpenders: (eligible: number, leftOut: number, minimum: number) =>
    `Only ${count(eligible, "repeat buyer")} ${eligible === 1 ? "has" : "have"} a mean repeat spend above 0${leftOut > 0 ? ` (${count(leftOut, "other")} left out: repeat spend 0 or less)` : ""}, so the Gamma-Gamma spend model cannot be fitted: it needs at least ${minimum}, and many more to be reliable. ${MORE_DATA[0]!.toUpperCase()}${MORE_DATA.slice(1)}.`,
  identicalSpend: (eligible: number, spend: number) =>
    `The mean repeat spend is the same (${shortNumber(spend)}) for every one of the ${count(eligible, "repeat buyer")}, so the Gamma-Gamma model, which estimates how spend varies between customers, has no maximum. With one spend for everyone, value customers with that spend directly (for example CRM.CLV).`,
  notFitted: (model: string, failure: FitFailure, counts: FitCounts, timeLimitMs: number) => {
    const data = `${count(counts.customers, "customer")}, ${count(counts.repeatBuyers, "repeat buyer")}`;
    switch (failure.kind) {
      case "unbounded":
        return `The ${model} fit has no maximum: the likelihood keeps rising as ${failure.parameter} runs off to ${shortNumber(failure.value)}, so the data (${data}) do not determine the model. This happens with few customers or when customers all behave alike; ${MORE_DATA}.`;
      case "flat":
        return `The ${model} fit is not determined: the likelihood is nearly flat along ${failure.parameter} at its maximum, so the data (${data}) do not pin the parameters down; ${MORE_DATA}.`;
      case "time":
        return `The ${model} fit did not finish within ${timeLimitMs / 1000} s on these data (${data}), so no parameters are reported. Fit a shorter or cleaner extract, or ${MORE_DATA}.`;
      case "iterations":
        return `The ${model} fit did not converge (${failure.detail[0]!.toLowerCase()}${failure.detail.slice(1)}) on these data (${data}), so no parameters are reported; ${MORE_DATA}.`;
    }
  },
} as const;
