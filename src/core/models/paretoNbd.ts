/**
 * The Pareto/NBD model of repeat buying: while alive, a customer buys as a Poisson process with
 * rate λ, and their lifetime is exponential with rate μ (they may drop out at any moment, not
 * only right after a purchase as in BG/NBD); across customers λ ~ Gamma(r, α) and
 * μ ~ Gamma(s, β). Fitted by maximum likelihood to each customer's (x, tₓ, T) from
 * customerSummary.ts, it gives P(alive) and the expected number of purchases over a horizon.
 *
 * References: D. C. Schmittlein, D. G. Morrison & R. Colombo, "Counting Your Customers: Who Are
 * They and What Will They Do Next?", Management Science 33(1), 1987, 1–24; P. S. Fader &
 * B. G. S. Hardie, "A Note on Deriving the Pareto/NBD Model and Related Expressions" (2005,
 * brucehardie.com note 009; equations (18)–(24) likelihood, (27) E[X(t)], (36)–(37) P(alive),
 * (41) conditional expectation); P. S. Fader, B. G. S. Hardie & K. L. Lee, "'Counting Your
 * Customers' the Easy Way", Marketing Science 24(2), 2005 (the CDNOW comparison). On the CDNOW
 * sample (2,357 customers, weeks, calibration to 1997-09-30) the fit is r = 0.553, α = 10.58,
 * s = 0.606, β = 11.66, LL = −9594.98, as published in the BTYD walkthrough (McCarthy &
 * Wadsworth, "Buy 'Til You Die — A Walkthrough", 2014, §3.2).
 *
 * Time is in the summary's unit throughout: α, β, tₓ, T and every horizon t share it.
 *
 * How the likelihood is evaluated. With p = r + x,
 *
 *   L = Γ(r + x) α^r β^s / Γ(r) · [ (α + T)^−p (β + T)^−s + s·I ],
 *   I = ∫ from tₓ to T of (α + τ)^−p (β + τ)^−(s+1) dτ,
 *
 * the second term being "dropped out at τ between the last purchase and T" (Fader & Hardie's
 * s/(r + s + x) · A₀, with A₀ = (r + s + x) I). Their closed form writes I as a difference of
 * two ₂F₁(r + s + x, ·; r + s + x + 1; ·) terms, with the case split α ≥ β / α < β; both terms
 * are large and nearly equal when tₓ is close to T, and they overflow for frequent buyers. Here,
 * with C = max(α, β), d = |α − β|, a = r + s + x, b = s + 1 (α ≥ β) or r + x (α < β),
 * z = d/(C + tₓ) and ρ = (C + tₓ)/(C + T), the same integral is summed as one series of
 * positive terms,
 *
 *   I = (C + tₓ)^−a Σₙ (b)ₙ/n! zⁿ (1 − ρ^(a+n)) / (a + n),
 *
 * (expand the factor of the smaller scale as (1 − d/(C + τ))^−b and integrate term by term),
 * where 1 − ρ^(a+n) is built up without cancellation, so the difference never loses digits, the
 * terms are rescaled instead of overflowing, and α = β (z = 0) is just the first term. The
 * parameter derivatives are summed alongside. Where that series would need more than
 * {@link MAX_SERIES_TERMS} terms (z close to 1: one scale far above the other), I is integrated
 * numerically instead: Gauss–Legendre panels in v = ln(min(α, β) + τ), where the integrand is
 * log-concave, outward from its mode until the panels stop contributing.
 */
