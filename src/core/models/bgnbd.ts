/**
 * The BG/NBD model of repeat buying ("beta-geometric / negative binomial distribution"): while
 * alive, a customer buys as a Poisson process with rate λ; after each purchase they drop out
 * with probability p; across customers λ ~ Gamma(r, α) and p ~ Beta(a, b). Fitted by maximum
 * likelihood to each customer's (x, tₓ, T) from customerSummary.ts, it gives P(alive) and the
 * expected number of purchases over a horizon.
 *
 * Reference: P. S. Fader, B. G. S. Hardie & K. L. Lee, "'Counting Your Customers' the Easy Way:
 * An Alternative to the Pareto/NBD Model", Marketing Science 24(2), 2005, 275–284 (equations
 * (6), (7), (10), (11)); P. S. Fader, B. G. S. Hardie & K. L. Lee, "Implementing the BG/NBD
 * Model for Customer Base Analysis in Excel" (2005) and "Computing P(alive) Using the BG/NBD
 * Model" (2008), brucehardie.com notes. On the CDNOW sample (2,357 customers, weeks) the fit is
 * r = 0.2426, α = 4.4136, a = 0.7929, b = 2.4259, LL = −9582.43, as published.
 *
 * Time is in the summary's unit throughout: α, tₓ, T and every horizon t share it.
 */
import { CrmError } from "../errors";
import {
  checkSummaryRow,
  ClvMessages,
  DEFAULT_SUMMARY_NAMES,
  type SummaryArgumentNames,
  type TimeUnit,
} from "./customerSummary";
import { digamma, hyp2f1MinusOne, logGamma, trigamma } from "./special";
import {
  DEFAULT_FIT_TIME_LIMIT_MS,
  writeLogParameterHessian,
  type ObjectiveWithHessian,
} from "./optimize";
import {
  checkSummaryData,
  fitTripleLikelihood,
  groupFitTriples,
  groupLevelPairs,
  groupTriples,
  oldestAge,
  repeatTotals,
  requireHorizon,
  requirePenalizer,
  requirePositive,
  type SummaryData,
  type TripleFitReport,
  type TripleGroups,
} from "./summaryData";

// the penalizer checks once lived here; importers of bgnbd.ts keep them
export { oldestAge, requirePenalizer } from "./summaryData";

// Math's functions read once per module: each global lookup is slow in some JavaScript hosts
// (10–20× in a Node vm context, where the bundle's tests run it), and these are the hot loops.
const { abs, exp, log, log1p } = Math;

/** The four BG/NBD parameters, all > 0; α is in the time unit of the data it was fitted to. */
export interface BgnbdParams {
  /** shape of the Gamma distribution of purchase rates */
  readonly r: number;
  /** scale of the Gamma distribution of purchase rates, in time units */
  readonly alpha: number;
  /** first shape of the Beta distribution of dropout probabilities */
  readonly a: number;
  /** second shape of the Beta distribution of dropout probabilities */
  readonly b: number;
}

/** Parameters together with the time unit they are expressed in (needed to convert horizons). */
export interface BgnbdModel extends BgnbdParams {
  readonly timeUnit: TimeUnit;
}

/** What the fit reads: per-customer frequency, recency and age (a {@link CustomerSummary} fits). */
export type BgnbdData = SummaryData;

export interface BgnbdFitOptions {
  /** starting point (default r = 1, α = ΣT/Σx, a = 1, b = 1) */
  readonly start?: BgnbdParams;
  /** iteration limit of each optimiser run (default 200 for BFGS, ten times that for Nelder–Mead) */
  readonly maxIterations?: number;
  /** column names for messages about the data (default x, t_x, T) */
  readonly names?: SummaryArgumentNames;
  /**
   * Date.now() time after which the fit gives up (a `value` error saying so); default
   * {@link DEFAULT_FIT_TIME_LIMIT_MS} (2 s) from the call; a caller with a tighter budget for
   * the whole call passes its own.
   */
  readonly deadline?: number;
  /**
   * L2 penalty coefficient c ≥ 0 (default 0: plain maximum likelihood), with lifetimes'
   * `penalizer_coef` semantics: see {@link bgnbdPenalty}.
   */
  readonly penalizer?: number;
}

/** The fitted parameters and what the fit reports (log-likelihood, iterations, counts). */
export interface BgnbdFit extends BgnbdModel, TripleFitReport {}

const MODEL = "BG/NBD";

function checkParams(params: BgnbdParams): void {
  requirePositive(params.r, "r");
  requirePositive(params.alpha, "alpha");
  requirePositive(params.a, "a");
  requirePositive(params.b, "b");
}

/**
 * The log-likelihood of one customer, ln L(r, α, a, b | x, tₓ, T), FHL 2005 eq. (6):
 *
 *   L = Γ(r + x) α^r / Γ(r) · Γ(a + b) Γ(b + x) / (Γ(b) Γ(a + b + x))
 *       · [ (α + T)^−(r+x) + δₓ₌₀̸ a/(b + x − 1) (α + tₓ)^−(r+x) ]
 *
 * evaluated in log space, the bracket by log-sum-exp so that neither power underflows for
 * frequent buyers. Cost O(1).
 *
 * @example bgnbdCustomerLogLikelihood({ r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 }, 0, 0, 38.86) //=> -0.5538199112894309
 */
export function bgnbdCustomerLogLikelihood(
  params: BgnbdParams,
  x: number,
  tx: number,
  T: number
): number {
  checkParams(params);
  checkSummaryRow(x, tx, T, undefined);
  const { r, alpha, a, b } = params;
  const head =
    logGamma(r + x) -
    logGamma(r) +
    r * log(alpha) +
    logGamma(a + b) +
    logGamma(b + x) -
    logGamma(b) -
    logGamma(a + b + x);
  const stays = -(r + x) * log(alpha + T);
  if (x === 0) return head + stays;
  const dropped = log(a) - log(b + x - 1) - (r + x) * log(alpha + tx);
  return head + logSumExp(stays, dropped);
}

