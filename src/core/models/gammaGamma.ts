/**
 * The Gamma-Gamma model of spend per transaction, and the predicted (discounted) CLV that joins
 * it to the BG/NBD purchase model.
 *
 * Model: a customer's purchase-day totals are Gamma(p, ν) with a customer-specific scale ν, and
 * ν ~ Gamma(q, γ) across customers, so a customer's mean spend is p/ν. Only a customer's
 * number of repeat purchase days x and their mean m_x are needed. The model assumes that spend
 * is independent of purchase frequency (check the correlation of x and m_x before relying on
 * it).
 *
 * The model describes positive spend: who is in its fit is decided in one place,
 * {@link isInSpendFit} (SPEC §2 "Spend model eligibility"), and every caller (the worksheet
 * functions, the report) goes through {@link fitGammaGamma} and {@link expectedAverageSpend},
 * which apply it.
 *
 * Reference: P. S. Fader & B. G. S. Hardie, "The Gamma-Gamma Model of Monetary Value" (2013),
 * brucehardie.com note 025, equations (3)–(5); fitted to the 946 repeat buyers of the CDNOW
 * sample it gives p = 6.25, q = 3.74, γ = 15.44, as published there and by lifetimes.
 */
import { CrmError } from "../errors";
import {
  checkSummaryRow,
  ClvMessages,
  DAYS_PER_UNIT,
  DEFAULT_SUMMARY_NAMES,
  requireTimeUnit,
  type SummaryArgumentNames,
  type TimeUnit,
} from "./customerSummary";
import { expectedPurchases, type BgnbdModel } from "./bgnbd";
import {
  columnLevels,
  groupLevelPairs,
  type Levels,
  penalizedObjective,
  requireFitted,
  requirePenalizer,
  requirePositive,
} from "./summaryData";
import { digamma, logGamma, trigamma } from "./special";
import {
  analyticHessian,
  DEFAULT_FIT_TIME_LIMIT_MS,
  minimizeLogParameterFit,
  warmStartFrom,
  writeLogParameterHessian,
  type ObjectiveWithHessian,
} from "./optimize";
import { FitMessages } from "./fitMessages";
import { requireFraction, requireNonNegative } from "../input/validate";

// Math's functions read once per module: each global lookup is slow in some JavaScript hosts
// (10–20× in a Node vm context, where the bundle's tests run it), and these are the hot loops.
const { ceil, exp, log, max, min } = Math;

/** The Gamma-Gamma parameters, all > 0; γ is in currency units. */
export interface GammaGammaParams {
  /** shape of the Gamma distribution of one purchase day's total */
  readonly p: number;
  /** shape of the Gamma distribution of the customers' scales ν */
  readonly q: number;
  /** scale (rate parameter of ν) of the Gamma distribution of the customers' scales */
  readonly gamma: number;
}

/** What the fit reads: repeat purchase days and mean repeat-day spend (a CustomerSummary fits). */
export interface GammaGammaData {
  readonly x: ArrayLike<number>;
  readonly monetary: ArrayLike<number>;
  /** each row's customer id, when known: messages about one row then name the customer */
  readonly customerIds?: readonly string[];
}

export interface GammaGammaFitOptions {
  /** starting point (default p = 1, q = 2, γ = mean spend of the repeat buyers) */
  readonly start?: GammaGammaParams;
  /** iteration limit of each optimiser run (default 200 for BFGS, ten times that for Nelder–Mead) */
  readonly maxIterations?: number;
  /** column names for messages (default x, monetary) */
  readonly names?: SummaryArgumentNames;
  /**
   * Date.now() time after which the fit gives up (a `value` error saying so); default
   * {@link DEFAULT_FIT_TIME_LIMIT_MS} (2 s) from the call; a caller with a tighter budget for
   * the whole call passes its own.
   */
  readonly deadline?: number;
  /**
   * L2 penalty coefficient c ≥ 0 (default 0: plain maximum likelihood), with lifetimes'
   * `penalizer_coef` semantics: see {@link gammaGammaPenalty}.
   */
  readonly penalizer?: number;
}

/**
 * The penalty that {@link fitGammaGamma}'s `penalizer` c adds to the mean negative
 * log-likelihood over the fitted customers, exactly as lifetimes' GammaGammaFitter does
 * (`_negative_log_likelihood`: `-ll.sum() / weights.sum() + penalizer_coef * sum(params ** 2)`
 * with `params` = exp(log_params) = (p, q, v); CamDavidsonPilon/lifetimes,
 * lifetimes/fitters/gamma_gamma_fitter.py):
 *
 *   penalty = c · (p² + q² + γ²),
 *
 * an L2 penalty on the parameters themselves (not their logarithms), relative to the mean
 * log-likelihood; γ is in currency units and, as in lifetimes, not rescaled, so the penalty on
 * γ depends on the currency's scale.
 *
 * @example gammaGammaPenalty({ p: 6, q: 4, gamma: 15 }, 0.001) //=> 0.001 × (36 + 16 + 225) = 0.277
 */