import {
  checkSummaryRow,
  DEFAULT_SUMMARY_NAMES,
  type SummaryArgumentNames,
  type TimeUnit,
} from "./customerSummary";
import { digamma, logGamma } from "./special";
import { DEFAULT_FIT_TIME_LIMIT_MS } from "./optimize";
import {
  checkSummaryData,
  fitTripleLikelihood,
  groupFitTriples,
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
import type { FittedParameter, PurchaseModel, PurchaseModelFit } from "./purchaseModel";
import { standardErrors } from "./standardErrors";

// Math's functions read once per module: each global lookup is slow in some JavaScript hosts
// (10–20× in a Node vm context, where the bundle's tests run it), and these are the hot loops.
const { abs, cos, exp, expm1, log, log1p, max, min, PI, sqrt } = Math;

/** The four Pareto/NBD parameters, all > 0; α and β are in the time unit of the data. */
export interface ParetoNbdParams {
  /** shape of the Gamma distribution of purchase rates λ */
  readonly r: number;
  /** scale of the Gamma distribution of purchase rates, in time units */
  readonly alpha: number;
  /** shape of the Gamma distribution of dropout rates μ */
  readonly s: number;
  /** scale of the Gamma distribution of dropout rates, in time units */
  readonly beta: number;
}

/** Parameters together with the time unit they are expressed in. */
export interface ParetoNbdModel extends ParetoNbdParams {
  readonly timeUnit: TimeUnit;
}

/** What the fit reads: per-customer frequency, recency and age (a CustomerSummary fits). */
export type ParetoNbdData = SummaryData;

export interface ParetoNbdFitOptions {
  /** starting point (default r = 1, α = ΣT/Σx, s = 1, β = α) */
  readonly start?: ParetoNbdParams;
  /** iteration limit of each optimiser run (default 200 for BFGS, ten times that for Nelder–Mead) */
  readonly maxIterations?: number;
  /** column names for messages about the data (default x, t_x, T) */
  readonly names?: SummaryArgumentNames;
  /** Date.now() time after which the fit gives up; default 2 s from the call */
  readonly deadline?: number;
  /**
   * L2 penalty coefficient c ≥ 0 (default 0: plain maximum likelihood); see
   * {@link paretoNbdPenalty}.
   */
  readonly penalizer?: number;
}

export interface ParetoNbdFit extends ParetoNbdModel, TripleFitReport {
  /** the penalizer used (0: plain maximum likelihood) */
  readonly penalizer: number;
}

const MODEL = "Pareto/NBD";
const EPSILON = 2 ** -53;

/**
 * Above this many terms the series for I gives way to quadrature (z close to 1). A term costs a
 * few multiplications; the quadrature a few hundred logarithms.
 */
export const MAX_SERIES_TERMS = 1500;

function checkParams(params: ParetoNbdParams): void {
  requirePositive(params.r, "r");
  requirePositive(params.alpha, "alpha");
  requirePositive(params.s, "s");
  requirePositive(params.beta, "beta");
}

/**
 * Output of {@link dropoutIntegral}: ln I and ∂ ln I/∂(r, α, s, β). One module-level buffer:
 * the hot loop allocates nothing.
 */
const integral = new Float64Array(5);
const LN_I = 0;
const D_R = 1;
const D_ALPHA = 2;
const D_S = 3;
const D_BETA = 4;

/** 2^±930: rescaling step of the series, far from both ends of the double range */
const BIG = 2 ** 930;
const LOG_BIG = 930 * Math.LN2;

/**
 * Reciprocals the series needs, tabulated once per likelihood evaluation for each distinct x
 * (row k holds n = 0 … {@link TABLE_TERMS} − 1): 1/(a + n), 1/(b + n) and (b + n)/(n + 1), so
 * that the terms of the hot loop take no division.
 */
interface SeriesTables {
  readonly inverseA: Float64Array;
  readonly inverseB: Float64Array;
  readonly growth: Float64Array;
}

const TABLE_TERMS = 48;

/**
 * ln I and its gradient into {@link integral}, I = ∫ₜₓᵀ (α + τ)^−(r+x) (β + τ)^−(s+1) dτ, for
 * tₓ < T. `logCtx` = ln(C + tₓ), `logCT` = ln(C + T) with C = max(α, β); `tables` (row `row`)
 * hold the reciprocals for this x, when the caller has them.
 */
function dropoutIntegral(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  tx: number,
  T: number,
  logCtx: number,
  logCT: number,
  tables?: SeriesTables,
  row = 0
): void {
  const alphaLarger = alpha >= beta;
  const C = alphaLarger ? alpha : beta;
  const a = r + s + x;
  const b = alphaLarger ? s + 1 : r + x;
  const z = abs(alpha - beta) / (C + tx);
  const logRho = logCtx - logCT;
  const rho = (C + tx) / (C + T);
  if (estimatedTerms(b, z) > MAX_SERIES_TERMS) {
    quadrature(r, alpha, s, beta, x, tx, T);
    return;
  }
  // Σ eₙ (1 − ρ^(a+n))/(a + n) with eₙ = (b)ₙ/n! zⁿ, and its partial derivatives in a, b, z, ρ.
  const oneMinusRho = (T - tx) / (C + T);
  let power = exp(a * logRho); // ρ^(a+n)
  let gap = -expm1(a * logRho); // 1 − ρ^(a+n), built up as gap + power·(1 − ρ): no cancellation
  let e = 1;
  let harmonic = 0; // Σₖ<ₙ 1/(b + k) = ∂ ln (b)ₙ/∂b
  let sum = 0;
  let sumB = 0;
  let sumNz = 0; // Σ n·term (∂/∂z = this / z)
  let sumA = 0;
  let sumRho = 0; // Σ eₙ ρ^(a+n) (∂/∂ρ = −this / ρ)
  let logScale = 0;
  const zeroZ = z === 0;
  const base = row * TABLE_TERMS;
  const tabulated = tables === undefined ? 0 : TABLE_TERMS;
  const inverseA = tables?.inverseA;
  const inverseB = tables?.inverseB;
  const growth = tables?.growth;
  for (let n = 0; ; n++) {
    const inTable = n < tabulated;
    const inverse = inTable ? inverseA![base + n]! : 1 / (a + n);
    const term = e * gap * inverse;
    sum += term;
    sumB += term * harmonic;
    sumNz += n * term;
    sumA -= e * inverse * (gap * inverse + power * logRho);
    sumRho += e * power;
    if (zeroZ) break;
    const ratio = (inTable ? growth![base + n]! : (b + n) / (n + 1)) * z;
    harmonic += inTable ? inverseB![base + n]! : 1 / (b + n);
    e *= ratio;
    gap += power * oneMinusRho;
    power *= rho;
    if (e > BIG) {
      e /= BIG;
      sum /= BIG;
      sumB /= BIG;
      sumNz /= BIG;
      sumA /= BIG;
      sumRho /= BIG;
      logScale += LOG_BIG;
    }
    // Past the peak the later ratios stay below R, so the tail of each sum is at most the next
    // coefficient eₙ₊₁ times 1/(1 − R)² and the factors n + 2 and 1 + Σ1/(b + k) (the sums
    // weighted by n and by the harmonic sum), times (1 − ρ^(a+m))/(a + m) ≤ min(1/(a + n), 1 − ρ)
    // or ρ^(a+m) ≤ ρ^(a+n+1).
    const bound = ratio > z ? ratio : z;
    if (bound < 1 && n > 0) {
      const tail = e * (n + 2) * (1 + harmonic);
      const room = EPSILON * 0.25 * (1 - bound) * (1 - bound);
      if (
        tail * (inverse < oneMinusRho ? inverse : oneMinusRho) <= room * sum &&
        tail * power <= room * sumRho
      ) {
        break;
      }
    }
    if (n > 4 * MAX_SERIES_TERMS) break; // never reached: estimatedTerms decides first
  }
  const dSdZ = zeroZ ? (b * (gap + power * oneMinusRho)) / (a + 1) : sumNz / z;
  const dSdRho = -sumRho / rho;
  const lnS = log(sum);
  const dA = sumA / sum;
  const dB = sumB / sum;
  const dZ = dSdZ / sum;
  const dRho = dSdRho / sum;
  integral[LN_I] = -a * logCtx + logScale + lnS;
  const cTx = C + tx;
  if (alphaLarger) {
    // z = (α − β)/(α + tₓ), ρ = (α + tₓ)/(α + T), b = s + 1
    integral[D_R] = -logCtx + dA;
    integral[D_S] = -logCtx + dA + dB;
    integral[D_ALPHA] =
      -a / cTx + dZ * ((beta + tx) / (cTx * cTx)) + dRho * ((T - tx) / ((C + T) * (C + T)));
    integral[D_BETA] = dZ * (-1 / cTx);
  } else {
    // z = (β − α)/(β + tₓ), ρ = (β + tₓ)/(β + T), b = r + x
    integral[D_R] = -logCtx + dA + dB;
    integral[D_S] = -logCtx + dA;
    integral[D_BETA] =
      -a / cTx + dZ * ((alpha + tx) / (cTx * cTx)) + dRho * ((T - tx) / ((C + T) * (C + T)));
    integral[D_ALPHA] = dZ * (-1 / cTx);
  }
}

/**
 * About how many terms Σ (b)ₙ/n! zⁿ needs: past its peak near (b − 1)z/(1 − z), a few widths
 * √(bz)/(1 − z), then until zⁿ falls below double precision.
 */
function estimatedTerms(b: number, z: number): number {
  if (z >= 1) return Number.POSITIVE_INFINITY;
  const peak = max(0, ((b - 1) * z) / (1 - z));
  return peak + (8 * sqrt(b * z)) / (1 - z) + 40 / -log(z);
}

/** Gauss–Legendre nodes and weights on [−1, 1], computed once (Newton on Pₙ). */
const GAUSS_POINTS = 16;
const [GAUSS_NODES, GAUSS_WEIGHTS] = ((): [Float64Array, Float64Array] => {
  const n = GAUSS_POINTS;
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let root = cos((PI * (i + 0.75)) / (n + 0.5));
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      let p0 = 1;
      let p1 = root;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * root * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      derivative = (n * (root * p1 - p0)) / (root * root - 1);
      const step = p1 / derivative;
      root -= step;
      if (abs(step) < 1e-17) break;
    }
    nodes[i] = root;
    weights[i] = 2 / ((1 - root * root) * derivative * derivative);
  }
  return [nodes, weights];
})();

