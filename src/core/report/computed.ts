/**
 * Every metric the report shows, computed once from the core's metric modules and shared by
 * the sheets: the summary counts what the lists list, so they always agree. Nothing here
 * defines a metric; a metric that cannot be computed is kept as its CrmError, and the sheets
 * say why.
 */

import { bgnbdLogLikelihood, bgnbdLogLikelihoodOf, fitBgnbd, type BgnbdFit } from "../models/bgnbd";
import { bgnbdHorizonPredictor } from "../models/bgnbdHorizon";
import { cohortRetention, type CohortTable } from "../metrics/cohorts";
import {
  checkTransactionColumns,
  customerSummaryFromHistories,
  type CustomerSummary,
  type TransactionColumns,
} from "../models/customerSummary";
import { CrmError, isCrmError } from "../errors";
import { expectedAverageSpend, populationMeanSpend } from "../models/gammaGamma";
import { fitSpendModel, type SpendModelFit } from "../models/fitSpendModel";
import { holdoutValidationFromHistories, type HoldoutValidation } from "../models/holdout";
import { standardErrors } from "../models/standardErrors";
import { gradeCustomers, type Grading } from "../metrics/grading";
import { rfmAlertTable, type RfmAlertTable } from "../metrics/rfmAlert";
import { rfmScoreTable, type RfmScoreTable } from "../metrics/rfmScores";
import { churnTrend, type TrendRow } from "../metrics/trend";
import type { PreparedData } from "./data";
import { SUMMARY_MAX_OFFSET, type ReportOptions } from "./options";

/** The predictive model fitted in months, and each customer's predictions (SPEC §2 "Predictive CLV"). */
export interface Predictive {
  readonly summary: CustomerSummary;
  readonly bgnbd: BgnbdFit;
  /** standard errors of r, α, a, b (observed information; undefined where not positive definite) */
  readonly bgnbdStandardErrors: readonly (number | undefined)[];
  /** Gamma-Gamma, with the standard errors of p, q, γ in `parameters` */
  readonly spend: SpendModelFit;
  /** per summary row: P(alive), expected purchases over the horizon, expected spend, CLV */
  readonly alive: Float64Array;
  readonly purchases: Float64Array;
  readonly spends: Float64Array;
  readonly clv: Float64Array;
}

export interface ReportComputation {
  readonly trend: readonly TrendRow[] | CrmError;
  /** offsets +0 … the summary's cap */
  readonly cohorts: CohortTable | CrmError;
  readonly alerts: RfmAlertTable | CrmError;
  readonly grading: Grading | CrmError;
  readonly scores: RfmScoreTable | CrmError;
  readonly predictive: Predictive | CrmError;
  readonly holdout: HoldoutValidation | HoldoutTooShort | CrmError;
}

/** The data end too soon after they begin for a holdout check. */
export interface HoldoutTooShort {
  readonly kind: "tooShort";
  /** days from the first purchase to the as-of date */
  readonly spanDays: number;
  readonly minimumSpanDays: number;
}

/**
 * The report's holdout window (SPEC §4 "model": "holdout check when the data allows"): the later
 * half of the days from the first purchase to the as-of date, at most a year, as in the
 * published CDNOW analyses (39 of 78 weeks); data spanning fewer days than this have none.
 */
export const REPORT_HOLDOUT = { maximumDays: 365, minimumSpanDays: 56 } as const;

export function attempt<T>(compute: () => T): T | CrmError {
  try {
    return compute();
  } catch (error) {
    if (isCrmError(error)) return error;
    throw error;
  }
}

/**
 * Each fit's time limit in the report. A worksheet function's fit stops after 2 s so that Excel
 * never waits on one cell; the report is one long task the user started and can cancel, so its
 * fits get far longer, and the same data give the same report on a busy or slow machine. The
 * iteration limits still bound a fit that cannot converge.
 */
export const REPORT_FIT_TIME_LIMIT_MS = 60_000;

/** Monthly rate equivalent to a yearly one: (1 + d)^(1/12) − 1. */
export function monthlyRate(yearly: number): number {
  return (1 + yearly) ** (1 / 12) - 1;
}

/**
 * The audited rows as the models take them; their checks (customerSummary.ts's
 * checkTransactionColumns) are made before the models use `data.histories`, which data.ts
 * builds from these same rows.
 */
function modelRows(data: PreparedData): TransactionColumns {
  const { transactions } = data.audit;
  return {
    customerIndex: transactions.customerIndex,
    customerIds: transactions.customerIds,
    days: transactions.days,
    amounts: transactions.amounts!,
  };
}

/**
 * BG/NBD and Gamma-Gamma fitted in months to the purchases up to as-of, and each customer's
 * P(alive), expected purchases and spend, and predicted CLV = margin × expected spend ×
 * discounted expected purchases, as gammaGamma.ts's predictedClv defines it. Customers outside
 * the spend fit (one-time buyers, repeat buyers with repeat spend 0 or less; SPEC §2 "Spend
 * model eligibility") are expected to spend the population mean (expectedAverageSpend).
 * Cost: the fits, then O(distinct (x, t_x, T) triples × horizon) for the predictions.
 */
