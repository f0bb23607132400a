/**
 * The shifted-beta-geometric (sBG) model of contractual retention (SPEC §2 "Contractual
 * retention (subscriptions)"): at the end of every period each customer still under contract
 * cancels with their own probability θ, the same for them in every period, and θ varies across
 * customers as Beta(α, β). The lifetime T (the period in which a customer cancels, T = 1, 2, …)
 * is then shifted-beta-geometric:
 *
 *   P(T = t) = B(α + 1, β + t − 1) / B(α, β),      S(t) = P(T > t) = B(α, β + t) / B(α, β),
 *
 * and the retention rate of period t, r_t = S(t)/S(t − 1) = (β + t − 1)/(α + β + t − 1), rises
 * with tenure although no customer's own probability changes: the customers most likely to
 * cancel leave first (the "sorting effect").
 *
 * Fitted by maximum likelihood to one cohort's survivor counts n₀ ≥ n₁ ≥ … ≥ n_k (n_t customers
 * still under contract after t periods): nₜ₋₁ − nₜ customers cancelled in period t, and n_k
 * are still alive at the end (right-censored).
 *
 * References: P. S. Fader & B. G. S. Hardie, "How to Project Customer Retention", Journal of
 * Interactive Marketing 21(1), 2007, 76–90 (equations (4)–(7) and the "regular" and "high end"
 * data: α 0.704, β 1.182, LL −1680.27; α 0.668, β 3.806, LL −1611.16, as fitted here);
 * P. S. Fader & B. G. S. Hardie, "Customer-Base Valuation in a Contractual Setting: The Perils
 * of Ignoring Heterogeneity", Marketing Science 29(1), 2010, 85–93 (DERL, their equation (6)).
 *
 * Periods are whatever the counts are counted in (years, months); every result is in periods.
 */
import { CrmError } from "../errors";
import { DEFAULT_FIT_TIME_LIMIT_MS, minimizeLogParameterFit, type FitFailure } from "./optimize";
import { standardErrors } from "./standardErrors";

const { abs, exp, log } = Math;

/** The two sBG parameters, both > 0: θ ~ Beta(α, β) is a customer's cancellation probability. */
export interface SbgParams {
  readonly alpha: number;
  readonly beta: number;
}

/** How messages name the survivor counts: the argument and one count's place in the range. */
export interface SurvivorNames {
  /** the argument's name (default `survivors`) */
  readonly argument: string;
  /** the place of count i (0-based) in the user's range (default `row i + 1`) */
  readonly place: (index: number) => string;
  /** the 1-based row of count i, when the range is a column (default i + 1) */
  readonly row?: (index: number) => number | undefined;
}

export const DEFAULT_SURVIVOR_NAMES: SurvivorNames = {
  argument: "survivors",
  place: (index) => `row ${index + 1}`,
  row: (index) => index + 1,
};

export interface SbgFitOptions {
  /** how messages name the counts (default `survivors`, `row i`) */
  readonly names?: SurvivorNames;
  /** starting point (default α = 1, β = (1 − p₁)/p₁ with p₁ the first period's churn share) */
  readonly start?: SbgParams;
  /** iteration limit of each BFGS run (default 200; Nelder–Mead gets ten times as many) */
  readonly maxIterations?: number;
  /** Date.now() time after which the fit gives up; default {@link DEFAULT_FIT_TIME_LIMIT_MS} from the call */
  readonly deadline?: number;
}

export interface SbgFit extends SbgParams {
  /** standard error of α from the observed information; undefined when it is not positive definite */
  readonly alphaStandardError: number | undefined;
  /** standard error of β, likewise */
  readonly betaStandardError: number | undefined;
  /** the maximised log-likelihood */
  readonly logLikelihood: number;
  /** periods of churn observed, k (the counts are n₀ … n_k) */
  readonly periods: number;
  /** n₀: the cohort's customers at the start */
  readonly cohortSize: number;
  /** n_k: still under contract at the end of the data */
  readonly survivorsAtEnd: number;
  readonly iterations: number;
  /** always true: a fit that does not converge throws instead */
  readonly converged: true;
}

