/**
 * Holdout validation of a purchase model (SPEC §2 "Predictive CLV": "calibration up to one
 * date, actual vs predicted repeat purchases after it, by calibration frequency"), the check of
 * Fader, Hardie & Lee (2005, fig. 4) and of the BTYD walkthrough (Dziurzynski, Wadsworth &
 * McCarthy, "BTYD: Implementing Buy 'Til You Die Models", p. 24, `bgnbd.PlotFreqVsConditionalExpectedFrequency`).
 *
 * The model is fitted on the calibration period only (every row up to and including
 * `calibrationEnd`); for each customer of that fit, the purchase days they actually made in the
 * holdout (calibrationEnd, holdoutEnd] are set against the model's conditional expectation
 * E[Y(t) | x, tₓ, T] for t = (holdoutEnd − calibrationEnd) / unit, and both are averaged within
 * groups of calibration frequency x (default 0, 1, …, 6 and 7+, as published).
 *
 * Purchases are counted as everywhere else (SPEC §2 "From transactions", "Returns"): distinct
 * purchase days, same-day rows merged; a customer-day whose rows are all returns (negative
 * amounts) is no purchase day, in the calibration (x, tₓ, T) as in the holdout.
 *
 * Customers whose first purchase is after `calibrationEnd` (new in the holdout) or who have only
 * returns are not in the model's calibration data, so they are not in the table either (counted
 * in `excludedCustomers`): the check asks how well the model predicts the customers it was
 * fitted on.
 */
import { CrmError } from "../errors";
import { buildHistories, type PurchaseHistories } from "../input/history";
import { isoFromSerial } from "../input/dates";
import {
  checkTransactionColumns,
  ClvMessages,
  customerSummaryFromHistories,
  DAYS_PER_UNIT,
  requireTimeUnit,
  type CustomerSummary,
  type TimeUnit,
  type TransactionColumns,
} from "./customerSummary";
import { fitPurchaseModel, type PurchaseFitOptions } from "./fitPurchaseModel";
import type { PurchaseModelFit, PurchaseModelKind } from "./purchaseModel";

/** The default groups: calibration frequencies 0, 1, …, 6 and 7+ (FHL 2005 fig. 4; BTYD `censor = 7`). */
export const DEFAULT_FREQUENCY_GROUP_STARTS: readonly number[] = [0, 1, 2, 3, 4, 5, 6, 7];

/** How a purchase model is fitted: {@link fitPurchaseModel}, or a caching wrapper around it. */
export type PurchaseModelFitter = (
  kind: PurchaseModelKind,
  summary: CustomerSummary,
  options: PurchaseFitOptions
) => PurchaseModelFit;

export interface HoldoutOptions {
  /** last day of the calibration period, a day serial; purchases on it are calibration purchases */
  readonly calibrationEnd: number;
  /** last day of the holdout period, a day serial after `calibrationEnd`; purchases on it count */
  readonly holdoutEnd: number;
  readonly timeUnit: TimeUnit;
  /** the purchase model (default "bgnbd") */
  readonly model?: PurchaseModelKind;
  /**
   * the lowest calibration frequency of each group, whole numbers rising from 0; the last group
   * is open-ended. Default {@link DEFAULT_FREQUENCY_GROUP_STARTS}: 0, 1, …, 6, 7+
   */
  readonly groupStarts?: readonly number[];
  /** passed to the fit (penalizer, deadline, …) */
  readonly fitOptions?: PurchaseFitOptions;
  /** the fit to use (default {@link fitPurchaseModel}); a cache can stand in for it */
  readonly fit?: PurchaseModelFitter;
}

/** Actual and expected holdout repeat purchases of a set of customers. */
export interface HoldoutComparison {
  /** customers in the set */
  readonly customers: number;
  /** mean actual holdout purchase days per customer; null for an empty group */
  readonly actualMean: number | null;
  /** mean of E[Y(t) | x, tₓ, T] over the customers; null for an empty group */
  readonly expectedMean: number | null;
  /** sum of the actual holdout purchase days */
  readonly actualPurchases: number;
  /** sum of E[Y(t) | x, tₓ, T] */
  readonly expectedPurchases: number;
}