export function gammaGammaPenalty(params: GammaGammaParams, penalizer: number): number {
  if (penalizer === 0) return 0;
  return penalizer * (params.p ** 2 + params.q ** 2 + params.gamma ** 2);
}

export interface GammaGammaFit extends GammaGammaParams {
  /** the maximised log-likelihood, summed over the repeat buyers */
  readonly logLikelihood: number;
  readonly iterations: number;
  /** always true: a fit that does not converge throws instead */
  readonly converged: true;
  /** repeat buyers fitted (x > 0 and mean repeat spend > 0); one-time buyers carry no spend information */
  readonly customers: number;
  /** customers with x > 0, fitted or left out */
  readonly repeatBuyers: number;
  /** repeat buyers left out of the fit because their mean repeat spend is 0 or less (SPEC §2) */
  readonly leftOut: number;
}

/**
 * Whether a customer is in the Gamma-Gamma spend fit (SPEC §2 "Spend model eligibility"): a
 * repeat buyer (x > 0) whose mean repeat-day spend m_x is above 0. The model describes positive
 * spend only, so a repeat buyer whose repeat days net to 0 or less (free orders, returns) is left
 * out of the spend fit (never out of the purchase fit) and is expected to spend the population
 * mean, as a one-time buyer is ({@link expectedAverageSpend}). This is the one place the rule
 * lives: the fit, the expected spend, the worksheet functions and the report all apply it here.
 *
 * @example isInSpendFit(2, 22.35) //=> true
 * @example isInSpendFit(1, 0) //=> false (CDNOW master customer 10244: one $0.00 repeat day)
 */
export function isInSpendFit(x: number, monetary: number): boolean {
  return x > 0 && monetary > 0;
}

/** Fewest repeat buyers in the spend fit: with one, spend cannot vary between customers. */
export const MINIMUM_SPEND_FIT_CUSTOMERS = 2;

/** see InteriorMinimumOptions.minimumCurvature: refuse parameters the data leave undetermined */
const MINIMUM_CURVATURE = 0.01;
const MODEL = "Gamma-Gamma";

function checkParams(params: GammaGammaParams): void {
  requirePositive(params.p, "p");
  requirePositive(params.q, "q");
  requirePositive(params.gamma, "gamma");
}

/**
 * The log-likelihood of one repeat buyer's mean spend m_x over x purchase days (Fader & Hardie
 * 2013, eq. (3)):
 *
 *   f(m_x | p, q, γ, x) = Γ(px + q) / (Γ(px) Γ(q)) · γ^q m_x^(px−1) x^(px) / (γ + m_x x)^(px+q)
 *
 * Cost O(1).
 *
 * @throws CrmError `num` for a parameter ≤ 0, x not a whole number ≥ 1 or m_x ≤ 0
 * @example gammaGammaCustomerLogLikelihood({ p: 6.25, q: 3.74, gamma: 15.44 }, 2, 22.345) //=> -3.551189164139956
 */
export function gammaGammaCustomerLogLikelihood(
  params: GammaGammaParams,
  x: number,
  mx: number
): number {
  checkParams(params);
  checkSummaryRow(x, 0, 0, mx);
  if (x === 0) throw new CrmError("num", ClvMessages.needsRepeatBuyer("x"), "x");
  // the density is of positive spend only (see isInSpendFit)
  if (!(mx > 0)) {
    throw new CrmError(
      "num",
      ClvMessages.spendNotPositive({ argument: "monetary" }, mx, "x", x),
      "monetary"
    );
  }
  const { p, q, gamma } = params;
  const px = p * x;
  return (
    logGamma(px + q) -
    logGamma(px) -
    logGamma(q) +
    q * log(gamma) +
    (px - 1) * log(mx) +
    px * log(x) -
    (px + q) * log(gamma + mx * x)
  );
}

/**
 * The mean negative log-likelihood over the repeat buyers as a function of
 * θ = (ln p, ln q, ln γ), with its analytic gradient, grouped so that the per-customer work is
 * one logarithm and one division per distinct (x, m_x). Per customer (eq. (3) above),
 *
 *   ln L = [ln Γ(px + q) − ln Γ(px) − ln Γ(q)] + q ln γ + p·x (ln m_x + ln x) − ln m_x
 *          − (px + q) ln(γ + m_x x),
 *
 * so the bracket and its derivatives are computed once per distinct x (weighted by its
 * customers), the terms without γ or q are a constant times p plus a constant, summed once,
 * and only ln(γ + m_x x) and 1/(γ + m_x x) per distinct (x, m_x), weighted by its customers.
 * The sum equals the customer-by-customer one to rounding (fitSpeed.test.ts).
 */