function logSumExp(u: number, v: number): number {
  return u >= v ? u + log1p(exp(v - u)) : v + log1p(exp(u - v));
}

/**
 * |exponent| up to which a factor e^exponent of the likelihood's bracket is tabulated: within
 * [1e-150, 1e150], so the product of two such factors is a normal number (no overflow, no
 * subnormal precision loss).
 */
const TABULATED_EXPONENT = 345;

/**
 * The mean negative log-likelihood over customers as a function of θ = (ln r, ln α, ln a, ln b),
 * with its analytic gradient (FHL 2005 eq. (6) differentiated; ψ is the digamma function).
 * Working in log-parameters keeps every parameter positive without constraints.
 *
 * Grouped so that the per-customer work is one log1p and one division. Per customer,
 *
 *   ln L = head(x) + r ln α − (r + x) ln(α + T) + δₓ₌₀̸ ln(1 + ρ),
 *   ρ = a/(b + x − 1) · ((α + T)/(α + tₓ))^(r+x)
 *
 * (the bracket of eq. (6) with (α + T)^−(r+x) taken out). So:
 * - head(x) = ln Γ(r + x) − ln Γ(r) + ln Γ(a + b) + ln Γ(b + x) − ln Γ(b) − ln Γ(a + b + x) and
 *   its derivatives are computed once per distinct x and weighted by the customers with that x;
 * - the ln(α + T) term once per distinct (x, T) pair, weighted by its customers (this is the
 *   whole likelihood of a customer with x = 0);
 * - ρ as a product of two tabulated factors, exp(ln a/(b + x − 1) + (r + x)(ln(α + T) − L)) per
 *   (x, T) pair and exp(−(r + x)(ln(α + tₓ) − L)) per (x, tₓ) pair (L the middle of the range of
 *   the logarithms, so that both stay moderate), and only ln(1 + ρ) and the weight
 *   w = ρ/(1 + ρ) of the "dropped out after tₓ" term per distinct (x, tₓ, T) triple; where a
 *   factor would leave [1e-150, 1e150] the triple is computed from ln ρ instead (log-sum-exp).
 * The gradient follows: ∂/∂r = head′ + ln α − ln(α + T) + w (ln(α + T) − ln(α + tₓ)),
 * ∂/∂α = r/α − (r + x)/(α + T) + w (r + x)(1/(α + T) − 1/(α + tₓ)), ∂/∂a = ∂head/∂a + w/a,
 * ∂/∂b = ∂head/∂b − w/(b + x − 1). The sum equals the customer-by-customer one to rounding
 * (fitSpeed.test.ts).
 *
 * Setup O(customers' triples); per evaluation O(distinct triples) arithmetic and one log1p per
 * repeat-buyer triple, O(distinct (x, T) and (x, tₓ) pairs) exponentials, O(distinct values)
 * logarithms and gamma functions. Given a `hessian` array, the evaluation also writes the exact
 * Hessian in θ (writeHessian below), for about one evaluation more: what the fit's
 * certification reads instead of 8 gradient evaluations by central differences (issue 13).
 */
function meanNegativeLogLikelihood(groups: TripleGroups): ObjectiveWithHessian {
  const { xValues, txValues, ageValues, weight, xOf, txOf, ageOf, count, customers } = groups;
  const nx = xValues.length;
  const nAge = ageValues.length;
  const nTx = txValues.length;
  // customers per distinct x, and per distinct (x, T) pair
  const customersOfX = new Float64Array(nx);
  for (let i = 0; i < count; i++) customersOfX[xOf[i]!] = customersOfX[xOf[i]!]! + weight[i]!;
  const agePairs = groupLevelPairs(xOf, ageOf);
  const nAgePairs = agePairs.first.length;
  const customersOfAgePair = new Float64Array(nAgePairs);
  for (let i = 0; i < count; i++) {
    const pair = agePairs.of[i]!;
    customersOfAgePair[pair] = customersOfAgePair[pair]! + weight[i]!;
  }
  // the repeat-buyer triples, ordered by x (stable), with their (x, tₓ) pairs
  const start = new Int32Array(nx + 1);
  for (let i = 0; i < count; i++) if (xValues[xOf[i]!]! !== 0) start[xOf[i]! + 1]!++;
  for (let k = 0; k < nx; k++) start[k + 1] = start[k + 1]! + start[k]!;
  const repeatCount = start[nx]!;
  const next = start.slice(0, nx);
  const order = new Int32Array(repeatCount);
  for (let i = 0; i < count; i++) if (xValues[xOf[i]!]! !== 0) order[next[xOf[i]!]!++] = i;
  const tripleWeight = new Float64Array(repeatCount);
  const tripleAge = new Int32Array(repeatCount);
  const tripleTx = new Int32Array(repeatCount);
  const tripleAgePair = new Int32Array(repeatCount);
  const repeatX = new Int32Array(repeatCount);
  const repeatTx = new Int32Array(repeatCount);
  for (let j = 0; j < repeatCount; j++) {
    const i = order[j]!;
    tripleWeight[j] = weight[i]!;
    tripleAge[j] = ageOf[i]!;
    tripleTx[j] = txOf[i]!;
    tripleAgePair[j] = agePairs.of[i]!;
    repeatX[j] = xOf[i]!;
    repeatTx[j] = txOf[i]!;
  }
  const txPairs = groupLevelPairs(repeatX, repeatTx);
  const tripleTxPair = txPairs.of;
  const nTxPairs = txPairs.first.length;
  // the logarithms' range, for the middle L
  let smallest = Number.POSITIVE_INFINITY;
  let largest = 0;
  for (let k = 0; k < nTx; k++) {
    if (txValues[k]! > 0) smallest = Math.min(smallest, txValues[k]!);
  }
  for (let k = 0; k < nAge; k++) largest = Math.max(largest, ageValues[k]!);
  if (!(smallest <= largest)) smallest = largest;

  const head = new Float64Array(nx);
  const logDropped = new Float64Array(nx);
  const dHeadR = new Float64Array(nx);
  const dHeadA = new Float64Array(nx);
  const dHeadB = new Float64Array(nx);
  const dDroppedB = new Float64Array(nx);
  const logAlphaT = new Float64Array(nAge);
  const inverseAlphaT = new Float64Array(nAge);
  const logAlphaTx = new Float64Array(nTx);
  const inverseAlphaTx = new Float64Array(nTx);
  const ageFactor = new Float64Array(nAgePairs);
  const txFactor = new Float64Array(nTxPairs);
  // the likelihood's data and scratch tables: evaluateLikelihood fills the scratch tables
  // (ln(α + T), 1/(α + T), the factors of ρ, …) and writeHessian reads them after it
  const tables: LikelihoodTables = {
    customers,
    xValues,
    txValues,
    ageValues,
    customersOfX,
    start,
    agePairFirst: agePairs.first,
    agePairSecond: agePairs.second,
    customersOfAgePair,
    txPairFirst: txPairs.first,
    txPairSecond: txPairs.second,
    tripleWeight,
    tripleAge,
    tripleTx,
    tripleAgePair,
    tripleTxPair,
    smallest,
    largest,
    head,
    logDropped,
    dHeadR,
    dHeadA,
    dHeadB,
    dDroppedB,
    logAlphaT,
    inverseAlphaT,
    logAlphaTx,
    inverseAlphaTx,
    ageFactor,
    txFactor,
  };

  return (theta, gradient, hessian) => {
    const value = evaluateLikelihood(tables, theta, gradient);
    if (hessian !== undefined) writeHessian(tables, theta, gradient, hessian);
    return value;
  };
}

