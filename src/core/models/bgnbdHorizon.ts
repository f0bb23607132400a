/**
 * BG/NBD predictions over a horizon for many customers, split into a part that depends on the
 * customer's (x, T) only and P(alive), the one factor that also depends on tₓ. Exact, not an
 * approximation: FHL 2005 eq. (10) is
 *
 *   E[Y(t) | x, tₓ, T] = P(alive | x, tₓ, T) · g(x, T, t),
 *   g(x, T, t) = (a + b + x − 1)/(a − 1) · [1 − ((α + T)/(α + T + t))^(r+x) ₂F₁(r + x, b + x; a + b + x − 1; t/(α + T + t))],
 *
 * so the discounted expected purchases Σₖ (E[Y(tₖ)] − E[Y(tₖ₋₁)]) / (1 + d)^tₖ equal
 * P(alive) · Σₖ (g(tₖ) − g(tₖ₋₁)) / (1 + d)^tₖ, whose sum is computed once per distinct (x, T)
 * however many recencies tₓ share it. Callers cache a {@link BgnbdHorizonPart} per (x, T) and
 * apply {@link bgnbdHistoryPrediction} per (x, tₓ, T): the cost of a prediction table falls from
 * ⌈H⌉ ₂F₁ evaluations per distinct (x, tₓ, T) to ⌈H⌉ steps per distinct (x, T), and each step
 * past the first few is carried from the previous one (HypergeometricSteps) instead of a fresh
 * ₂F₁ (up to ~8 µs far out).
 *
 * g is evaluated as expectedPurchases in bgnbd.ts does (Pfaff's transformation, hyp2f1MinusOne
 * in special.ts) at the first steps, and carried from step to step after them (equal to the
 * direct value to about 1e-13 relative, 3e-11 near a = 1 where the direct ₂F₁ − 1 itself loses
 * digits; fitSpeed.test.ts); its removable singularities are
 * handled as expectedPurchases handles them: at a = 1 (within 1e-5) and at
 * a + b + x − 1 = 0 (within 1e-9 of b) the value is interpolated linearly between two nudged
 * parameter sets. Since P(alive) depends on a and b too, the part keeps the (at most four)
 * nudged parameter sets with their interpolation weights, and P(alive) is taken at each: the
 * result is the same linear interpolation of E as expectedPurchases computes, term for term.
 *
 * Reference: P. S. Fader, B. G. S. Hardie & K. L. Lee, "'Counting Your Customers' the Easy Way:
 * An Alternative to the Pareto/NBD Model", Marketing Science 24(2), 2005, eqs. (10), (11).
 */
import { CrmError } from "../errors";
import { ClvMessages } from "./customerSummary";
import { aliveProbability, probabilityAlive, type BgnbdParams } from "./bgnbd";
import { hyp2f1, hyp2f1MinusOne } from "./special";
import { NumberPairIndex, requireHorizon, requirePositive } from "./summaryData";

const { abs, ceil, max, min } = Math;

/** One interpolation node of the horizon part: P(alive) is taken at `params`. */
export interface BgnbdHorizonTerm {
  /** interpolation weight (1 away from the removable singularities) */
  readonly weight: number;
  /** the BG/NBD parameters of this node (a and b possibly nudged off a singularity) */
  readonly params: BgnbdParams;
  /** g(x, T, H): E[Y(H)] / P(alive) at this node */
  readonly purchases: number;
  /** Σₖ (g(tₖ) − g(tₖ₋₁)) / (1 + d)^tₖ at this node */
  readonly discounted: number;
}

/** The (x, T)-only part of a customer's horizon predictions (see the module comment). */
export interface BgnbdHorizonPart {
  /** the parameters as given (P(alive) is checked against them) */
  readonly params: BgnbdParams;
  readonly x: number;
  readonly T: number;
  readonly terms: readonly BgnbdHorizonTerm[];
}

export interface BgnbdHorizonOptions {
  /** how far ahead, in steps (a fraction makes the last step partial) */
  readonly horizon: number;
  /** discount rate per step, a fraction (0 for undiscounted) */
  readonly discountRate: number;
  /** model time units per step (default 1: steps in the model's own time unit) */
  readonly modelUnitsPerStep?: number;
}