function meanNegativeLogLikelihood(
  x: Float64Array,
  spend: Float64Array,
  xLevels: Levels = columnLevels(x)
): ObjectiveWithHessian {
  const n = x.length;
  const spendLevels = columnLevels(spend);
  const pairs = groupLevelPairs(xLevels.of, spendLevels.of);
  const nx = xLevels.values.length;
  const nPairs = pairs.first.length;
  // customers per x, and the p-linear constant Σ x (ln m + ln x) and the constant Σ ln m
  const customersOfX = new Float64Array(nx);
  let linearInP = 0;
  let constant = 0;
  const logX = Float64Array.from(xLevels.values, log);
  const pairWeight = new Float64Array(nPairs);
  for (let i = 0; i < n; i++) {
    const k = xLevels.of[i]!;
    customersOfX[k] = customersOfX[k]! + 1;
    pairWeight[pairs.of[i]!] = pairWeight[pairs.of[i]!]! + 1;
  }
  // the constants per distinct (x, m_x): w·ln m and w·x·(ln m + ln x)
  for (let g = 0; g < nPairs; g++) {
    const w = pairWeight[g]!;
    const k = pairs.first[g]!;
    const logSpend = log(spendLevels.values[pairs.second[g]!]!);
    constant += w * logSpend;
    linearInP += w * xLevels.values[k]! * (logSpend + logX[k]!);
  }
  // the distinct (x, m_x) ordered by x (stable), each with its weight and m_x x
  const start = new Int32Array(nx + 1);
  for (let g = 0; g < nPairs; g++) start[pairs.first[g]! + 1]!++;
  for (let k = 0; k < nx; k++) start[k + 1] = start[k + 1]! + start[k]!;
  const next = start.slice(0, nx);
  const groupWeight = new Float64Array(nPairs);
  const groupTotal = new Float64Array(nPairs);
  for (let g = 0; g < nPairs; g++) {
    const k = pairs.first[g]!;
    const j = next[k]!++;
    groupWeight[j] = pairWeight[g]!;
    groupTotal[j] = spendLevels.values[pairs.second[g]!]! * xLevels.values[k]!;
  }
  const tables: SpendTables = {
    customers: n,
    xValues: xLevels.values,
    customersOfX,
    start,
    groupWeight,
    groupTotal,
    linearInP,
    constant,
  };
  return (theta, gradient, hessian) => {
    const value = evaluateLikelihood(tables, theta, gradient);
    if (hessian !== undefined) writeHessian(tables, theta, gradient, hessian);
    return value;
  };
}

/**
 * One evaluation of {@link meanNegativeLogLikelihood} over its tables, the gradient written into
 * `gradient`. A function of its own rather than a closure made per likelihood, so that V8's
 * optimised code for it serves every fit (a new closure per fit ran the first evaluations of
 * each fit's coarse search unoptimised; bgnbd.ts, evaluateLikelihood).
 */
function evaluateLikelihood(
  tables: SpendTables,
  theta: Float64Array,
  gradient: Float64Array
): number {
  const { customers: n, xValues, customersOfX, start, groupWeight, groupTotal } = tables;
  const { linearInP, constant } = tables;
  const nx = xValues.length;
  const p = exp(theta[0]!);
  const q = exp(theta[1]!);
  const gamma = exp(theta[2]!);
  const lgQ = logGamma(q);
  const psiQ = digamma(q);
  const logGammaParam = log(gamma);
  let total = n * q * logGammaParam + p * linearInP - constant;
  let gP = linearInP;
  let gQ = n * (logGammaParam - psiQ);
  let gGamma = (n * q) / gamma;
  for (let k = 0; k < nx; k++) {
    const xk = xValues[k]!;
    const px = p * xk;
    const w = customersOfX[k]!;
    const psiPxq = digamma(px + q);
    total += w * (logGamma(px + q) - logGamma(px) - lgQ);
    gP += w * xk * (psiPxq - digamma(px));
    gQ += w * psiPxq;
    let logSum = 0;
    let inverseSum = 0;
    const to = start[k + 1]!;
    for (let j = start[k]!; j < to; j++) {
      const denominator = gamma + groupTotal[j]!;
      const wj = groupWeight[j]!;
      logSum += wj * log(denominator);
      inverseSum += wj / denominator;
    }
    total -= (px + q) * logSum;
    gP -= xk * logSum;
    gQ -= logSum;
    gGamma -= (px + q) * inverseSum;
  }
  gradient[0] = (-gP * p) / n;
  gradient[1] = (-gQ * q) / n;
  gradient[2] = (-gGamma * gamma) / n;
  return -total / n;
}