/**
 * ln I and its gradient by quadrature, for the parameter region the series handles slowly.
 * In v = ln(c + τ), c = min(α, β), the integrand e^v (α + τ)^−p (β + τ)^−q (p = r + x,
 * q = s + 1) is log-concave with slopes between 1 − q_c and 1 − p − q, analytic in the strip
 * |Im v| < π: panels of width min(1/2, 6/(p + q)) with 16 Gauss points each reach double
 * precision, and from the mode outwards each panel contributes less than the one before, so
 * the march stops once a panel adds below 1e-18 of the total. The parameter derivatives of ln I
 * are the integrals of ∂ ln f/∂θ against the same weights.
 */
function quadrature(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  tx: number,
  T: number
): void {
  const p = r + x;
  const q = s + 1;
  const c = min(alpha, beta);
  const alphaOffset = alpha - c;
  const betaOffset = beta - c;
  const low = log(c + tx);
  const high = log(c + T);
  // exponent of the factor with the smaller scale, and of the other one
  const own = alpha <= beta ? p : q;
  const other = alpha <= beta ? q : p;
  const spread = abs(alpha - beta);
  let mode = low;
  if (own < 1 && spread > 0) mode = log(((1 - own) * spread) / (own + other - 1));
  mode = min(high, max(low, mode));
  const logAt = (v: number): number => {
    const ev = exp(v);
    return v - p * log(ev + alphaOffset) - q * log(ev + betaOffset);
  };
  const reference = logAt(mode);
  // The slope of ln g is 1 − own − other·e^v/(e^v + d), its curvature −other·e^v d/(e^v + d)²:
  // panels short enough for both (at most 6 units of slope, 3 "standard deviations").
  const highShare = (c + T) / (c + T + spread);
  const slope = max(abs(1 - own), abs(1 - own - other * highShare));
  const curvature = other * min(0.25, highShare);
  const width = min(0.5, 6 / slope, 3 / sqrt(curvature));
  let total = 0;
  let totalR = 0;
  let totalAlpha = 0;
  let totalS = 0;
  let totalBeta = 0;
  const panel = (from: number, to: number): number => {
    const half = 0.5 * (to - from);
    const middle = 0.5 * (to + from);
    let added = 0;
    for (let k = 0; k < GAUSS_POINTS; k++) {
      const v = middle + half * GAUSS_NODES[k]!;
      const ev = exp(v);
      const alphaTau = ev + alphaOffset;
      const betaTau = ev + betaOffset;
      const logAlphaTau = log(alphaTau);
      const logBetaTau = log(betaTau);
      const weight =
        half * GAUSS_WEIGHTS[k]! * exp(v - p * logAlphaTau - q * logBetaTau - reference);
      added += weight;
      totalR -= weight * logAlphaTau;
      totalAlpha -= (weight * p) / alphaTau;
      totalS -= weight * logBetaTau;
      totalBeta -= (weight * q) / betaTau;
    }
    total += added;
    return added;
  };
  for (let from = mode; from < high; from += width) {
    if (panel(from, min(high, from + width)) <= 1e-18 * total) break;
  }
  for (let to = mode; to > low; to -= width) {
    if (panel(max(low, to - width), to) <= 1e-18 * total) break;
  }
  integral[LN_I] = reference + log(total);
  integral[D_R] = totalR / total;
  integral[D_ALPHA] = totalAlpha / total;
  integral[D_S] = totalS / total;
  integral[D_BETA] = totalBeta / total;
}