const A_WIDTH = 1e-5;
const C_WIDTH = 1e-9;

/**
 * The nodes and weights of a linear interpolation across a removable singularity, as
 * acrossRemovable in bgnbd.ts: the value itself away from it, else the two sides at ±width.
 */
function nodes(value: number, singular: number, width: number): [number, number][] {
  if (abs(value - singular) >= width) return [[value, 1]];
  const w = (value - (singular - width)) / (2 * width);
  return [
    [singular - width, 1 - w],
    [singular + width, w],
  ];
}

/** Most Taylor terms of one carried step before it gives way to a direct evaluation. */
const MAX_STEP_TERMS = 200;
const EPSILON = Number.EPSILON;

/**
 * u(z) = ₂F₁(A, B; C; z) − 1 at the successive points z₁ > z₂ > … of a horizon's steps
 * (zₖ = −k·units/(α + T) < 0, equally spaced, the last possibly closer). A point is evaluated
 * directly (hyp2f1MinusOne: tens of terms, up to ~8 µs where |z| is large and the continuation
 * towards 1 is needed) unless it can be carried from the previous point's value and derivative
 * by one Taylor step of the hypergeometric equation
 *
 *   z(1 − z) u″ + (C − (A + B + 1) z) u′ − AB u = AB
 *
 * (the equation of ₂F₁ written for u = ₂F₁ − 1), whose coefficients about z₀ obey
 * yₙ₊₂ = ((n + A)(n + B) yₙ − (n + 1)((1 − 2z₀)n + C − (A + B + 1)z₀) yₙ₊₁) / (z₀(1 − z₀)(n + 1)(n + 2))
 * with y₀ = 1 + u(z₀), y₁ = u′(z₀) (as continueTowardsOne in special.ts). The step is carried
 * when its length is at most 1/L of the distance |z₀| to the singular point 0, L = max(2, |C − 1|):
 * then the series converges like L⁻ⁿ, and the recurrence cannot amplify rounding through the
 * other solution at 0, z^(1−C), whose terms grow like ((C − 1)·|h/z₀|)ⁿ/n! (for x = 3,000 an
 * unrestricted step gives nonsense). With equal steps, step k qualifies from k − 1 ≥ L on
 * (from the 3rd or 4th step for a customer with few repeat purchases); from there a step costs
 * well under a microsecond, 3 to 5 terms once k is in the thousands, whatever the horizon. The
 * solution followed is the dominant one as z → −∞ (like (−z)^−min(A, B)), so rounding errors do
 * not grow from step to step; a step whose series does not settle, or gives a non-finite value,
 * is evaluated directly.
 */
class HypergeometricSteps {
  private z = 0;
  private value = Number.NaN;
  private derivative = Number.NaN;
  /** L: a step from z₀ is carried when |h| ≤ |z₀| / L */
  private readonly limit: number;

  constructor(
    private readonly a: number,
    private readonly b: number,
    private readonly c: number
  ) {
    this.limit = max(2, abs(c - 1));
  }

  /** u(z) at the k-th step's point (k = 1, 2, … in order). */
  minusOneAt(z: number, k: number): number {
    if (z === 0) return 0;
    if (Number.isFinite(this.derivative) && abs(z - this.z) * this.limit <= abs(this.z)) {
      if (this.step(z)) return this.value;
    }
    const value = hyp2f1MinusOne(this.a, this.b, this.c, z);
    this.z = z;
    this.value = value;
    // u′ = (AB/C) ₂F₁(A + 1, B + 1; C + 1; z), needed once the next equal step can be carried
    this.derivative =
      k >= this.limit
        ? ((this.a * this.b) / this.c) * hyp2f1(this.a + 1, this.b + 1, this.c + 1, z)
        : Number.NaN;
    return value;
  }