/**
 * One evaluation of {@link meanNegativeLogLikelihood} over its tables: the value, the gradient
 * written into `gradient`, and the scratch tables filled for writeHessian. A function of its own
 * rather than a closure made per likelihood, so that V8's optimised code for it serves every
 * fit: a new closure per fit ran its first evaluations unoptimised, which cost the coarse
 * warm-start search of each 1M-row fit 30–60 ms instead of ~10 (issue 13).
 */
function evaluateLikelihood(
  tables: LikelihoodTables,
  theta: Float64Array,
  gradient: Float64Array
): number {
  const { customers, xValues, txValues, ageValues, customersOfX, start } = tables;
  const { agePairFirst, agePairSecond, customersOfAgePair, txPairFirst, txPairSecond } = tables;
  const { tripleWeight, tripleAge, tripleTx, tripleAgePair, tripleTxPair } = tables;
  const { smallest, largest, head, logDropped, dHeadR, dHeadA, dHeadB, dDroppedB } = tables;
  const { logAlphaT, inverseAlphaT, logAlphaTx, inverseAlphaTx, ageFactor, txFactor } = tables;
  const nx = xValues.length;
  const nAge = ageValues.length;
  const nTx = txValues.length;
  const nAgePairs = agePairFirst.length;
  const nTxPairs = txPairFirst.length;
  const r = exp(theta[0]!);
  const alpha = exp(theta[1]!);
  const a = exp(theta[2]!);
  const b = exp(theta[3]!);
  const logAlpha = log(alpha);
  const lgR = logGamma(r);
  const lgB = logGamma(b);
  const lgAB = logGamma(a + b);
  const psiR = digamma(r);
  const psiB = digamma(b);
  const psiAB = digamma(a + b);
  const logA = log(a);
  let total = 0;
  let gR = 0;
  let gAlpha = (customers * r) / alpha;
  let gA = 0;
  let gB = 0;
  for (let k = 0; k < nx; k++) {
    const x = xValues[k]!;
    const w = customersOfX[k]!;
    if (x === 0) {
      total += w * r * logAlpha;
      gR += w * logAlpha;
      continue;
    }
    const psiABX = digamma(a + b + x);
    head[k] = logGamma(r + x) - lgR + logGamma(b + x) - lgB + lgAB - logGamma(a + b + x);
    dHeadR[k] = digamma(r + x) - psiR;
    dHeadA[k] = psiAB - psiABX;
    dHeadB[k] = digamma(b + x) - psiB + psiAB - psiABX;
    logDropped[k] = logA - log(b + x - 1);
    dDroppedB[k] = 1 / (b + x - 1);
    total += w * (head[k]! + r * logAlpha);
    gR += w * (dHeadR[k]! + logAlpha);
    gA += w * dHeadA[k]!;
    gB += w * dHeadB[k]!;
  }
  for (let k = 0; k < nAge; k++) {
    logAlphaT[k] = log(alpha + ageValues[k]!);
    inverseAlphaT[k] = 1 / (alpha + ageValues[k]!);
  }
  for (let k = 0; k < nTx; k++) {
    logAlphaTx[k] = log(alpha + txValues[k]!);
    inverseAlphaTx[k] = 1 / (alpha + txValues[k]!);
  }
  const middle = 0.5 * (log(alpha + smallest) + log(alpha + largest));
  // −(r + x) ln(α + T) per (x, T) pair, and the pair's factor of ρ
  for (let p = 0; p < nAgePairs; p++) {
    const xl = agePairFirst[p]!;
    const al = agePairSecond[p]!;
    const rx = r + xValues[xl]!;
    const w = customersOfAgePair[p]!;
    total -= w * rx * logAlphaT[al]!;
    gR -= w * logAlphaT[al]!;
    gAlpha -= w * rx * inverseAlphaT[al]!;
    const exponent = logDropped[xl]! + rx * (logAlphaT[al]! - middle);
    ageFactor[p] = abs(exponent) <= TABULATED_EXPONENT ? exp(exponent) : Number.NaN;
  }
  for (let p = 0; p < nTxPairs; p++) {
    const exponent = -(r + xValues[txPairFirst[p]!]!) * (logAlphaTx[txPairSecond[p]!]! - middle);
    txFactor[p] = abs(exponent) <= TABULATED_EXPONENT ? exp(exponent) : Number.NaN;
  }
  // ln(1 + ρ) and w = ρ/(1 + ρ) per repeat-buyer triple, summed per x
  for (let k = 0; k < nx; k++) {
    const from = start[k]!;
    const to = start[k + 1]!;
    if (from === to) continue;
    const rx = r + xValues[k]!;
    let softplusSum = 0;
    let weightSum = 0;
    let rSum = 0;
    let alphaSum = 0;
    for (let j = from; j < to; j++) {
      const n = tripleWeight[j]!;
      const al = tripleAge[j]!;
      const tl = tripleTx[j]!;
      const ratio = ageFactor[tripleAgePair[j]!]! * txFactor[tripleTxPair[j]!]!;
      let softplus: number;
      let dropped: number;
      if (ratio === ratio) {
        // ln(1 + ρ) as ln of the sum: absolute error ≤ 1.2e-16 per customer (nothing beside a
        // log-likelihood of order 1 per customer), and a quarter cheaper than log1p in V8,
        // once per distinct triple and evaluation (issue 13)
        const onePlus = 1 + ratio;
        softplus = log(onePlus);
        dropped = ratio / onePlus;
      } else {
        // ln ρ itself: ln(1 + ρ) = ln ρ + ln(1 + 1/ρ) above 0
        const logRatio = logDropped[k]! + rx * (logAlphaT[al]! - logAlphaTx[tl]!);
        if (logRatio > 0) {
          const e = exp(-logRatio);
          softplus = logRatio + log1p(e);
          dropped = 1 / (1 + e);
        } else {
          const e = exp(logRatio);
          softplus = log1p(e);
          dropped = e / (1 + e);
        }
      }
      const nw = n * dropped;
      softplusSum += n * softplus;
      weightSum += nw;
      rSum += nw * (logAlphaT[al]! - logAlphaTx[tl]!);
      alphaSum += nw * (inverseAlphaT[al]! - inverseAlphaTx[tl]!);
    }
    total += softplusSum;
    gR += rSum;
    gAlpha += rx * alphaSum;
    gA += weightSum / a;
    gB -= weightSum * dDroppedB[k]!;
  }
  // d/dθ = parameter × d/dparameter; negate and average
  gradient[0] = (-gR * r) / customers;
  gradient[1] = (-gAlpha * alpha) / customers;
  gradient[2] = (-gA * a) / customers;
  gradient[3] = (-gB * b) / customers;
  return -total / customers;
}