/**
 * ln of the likelihood's bracket, B = (α + T)^−(r+x) (β + T)^−s + s·I, for one customer, given
 * the logarithms the caller may share between customers (ln(α + T), ln(β + T), and ln(C + tₓ),
 * ln(C + T) with C = max(α, β)). Writes ∂ ln B/∂(r, α, s, β) into `gradient` (when given) and
 * the "alive at T" share of B, i.e. P(alive), into {@link aliveShare}.
 */
function logBracket(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  tx: number,
  T: number,
  logAlphaT: number,
  logBetaT: number,
  logCtx: number,
  logCT: number,
  gradient?: Float64Array,
  tables?: SeriesTables,
  row = 0
): number {
  const p = r + x;
  const alive = -p * logAlphaT - s * logBetaT;
  if (!(tx < T)) {
    aliveShare = 1;
    if (gradient !== undefined) {
      gradient[0] = -logAlphaT;
      gradient[1] = -p / (alpha + T);
      gradient[2] = -logBetaT;
      gradient[3] = -s / (beta + T);
    }
    return alive;
  }
  dropoutIntegral(r, alpha, s, beta, x, tx, T, logCtx, logCT, tables, row);
  const dropped = log(s) + integral[LN_I]!;
  // log-sum-exp, and the share of the "alive" term, accurate however small either share is
  let value: number;
  let wAlive: number;
  let wDropped: number;
  if (alive >= dropped) {
    const odds = exp(dropped - alive);
    value = alive + log1p(odds);
    wDropped = odds / (1 + odds);
    wAlive = 1 / (1 + odds);
  } else {
    const odds = exp(alive - dropped);
    value = dropped + log1p(odds);
    wAlive = odds / (1 + odds);
    wDropped = 1 / (1 + odds);
  }
  aliveShare = wAlive;
  if (gradient !== undefined) {
    gradient[0] = -wAlive * logAlphaT + wDropped * integral[D_R]!;
    gradient[1] = (-wAlive * p) / (alpha + T) + wDropped * integral[D_ALPHA]!;
    gradient[2] = -wAlive * logBetaT + wDropped * (1 / s + integral[D_S]!);
    gradient[3] = (-wAlive * s) / (beta + T) + wDropped * integral[D_BETA]!;
  }
  return value;
}

/** P(alive) of the last {@link logBracket} call. */
let aliveShare = 1;

/**
 * One customer's ln L and, when `gradient` is given, ∂ ln L/∂(r, α, s, β) (Fader & Hardie 2005
 * note, eq. (18)): ln L = ln Γ(r + x) − ln Γ(r) + r ln α + s ln β + ln B.
 */