/** The data of {@link meanNegativeLogLikelihood}, grouped once, for evaluateLikelihood and writeHessian. */
interface SpendTables {
  readonly customers: number;
  readonly xValues: Float64Array;
  readonly customersOfX: Float64Array;
  /** the (x, m_x) groups of the k-th distinct x are start[k] … start[k + 1] − 1 */
  readonly start: Int32Array;
  readonly groupWeight: Float64Array;
  /** m_x · x of each group */
  readonly groupTotal: Float64Array;
  /** Σ x (ln m_x + ln x) and Σ ln m_x over the customers: the terms linear in p, and constant */
  readonly linearInP: number;
  readonly constant: number;
}

/**
 * The Hessian in θ = (ln p, ln q, ln γ) of {@link meanNegativeLogLikelihood}, given the gradient
 * its evaluation at the same θ wrote: with Lₖ = Σ w ln(γ + m_x x), Iₖ = Σ w/(γ + m_x x) and
 * Jₖ = Σ w/(γ + m_x x)² over the groups of the k-th distinct x (wₖ customers), the total
 * log-likelihood ℓ has ∂²ℓ/∂p² = Σ wₖxₖ²(ψ₁(pxₖ + q) − ψ₁(pxₖ)), ∂²ℓ/∂p∂q = Σ wₖxₖψ₁(pxₖ + q),
 * ∂²ℓ/∂q² = Σ wₖψ₁(pxₖ + q) − Nψ₁(q), ∂²ℓ/∂p∂γ = −Σ xₖIₖ, ∂²ℓ/∂q∂γ = N/γ − Σ Iₖ,
 * ∂²ℓ/∂γ² = −Nq/γ² + Σ (pxₖ + q)Jₖ (ψ₁ the trigamma function); then to θ by
 * writeLogParameterHessian (optimize.ts).
 * What the fit's certification reads instead of 6 gradient evaluations by central
 * differences. A module function, not a closure made per fit, for the reason the BG/NBD one is
 * (bgnbd.ts). Cost O(distinct (x, m_x)): one division each.
 */
function writeHessian(
  tables: SpendTables,
  theta: Float64Array,
  gradient: Float64Array,
  hessian: Float64Array
): void {
  const { customers, xValues, customersOfX, start, groupWeight, groupTotal } = tables;
  const p = exp(theta[0]!);
  const q = exp(theta[1]!);
  const gamma = exp(theta[2]!);
  const trigammaQ = trigamma(q);
  let pp = 0;
  let pq = 0;
  let qq = -customers * trigammaQ;
  let pGamma = 0;
  let qGamma = customers / gamma;
  let gammaGamma = (-customers * q) / (gamma * gamma);
  for (let k = 0; k < xValues.length; k++) {
    const xk = xValues[k]!;
    const px = p * xk;
    const w = customersOfX[k]!;
    const trigammaPxq = trigamma(px + q);
    pp += w * xk * xk * (trigammaPxq - trigamma(px));
    pq += w * xk * trigammaPxq;
    qq += w * trigammaPxq;
    let inverseSum = 0;
    let inverseSquareSum = 0;
    const to = start[k + 1]!;
    for (let j = start[k]!; j < to; j++) {
      const inverse = 1 / (gamma + groupTotal[j]!);
      const wj = groupWeight[j]!;
      inverseSum += wj * inverse;
      inverseSquareSum += wj * inverse * inverse;
    }
    pGamma -= xk * inverseSum;
    qGamma -= inverseSum;
    gammaGamma += (px + q) * inverseSquareSum;
  }
  const second = [
    [pp, pq, pGamma],
    [pq, qq, qGamma],
    [pGamma, qGamma, gammaGamma],
  ];
  writeLogParameterHessian([p, q, gamma], second, customers, gradient, hessian);
}

/**
 * Fits of at least this many customers start from their spends on a coarse grid (see
 * {@link coarseSpend}): below it the 30–40 evaluations of a plain search are cheap, and small
 * data (CDNOW's 946 and the master's 7,000-odd spenders) keep the plain search and its digits.
 */
export const WARM_START_SPENDERS = 50_000;

