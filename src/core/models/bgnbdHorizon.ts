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
 * ⌈H⌉ ₂F₁ evaluations per distinct (x, tₓ, T) to ⌈H⌉ per distinct (x, T).
 *
 * g is evaluated as expectedPurchases in bgnbd.ts does (Pfaff's transformation, hyp2f1MinusOne
 * in special.ts), and so are its removable singularities: at a = 1 (within 1e-5) and at
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
import { probabilityAlive, type BgnbdParams } from "./bgnbd";
import { hyp2f1MinusOne } from "./special";
import { requireHorizon, requirePositive } from "./summaryData";

const { abs, ceil, min } = Math;

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

/**
 * The (x, T)-only part of E[Y(H) | x, tₓ, T] and of the discounted expected purchases
 * Σₖ (E[Y(tₖ)] − E[Y(tₖ₋₁)]) / (1 + d)^tₖ, tₖ = min(k, H), k = 1 … ⌈H⌉ (the steps of
 * discountedExpectedPurchases in gammaGamma.ts and discountedPurchases in modelPredictions.ts),
 * with H and d per step and each step `modelUnitsPerStep` model time units.
 *
 * Cost O(⌈H⌉): one ₂F₁ per step (four per step within the singularities' bands).
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
      const g = (t: number): number =>
        t === 0 ? 0 : scale * -hyp2f1MinusOne(r + x, a - 1, cB, -t / (alpha + T));
      let previous = 0;
      let discounted = 0;
      for (let k = 1; k <= steps; k++) {
        const end = min(k, horizon);
        const cumulative = g(end * unitsPerStep);
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
  // P(alive) is 1 without repeat purchases, at any a and b (the only case where b is nudged)
  const atParams = probabilityAlive(part.params, part.x, tx, part.T);
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
    const alive = term.weight * probabilityAlive(term.params, part.x, tx, part.T);
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
 * (x, tₓ, T) computing each distinct (x, T)'s part once ({@link bgnbdHorizonPart}).
 *
 * @throws CrmError as bgnbdHorizonPart and bgnbdHistoryPrediction, from the returned function
 */
export function bgnbdHorizonPredictor(
  params: BgnbdParams,
  options: BgnbdHorizonOptions
): (x: number, tx: number, T: number) => BgnbdHistoryPrediction {
  // keyed by x, then T: number keys, no strings built per customer
  const parts = new Map<number, Map<number, BgnbdHorizonPart>>();
  return (x, tx, T) => {
    let byAge = parts.get(x);
    if (byAge === undefined) {
      byAge = new Map();
      parts.set(x, byAge);
    }
    let part = byAge.get(T);
    if (part === undefined) {
      part = bgnbdHorizonPart(params, x, T, options);
      byAge.set(T, part);
    }
    return bgnbdHistoryPrediction(part, tx);
  };
}

/**
 * The number of distinct (x, T) pairs among customers: the parts a {@link bgnbdHorizonPredictor}
 * computes for them, so ⌈H⌉ × this is the ₂F₁ work of a prediction table. Cost O(customers).
 */
export function distinctHorizonPairs(x: ArrayLike<number>, T: ArrayLike<number>): number {
  const byX = new Map<number, Set<number>>();
  let count = 0;
  for (let i = 0; i < x.length; i++) {
    let ages = byX.get(x[i]!);
    if (ages === undefined) {
      ages = new Set();
      byX.set(x[i]!, ages);
    }
    if (!ages.has(T[i]!)) {
      ages.add(T[i]!);
      count++;
    }
  }
  return count;
}