  /** One Taylor step from the current point to z; false (state unchanged) if it does not settle. */
  private step(z: number): boolean {
    const { a, b, c } = this;
    const z0 = this.z;
    const h = z - z0;
    const scale = z0 * (1 - z0);
    const q0 = c - (a + b + 1) * z0;
    const slope = 1 - 2 * z0;
    // the Taylor terms yₙ hⁿ, kept scaled by hⁿ
    let previous = 1 + this.value;
    let current = this.derivative * h;
    let value = this.value + current;
    let derivative = this.derivative;
    // the terms may grow like n^(A + B − C) before (k − 1)⁻ⁿ wins: sum past that point
    const settled = max(0, a + b - c) * 2 + 4;
    let small = 0;
    let n = 0;
    for (; n < MAX_STEP_TERMS; n++) {
      const following =
        ((n + a) * (n + b) * previous * h * h - (n + 1) * (slope * n + q0) * current * h) /
        (scale * (n + 1) * (n + 2));
      previous = current;
      current = following;
      value += current;
      derivative += ((n + 2) * current) / h;
      const negligible =
        abs(current) <= EPSILON * abs(value) &&
        abs((n + 2) * current) <= EPSILON * abs(derivative * h);
      small = negligible ? small + 1 : 0;
      if (n > settled && small >= 2) break;
    }
    if (n >= MAX_STEP_TERMS || !Number.isFinite(value) || !Number.isFinite(derivative))
      return false;
    this.z = z;
    this.value = value;
    this.derivative = derivative;
    return true;
  }
}

/**
 * The (x, T)-only part of E[Y(H) | x, tₓ, T] and of the discounted expected purchases
 * Σₖ (E[Y(tₖ)] − E[Y(tₖ₋₁)]) / (1 + d)^tₖ, tₖ = min(k, H), k = 1 … ⌈H⌉ (the steps of
 * discountedExpectedPurchases in gammaGamma.ts and discountedPurchases in modelPredictions.ts),
 * with H and d per step and each step `modelUnitsPerStep` model time units.
 *
 * Cost O(⌈H⌉): a direct ₂F₁ for the first few steps, then a Taylor step of a few terms per
 * step (HypergeometricSteps); four times that within the singularities' bands. 400,000 steps
 * take about 0.1 s.
 *
 * @throws CrmError `num` for a parameter ≤ 0 or a negative horizon (naming `t`), or where the
 *   hypergeometric series does not converge (as expectedPurchases)
 */
export function bgnbdHorizonPart(
  params: BgnbdParams,
  x: number,
  T: number,
  options: BgnbdHorizonOptions
): BgnbdHorizonPart {
  requirePositive(params.r, "r");
  requirePositive(params.alpha, "alpha");
  requirePositive(params.a, "a");
  requirePositive(params.b, "b");
  const { horizon, discountRate } = options;
  const unitsPerStep = options.modelUnitsPerStep ?? 1;
  requireHorizon(horizon * unitsPerStep);
  const steps = ceil(horizon);
  const { r, alpha } = params;
  const terms: BgnbdHorizonTerm[] = [];
  for (const [a, wA] of nodes(params.a, 1, A_WIDTH)) {
    const c = a + params.b + x - 1;
    for (const [b, wB] of nodes(params.b, params.b - c, C_WIDTH)) {
      const cB = a + b + x - 1;
      const scale = cB / (a - 1);
      const series = new HypergeometricSteps(r + x, a - 1, cB);
      let previous = 0;
      let discounted = 0;
      for (let k = 1; k <= steps; k++) {
        const end = min(k, horizon);
        const cumulative = scale * -series.minusOneAt(-(end * unitsPerStep) / (alpha + T), k);
        discounted += (cumulative - previous) / (1 + discountRate) ** end;
        previous = cumulative;
      }
      const purchases = steps > 0 ? previous : 0;
      if (!Number.isFinite(purchases) || !Number.isFinite(discounted)) {
        throw new CrmError(
          "num",
          ClvMessages.notConverged(
            "BG/NBD",
            "the hypergeometric series did not converge for this horizon"
          ),
          "t"
        );
      }
      terms.push({ weight: wA * wB, params: { r, alpha, a, b }, purchases, discounted });
    }
  }
  return { params, x, T, terms };
}

/** A customer's horizon predictions: P(alive), E[Y(H) | x, tₓ, T], the discounted purchases. */
export interface BgnbdHistoryPrediction {
  /** P(alive | x, tₓ, T) at the given parameters (probabilityAlive in bgnbd.ts) */
  readonly alive: number;
  readonly purchases: number;
  readonly discounted: number;
}