function customerTerms(
  params: ParetoNbdParams,
  x: number,
  tx: number,
  T: number,
  gradient?: Float64Array
): number {
  const { r, alpha, s, beta } = params;
  const C = max(alpha, beta);
  const bracket = logBracket(
    r,
    alpha,
    s,
    beta,
    x,
    tx,
    T,
    log(alpha + T),
    log(beta + T),
    log(C + tx),
    log(C + T),
    gradient
  );
  if (gradient !== undefined) {
    gradient[0] = gradient[0]! + digamma(r + x) - digamma(r) + log(alpha);
    gradient[1] = gradient[1]! + r / alpha;
    gradient[2] = gradient[2]! + log(beta);
    gradient[3] = gradient[3]! + s / beta;
  }
  return logGamma(r + x) - logGamma(r) + r * log(alpha) + s * log(beta) + bracket;
}

/**
 * The gradient of one customer's log-likelihood, ∂ ln L/∂(r, α, s, β), analytic (the series or
 * quadrature of {@link paretoNbdCustomerLogLikelihood} differentiated term by term). For
 * diagnostics and for checking the fit's derivatives. Cost O(1).
 *
 * @throws CrmError `num` for a parameter ≤ 0 or an inconsistent (x, tₓ, T)
 * @example paretoNbdCustomerGradient({ r: 0.5533, alpha: 10.578, s: 0.6062, beta: 11.669 }, 2, 30.43, 38.86) //=> [∂/∂r, ∂/∂α, ∂/∂s, ∂/∂β]
 */
export function paretoNbdCustomerGradient(
  params: ParetoNbdParams,
  x: number,
  tx: number,
  T: number
): [number, number, number, number] {
  checkParams(params);
  checkSummaryRow(x, tx, T, undefined);
  const gradient = new Float64Array(4);
  customerTerms(params, x, tx, T, gradient);
  return [gradient[0]!, gradient[1]!, gradient[2]!, gradient[3]!];
}

/**
 * The log-likelihood of one customer, ln L(r, α, s, β | x, tₓ, T) (Fader & Hardie 2005 note,
 * eq. (18), with A₀ of eqs. (19)–(24) evaluated as described in the module comment). Cost O(1):
 * tens of series terms near α = β, at most {@link MAX_SERIES_TERMS} or a quadrature elsewhere.
 *
 * @throws CrmError `num` for a parameter ≤ 0 or an inconsistent (x, tₓ, T)
 * @example paretoNbdCustomerLogLikelihood({ r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 }, 0, 0, 38.86) //=> ≈ −0.5 (r ln(α/(α+T)) + s ln(β/(β+T)) + ln(1 + …))
 */
export function paretoNbdCustomerLogLikelihood(
  params: ParetoNbdParams,
  x: number,
  tx: number,
  T: number
): number {
  checkParams(params);
  checkSummaryRow(x, tx, T, undefined);
  return customerTerms(params, x, tx, T);
}

/**
 * The mean negative log-likelihood over customers as a function of θ = (ln r, ln α, ln s, ln β),
 * with its analytic gradient. Working in log-parameters keeps every parameter positive.
 */
function meanNegativeLogLikelihood(
  groups: TripleGroups
): (theta: Float64Array, gradient: Float64Array) => number {
  const { xValues, txValues, ageValues, weight, xOf, txOf, ageOf, count, customers } = groups;
  const headX = new Float64Array(xValues.length);
  const dHeadX = new Float64Array(xValues.length);
  const logAlphaT = new Float64Array(ageValues.length);
  const logBetaT = new Float64Array(ageValues.length);
  const logCT = new Float64Array(ageValues.length);
  const logCtx = new Float64Array(txValues.length);
  const one = new Float64Array(4);
  const tables: SeriesTables = {
    inverseA: new Float64Array(xValues.length * TABLE_TERMS),
    inverseB: new Float64Array(xValues.length * TABLE_TERMS),
    growth: new Float64Array(xValues.length * TABLE_TERMS),
  };
  return (theta, gradient) => {
    const r = exp(theta[0]!);
    const alpha = exp(theta[1]!);
    const s = exp(theta[2]!);
    const beta = exp(theta[3]!);
    const C = max(alpha, beta);
    const lgR = logGamma(r);
    const psiR = digamma(r);
    for (let k = 0; k < xValues.length; k++) {
      const x = xValues[k]!;
      headX[k] = x === 0 ? 0 : logGamma(r + x) - lgR;
      dHeadX[k] = x === 0 ? 0 : digamma(r + x) - psiR;
      const a = r + s + x;
      const b = alpha >= beta ? s + 1 : r + x;
      for (let n = 0, at = k * TABLE_TERMS; n < TABLE_TERMS; n++, at++) {
        tables.inverseA[at] = 1 / (a + n);
        tables.inverseB[at] = 1 / (b + n);
        tables.growth[at] = (b + n) / (n + 1);
      }
    }
    for (let k = 0; k < ageValues.length; k++) {
      const T = ageValues[k]!;
      logAlphaT[k] = log(alpha + T);
      logBetaT[k] = log(beta + T);
      logCT[k] = alpha >= beta ? logAlphaT[k]! : logBetaT[k]!;
    }
    for (let k = 0; k < txValues.length; k++) logCtx[k] = log(C + txValues[k]!);
    let total = 0;
    let gR = 0;
    let gAlpha = 0;
    let gS = 0;
    let gBeta = 0;
    for (let i = 0; i < count; i++) {
      const w = weight[i]!;
      const xl = xOf[i]!;
      const tl = txOf[i]!;
      const al = ageOf[i]!;
      const bracket = logBracket(
        r,
        alpha,
        s,
        beta,
        xValues[xl]!,
        txValues[tl]!,
        ageValues[al]!,
        logAlphaT[al]!,
        logBetaT[al]!,
        logCtx[tl]!,
        logCT[al]!,
        one,
        tables,
        xl
      );
      total += w * (headX[xl]! + bracket);
      gR += w * (dHeadX[xl]! + one[0]!);
      gAlpha += w * one[1]!;
      gS += w * one[2]!;
      gBeta += w * one[3]!;
    }
    // the terms every customer shares: r ln α + s ln β
    const logAlpha = log(alpha);
    const logBeta = log(beta);
    total += customers * (r * logAlpha + s * logBeta);
    gR += customers * logAlpha;
    gAlpha += (customers * r) / alpha;
    gS += customers * logBeta;
    gBeta += (customers * s) / beta;
    // d/dθ = parameter × d/dparameter; negate and average
    gradient[0] = (-gR * r) / customers;
    gradient[1] = (-gAlpha * alpha) / customers;
    gradient[2] = (-gS * s) / customers;
    gradient[3] = (-gBeta * beta) / customers;
    return -total / customers;
  };
}