/** see InteriorMinimumOptions.minimumCurvature: refuse parameters the data leave undetermined */
const MINIMUM_CURVATURE = 0.01;
const MODEL = "sBG";
/** The smallest discount rate above 0 that the DERL sums (see {@link sbgResidualLifetime}). */
const MIN_DISCOUNT_RATE = 1e-4;
/** A guard on the DERL series: ln(10¹⁶/d)/d at the smallest rate is about 4.6·10⁵. */
const MAX_DERL_TERMS = 1e7;

/** 20, 38.86, 9.54e+8: short, for messages. */
function shortNumber(value: number): string {
  if (!Number.isFinite(value) || value === 0) return String(value);
  const magnitude = abs(value);
  return magnitude >= 1e5 || magnitude < 1e-3
    ? value.toExponential(2)
    : String(Number(value.toPrecision(4)));
}

function requireParams(params: SbgParams): void {
  for (const [name, value] of [
    ["alpha", params.alpha],
    ["beta", params.beta],
  ] as const) {
    if (!Number.isFinite(value) || !(value > 0)) {
      throw new CrmError("num", `${name} must be a number above 0 (got ${value}).`, name);
    }
  }
}

function requireWholePeriod(t: number, argument: string, minimum: number): void {
  if (!Number.isInteger(t) || t < minimum || t > Number.MAX_SAFE_INTEGER) {
    throw new CrmError(
      "num",
      `${argument} must be a whole number of periods of at least ${minimum} (got ${t}).`,
      argument
    );
  }
}

/**
 * Checks a cohort's survivor counts: whole numbers ≥ 0, the first above 0, never rising, at
 * least 3 of them (the start and 2 periods: 2 parameters need 2 periods of churn).
 *
 * @throws CrmError `num` naming the argument and the count's place for a count that is not a
 *   whole number ≥ 0, that exceeds the one before it, or a first count of 0; `na` for fewer
 *   than 3 counts
 */
export function checkSurvivorCounts(
  survivors: readonly number[],
  names: SurvivorNames = DEFAULT_SURVIVOR_NAMES
): void {
  const { argument } = names;
  const rowOf = (i: number) => names.row?.(i);
  survivors.forEach((n, i) => {
    if (!Number.isInteger(n) || n < 0 || n > Number.MAX_SAFE_INTEGER) {
      throw new CrmError(
        "num",
        `${argument}, ${names.place(i)}: a survivor count must be a whole number of customers from 0 to 9,007,199,254,740,991 (got ${n}).`,
        argument,
        rowOf(i)
      );
    }
    if (i === 0 && n === 0) {
      throw new CrmError(
        "num",
        `${argument}, ${names.place(i)}: the first count is the cohort's size at the start and must be above 0 (got 0).`,
        argument,
        rowOf(i)
      );
    }
    if (i > 0 && n > survivors[i - 1]!) {
      throw new CrmError(
        "num",
        `${argument}, ${names.place(i)}: survivor counts cannot rise (${n} after ${survivors[i - 1]!}): each is the number of the cohort's customers still under contract after one more period.`,
        argument,
        rowOf(i)
      );
    }
  });
  if (survivors.length < 3) {
    throw new CrmError(
      "na",
      `${argument} holds ${survivors.length} count${survivors.length === 1 ? "" : "s"}; the sBG model needs at least 3 (the cohort's size at the start, then its survivors after each of at least 2 periods).`,
      argument
    );
  }
}

/**
 * The mean negative log-likelihood per starting customer as a function of θ = (ln α, ln β),
 * with its analytic gradient. With ln S(t) = Σᵢ₌₁..ₜ [ln(β + i − 1) − ln(α + β + i − 1)] and
 * ln P(T = t) = ln S(t − 1) + ln α − ln(α + β + t − 1),
 *
 *   LL = Σₜ₌₁..ₖ (nₜ₋₁ − nₜ) ln P(T = t) + n_k ln S(k).
 *
 * Cost O(k) per evaluation.
 */