/** One calibration-frequency group: customers with minFrequency ≤ x ≤ maxFrequency. */
export interface HoldoutGroup extends HoldoutComparison {
  /** "0", "1", …, "7+"; a wider group reads "3-5" */
  readonly label: string;
  readonly minFrequency: number;
  /** null for the last, open-ended group */
  readonly maxFrequency: number | null;
}

export interface HoldoutValidation {
  readonly timeUnit: TimeUnit;
  readonly calibrationEnd: number;
  readonly holdoutEnd: number;
  /** the holdout length t = (holdoutEnd − calibrationEnd) / unit */
  readonly horizon: number;
  /** last date of any row (returns included), for a caller that warns when it precedes holdoutEnd */
  readonly lastDataDay: number;
  /** the model fitted on the calibration period */
  readonly model: PurchaseModelFit;
  /** the calibration summary the model was fitted on; the per-customer arrays below follow its rows */
  readonly summary: CustomerSummary;
  /** each calibration customer's purchase days in the holdout */
  readonly actual: Int32Array;
  /** each calibration customer's E[Y(t) | x, tₓ, T] */
  readonly expected: Float64Array;
  readonly groups: readonly HoldoutGroup[];
  /** every calibration customer: the aggregate actual vs expected holdout repeat purchases */
  readonly total: HoldoutComparison;
  /**
   * mean over the non-empty groups of |actualMean − expectedMean|, each group counting once
   * whatever its size (the error one reads off the published chart; neither BTYD nor lifetimes
   * computes one)
   */
  readonly meanAbsoluteError: number;
  /** customers left out: first purchase after calibrationEnd, or only returns */
  readonly excludedCustomers: number;
}

/** Wording of the holdout messages, in one place (STYLE: "error messages are shared constants"). */
export const HoldoutMessages = {
  holdoutEndNotDay: (value: number) =>
    `holdout_end must be a date (a whole day serial), got ${value}.`,
  holdoutEndNotAfter: (holdoutEnd: number, calibrationEnd: number) =>
    `holdout_end (${isoFromSerial(holdoutEnd)}) must be after calibration_end (${isoFromSerial(calibrationEnd)}): the holdout period is the time from the day after calibration_end up to holdout_end.`,
  noHoldoutData: (lastDay: number, calibrationEnd: number) =>
    `The data end on ${isoFromSerial(lastDay)}, on or before calibration_end (${isoFromSerial(calibrationEnd)}), so they do not span a holdout period to compare the model with; choose a calibration_end before the last date in the data.`,
  badGroups: (detail: string) =>
    `The frequency groups must be whole numbers rising from 0 (${detail}).`,
} as const;

function checkGroupStarts(starts: readonly number[]): void {
  if (starts.length === 0) throw new CrmError("value", HoldoutMessages.badGroups("none given"));
  if (starts[0] !== 0) {
    throw new CrmError("value", HoldoutMessages.badGroups(`the first is ${starts[0]}`));
  }
  for (let g = 1; g < starts.length; g++) {
    const start = starts[g]!;
    if (!Number.isInteger(start) || start <= starts[g - 1]!) {
      throw new CrmError("value", HoldoutMessages.badGroups(`${start} follows ${starts[g - 1]!}`));
    }
  }
}

/** The checks of the options alone, in holdoutValidation's order (before the rows'). */
function checkHoldoutOptions(options: HoldoutOptions): void {
  const { calibrationEnd, holdoutEnd } = options;
  checkGroupStarts(options.groupStarts ?? DEFAULT_FREQUENCY_GROUP_STARTS);
  if (!Number.isInteger(holdoutEnd)) {
    throw new CrmError("num", HoldoutMessages.holdoutEndNotDay(holdoutEnd), "holdout_end");
  }
  if (!Number.isInteger(calibrationEnd)) {
    throw new CrmError(
      "num",
      ClvMessages.calibrationEndNotDay("calibration_end", calibrationEnd),
      "calibration_end"
    );
  }
  if (!(holdoutEnd > calibrationEnd)) {
    throw new CrmError(
      "num",
      HoldoutMessages.holdoutEndNotAfter(holdoutEnd, calibrationEnd),
      "holdout_end"
    );
  }
}