/**
 * The data of {@link meanNegativeLogLikelihood} (grouped once) and its scratch tables, which
 * {@link evaluateLikelihood} fills and {@link writeHessian} reads after it.
 */
interface LikelihoodTables {
  readonly customers: number;
  readonly xValues: Float64Array;
  readonly txValues: Float64Array;
  readonly ageValues: Float64Array;
  readonly customersOfX: Float64Array;
  /** the repeat-buyer triples of the k-th distinct x are start[k] … start[k + 1] − 1 */
  readonly start: Int32Array;
  /** the distinct (x, T) pairs: levels of x and of T, and their customers */
  readonly agePairFirst: Int32Array;
  readonly agePairSecond: Int32Array;
  readonly customersOfAgePair: Float64Array;
  /** the distinct (x, tₓ) pairs of repeat buyers: levels of x and of tₓ */
  readonly txPairFirst: Int32Array;
  readonly txPairSecond: Int32Array;
  /** per repeat-buyer triple, ordered by x: customers, levels of T and tₓ, and its two pairs */
  readonly tripleWeight: Float64Array;
  readonly tripleAge: Int32Array;
  readonly tripleTx: Int32Array;
  readonly tripleAgePair: Int32Array;
  readonly tripleTxPair: Int32Array;
  /** the smallest tₓ > 0 and the largest T, for the middle L of the logarithms */
  readonly smallest: number;
  readonly largest: number;
  /** scratch per distinct x, T, tₓ and pair, written by each evaluation */
  readonly head: Float64Array;
  readonly logDropped: Float64Array;
  readonly dHeadR: Float64Array;
  readonly dHeadA: Float64Array;
  readonly dHeadB: Float64Array;
  readonly dDroppedB: Float64Array;
  readonly logAlphaT: Float64Array;
  readonly inverseAlphaT: Float64Array;
  readonly logAlphaTx: Float64Array;
  readonly inverseAlphaTx: Float64Array;
  readonly ageFactor: Float64Array;
  readonly txFactor: Float64Array;
}

/**
 * The Hessian in θ of {@link meanNegativeLogLikelihood}, right after its evaluation at the same θ
 * (whose tables of ln(α + T), 1/(α + T), … and the factors of ρ it reads, with the gradient it
 * wrote). A function of its own, not a closure of the likelihood: it runs once per fit, and a
 * new closure per fit would be compiled anew each time, running its loop unoptimised meanwhile
 * (35–60 ms instead of 8 at 1M rows). Per customer, with u = ln ρ and
 * w = ρ/(1 + ρ), ln(1 + ρ) has Hessian w(1 − w) ∇u ∇uᵀ + w ∇²u, where
 * ∇u = (ln(α + T) − ln(α + tₓ), (r + x)(1/(α + T) − 1/(α + tₓ)), 1/a, −1/(b + x − 1)) over
 * (r, α, a, b), and ∇²u has ∂²/∂r∂α = 1/(α + T) − 1/(α + tₓ),
 * ∂²/∂α² = −(r + x)(1/(α + T)² − 1/(α + tₓ)²), ∂²/∂a² = −1/a², ∂²/∂b² = 1/(b + x − 1)²;
 * head(x) contributes trigamma differences (ψ₁), r ln α and −(r + x) ln(α + T) their
 * α-terms. Per repeat-buyer triple nine weighted sums, combined per x; then to θ by
 * writeLogParameterHessian (optimize.ts). Cost about one evaluation.
 */