function predict(data: PreparedData, options: ReportOptions): Predictive {
  checkTransactionColumns(modelRows(data));
  const summary = customerSummaryFromHistories(data.histories, {
    calibrationEnd: options.asOf,
    timeUnit: "month",
  });
  const bgnbd = fitBgnbd(summary, { deadline: Date.now() + REPORT_FIT_TIME_LIMIT_MS });
  // The data are checked and grouped into distinct (x, t_x, T) once, not once per each of the
  // 33 evaluations (bgnbdLogLikelihoodOf; the same sums). A point with a parameter ≤ 0 goes
  // through bgnbdLogLikelihood, which refuses it as before.
  const logLikelihood = bgnbdLogLikelihoodOf(summary);
  const bgnbdStandardErrors = standardErrors(
    ([r, alpha, a, b]) => {
      const params = { r: r!, alpha: alpha!, a: a!, b: b! };
      return r! > 0 && alpha! > 0 && a! > 0 && b! > 0
        ? logLikelihood(params)
        : bgnbdLogLikelihood(params, summary);
    },
    [bgnbd.r, bgnbd.alpha, bgnbd.a, bgnbd.b]
  );
  const spend = fitSpendModel(summary, { deadline: Date.now() + REPORT_FIT_TIME_LIMIT_MS });
  // customers outside the spend fit are valued at the population mean spend: it must exist
  if (spend.customers < summary.x.length) populationMeanSpend(spend);
  const horizon = options.horizonMonths;
  const rate = monthlyRate(options.discountRate);
  const n = summary.customerIds.length;
  const alive = new Float64Array(n);
  const purchases = new Float64Array(n);
  const spends = new Float64Array(n);
  const clv = new Float64Array(n);
  // P(alive), expected and discounted purchases: the horizon steps once per distinct (x, T),
  // times each customer's P(alive) (FHL 2005 eq. (10) factors so; bgnbdHorizon.ts)
  const predict = bgnbdHorizonPredictor(bgnbd, { horizon, discountRate: rate });
  for (let i = 0; i < n; i++) {
    const customer = {
      x: summary.x[i]!,
      tx: summary.tx[i]!,
      T: summary.T[i]!,
      monetary: summary.monetary[i]!,
    };
    const perTriple = predict(customer.x, customer.tx, customer.T);
    alive[i] = perTriple.alive;
    purchases[i] = perTriple.purchases;
    spends[i] = expectedAverageSpend(spend, customer.x, customer.monetary);
    clv[i] = options.margin * spends[i]! * perTriple.discounted;
  }
  return { summary, bgnbd, bgnbdStandardErrors, spend, alive, purchases, spends, clv };
}

/**
 * The holdout check of the report's purchase model ({@link REPORT_HOLDOUT} picks the window):
 * BG/NBD fitted in months on the purchases up to the calibration end, against the purchase days
 * each of those customers made after it, up to the as-of date (holdout.ts). Cost: one more fit.
 */
function holdoutCheck(
  data: PreparedData,
  options: ReportOptions
): HoldoutValidation | HoldoutTooShort {
  const { transactions } = data.audit;
  let firstDay = Infinity;
  for (const day of transactions.days) if (day < firstDay) firstDay = day;
  const spanDays = options.asOf - firstDay;
  if (!(spanDays >= REPORT_HOLDOUT.minimumSpanDays)) {
    return {
      kind: "tooShort",
      spanDays: Math.max(0, spanDays),
      minimumSpanDays: REPORT_HOLDOUT.minimumSpanDays,
    };
  }
  const holdoutDays = Math.min(Math.ceil(spanDays / 2), REPORT_HOLDOUT.maximumDays);
  checkTransactionColumns(modelRows(data));
  return holdoutValidationFromHistories(
    // data.histories are buildHistories of these very rows (data.ts): the summaries and the
    // holdout purchases are those of the rows, without grouping them twice more
    data.histories,
    {
      calibrationEnd: options.asOf - holdoutDays,
      holdoutEnd: options.asOf,
      timeUnit: "month",
      fitOptions: { deadline: Date.now() + REPORT_FIT_TIME_LIMIT_MS },
    }
  );
}

/** Computes every metric of the report once (options already checked). */
export function computeReport(data: PreparedData, options: ReportOptions): ReportComputation {
  const { histories } = data;
  const { asOf, period } = options;
  return {
    trend: attempt(() =>
      churnTrend(histories, { period, inactiveDays: options.inactiveDays, asOf })
    ),
    cohorts: attempt(() => {
      const cap = options.maxCohortOffset ?? SUMMARY_MAX_OFFSET;
      const all = cohortRetention(histories, { period, measure: "customers", asOf });
      return all.maxOffset <= cap
        ? all
        : cohortRetention(histories, { period, measure: "customers", asOf, maxOffset: cap });
    }),
    alerts: attempt(() => rfmAlertTable(histories, { asOf, thresholds: options.alertThresholds })),
    grading: attempt(() =>
      gradeCustomers(histories, { asOf, thresholds: options.gradeThresholds })
    ),
    scores: attempt(() => rfmScoreTable(histories, { asOf })),
    predictive: attempt(() => predict(data, options)),
    holdout: attempt(() => holdoutCheck(data, options)),
  };
}