function meanNegativeLogLikelihood(
  survivors: readonly number[]
): (theta: Float64Array, gradient: Float64Array) => number {
  const k = survivors.length - 1;
  const n0 = survivors[0]!;
  return (theta, gradient) => {
    const alpha = exp(theta[0]!);
    const beta = exp(theta[1]!);
    const logAlpha = log(alpha);
    // running ln S(t − 1) and its derivatives in α and β
    let logS = 0;
    let dSa = 0;
    let dSb = 0;
    let total = 0;
    let gA = 0;
    let gB = 0;
    for (let t = 1; t <= k; t++) {
      const churned = survivors[t - 1]! - survivors[t]!;
      const inverseAB = 1 / (alpha + beta + t - 1);
      if (churned > 0) {
        total += churned * (logS + logAlpha - log(alpha + beta + t - 1));
        gA += churned * (dSa + 1 / alpha - inverseAB);
        gB += churned * (dSb - inverseAB);
      }
      logS += log(beta + t - 1) - log(alpha + beta + t - 1);
      dSa -= inverseAB;
      dSb += 1 / (beta + t - 1) - inverseAB;
    }
    const alive = survivors[k]!;
    total += alive * logS;
    gA += alive * dSa;
    gB += alive * dSb;
    gradient[0] = (-gA * alpha) / n0;
    gradient[1] = (-gB * beta) / n0;
    return -total / n0;
  };
}

/**
 * The log-likelihood of the sBG model for one cohort's survivor counts n₀ ≥ … ≥ n_k (Fader &
 * Hardie 2007, eq. (5)): Σₜ (nₜ₋₁ − nₜ) ln P(T = t) + n_k ln S(k). Cost O(k).
 *
 * @throws CrmError `num` for a parameter ≤ 0 or a bad count (see {@link checkSurvivorCounts})
 * @example sbgLogLikelihood({ alpha: 0.704, beta: 1.182 }, [1000, 631, 468, 382, 326, 289, 262, 241]) //=> -1680.27 (rounded)
 */
export function sbgLogLikelihood(params: SbgParams, survivors: readonly number[]): number {
  requireParams(params);
  checkSurvivorCounts(survivors);
  const objective = meanNegativeLogLikelihood(survivors);
  return (
    -objective(Float64Array.of(log(params.alpha), log(params.beta)), new Float64Array(2)) *
    survivors[0]!
  );
}

/** The constant retention rate that fits best when every customer is alike (geometric MLE). */
function homogeneousRetention(survivors: readonly number[]): number {
  let churned = 0;
  let exposed = 0;
  for (let t = 1; t < survivors.length; t++) {
    churned += survivors[t - 1]! - survivors[t]!;
    exposed += survivors[t - 1]!;
  }
  return 1 - churned / exposed;
}

function notFitted(failure: FitFailure, survivors: readonly number[], timeLimitMs: number): string {
  const data = `${survivors[0]!.toLocaleString("en-US")} customers over ${survivors.length - 1} periods`;
  const why = `This happens when the retention rate does not rise with tenure, so the customers look alike (one constant retention rate, ${shortNumber(homogeneousRetention(survivors))} per period, describes the cohort as well), or with very few customers; use a larger cohort or more periods.`;
  switch (failure.kind) {
    case "unbounded":
      return `The ${MODEL} fit has no maximum: the likelihood keeps rising as ${failure.parameter} runs off to ${shortNumber(failure.value)}, so the data (${data}) do not determine the model. ${why}`;
    case "flat":
      return `The ${MODEL} fit is not determined: the likelihood is nearly flat along ${failure.parameter} at its maximum, so the data (${data}) do not pin the parameters down. ${why}`;
    case "time":
      return `The ${MODEL} fit did not finish within ${timeLimitMs / 1000} s on these data (${data}), so no parameters are reported.`;
    case "iterations":
      return `The ${MODEL} fit did not converge (${failure.detail[0]!.toLowerCase()}${failure.detail.slice(1)}) on these data (${data}), so no parameters are reported.`;
  }
}