function writeHessian(
  tables: LikelihoodTables,
  theta: Float64Array,
  gradient: Float64Array,
  hessian: Float64Array
): void {
  const { customers, xValues, customersOfX, start, customersOfAgePair, tripleWeight } = tables;
  const { tripleAge, tripleTx, tripleAgePair, tripleTxPair, logDropped, dDroppedB } = tables;
  const { logAlphaT, inverseAlphaT, logAlphaTx, inverseAlphaTx, ageFactor, txFactor } = tables;
  const nx = xValues.length;
  const r = exp(theta[0]!);
  const alpha = exp(theta[1]!);
  const a = exp(theta[2]!);
  const b = exp(theta[3]!);
  // ∂²ℓ/∂pᵢ∂pⱼ of the total log-likelihood ℓ, p = (r, α, a, b)
  let rr = 0;
  let rAlpha = customers / alpha;
  let rA = 0;
  let rB = 0;
  let alphaAlpha = (-customers * r) / (alpha * alpha);
  let alphaA = 0;
  let alphaB = 0;
  let aa = 0;
  let ab = 0;
  let bb = 0;
  for (let p = 0; p < customersOfAgePair.length; p++) {
    const w = customersOfAgePair[p]!;
    const inverse = inverseAlphaT[tables.agePairSecond[p]!]!;
    rAlpha -= w * inverse;
    alphaAlpha += w * (r + xValues[tables.agePairFirst[p]!]!) * inverse * inverse;
  }
  const trigammaR = trigamma(r);
  const trigammaB = trigamma(b);
  const trigammaAB = trigamma(a + b);
  for (let k = 0; k < nx; k++) {
    const x = xValues[k]!;
    if (x === 0) continue;
    const w = customersOfX[k]!;
    const trigammaABX = trigamma(a + b + x);
    rr += w * (trigamma(r + x) - trigammaR);
    aa += w * (trigammaAB - trigammaABX);
    ab += w * (trigammaAB - trigammaABX);
    bb += w * (trigamma(b + x) - trigammaB + trigammaAB - trigammaABX);
    const from = start[k]!;
    const to = start[k + 1]!;
    const rx = r + x;
    const inverseB = dDroppedB[k]!;
    // Σ n·w·(1, dI, dI₂) and Σ n·w(1 − w)·(1, Δ, Δ², dI, Δ·dI, dI²) over the x's triples, with
    // Δ = ln(α + T) − ln(α + tₓ), dI = 1/(α + T) − 1/(α + tₓ), dI₂ = 1/(α + T)² − 1/(α + tₓ)²
    let w1 = 0;
    let wI = 0;
    let wI2 = 0;
    let v1 = 0;
    let vD = 0;
    let vDD = 0;
    let vI = 0;
    let vDI = 0;
    let vII = 0;
    for (let j = from; j < to; j++) {
      const al = tripleAge[j]!;
      const tl = tripleTx[j]!;
      const ratio = ageFactor[tripleAgePair[j]!]! * txFactor[tripleTxPair[j]!]!;
      let dropped: number;
      let kept: number;
      if (ratio === ratio) {
        dropped = ratio / (1 + ratio);
        kept = 1 / (1 + ratio);
      } else {
        const logRatio = logDropped[k]! + rx * (logAlphaT[al]! - logAlphaTx[tl]!);
        const e = exp(-abs(logRatio));
        dropped = logRatio > 0 ? 1 / (1 + e) : e / (1 + e);
        kept = logRatio > 0 ? e / (1 + e) : 1 / (1 + e);
      }
      const delta = logAlphaT[al]! - logAlphaTx[tl]!;
      const dI = inverseAlphaT[al]! - inverseAlphaTx[tl]!;
      const dI2 = inverseAlphaT[al]! ** 2 - inverseAlphaTx[tl]! ** 2;
      const nw = tripleWeight[j]! * dropped;
      const v = nw * kept;
      w1 += nw;
      wI += nw * dI;
      wI2 += nw * dI2;
      v1 += v;
      vD += v * delta;
      vDD += v * delta * delta;
      vI += v * dI;
      vDI += v * delta * dI;
      vII += v * dI * dI;
    }
    rr += vDD;
    rAlpha += rx * vDI + wI;
    rA += vD / a;
    rB -= inverseB * vD;
    alphaAlpha += rx * rx * vII - rx * wI2;
    alphaA += (rx * vI) / a;
    alphaB -= inverseB * rx * vI;
    aa += (v1 - w1) / (a * a);
    ab -= (inverseB * v1) / a;
    bb += inverseB * inverseB * (v1 + w1);
  }
  const second = [
    [rr, rAlpha, rA, rB],
    [rAlpha, alphaAlpha, alphaA, alphaB],
    [rA, alphaA, aa, ab],
    [rB, alphaB, ab, bb],
  ];
  writeLogParameterHessian([r, alpha, a, b], second, customers, gradient, hessian);
}

/**
 * The objective {@link fitBgnbd} minimises, for checks and benchmarks: the mean negative
 * log-likelihood over the customers of `data` as a function of θ = (ln r, ln α, ln a, ln b),
 * writing its gradient with respect to θ into `gradient` and, when `hessian` is given, its exact
 * Hessian (4 × 4, row-major) into that (the grouped form above; without penalty). Equal to
 * −bgnbdLogLikelihood / customers to rounding.
 *
 * @throws CrmError `na`/`num` as {@link bgnbdLogLikelihood} for bad data
 */
export function bgnbdFitObjective(data: BgnbdData): ObjectiveWithHessian {
  checkSummaryData(data, DEFAULT_SUMMARY_NAMES);
  return meanNegativeLogLikelihood(groupTriples(data));
}