/**
 * The log-likelihood summed over customers as a function of the parameters, with the data
 * checked and grouped once: for callers that evaluate it many times (standard errors).
 *
 * @throws CrmError as {@link paretoNbdLogLikelihood}
 */
export function paretoNbdLogLikelihoodFunction(
  data: ParetoNbdData
): (params: ParetoNbdParams) => number {
  checkSummaryData(data, DEFAULT_SUMMARY_NAMES);
  const groups = groupTriples(data);
  const objective = meanNegativeLogLikelihood(groups);
  const gradient = new Float64Array(4);
  return (params) => {
    checkParams(params);
    const theta = Float64Array.of(
      log(params.r),
      log(params.alpha),
      log(params.s),
      log(params.beta)
    );
    return -objective(theta, gradient) * groups.customers;
  };
}

/**
 * The total log-likelihood Σ ln L over customers (Fader & Hardie 2005 note, eq. (18)), computed
 * over the distinct (x, tₓ, T) triples with their counts as weights (identical customers
 * contribute identical terms). Cost O(C) to group, then O(distinct triples).
 *
 * @throws CrmError `num` for a parameter ≤ 0 or a bad summary row (named, with its row)
 * @example paretoNbdLogLikelihood({ r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 }, cdnowSummary) //=> −9594.98 (rounded; BTYD walkthrough §3.2)
 */
export function paretoNbdLogLikelihood(params: ParetoNbdParams, data: ParetoNbdData): number {
  checkParams(params);
  return paretoNbdLogLikelihoodFunction(data)(params);
}

/**
 * The penalty that {@link fitParetoNbd}'s `penalizer` c adds to the mean negative
 * log-likelihood per customer, the same as BG/NBD's (bgnbdPenalty in bgnbd.ts), after
 * lifetimes' `penalizer_coef`: c times the sum of the squared parameters themselves, with the
 * time scales α and β in units of the oldest customer's age (lifetimes' `_scale_time`):
 *
 *   penalty = c · (r² + (α/T_max)² + s² + (β/T_max)²).
 *
 * (lifetimes' ParetoNBDFitter adds c·Σθ² to the *total* negative log-likelihood instead of the
 * mean, which makes the same c about N times weaker than in its BetaGeoFitter; here one c means
 * the same for both models.) It pulls large parameters back, e.g. s, β → ∞ when the dropout
 * rates show no heterogeneity.
 *
 * @example paretoNbdPenalty({ r: 1, alpha: 10, s: 1, beta: 20 }, 20, 0.1) //=> 0.1 × (1 + 0.25 + 1 + 1) = 0.325
 */
export function paretoNbdPenalty(
  params: ParetoNbdParams,
  oldest: number,
  penalizer: number
): number {
  if (penalizer === 0) return 0;
  const scale = oldest > 0 ? oldest : 1;
  return (
    penalizer *
    (params.r ** 2 + (params.alpha / scale) ** 2 + params.s ** 2 + (params.beta / scale) ** 2)
  );
}