/**
 * Fits the sBG model to one cohort's survivor counts by maximum likelihood (Fader & Hardie
 * 2007, eq. (5)).
 *
 * Method: the mean log-likelihood per starting customer is maximised over (ln α, ln β) by BFGS
 * with the analytic gradient, Nelder–Mead as a fallback, and the answer certified as a strict
 * interior maximum (minimizeLogParameterFit in optimize.ts, as for BG/NBD), from α = 1 and β
 * set so that α/(α + β) is the first period's churn share. Standard errors are from the
 * observed information (standardErrors.ts).
 *
 * Degenerate cohorts are refused before any search, since their likelihood rises towards a
 * boundary and any "estimate" would be arbitrary: nobody cancels (n_k = n₀), or everybody
 * cancels in the first period (n₁ = 0). A fit that runs to a boundary anyway (typically churn
 * that does not fall with tenure: no heterogeneity to estimate) is refused with a message that
 * gives the constant retention rate that describes such a cohort.
 *
 * Cost O(k) per likelihood evaluation, typically 10–30 BFGS iterations: under a millisecond
 * for 8 counts.
 *
 * @throws CrmError `num` for a bad count (named by its place); `na` for fewer than 3 counts;
 *   `value` when nobody cancels, everybody cancels in the first period, or the fit has no
 *   certified maximum (a parameter runs off to 0 or ∞, the likelihood is flat, the iterations
 *   or the time run out), never unconverged numbers
 * @example fitShiftedBetaGeometric([1000, 631, 468, 382, 326, 289, 262, 241])
 *   //=> { alpha: 0.704, beta: 1.182, logLikelihood: -1680.27, periods: 7, cohortSize: 1000, … } (rounded)
 */
export function fitShiftedBetaGeometric(
  survivors: readonly number[],
  options: SbgFitOptions = {}
): SbgFit {
  const startedAt = Date.now();
  const deadline = options.deadline ?? startedAt + DEFAULT_FIT_TIME_LIMIT_MS;
  const names = options.names ?? DEFAULT_SURVIVOR_NAMES;
  checkSurvivorCounts(survivors, names);
  const k = survivors.length - 1;
  const n0 = survivors[0]!;
  const nk = survivors[k]!;
  if (nk === n0) {
    throw new CrmError(
      "value",
      `Nobody in ${names.argument} cancelled: all ${n0.toLocaleString("en-US")} customers are still under contract after ${k} periods, so the ${MODEL} model has no churn to learn from (its likelihood rises without end as the cancellation probability goes to 0). Wait for the first cancellations, or use an older cohort.`,
      names.argument
    );
  }
  if (survivors[1] === 0) {
    throw new CrmError(
      "value",
      `Everybody in ${names.argument} cancelled in the first period (${n0.toLocaleString("en-US")} customers, none left after period 1), so the ${MODEL} model cannot tell how customers differ (its likelihood rises without end as the cancellation probability goes to 1).`,
      names.argument
    );
  }
  if (options.start !== undefined) requireParams(options.start);
  const firstChurn = (n0 - survivors[1]!) / n0;
  const start = options.start ?? {
    alpha: 1,
    beta: firstChurn > 0 ? (1 - firstChurn) / firstChurn : 1,
  };
  const objective = meanNegativeLogLikelihood(survivors);
  const outcome = minimizeLogParameterFit(
    objective,
    [log(start.alpha), log(start.beta)],
    ["alpha", "beta"],
    {
      maxIterations: options.maxIterations ?? 200,
      deadline,
      minimumCurvature: MINIMUM_CURVATURE / n0,
    }
  );
  if (!outcome.converged) {
    throw new CrmError(
      "value",
      notFitted(outcome.failure, survivors, deadline - startedAt),
      names.argument
    );
  }
  const alpha = exp(outcome.theta[0]!);
  const beta = exp(outcome.theta[1]!);
  const logLikelihoodAt = (p: readonly number[]) =>
    p[0]! > 0 && p[1]! > 0
      ? -objective(Float64Array.of(log(p[0]!), log(p[1]!)), new Float64Array(2)) * n0
      : Number.NaN;
  const [alphaStandardError, betaStandardError] = standardErrors(logLikelihoodAt, [alpha, beta]);
  return {
    alpha,
    beta,
    alphaStandardError,
    betaStandardError,
    logLikelihood: -outcome.value * n0,
    periods: k,
    cohortSize: n0,
    survivorsAtEnd: nk,
    iterations: outcome.iterations,
    converged: true,
  };
}