/**
 * {@link meanNegativeLogLikelihood} term by term: each distinct (x, tₓ, T) triple's log-likelihood
 * (FHL 2005 eq. (6), the bracket by log-sum-exp) weighted by its customers, in the order of the
 * triples. The reference the grouped form is tested against (fitSpeed.test.ts), and what
 * {@link bgnbdLogLikelihoodOf} evaluates: the standard errors take second differences of it,
 * which amplify rounding by 1/h², so they keep this summation (the grouped form rounds
 * differently, by about 1e-15 relative, and moves the CDNOW standard errors by 1e-4 relative,
 * the precision of second differences with steps of 1e-4). The value only: the standard errors
 * read no gradient (the gradient this once computed alongside changed no operation of the value).
 * Cost per evaluation O(distinct triples), with one exp and one log1p per repeat-buyer triple,
 * and no digamma.
 */
function tripleMeanNegativeLogLikelihood(groups: TripleGroups): (theta: Float64Array) => number {
  const { xValues, txValues, ageValues, weight, xOf, txOf, ageOf, count, customers } = groups;
  const nx = xValues.length;
  const head = new Float64Array(nx);
  const logDropped = new Float64Array(nx);
  const logAlphaT = new Float64Array(ageValues.length);
  const logAlphaTx = new Float64Array(txValues.length);
  return (theta) => {
    const r = exp(theta[0]!);
    const alpha = exp(theta[1]!);
    const a = exp(theta[2]!);
    const b = exp(theta[3]!);
    const logAlpha = log(alpha);
    const lgR = logGamma(r);
    const lgB = logGamma(b);
    const lgAB = logGamma(a + b);
    const logA = log(a);
    for (let k = 0; k < nx; k++) {
      const x = xValues[k]!;
      if (x === 0) {
        head[k] = 0;
        continue;
      }
      head[k] = logGamma(r + x) - lgR + logGamma(b + x) - lgB + lgAB - logGamma(a + b + x);
      logDropped[k] = logA - log(b + x - 1);
    }
    for (let k = 0; k < ageValues.length; k++) logAlphaT[k] = log(alpha + ageValues[k]!);
    for (let k = 0; k < txValues.length; k++) logAlphaTx[k] = log(alpha + txValues[k]!);
    let total = 0;
    for (let i = 0; i < count; i++) {
      const w = weight[i]!;
      const xl = xOf[i]!;
      const x = xValues[xl]!;
      const rx = r + x;
      const stays = -rx * logAlphaT[ageOf[i]!]!;
      if (x === 0) {
        total += w * (r * logAlpha + stays);
        continue;
      }
      const dropped = logDropped[xl]! - rx * logAlphaTx[txOf[i]!]!;
      // log-sum-exp of the two terms
      const bracket =
        stays >= dropped
          ? stays + log1p(exp(dropped - stays))
          : dropped + log1p(exp(stays - dropped));
      total += w * (head[xl]! + r * logAlpha + bracket);
    }
    return -total / customers;
  };
}

/**
 * The total log-likelihood Σ ln L over customers (FHL 2005 eq. (6)), computed over the distinct
 * (x, tₓ, T) triples with their counts as weights: identical customers contribute identical
 * terms, so the sum equals the customer-by-customer one (see {@link bgnbdCustomerLogLikelihood}).
 *
 * Cost O(C) to group, then O(distinct triples).
 *
 * @throws CrmError `num` for a parameter ≤ 0 or a bad summary row (named, with its row)
 * @example bgnbdLogLikelihood({ r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 }, cdnowSummary) //=> -9582.429206997585
 */
export function bgnbdLogLikelihood(params: BgnbdParams, data: BgnbdData): number {
  checkParams(params);
  return bgnbdLogLikelihoodOf(data)(params);
}

/**
 * {@link bgnbdLogLikelihood} as a function of the parameters for fixed data: the data are
 * checked and grouped once, so each evaluation costs O(distinct triples) (what standard errors
 * by finite differences need: 33 evaluations). Parameters ≤ 0 give NaN.
 *
 * @throws CrmError `na`/`num` as {@link bgnbdLogLikelihood} for bad data
 */
export function bgnbdLogLikelihoodOf(data: BgnbdData): (params: BgnbdParams) => number {
  checkSummaryData(data, DEFAULT_SUMMARY_NAMES);
  const groups = groupTriples(data);
  const objective = tripleMeanNegativeLogLikelihood(groups);
  return (params) => {
    if (!(params.r > 0 && params.alpha > 0 && params.a > 0 && params.b > 0)) return Number.NaN;
    const theta = Float64Array.of(log(params.r), log(params.alpha), log(params.a), log(params.b));
    return -objective(theta) * groups.customers;
  };
}

/**
 * The penalty that {@link fitBgnbd}'s `penalizer` c adds to the mean negative log-likelihood,
 * exactly as lifetimes' BetaGeoFitter does (`_negative_log_likelihood`:
 * `-ll.sum() / weights.sum() + penalizer_coef * sum(params ** 2)`, with `params` =
 * exp(log_params) the natural parameters and time scaled so that the oldest customer's age is 1,
 * `_scale_time(T) = 1 / T.max()`; CamDavidsonPilon/lifetimes, lifetimes/fitters/beta_geo_fitter.py
 * and lifetimes/utils.py):
 *
 *   penalty = c · (r² + (α / T_max)² + a² + b²),
 *
 * an L2 penalty on the parameters themselves (not on their logarithms: lifetimes' docstring
 * says "an l2 norm on the parameters"), relative to the mean log-likelihood per customer, and
 * with α measured in units of the oldest customer's age, so the same c gives the same r, a, b
 * in any time unit. The penalised fit maximises ℓ(θ)/N − penalty; it pulls large parameters
 * back (a, b → ∞ when dropout shows no heterogeneity), so small or degenerate data still fit.
 *
 * @example bgnbdPenalty({ r: 1, alpha: 10, a: 1, b: 2 }, 20, 0.1) //=> 0.1 × (1 + 0.25 + 1 + 4) = 0.625
 */