/**
 * Fits the Pareto/NBD model by maximum likelihood.
 *
 * Method: the mean log-likelihood over the distinct (x, tₓ, T) triples (weighted by their
 * counts) is maximised over θ = (ln r, ln α, ln s, ln β) by BFGS with the analytic gradient
 * (optimize.ts, minimizeLogParameterFit, as for BG/NBD), from r = 1, α = ΣT/Σx (the mean
 * purchase rate then matches the data's), s = 1, β = α. Converged means max |∂/∂θᵢ| ≤ 1e-9 of
 * the mean log-likelihood; the answer is then certified (every parameter within e^±30, Hessian
 * positive definite with pivots above 0.01/N). Bounded in iterations and wall time (default
 * 2 s), with Nelder–Mead as a fallback, exactly as fitBgnbd.
 *
 * Degenerate data are refused before any search: nobody bought twice (the purchase rates then
 * run to 0), every customer with the same history. A search whose parameter runs off to 0 or ∞
 * (typically s, β → ∞ together when the data show no heterogeneity in dropout) is refused
 * naming it; a penalizer c > 0 ({@link paretoNbdPenalty}) is the remedy for small data.
 *
 * Cost per likelihood evaluation: O(distinct triples), each a few logarithms and about twenty
 * series terms near the optimum, plus O(distinct values) logarithms and gamma functions; about
 * 30 BFGS iterations. Measured (Node 20, a shared 2-core machine under load): CDNOW sample
 * (2,357 customers, 1,016 triples) 55 ms, CDNOW master (23,570 customers, 8,685 triples)
 * 0.4 s, about 6 times BG/NBD's cost (bench/paretoCases.ts).
 *
 * @throws CrmError `na` for no customers or when no customer has a repeat purchase; `value`
 *   when every customer has the same history or the fit has no certified maximum (a parameter
 *   runs off, the likelihood is flat, the iterations or the time run out); `num` for a bad
 *   summary row or penalizer
 * @example fitParetoNbd(customerSummary(cdnowSample, { calibrationEnd: 35703, timeUnit: "week" }))
 *   //=> { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.66, logLikelihood: −9594.98, … } (rounded)
 */
export function fitParetoNbd(data: ParetoNbdData, options: ParetoNbdFitOptions = {}): ParetoNbdFit {
  const startedAt = Date.now();
  const deadline = options.deadline ?? startedAt + DEFAULT_FIT_TIME_LIMIT_MS;
  const names = options.names ?? DEFAULT_SUMMARY_NAMES;
  checkSummaryData(data, names);
  const penalizer = requirePenalizer(options.penalizer ?? 0);
  const { repeatPurchases, repeatBuyers, totalAge } = repeatTotals(data, MODEL);
  if (options.start !== undefined) checkParams(options.start);

  const groups = groupFitTriples(data, MODEL);
  const oldest = oldestAge(data.T);
  const ageScale = oldest > 0 ? oldest : 1;
  const alpha0 = totalAge > 0 ? totalAge / repeatPurchases : 1;
  const start = options.start ?? { r: 1, alpha: alpha0, s: 1, beta: alpha0 };
  const fit = fitTripleLikelihood(meanNegativeLogLikelihood(groups), groups, {
    model: MODEL,
    parameterNames: ["r", "alpha", "s", "beta"],
    start: [start.r, start.alpha, start.s, start.beta],
    penalizer,
    // penalty c·Σθ̃ᵢ² with θ̃ = (r, α/T_max, s, β/T_max) (see paretoNbdPenalty)
    penaltyScales: [1, ageScale, 1, ageScale],
    maxIterations: options.maxIterations ?? 200,
    startedAt,
    deadline,
    repeatBuyers,
  });
  const [r, alpha, s, beta] = fit.params as [number, number, number, number];
  return {
    r,
    alpha,
    s,
    beta,
    timeUnit: data.timeUnit,
    logLikelihood: fit.logLikelihood,
    iterations: fit.iterations,
    converged: true,
    customers: groups.customers,
    repeatBuyers,
    distinctTriples: groups.count,
    penalizer,
  };
}

/**
 * P(alive): the probability that a customer with history (x, tₓ, T) has not dropped out by T
 * (Fader & Hardie 2005 note, eqs. (36)–(37)): the share of the likelihood's "alive at T" term,
 *
 *   P(alive) = (α + T)^−(r+x) (β + T)^−s / [ (α + T)^−(r+x) (β + T)^−s + s·I ],
 *
 * 1 when tₓ = T. Unlike BG/NBD, a customer without repeat purchases may have dropped out.
 * Cost O(1).
 *
 * @throws CrmError `num` for a parameter ≤ 0 or an inconsistent (x, tₓ, T)
 * @example paretoNbdProbabilityAlive({ r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 }, 26, 30.85714, 31) //=> 0.99787 (BTYD walkthrough: 0.997874)
 */
export function paretoNbdProbabilityAlive(
  params: ParetoNbdParams,
  x: number,
  tx: number,
  T: number
): number {
  checkParams(params);
  checkSummaryRow(x, tx, T, undefined);
  return aliveProbability(params, x, tx, T);
}

function aliveProbability(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  customerTerms(params, x, tx, T);
  return aliveShare;
}

/** (1 − uᵉ)/e for u = base/(base + t) ≤ 1, continuous at e = 0 (where it is −ln u). */
function powerGap(exponent: number, logU: number): number {
  if (abs(exponent) < 1e-300) return -logU;
  return -expm1(exponent * logU) / exponent;
}

/**
 * The expected number of purchases of a customer with history (x, tₓ, T) over the next t time
 * units, E[Y(t) | x, tₓ, T] (Fader & Hardie 2005 note, eq. (41)):
 *
 *   E = (r + x)(β + T) / ((α + T)(s − 1)) · [1 − ((β + T)/(β + T + t))^(s−1)] · P(alive),
 *
 * with [1 − u^(s−1)]/(s − 1) computed as −expm1((s − 1) ln u)/(s − 1), exact on both sides of
 * s = 1 and equal to −ln u there (the formula's removable singularity). Cost O(1).
 *
 * @throws CrmError `num` for a parameter ≤ 0, t < 0 or an inconsistent (x, tₓ, T)
 * @example paretoNbdExpectedPurchases({ r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 }, 52, 26, 30.85714, 31) //=> 25.456 (BTYD walkthrough: 25.45647)
 */