/**
 * The survival function S(t) = P(T > t) = B(α, β + t)/B(α, β) = Πᵢ₌₁..ₜ (β + i − 1)/(α + β + i − 1):
 * the share of a cohort still under contract after t periods (Fader & Hardie 2007, eq. (6)).
 * S(0) = 1. Computed as a sum of logarithms. Cost O(t).
 *
 * @throws CrmError `num` for a parameter ≤ 0 or t not a whole number ≥ 0
 * @example sbgSurvival({ alpha: 1, beta: 1 }, 3) //=> 0.25 (1/2 · 2/3 · 3/4)
 */
export function sbgSurvival(params: SbgParams, t: number): number {
  requireParams(params);
  requireWholePeriod(t, "t", 0);
  const { alpha, beta } = params;
  let logS = 0;
  for (let i = 1; i <= t; i++) logS += log(beta + i - 1) - log(alpha + beta + i - 1);
  return exp(logS);
}

/**
 * S(t) for t = first … last at once, by the recursion S(t) = S(t − 1) · r_t: what a projection
 * over many periods needs, in O(last) rather than O(last²).
 *
 * @throws CrmError `num` for a parameter ≤ 0 or first, last not whole numbers with 0 ≤ first ≤ last
 * @example sbgSurvivalCurve({ alpha: 1, beta: 1 }, 1, 3) //=> Float64Array [0.5, 0.3333…, 0.25]
 */
export function sbgSurvivalCurve(params: SbgParams, first: number, last: number): Float64Array {
  requireParams(params);
  requireWholePeriod(first, "first", 0);
  requireWholePeriod(last, "last", first);
  const { alpha, beta } = params;
  const curve = new Float64Array(last - first + 1);
  let logS = 0;
  for (let t = 0; t <= last; t++) {
    if (t > 0) logS += log(beta + t - 1) - log(alpha + beta + t - 1);
    if (t >= first) curve[t - first] = exp(logS);
  }
  return curve;
}

/**
 * The probability of cancelling in period t, P(T = t) = B(α + 1, β + t − 1)/B(α, β)
 * = S(t − 1) · α/(α + β + t − 1) (Fader & Hardie 2007, eq. (4)). Cost O(t).
 *
 * @throws CrmError `num` for a parameter ≤ 0 or t not a whole number ≥ 1
 * @example sbgChurnProbability({ alpha: 1, beta: 1 }, 2) //=> 0.16666666666666666 (1/2 · 1/3)
 */
export function sbgChurnProbability(params: SbgParams, t: number): number {
  requireWholePeriod(t, "t", 1);
  return sbgSurvival(params, t - 1) * (params.alpha / (params.alpha + params.beta + t - 1));
}

/**
 * The retention rate of period t, r_t = S(t)/S(t − 1) = (β + t − 1)/(α + β + t − 1): the share
 * of the customers under contract at the start of period t who renew at its end (Fader &
 * Hardie 2007, eq. (7)). Rises towards 1 with t. Cost O(1).
 *
 * @throws CrmError `num` for a parameter ≤ 0 or t not a whole number ≥ 1
 * @example sbgRetentionRate({ alpha: 0.704, beta: 1.182 }, 1) //=> 0.6267232237539766 (1.182/1.886)
 */
export function sbgRetentionRate(params: SbgParams, t: number): number {
  requireParams(params);
  requireWholePeriod(t, "t", 1);
  return (params.beta + t - 1) / (params.alpha + params.beta + t - 1);
}

/**
 * The expected lifetime of a new customer in periods, E[T] = Σₜ₌₀..∞ S(t) = (α + β − 1)/(α − 1)
 * for α > 1, counting the period they start in (E[1/θ] under Beta(α, β)). For α ≤ 1 it is
 * infinite: the most loyal customers cancel so rarely that the mean diverges (the median,
 * where S(t) falls to 1/2, stays finite). Cost O(1).
 *
 * @returns the expectation; +Infinity when α ≤ 1
 * @throws CrmError `num` for a parameter ≤ 0
 * @example sbgExpectedLifetime({ alpha: 3, beta: 4 }) //=> 3 (6/2)
 */