function groupLabel(min: number, max: number | null): string {
  if (max === null) return `${min}+`;
  return min === max ? String(min) : `${min}-${max}`;
}

function comparison(customers: number, actual: number, expected: number): HoldoutComparison {
  return {
    customers,
    actualMean: customers > 0 ? actual / customers : null,
    expectedMean: customers > 0 ? expected / customers : null,
    actualPurchases: actual,
    expectedPurchases: expected,
  };
}

/**
 * Fits a purchase model on the calibration period and compares, by calibration frequency, the
 * customers' actual repeat purchase days in the holdout with the model's expectation.
 *
 * Definitions (SPEC §2 "Predictive CLV"): the calibration summary is {@link customerSummary}
 * at `calibrationEnd`; actual = the customer's purchase days d with
 * calibrationEnd < d ≤ holdoutEnd (return-only days are no purchase days); expected =
 * E[Y(t) | x, tₓ, T] of the fitted model (BG/NBD: FHL 2005 eq. 10) with
 * t = (holdoutEnd − calibrationEnd) / unit, 39 weeks for CDNOW's 1997-09-30 … 1998-06-30.
 * Each group reports its customers, the mean actual and the mean expected purchases (as BTYD's
 * `bgnbd.PlotFreqVsConditionalExpectedFrequency` does: sum over the group ÷ its size); the
 * total covers every calibration customer; the mean absolute error is the unweighted mean of
 * |actual − expected| over the non-empty groups.
 *
 * The data are taken to cover the holdout: rows after holdoutEnd are ignored, and a holdout
 * that runs past the last date in the data (`lastDataDay`) counts the missing days as days
 * without purchases.
 *
 * Cost O(n + C) for n rows and C customers, plus the fit and one conditional expectation per
 * distinct (x, tₓ, T).
 *
 * @throws CrmError `num` when holdoutEnd is not a whole day serial or not after calibrationEnd;
 *   `na` when no row is dated after calibrationEnd (the data span no holdout); those of
 *   {@link customerSummary} and of the fit (`na` nobody bought on or before calibrationEnd or
 *   nobody bought twice, `value` no maximum); `value` for malformed groupStarts
 * @example holdoutValidation(cdnowSample, { calibrationEnd: 35703, holdoutEnd: 35976, timeUnit: "week" })
 *   //=> groups "0" … "7+": customers 1411, 439, …, 64; actualMean 0.2367, …, 6.3594;
 *   //   expectedMean 0.2251, …, 6.1572; meanAbsoluteError 0.2245 (BTYD walkthrough p. 24)
 */
export function holdoutValidation(
  transactions: TransactionColumns,
  options: HoldoutOptions
): HoldoutValidation {
  checkHoldoutOptions(options);
  requireTimeUnit(options.timeUnit);
  checkTransactionColumns(transactions);
  return holdoutValidationFromHistories(buildHistories(transactions), options);
}

/**
 * {@link holdoutValidation} of purchase histories already built from the transactions
 * (`buildHistories` of the same rows, amounts included, checked as
 * {@link checkTransactionColumns} does): the same validation, number for number, without
 * grouping the rows again. Cost: that of holdoutValidation less the O(n) grouping.
 *
 * @throws CrmError as {@link holdoutValidation}, except the checks of the rows
 * @example holdoutValidationFromHistories(buildHistories(cdnowSample), { calibrationEnd: 35703, holdoutEnd: 35976, timeUnit: "week" })
 *   //=> holdoutValidation(cdnowSample, the same options)
 */