/**
 * Mean spends on a grid about 3 % apart on the log scale: each truncated to its 5 leading
 * mantissa bits (32 steps per power of 2; bits, not logarithms: a few nanoseconds a spend).
 * 182,592 spenders of the 1M-row bench have nearly as many distinct (x, m_x) pairs; on the
 * grid, a few thousand. Every spend is > 0 and finite (isInSpendFit).
 */
function coarseSpend(spend: Float64Array): Float64Array {
  const coarse = new Float64Array(spend.length);
  coarse.set(spend);
  // the high word of each double: sign, 11 exponent bits, the top 20 mantissa bits
  const words = new Uint32Array(coarse.buffer);
  const high = LITTLE_ENDIAN ? 1 : 0;
  for (let i = 0; i < words.length; i += 2) {
    words[i + high] = words[i + high]! & 0xffff8000;
    words[i + 1 - high] = 0;
  }
  return coarse;
}

const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/**
 * The objective {@link fitGammaGamma} minimises, for checks and benchmarks: the mean negative
 * log-likelihood over the customers of `data` that {@link isInSpendFit} accepts, as a function
 * of θ = (ln p, ln q, ln γ), writing its gradient with respect to θ into `gradient` and, when
 * `hessian` is given, its exact Hessian (3 × 3, row-major) into that (the grouped form; without
 * penalty). Equal to the mean of −{@link gammaGammaCustomerLogLikelihood} to
 * rounding. Rows are not checked (fitGammaGamma checks them).
 */
export function gammaGammaFitObjective(data: GammaGammaData): ObjectiveWithHessian {
  const x: number[] = [];
  const spend: number[] = [];
  for (let i = 0; i < data.x.length; i++) {
    if (isInSpendFit(data.x[i]!, data.monetary[i]!)) {
      x.push(data.x[i]!);
      spend.push(data.monetary[i]!);
    }
  }
  return meanNegativeLogLikelihood(Float64Array.from(x), Float64Array.from(spend));
}

/**
 * Fits the Gamma-Gamma spend model by maximum likelihood on the customers {@link isInSpendFit}
 * accepts: repeat buyers (x > 0; a one-time buyer's spend is their first purchase, which the
 * summary leaves out of m_x) whose mean repeat spend is above 0. Repeat buyers with m_x ≤ 0 are
 * left out and counted in `leftOut` (SPEC §2 "Spend model eligibility"): one such customer never
 * makes the fit fail.
 *
 * Degenerate data are refused before any search, with a message saying what to do: fewer than
 * {@link MINIMUM_SPEND_FIT_CUSTOMERS} customers in the fit, or the same m_x for all of them (to
 * 1e-9 relative: the likelihood then rises without bound as p and q grow, the model's way of
 * saying that spend does not vary between customers).
 *
 * Method as for the BG/NBD (bgnbd.ts): BFGS with the analytic gradient over
 * θ = (ln p, ln q, ln γ) on the mean log-likelihood (eq. (3) above), Nelder–Mead then BFGS if
 * that fails, and a certified interior maximum (parameters within e^±30, the exact Hessian,
 * writeHessian above, positive definite); a search whose parameter runs past e^±30 stops there (no interior maximum), and
 * every search stops at the deadline (optimize.ts, minimizeLogParameterFit). From
 * {@link WARM_START_SPENDERS} spenders on, BFGS starts at the optimum of their spends on a coarse
 * grid, with its inverse Hessian (the bench's 182,592: 2 iterations instead of 22; same
 * maximum, same convergence test and certification). Cost per
 * evaluation one logarithm per distinct (x, m_x) of the fitted customers plus O(distinct x)
 * gamma functions (setup O(fitted customers)); the whole fit is bounded by the iteration limits
 * and the deadline (default 2 s).
 *
 * With `penalizer` c > 0 the objective is the mean negative log-likelihood plus
 * {@link gammaGammaPenalty} (lifetimes' `penalizer_coef`); `logLikelihood` is still the
 * unpenalised one at the penalised estimate.
 *
 * @throws CrmError `na` when fewer than 2 repeat buyers have a positive mean spend (none bought
 *   twice, or too few); `value` when every fitted customer has the same mean spend (without a
 *   penalizer), or the fit
 *   has no certified maximum (a parameter runs off to 0 or ∞, the likelihood is flat, the
 *   iterations or the time run out), each with a message; `num` for a bad row (x not a whole
 *   number ≥ 0, m_x not finite: named by customer id when `customerIds` is given, else by row)
 * @example fitGammaGamma(cdnowSummary) //=> { p: 6.25, q: 3.74, gamma: 15.44, customers: 946, leftOut: 0, … } (rounded)
 */