export function paretoNbdExpectedPurchases(
  params: ParetoNbdParams,
  t: number,
  x: number,
  tx: number,
  T: number
): number {
  checkParams(params);
  requireHorizon(t);
  checkSummaryRow(x, tx, T, undefined);
  if (t === 0) return 0;
  const { r, alpha, s, beta } = params;
  const logU = -log1p(t / (beta + T));
  return (
    (((r + x) * (beta + T)) / (alpha + T)) *
    powerGap(s - 1, logU) *
    aliveProbability(params, x, tx, T)
  );
}

/**
 * The expected number of repeat purchases of a new customer in their first t time units,
 * E[X(t)] (Fader & Hardie 2005 note, eq. (27)):
 *
 *   E[X(t)] = rβ / (α(s − 1)) · [1 − (β/(β + t))^(s−1)],
 *
 * continuous at s = 1 (rβ/α · ln((β + t)/β)). Cost O(1).
 *
 * @throws CrmError `num` for a parameter ≤ 0 or t < 0
 * @example paretoNbdExpectedPurchasesNewCustomer({ r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 }, 52) //=> 1.4734 (BTYD walkthrough: 1.473434)
 */
export function paretoNbdExpectedPurchasesNewCustomer(params: ParetoNbdParams, t: number): number {
  checkParams(params);
  requireHorizon(t);
  if (t === 0) return 0;
  const { r, alpha, s, beta } = params;
  return ((r * beta) / alpha) * powerGap(s - 1, -log1p(t / beta));
}

/**
 * A Pareto/NBD model (given or fitted) as a {@link PurchaseModel} (purchaseModel.ts), the form
 * every per-customer prediction reads: for CLVFIT's fit and for a model range read back from a
 * sheet. `parameters` defaults to the four values without standard errors.
 *
 * @throws CrmError `num` for a parameter ≤ 0
 * @example paretoNbdPurchaseModel({ r: 0.553, alpha: 10.58, s: 0.606, beta: 11.66 }, "week").probabilityAlive(0, 0, 39) //=> 0.294…
 */
export function paretoNbdPurchaseModel(
  params: ParetoNbdParams,
  timeUnit: TimeUnit,
  parameters: readonly FittedParameter[] = [
    { name: "r", value: params.r },
    { name: "alpha", value: params.alpha },
    { name: "s", value: params.s },
    { name: "beta", value: params.beta },
  ]
): PurchaseModel {
  checkParams(params);
  const model: ParetoNbdParams = {
    r: params.r,
    alpha: params.alpha,
    s: params.s,
    beta: params.beta,
  };
  return {
    kind: "pareto_nbd",
    timeUnit,
    parameters,
    probabilityAlive: (x, tx, T) => paretoNbdProbabilityAlive(model, x, tx, T),
    expectedPurchases: (t, x, tx, T) => paretoNbdExpectedPurchases(model, t, x, tx, T),
    expectedPurchasesNewCustomer: (t) => paretoNbdExpectedPurchasesNewCustomer(model, t),
  };
}

/**
 * A finished Pareto/NBD fit (of `data`) as a {@link PurchaseModelFit}: the model, its
 * log-likelihood and counts, and standard errors from the observed information matrix
 * (standardErrors.ts), computed when `parameters` is first read, once (33 likelihood
 * evaluations over the data grouped once). With a penalizer the information is that of the
 * penalised log-likelihood ℓ(θ) − N·penalty(θ), the function the estimate maximises, as for
 * BG/NBD.
 */
export function paretoNbdPurchaseModelFit(
  fit: ParetoNbdFit,
  data: ParetoNbdData
): PurchaseModelFit {
  const values = [fit.r, fit.alpha, fit.s, fit.beta];
  let parameters: readonly FittedParameter[] | undefined;
  const standardErrorsOnce = (): readonly FittedParameter[] => {
    if (parameters !== undefined) return parameters;
    const oldest = oldestAge(data.T);
    const logLikelihood = paretoNbdLogLikelihoodFunction(data);
    const errors = standardErrors(([r, alpha, s, beta]) => {
      const params = { r: r!, alpha: alpha!, s: s!, beta: beta! };
      return (
        logLikelihood(params) - fit.customers * paretoNbdPenalty(params, oldest, fit.penalizer)
      );
    }, values);
    parameters = ["r", "alpha", "s", "beta"].map((name, i) => ({
      name,
      value: values[i]!,
      standardError: errors[i],
    }));
    return parameters;
  };
  return {
    ...paretoNbdPurchaseModel(fit, fit.timeUnit),
    get parameters() {
      return standardErrorsOnce();
    },
    logLikelihood: fit.logLikelihood,
    customers: fit.customers,
    repeatBuyers: fit.repeatBuyers,
    penalizer: fit.penalizer,
  };
}