/**
 * Completes a {@link BgnbdHorizonPart} (computed for this customer's x and T) with the
 * customer's recency: each node's g times P(alive | x, tₓ, T) at the node's parameters,
 * weighted. Cost O(1).
 *
 * @throws CrmError `num` for an inconsistent (x, tₓ, T) (as probabilityAlive)
 */
export function bgnbdHistoryPrediction(part: BgnbdHorizonPart, tx: number): BgnbdHistoryPrediction {
  const { x, T } = part;
  // a consistent row (checkSummaryRow's rules; the part's parameters are checked) takes the
  // unchecked P(alive); anything else goes through probabilityAlive, which names the problem
  const consistent =
    x >= 0 && Number.isInteger(x) && tx >= 0 && tx <= T && T < Infinity && (x !== 0 || tx === 0);
  // P(alive) is 1 without repeat purchases, at any a and b (the only case where b is nudged)
  const atParams = consistent
    ? aliveProbability(part.params, x, tx, T)
    : probabilityAlive(part.params, x, tx, T);
  if (part.x === 0) return sumTerms(part, 1);
  let purchases = 0;
  let discounted = 0;
  if (part.terms.length === 1) {
    const term = part.terms[0]!;
    return {
      alive: atParams,
      purchases: atParams * term.purchases,
      discounted: atParams * term.discounted,
    };
  }
  for (const term of part.terms) {
    const alive = term.weight * aliveProbability(term.params, part.x, tx, part.T);
    purchases += alive * term.purchases;
    discounted += alive * term.discounted;
  }
  return { alive: atParams, purchases, discounted };
}

function sumTerms(part: BgnbdHorizonPart, alive: number): BgnbdHistoryPrediction {
  let purchases = 0;
  let discounted = 0;
  for (const term of part.terms) {
    purchases += term.weight * alive * term.purchases;
    discounted += term.weight * alive * term.discounted;
  }
  return { alive, purchases, discounted };
}

/**
 * Horizon predictions for many customers with one cache of (x, T) parts: a function of
 * (x, tₓ, T) computing each distinct (x, T)'s part once ({@link bgnbdHorizonPart}), found
 * through a typed hash table (no Map lookups or allocation per customer beyond the result).
 * `pairs`: the customers' pairs already indexed ({@link horizonPairs}), when the caller has
 * counted them for a work check; new pairs are added. The returned function takes a customer's
 * `pair` (its index in `pairs`, horizonPairs' `pairOf`) when the caller has it, so that no
 * customer is hashed twice; without it, (x, T) is looked up.
 *
 * @throws CrmError as bgnbdHorizonPart and bgnbdHistoryPrediction, from the returned function
 */
export function bgnbdHorizonPredictor(
  params: BgnbdParams,
  options: BgnbdHorizonOptions,
  pairs: NumberPairIndex = new NumberPairIndex()
): (x: number, tx: number, T: number, pair?: number) => BgnbdHistoryPrediction {
  const parts: (BgnbdHorizonPart | undefined)[] = [];
  return (x, tx, T, pair) => {
    const at = pair ?? pairs.indexOf(x, T);
    // a part that throws is not kept, so asking again throws again
    const part = (parts[at] ??= bgnbdHorizonPart(params, x, T, options));
    return bgnbdHistoryPrediction(part, tx);
  };
}

/**
 * The distinct (x, T) pairs among customers, numbered in order of first occurrence: the parts
 * a {@link bgnbdHorizonPredictor} computes for them, so ⌈H⌉ × their count is the number of
 * horizon steps of a prediction table. Customer i's pair is written to `pairOf[i]` when given.
 * Cost O(customers).
 */
export function horizonPairs(
  x: ArrayLike<number>,
  T: ArrayLike<number>,
  pairOf?: Int32Array
): NumberPairIndex {
  const index = new NumberPairIndex();
  if (pairOf === undefined) {
    for (let i = 0; i < x.length; i++) index.indexOf(x[i]!, T[i]!);
  } else {
    for (let i = 0; i < x.length; i++) pairOf[i] = index.indexOf(x[i]!, T[i]!);
  }
  return index;
}

/** The number of {@link horizonPairs}. Cost O(customers). */
export function distinctHorizonPairs(x: ArrayLike<number>, T: ArrayLike<number>): number {
  return horizonPairs(x, T).count;
}