export function fitGammaGamma(
  data: GammaGammaData,
  options: GammaGammaFitOptions = {}
): GammaGammaFit {
  const startedAt = Date.now();
  const deadline = options.deadline ?? startedAt + DEFAULT_FIT_TIME_LIMIT_MS;
  const names = options.names ?? DEFAULT_SUMMARY_NAMES;
  const n = data.x.length;
  if (data.monetary.length !== n) {
    throw new CrmError(
      "value",
      ClvMessages.lengthMismatch(names.x, n, names.monetary, data.monetary.length),
      names.monetary
    );
  }
  if (n === 0) throw new CrmError("na", ClvMessages.emptySummary(names.x), names.x);
  // the fitted customers' x and m_x, in typed arrays (no per-customer allocation)
  const fittedX = new Float64Array(n);
  const fittedSpend = new Float64Array(n);
  let spenders = 0;
  let repeatBuyers = 0;
  for (let i = 0; i < n; i++) {
    const xi = data.x[i]!;
    const mi = data.monetary[i]!;
    // the full check (and its message) only for a row that fails the quick one
    if (!(xi >= 0 && Number.isInteger(xi) && Number.isFinite(mi))) {
      checkSpendRow(xi, mi, i, data.customerIds, names);
    }
    if (xi > 0) repeatBuyers++;
    if (isInSpendFit(xi, mi)) {
      fittedX[spenders] = xi;
      fittedSpend[spenders] = mi;
      spenders++;
    }
  }
  const x = fittedX.subarray(0, spenders);
  const spend = fittedSpend.subarray(0, spenders);
  const leftOut = repeatBuyers - x.length;
  if (repeatBuyers === 0) {
    throw new CrmError("na", FitMessages.noRepeatBuyers(MODEL, n));
  }
  if (x.length < MINIMUM_SPEND_FIT_CUSTOMERS) {
    throw new CrmError(
      "na",
      FitMessages.tooFewSpenders(x.length, leftOut, MINIMUM_SPEND_FIT_CUSTOMERS)
    );
  }
  const penalizer = requirePenalizer(options.penalizer ?? 0);
  let lowest = spend[0]!;
  let highest = spend[0]!;
  for (const value of spend) {
    lowest = min(lowest, value);
    highest = max(highest, value);
  }
  // without a penalty the likelihood of identical spends has no maximum (p, q → ∞); with one,
  // the penalised objective does, and the search and its certification decide (QA 14)
  if (penalizer === 0 && highest - lowest <= 1e-9 * highest) {
    throw new CrmError("value", FitMessages.identicalSpend(x.length, lowest));
  }
  if (options.start !== undefined) checkParams(options.start);

  const xLevels = columnLevels(x);
  const likelihood = meanNegativeLogLikelihood(x, spend, xLevels);
  // lifetimes' penalty c·(p² + q² + γ²), its gradient and Hessian (penalizedObjective)
  const penalized = (unpenalized: ObjectiveWithHessian) =>
    penalizedObjective(unpenalized, penalizer, [1, 1, 1]);
  const meanSpend = spend.reduce((sum, value) => sum + value, 0) / spend.length;
  const start = options.start ?? { p: 1, q: 2, gamma: meanSpend };
  const theta0 = [log(start.p), log(start.q), log(start.gamma)];
  const maxIterations = options.maxIterations ?? 200;
  const objective = penalized(likelihood);
  const outcome = minimizeLogParameterFit(objective, theta0, ["p", "q", "gamma"], {
    maxIterations,
    deadline,
    hessian: (theta) => analyticHessian(objective, theta),
    minimumCurvature: MINIMUM_CURVATURE / x.length,
    // as the purchase models over many triples (fitTripleLikelihood): start from the same
    // customers with their spends on a coarse grid, when that fit is clearly determined
    warmStart:
      x.length >= WARM_START_SPENDERS
        ? warmStartFrom(
            penalized(meanNegativeLogLikelihood(x, coarseSpend(spend), xLevels)),
            theta0,
            { maxIterations, deadline, customers: x.length }
          )
        : undefined,
  });
  const fitted = requireFitted(
    outcome,
    MODEL,
    { customers: n, repeatBuyers },
    deadline - startedAt
  );
  const [p, q, gamma] = Array.from(fitted.theta, exp) as [number, number, number];
  // the unpenalised log-likelihood at the estimate (the same number when penalizer is 0)
  const meanNegative =
    penalizer === 0 ? fitted.value : likelihood(fitted.theta, new Float64Array(3));
  return {
    p,
    q,
    gamma,
    logLikelihood: -meanNegative * x.length,
    iterations: fitted.iterations,
    converged: true,
    customers: x.length,
    repeatBuyers,
    leftOut,
  };
}