export function holdoutValidationFromHistories(
  histories: PurchaseHistories,
  options: HoldoutOptions
): HoldoutValidation {
  checkHoldoutOptions(options);
  const { calibrationEnd, holdoutEnd } = options;
  const starts = options.groupStarts ?? DEFAULT_FREQUENCY_GROUP_STARTS;
  const summary = customerSummaryFromHistories(histories, {
    calibrationEnd,
    timeUnit: options.timeUnit,
  });
  if (!(histories.lastDay > calibrationEnd)) {
    throw new CrmError(
      "na",
      HoldoutMessages.noHoldoutData(histories.lastDay, calibrationEnd),
      "calibration_end"
    );
  }

  const fit = options.fit ?? fitPurchaseModel;
  const model = fit(options.model ?? "bgnbd", summary, options.fitOptions ?? {});
  const horizon = (holdoutEnd - calibrationEnd) / DAYS_PER_UNIT[summary.timeUnit];

  const customers = summary.x.length;
  const actual = new Int32Array(customers);
  const expected = new Float64Array(customers);
  const groupOf = (x: number): number => {
    let g = starts.length - 1;
    while (starts[g]! > x) g--;
    return g;
  };
  const groupCustomers = new Array<number>(starts.length).fill(0);
  const groupActual = new Array<number>(starts.length).fill(0);
  const groupExpected = new Array<number>(starts.length).fill(0);
  // the expectation depends on (x, tₓ, T) only: computed once per distinct history
  // (the summary's x, tₓ and T are the same quotients of x, the last − first and the
  // calibration end − first purchase day: those whole numbers key the histories, one number
  // when the days span at most ∛2⁵³ ≈ 208,000 days, else text)
  const byHistory = new Map<number | string, number>();
  const { start, days } = histories;
  const width = calibrationEnd - histories.firstDay + 1;
  const numericKeys = width * width * width <= Number.MAX_SAFE_INTEGER;
  for (let i = 0; i < customers; i++) {
    const c = summary.sourceIndex[i]!;
    const x = summary.x[i]!;
    // the customer's purchase days start[c] … start[c] + x are the calibration ones
    const first = days[start[c]!]!;
    const recency = days[start[c]! + x]! - first;
    const age = calibrationEnd - first;
    let bought = 0;
    for (let j = start[c]! + x + 1; j < start[c + 1]!; j++) {
      if (days[j]! > holdoutEnd) break;
      bought++;
    }
    const tx = summary.tx[i]!;
    const T = summary.T[i]!;
    const key = numericKeys ? (x * width + recency) * width + age : `${x}|${recency}|${age}`;
    let expectation = byHistory.get(key);
    if (expectation === undefined) {
      expectation = model.expectedPurchases(horizon, x, tx, T);
      byHistory.set(key, expectation);
    }
    actual[i] = bought;
    expected[i] = expectation;
    const g = groupOf(x);
    groupCustomers[g]!++;
    groupActual[g]! += bought;
    groupExpected[g]! += expectation;
  }

  const groups: HoldoutGroup[] = starts.map((min, g) => {
    const max = g + 1 < starts.length ? starts[g + 1]! - 1 : null;
    return {
      label: groupLabel(min, max),
      minFrequency: min,
      maxFrequency: max,
      ...comparison(groupCustomers[g]!, groupActual[g]!, groupExpected[g]!),
    };
  });
  let errorSum = 0;
  let groupsCounted = 0;
  for (const group of groups) {
    if (group.actualMean === null || group.expectedMean === null) continue;
    errorSum += Math.abs(group.actualMean - group.expectedMean);
    groupsCounted++;
  }
  const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
  return {
    timeUnit: summary.timeUnit,
    calibrationEnd,
    holdoutEnd,
    horizon,
    lastDataDay: histories.lastDay,
    model,
    summary,
    actual,
    expected,
    groups,
    total: comparison(customers, sum(groupActual), sum(groupExpected)),
    // customerSummary throws when no customer is left, so at least one group has customers
    meanAbsoluteError: errorSum / groupsCounted,
    excludedCustomers: summary.excludedCustomers,
  };
}