export function bgnbdPenalty(params: BgnbdParams, oldestAge: number, penalizer: number): number {
  if (penalizer === 0) return 0;
  const scaledAlpha = oldestAge > 0 ? params.alpha / oldestAge : params.alpha;
  return penalizer * (params.r ** 2 + scaledAlpha ** 2 + params.a ** 2 + params.b ** 2);
}

/**
 * Fits the BG/NBD model by maximum likelihood.
 *
 * Method: the mean log-likelihood over the distinct (x, tₓ, T) triples (weighted by their
 * counts) is maximised over θ = (ln r, ln α, ln a, ln b) by BFGS with the analytic gradient and
 * a strong-Wolfe line search (optimize.ts), from r = 1, α = ΣT/Σx (the mean purchase rate
 * r/α then matches the data's), a = b = 1. Over at least 50,000 distinct triples BFGS starts
 * instead at the optimum of the same data on a coarse time grid, with its inverse Hessian, when
 * that coarse fit clearly determines every parameter (warmStartFrom in optimize.ts; data
 * without a clear maximum keep the plain path, so that the certification decides as it
 * would); the convergence test and the certification are the same. Converged means max |∂/∂θᵢ| ≤ 1e-9 of the mean log-likelihood, which
 * pins the parameters to about six significant digits. If BFGS does not converge, Nelder–Mead
 * searches from the start and BFGS polishes its result. The answer is then certified: every
 * parameter within e^±30, and the Hessian (exact: writeHessian in meanNegativeLogLikelihood) positive
 * definite with every Cholesky pivot above 0.01/N for N customers, i.e. a strict local maximum
 * that determines each log-parameter to within a standard error of 10, rather than a ridge, a
 * saddle or a drift towards a boundary (such as a, b → ∞ when the dropout probability shows no
 * heterogeneity). The line search switches to Hager–Zhang's approximate Wolfe conditions near
 * the optimum, where rounding in a sum over many customers hides the last decreases of the
 * likelihood.
 *
 * Bounded: degenerate data are refused before any search (nobody bought twice; every customer
 * with the same history, where the likelihood has no maximum); a search whose parameter passes
 * e^±30 stops there (the likelihood rising towards the boundary); every search stops at the
 * deadline (default 2 s; minimizeLogParameterFit in optimize.ts). Each refusal is a CrmError
 * with a message that says what is wrong and what to do (fitMessages.ts).
 *
 * With `penalizer` c > 0 the objective is the mean negative log-likelihood plus
 * {@link bgnbdPenalty} (lifetimes' `penalizer_coef`), and the search, the certification and the
 * refusals are the same; `logLikelihood` is still the unpenalised ℓ at the penalised estimate.
 *
 * Cost per likelihood evaluation: O(distinct triples) arithmetic and one log1p per
 * repeat-buyer triple, O(distinct (x, T) and (x, tₓ) pairs) exponentials, plus O(distinct
 * values) logarithms and gamma functions (see meanNegativeLogLikelihood); typically 20–40 BFGS
 * iterations and 30–45 evaluations, and one with the Hessian for the certification. CDNOW's
 * 2,357 customers form 1,016 triples; the 1M-row bench's 196,193 customers form 167,251,
 * fitted in 5 evaluations of a few milliseconds each and one with the Hessian, after 33 cheap
 * ones on the coarse grid's 5,989 triples (34 full evaluations from the usual start).
 *
 * @throws CrmError `na` for no customers or when no customer has a repeat purchase; `value`
 *   when every customer has the same history or the fit has no certified maximum (a parameter
 *   runs off to 0 or ∞, the likelihood is flat, the iterations or the time run out), never
 *   unconverged numbers; `num` for a bad summary row (named by customer id when `customerIds`
 *   is given, else by row)
 * @example fitBgnbd(customerSummary(cdnowSample, { calibrationEnd: 35703, timeUnit: "week" }))
 *   //=> { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259, logLikelihood: -9582.43, … } (rounded)
 */
export function fitBgnbd(data: BgnbdData, options: BgnbdFitOptions = {}): BgnbdFit {
  const startedAt = Date.now();
  const deadline = options.deadline ?? startedAt + DEFAULT_FIT_TIME_LIMIT_MS;
  const names = options.names ?? DEFAULT_SUMMARY_NAMES;
  checkSummaryData(data, names);
  const { repeatPurchases, repeatBuyers, totalAge } = repeatTotals(data, MODEL);
  if (options.start !== undefined) checkParams(options.start);

  const groups = groupFitTriples(data, MODEL);
  const penalizer = requirePenalizer(options.penalizer ?? 0);
  const ageScale = oldestAge(data.T);
  const start = options.start ?? {
    r: 1,
    alpha: totalAge > 0 ? totalAge / repeatPurchases : 1,
    a: 1,
    b: 1,
  };
  const fit = fitTripleLikelihood(meanNegativeLogLikelihood(groups), groups, {
    model: MODEL,
    parameterNames: ["r", "alpha", "a", "b"],
    start: [start.r, start.alpha, start.a, start.b],
    penalizer,
    // penalty c·Σθ̃ᵢ² with θ̃ = (r, α/T_max, a, b) (see bgnbdPenalty)
    penaltyScales: [1, ageScale > 0 ? ageScale : 1, 1, 1],
    maxIterations: options.maxIterations ?? 200,
    startedAt,
    deadline,
    repeatBuyers,
    likelihoodOf: meanNegativeLogLikelihood,
    exactHessian: true,
  });
  const [r, alpha, a, b] = fit.params as [number, number, number, number];
  return {
    r,
    alpha,
    a,
    b,
    timeUnit: data.timeUnit,
    logLikelihood: fit.logLikelihood,
    iterations: fit.iterations,
    converged: true,
    customers: groups.customers,
    repeatBuyers,
    distinctTriples: groups.count,
  };
}