export function sbgExpectedLifetime(params: SbgParams): number {
  requireParams(params);
  const { alpha, beta } = params;
  return alpha > 1 ? (alpha + beta - 1) / (alpha - 1) : Number.POSITIVE_INFINITY;
}

/**
 * The discounted expected residual lifetime (DERL) of a customer who has renewed `renewals`
 * times, valued just before their next renewal decision: the expected present value of their
 * future payments when each period's payment is 1 and is paid at the start of the period
 * (Fader & Hardie 2010, eq. (6), with their n − 1 renewals = `renewals`):
 *
 *   DERL(d | α, β, n) = Σₜ₌ₙ₊₁..∞ S(t)/S(n) · (1 + d)^−(t − n − 1)
 *                     = (β + n)/(α + β + n) · ₂F₁(1, β + n + 1; α + β + n + 1; 1/(1 + d)).
 *
 * The next renewal's payment is not discounted; each later one a period more. Multiplied by
 * the margin per period, it is the customer's residual lifetime value. With d = 0 it is the
 * expected residual lifetime (β + n)/(α − 1), infinite for α ≤ 1. The expected discounted
 * lifetime of a customer just acquired, counting their first payment, is 1 + DERL(d | α, β, 0).
 *
 * Method: the ₂F₁ series itself, uₖ₊₁ = uₖ · (β + n + 1 + k)/(α + β + n + 1 + k) · z with
 * z = 1/(1 + d), summed with Neumaier's compensation until the tail bound uₖ/d (every later
 * ratio is below z) is below 1e-16 of the sum. Its terms are all positive, so nothing cancels,
 * for any number of renewals (the general ₂F₁ of special.ts loses accuracy when β + n is in
 * the hundreds). It takes about ln(10¹⁶/d)/d terms: 400 at 10% a period, 4.6·10⁵ (about
 * 20 ms) at the smallest rate accepted, 0.0001 a period (0.12% a year for monthly periods); a
 * smaller rate above 0 is refused rather than summed for seconds.
 *
 * @returns the DERL in periods' payments; +Infinity for d = 0 and α ≤ 1
 * @throws CrmError `num` for a parameter ≤ 0, a discount rate < 0 or strictly between 0 and
 *   0.0001, or renewals not a whole number ≥ 0
 * @example sbgResidualLifetime({ alpha: 0.668, beta: 3.806 }, 0.1, 7) //=> about 7.5296 ("high end" cohort, 10% a year)
 */
export function sbgResidualLifetime(
  params: SbgParams,
  discountRate: number,
  renewals: number
): number {
  requireParams(params);
  if (!Number.isFinite(discountRate) || discountRate < 0) {
    throw new CrmError(
      "num",
      `discount_rate must be a number ≥ 0 (a rate per period: 0.1 is 10%), got ${discountRate}.`,
      "discount_rate"
    );
  }
  requireWholePeriod(renewals, "renewals", 0);
  const { alpha, beta } = params;
  const n = renewals;
  if (discountRate === 0) {
    return alpha > 1 ? (beta + n) / (alpha - 1) : Number.POSITIVE_INFINITY;
  }
  if (discountRate < MIN_DISCOUNT_RATE) {
    throw new CrmError(
      "num",
      `discount_rate must be 0 or at least ${MIN_DISCOUNT_RATE} a period (got ${discountRate}): the series of a smaller rate would take billions of terms to sum.`,
      "discount_rate"
    );
  }
  const z = 1 / (1 + discountRate);
  const b = beta + n + 1;
  const c = alpha + beta + n + 1;
  let term = (beta + n) / (alpha + beta + n);
  let sum = 0;
  let compensation = 0;
  for (let k = 0; k < MAX_DERL_TERMS; k++) {
    const next = sum + term;
    compensation += abs(sum) >= abs(term) ? sum - next + term : term - next + sum;
    sum = next;
    if (term <= 1e-16 * discountRate * sum) break;
    term *= (z * (b + k)) / (c + k);
  }
  const value = sum + compensation;
  if (!Number.isFinite(value)) {
    throw new CrmError(
      "num",
      `the residual lifetime could not be computed for discount_rate ${discountRate}.`,
      "discount_rate"
    );
  }
  return value;
}