/**
 * Checks one row of the spend data: x a whole number ≥ 0 and m_x finite (any sign: eligibility,
 * not validity, decides what m_x ≤ 0 means). A bad row is named by its customer id when known,
 * so that no message shows a position inside a summary the user never saw.
 */
function checkSpendRow(
  x: number,
  monetary: number,
  index: number,
  customerIds: readonly string[] | undefined,
  names: SummaryArgumentNames
): void {
  const id = customerIds?.[index];
  const where = id === undefined ? { argument: names.x, row: index + 1 } : { argument: names.x };
  const inCustomer = (message: string) =>
    id === undefined ? message : `Customer ${id}: ${message}`;
  if (!Number.isFinite(x) || x < 0 || !Number.isInteger(x)) {
    throw new CrmError(
      "num",
      inCustomer(ClvMessages.frequencyNotCount(where, x)),
      names.x,
      where.row
    );
  }
  if (!Number.isFinite(monetary)) {
    const at = { ...where, argument: names.monetary };
    throw new CrmError(
      "num",
      inCustomer(ClvMessages.notFinite(at, monetary)),
      names.monetary,
      at.row
    );
  }
}

/**
 * The expected average spend per purchase day of a customer with x repeat purchase days of mean
 * m_x, E[M | p, q, γ, m_x, x] (Fader & Hardie 2013, eq. (5)):
 *
 *   E = p (γ + m_x x) / (p x + q − 1)
 *     = (q − 1)/(p x + q − 1) · pγ/(q − 1) + p x/(p x + q − 1) · m_x,
 *
 * a weighted mean of the population mean pγ/(q − 1) and the customer's own mean, the weight on
 * the customer's growing with x.
 *
 * Customers outside the spend fit ({@link isInSpendFit}) get the population mean pγ/(q − 1)
 * ({@link populationMeanSpend}), m_x ignored: one-time buyers (x = 0), whose first purchase
 * carries information the model does not use (a caveat, not a measurement), and repeat buyers
 * whose mean repeat spend is 0 or less (SPEC §2 "Spend model eligibility"). Cost O(1).
 *
 * @throws CrmError `num` for a parameter ≤ 0, x not a whole number ≥ 0, m_x not finite, or
 *   p x + q ≤ 1 (for a customer outside the spend fit: q ≤ 1, an infinite population mean)
 * @example expectedAverageSpend({ p: 6.25, q: 3.74, gamma: 15.44 }, 1, 11.77) //=> 18.916852057842046
 * @example expectedAverageSpend({ p: 6.25, q: 3.74, gamma: 15.44 }, 1, 0) //=> 35.21897810218978 (the population mean)
 */
export function expectedAverageSpend(params: GammaGammaParams, x: number, mx: number): number {
  checkParams(params);
  checkSummaryRow(x, 0, 0, undefined);
  if (!Number.isFinite(mx)) {
    throw new CrmError("num", ClvMessages.notFinite({ argument: "monetary" }, mx), "monetary");
  }
  const { p, q, gamma } = params;
  if (!isInSpendFit(x, mx)) return populationMeanSpend(params);
  const denominator = p * x + q - 1;
  if (!(denominator > 0)) throw new CrmError("num", ClvMessages.spendUndefined(), "q");
  return (p * (gamma + mx * x)) / denominator;
}

/**
 * Whether {@link expectedAverageSpend} is a number for this customer (valid parameters and row
 * assumed): p x + q > 1 for a customer in the spend fit, q > 1 (a finite population mean) for one
 * outside it. Where it is not, a table shows #NUM! in that customer's spend cells alone (SPEC §2
 * "Bounds"). Cost O(1).
 *
 * @example isExpectedSpendDefined({ p: 0.28, q: 0.47, gamma: 9 }, 1, 30) //=> false (p x + q ≤ 1)
 */
export function isExpectedSpendDefined(params: GammaGammaParams, x: number, mx: number): boolean {
  return isInSpendFit(x, mx) ? params.p * x + params.q > 1 : params.q > 1;
}

/**
 * The population mean spend per purchase day, E[Z] = pγ/(q − 1) (Fader & Hardie 2013), the
 * expected spend of a customer about whom nothing is known. Cost O(1).
 *
 * @throws CrmError `num` for a parameter ≤ 0 or q ≤ 1 (the mean is infinite)
 * @example populationMeanSpend({ p: 6.25, q: 3.74, gamma: 15.44 }) //=> 35.21897810218978
 */
export function populationMeanSpend(params: GammaGammaParams): number {
  checkParams(params);
  if (!(params.q > 1)) throw new CrmError("num", ClvMessages.spendMeanUndefined(params.q), "q");
  return (params.p * params.gamma) / (params.q - 1);
}