/**
 * P(alive): the probability that a customer with history (x, tₓ, T) has not dropped out by T
 * (FHL 2005 eq. (11); Fader, Hardie & Lee 2008 note):
 *
 *   P(alive) = 1 / (1 + δₓ₌₀̸ a/(b + x − 1) · ((α + T)/(α + tₓ))^(r+x)),
 *
 * 1 for a customer without repeat purchases (the model lets customers drop out only right
 * after a purchase). The power is taken in log space. Cost O(1).
 *
 * @throws CrmError `num` for a parameter ≤ 0 or an inconsistent (x, tₓ, T)
 * @example probabilityAlive({ r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 }, 26, 30.85714, 31) //=> 0.9688552068351524
 */
export function probabilityAlive(params: BgnbdParams, x: number, tx: number, T: number): number {
  checkParams(params);
  checkSummaryRow(x, tx, T, undefined);
  return aliveProbability(params, x, tx, T);
}

/**
 * {@link probabilityAlive} without its checks, for callers that have checked the parameters and
 * the row (bgnbdHorizon.ts, once per customer of a prediction table). Cost O(1).
 */
export function aliveProbability(
  { r, alpha, a, b }: BgnbdParams,
  x: number,
  tx: number,
  T: number
): number {
  if (x === 0) return 1;
  const logOdds = log(a) - log(b + x - 1) + (r + x) * log1p((T - tx) / (alpha + tx));
  return 1 / (1 + exp(logOdds));
}

/**
 * Evaluates f(value) where f has a removable singularity at `singular` (0/0 in its formula):
 * within `width` of it, interpolates linearly between f(singular ± width). With width 1e-5 the
 * error is about 1e-10 relative, against 1e-16/|value − singular| for the direct formula.
 */
function acrossRemovable(
  f: (value: number) => number,
  value: number,
  singular: number,
  width: number
): number {
  if (abs(value - singular) >= width) return f(value);
  const below = f(singular - width);
  const above = f(singular + width);
  return below + ((value - (singular - width)) / (2 * width)) * (above - below);
}

/**
 * The expected number of purchases of a customer with history (x, tₓ, T) over the next t time
 * units, E[Y(t) | x, tₓ, T] (FHL 2005 eq. (10)):
 *
 *   E = (a + b + x − 1)/(a − 1) · [1 − ((α + T)/(α + T + t))^(r+x) ₂F₁(r + x, b + x; a + b + x − 1; t/(α + T + t))] · P(alive)
 *
 * computed through Pfaff's transformation as
 * (a + b + x − 1)/(a − 1) · [1 − ₂F₁(r + x, a − 1; a + b + x − 1; −t/(α + T))] · P(alive),
 * whose ₂F₁ (special.ts) has moderate parameters and value for any x, so nothing overflows
 * for frequent buyers. The formula is 0/0 at a = 1; within 1e-5 of it the value is
 * interpolated (about 1e-10 relative), as it is within 1e-9 of a + b + x − 1 = 0.
 *
 * Cost O(1): one ₂F₁, tens of terms.
 *
 * @throws CrmError `num` for a parameter ≤ 0, t < 0 or an inconsistent (x, tₓ, T)
 * @example expectedPurchases({ r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 }, 39, 2, 30.43, 38.86) //=> 1.225922657987033
 */
export function expectedPurchases(
  params: BgnbdParams,
  t: number,
  x: number,
  tx: number,
  T: number
): number {
  checkParams(params);
  requireHorizon(t);
  checkSummaryRow(x, tx, T, undefined);
  return conditionalExpectation(params, t, x, tx, T);
}

function conditionalExpectation(
  params: BgnbdParams,
  t: number,
  x: number,
  tx: number,
  T: number
): number {
  if (t === 0) return 0;
  const atA = (a: number): number => {
    const nudged = { ...params, a };
    const c = a + params.b + x - 1;
    const atC = (b: number): number => {
      const cB = a + b + x - 1;
      // 1 − ₂F₁ taken as −(₂F₁ − 1), exact for short horizons where ₂F₁ is close to 1
      const fMinusOne = hyp2f1MinusOne(params.r + x, a - 1, cB, -t / (params.alpha + T));
      return (cB / (a - 1)) * -fMinusOne * aliveProbability({ ...nudged, b }, x, tx, T);
    };
    return acrossRemovable(atC, params.b, params.b - c, 1e-9);
  };
  const value = acrossRemovable(atA, params.a, 1, 1e-5);
  if (!Number.isFinite(value)) {
    throw new CrmError(
      "num",
      ClvMessages.notConverged(
        MODEL,
        "the hypergeometric series did not converge for this horizon"
      ),
      "t"
    );
  }
  return value;
}

/**
 * The expected number of repeat purchases of a new customer (just acquired, no history) in
 * their first t time units, E[X(t)] (FHL 2005 eq. (7)):
 *
 *   E[X(t)] = (a + b − 1)/(a − 1) · [1 − (α/(α + t))^r ₂F₁(r, b; a + b − 1; t/(α + t))]
 *
 * computed as (a + b − 1)/(a − 1) · [1 − ₂F₁(r, a − 1; a + b − 1; −t/α)] (Pfaff), with the
 * removable singularities at a = 1 and a + b = 1 bridged as in {@link expectedPurchases}.
 * Cost O(1).
 *
 * The series is summed to convergence. (For the CDNOW parameters E[X(78)] = 1.85796; a value
 * of 1.8576 sometimes quoted equals the Gauss series cut after about 150 terms.)
 *
 * @throws CrmError `num` for a parameter ≤ 0 or t < 0
 * @example expectedPurchasesPopulation({ r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 }, 32) //=> 1.0437639538152035
 */
export function expectedPurchasesPopulation(params: BgnbdParams, t: number): number {
  checkParams(params);
  requireHorizon(t);
  return conditionalExpectation(params, t, 0, 0, 0);
}