/** A customer's summary, in the BG/NBD model's time unit. */
export interface ClvCustomer {
  readonly x: number;
  readonly tx: number;
  readonly T: number;
  readonly monetary: number;
}

export interface PredictedClvOptions {
  /** how far ahead, in `timeUnit`s (a fraction makes the last step partial) */
  readonly horizon: number;
  /** discount rate per `timeUnit`, a fraction (0.01 = 1 % per unit) */
  readonly discountRatePerUnit: number;
  /** the unit of horizon, discount rate and steps; may differ from the model's time unit */
  readonly timeUnit: TimeUnit;
  /** profit margin as a fraction (default 1: revenue) */
  readonly margin?: number;
}

/**
 * Predicted customer lifetime value over a horizon: expected purchases (BG/NBD) × expected
 * spend (Gamma-Gamma) × margin, discounted step by step.
 *
 * Method: the horizon H (in `timeUnit`s) is cut into steps of one unit, k = 1 … ⌈H⌉, the last
 * ending at H. Step k's expected purchases are E[Y(tₖ)] − E[Y(tₖ₋₁)] ({@link expectedPurchases},
 * conditional on the customer's history, tₖ = min(k, H) converted to the model's time unit);
 * each step's value is discounted at its end:
 *
 *   CLV = margin × E[M] × Σₖ (E[Y(tₖ)] − E[Y(tₖ₋₁)]) / (1 + d)^min(k, H).
 *
 * This is lifetimes' `customer_lifetime_value` (monthly steps, discounting each month's value at
 * its end) with the unit explicit: a month here is 30.4375 days, never 30 days or 4.345 weeks,
 * and the rate is per `timeUnit`. Undiscounted (d = 0) it is margin × E[M] × E[Y(H)].
 *
 * Caveat for one-time buyers (x = 0): the expected spend falls back to the population mean
 * pγ/(q − 1) (see {@link expectedAverageSpend}).
 *
 * Cost O(⌈H⌉): one ₂F₁ per step.
 *
 * @throws CrmError `num` for bad parameters, a bad customer row, a negative horizon, a discount
 *   rate or margin outside [0, 1]; `value` for an unknown time unit
 * @example predictedClv(cdnowFit, cdnowSpend, { x: 2, tx: 30.43, T: 38.86, monetary: 22.35 }, { horizon: 12, discountRatePerUnit: 0.01, timeUnit: "month" })
 *   //=> 36.2995 (cdnowFit, cdnowSpend: the BG/NBD and Gamma-Gamma fits to the CDNOW sample in weeks)
 */
export function predictedClv(
  bgnbd: BgnbdModel,
  gg: GammaGammaParams,
  customer: ClvCustomer,
  options: PredictedClvOptions
): number {
  const { margin = 1 } = options;
  requireFraction(margin, "margin");
  const purchases = discountedExpectedPurchases(bgnbd, customer, options);
  return margin * expectedAverageSpend(gg, customer.x, customer.monetary) * purchases;
}

/**
 * The purchase part of {@link predictedClv}: Σₖ (E[Y(tₖ)] − E[Y(tₖ₋₁)]) / (1 + d)^min(k, H), the
 * expected purchases of each step of the horizon discounted at the step's end;
 * predictedClv = margin × expected spend × this. Callers with many customers use
 * bgnbdHorizon.ts instead, which takes the steps once per distinct (x, T) and multiplies by
 * each customer's P(alive): the same number (to 1e-12, bgnbdHorizon.test.ts).
 *
 * Cost O(⌈H⌉): one ₂F₁ per step.
 */
export function discountedExpectedPurchases(
  bgnbd: BgnbdModel,
  customer: Pick<ClvCustomer, "x" | "tx" | "T">,
  options: Omit<PredictedClvOptions, "margin">
): number {
  const { horizon, discountRatePerUnit } = options;
  const timeUnit = requireTimeUnit(options.timeUnit);
  const modelUnit = requireTimeUnit(bgnbd.timeUnit, "model time unit");
  requireNonNegative(horizon, "horizon");
  requireFraction(discountRatePerUnit, "discount_rate");
  const { x, tx, T } = customer;
  const modelUnitsPerStep = DAYS_PER_UNIT[timeUnit] / DAYS_PER_UNIT[modelUnit];
  const steps = ceil(horizon);
  let previous = 0;
  let discounted = 0;
  for (let k = 1; k <= steps; k++) {
    const end = min(k, horizon);
    const cumulative = expectedPurchases(bgnbd, end * modelUnitsPerStep, x, tx, T);
    discounted += (cumulative - previous) / (1 + discountRatePerUnit) ** end;
    previous = cumulative;
  }
  return discounted;
}
