/**
 * Unconstrained minimisation for the maximum-likelihood fits of the predictive-CLV models
 * (bgnbd.ts, gammaGamma.ts): quasi-Newton BFGS with a strong-Wolfe line search for smooth
 * objectives with a gradient, and Nelder–Mead's simplex search as a derivative-free fallback.
 * Both report whether they converged instead of throwing: the model fits decide what a failure
 * means for the user (CrmError `num`).
 *
 * The fits minimise a *mean* negative log-likelihood over log-parameters, so objectives are of
 * order 1 and the tolerances below are absolute in that scale.
 *
 * References: J. Nocedal & S. J. Wright, Numerical Optimization, 2nd ed. (2006), algorithms 6.1
 * (BFGS), 3.5 and 3.6 (line search for the strong Wolfe conditions); J. A. Nelder & R. Mead,
 * "A simplex method for function minimization", Computer Journal 7 (1965).
 */

import { invertPositiveDefinite } from "./standardErrors";

// Math's functions read once per module: each global lookup is slow in some JavaScript hosts
// (10–20× in a Node vm context, where the bundle's tests run it), and these are the hot loops.
const { abs, exp, max, min, sign, sqrt } = Math;

/** f(x), for the derivative-free search. */
export type Objective = (x: Float64Array) => number;

/** f(x), writing ∇f(x) into `gradient` (same length as x). */
export type ObjectiveWithGradient = (x: Float64Array, gradient: Float64Array) => number;

/**
 * An {@link ObjectiveWithGradient} that also writes its exact Hessian ∇²f(x) (n × n, row-major,
 * symmetric) into `hessian` when one is given.
 */
export type ObjectiveWithHessian = (
  x: Float64Array,
  gradient: Float64Array,
  hessian?: Float64Array
) => number;

/**
 * Writes the Hessian in θ = ln p of a mean negative log-likelihood −ℓ/N, given ℓ's second
 * derivatives in the natural parameters p (`second`, symmetric, row by row) and the mean's
 * gradient in θ (written by the same evaluation): by the chain rule for p = e^θ,
 * ∂²/∂θᵢ∂θⱼ = −pᵢpⱼ ∂²ℓ/∂pᵢ∂pⱼ / N + δᵢⱼ ∂/∂θᵢ. What the models' exact Hessians end with.
 */
export function writeLogParameterHessian(
  natural: readonly number[],
  second: readonly (readonly number[])[],
  customers: number,
  gradient: Float64Array,
  hessian: Float64Array
): void {
  const n = natural.length;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      hessian[i * n + j] =
        (-natural[i]! * natural[j]! * second[i]![j]!) / customers + (i === j ? gradient[i]! : 0);
    }
  }
}

/** ∇²f(x) of an {@link ObjectiveWithHessian}: one evaluation, instead of 2n gradients. */
export function analyticHessian(objective: ObjectiveWithHessian, x: Float64Array): Float64Array {
  const n = x.length;
  const hessian = new Float64Array(n * n);
  objective(x, new Float64Array(n), hessian);
  return hessian;
}

export interface MinimizeOptions {
  /** iterations before giving up (default 200 for BFGS, 2,000 for Nelder–Mead) */
  readonly maxIterations?: number;
  /**
   * BFGS: converged when max |∂f/∂xᵢ| ≤ gradientTolerance (default 1e-9), an absolute
   * tolerance: scale the objective to order 1 (a mean, not a sum, of log-likelihoods).
   * Nelder–Mead: ignored.
   */
  readonly gradientTolerance?: number;
  /**
   * Nelder–Mead: converged when the simplex's values differ by at most
   * functionTolerance × max(1, |f|) (default 1e-12) and its vertices by at most
   * stepTolerance in every coordinate (default 1e-8).
   */
  readonly functionTolerance?: number;
  readonly stepTolerance?: number;
  /** Nelder–Mead: the initial simplex's edge along each axis (default 0.5) */
  readonly initialStep?: number;
  /**
   * A time (milliseconds, on the `Date.now()` clock) after which the search stops, unconverged,
   * with reason "time". Checked once per iteration. Default: none.
   */
  readonly deadline?: number;
  /**
   * Stop, unconverged with reason "unbounded", as soon as the current point has a coordinate
   * beyond ±unboundedAt (one bound for every coordinate, or one per coordinate): the objective
   * keeps falling towards infinity along that coordinate (for a fit over log-parameters, a
   * parameter running off to 0 or ∞). Default: none.
   */
  readonly unboundedAt?: number | ArrayLike<number>;
  /**
   * BFGS: stop, unconverged with reason "iterations", once this many objective evaluations have
   * been made (checked once per iteration; a line search may add up to 80). Default: none.
   */
  readonly maxEvaluations?: number;
  /**
   * BFGS: the inverse Hessian the first quasi-Newton step uses (n × n, row-major, symmetric
   * positive definite), e.g. that of a nearby, cheaper problem (see
   * {@link LogParameterFitOptions.warmStart}). Default: a steepest-descent first step, then the
   * identity scaled by the first step's curvature. A reset (no descent direction, a failed line
   * search) still falls back to the identity.
   */
  readonly initialInverseHessian?: ArrayLike<number>;
}

/**
 * Why a search stopped: "converged"; "iterations" (the limit ran out); "time" (the deadline
 * passed); "unbounded" (a coordinate passed unboundedAt); "stalled" (no lower point could be
 * found although the gradient is not small); "not finite" (f is not finite at the start).
 */
export type StopReason =
  "converged" | "iterations" | "time" | "unbounded" | "stalled" | "not finite";

export interface MinimizeResult {
  /** the best point found */
  readonly x: Float64Array;
  /** f at x */
  readonly value: number;
  /** ∇f at x (BFGS only) */
  readonly gradient?: Float64Array;
  readonly iterations: number;
  /** objective evaluations */
  readonly evaluations: number;
  readonly converged: boolean;
  /** why the search stopped */
  readonly reason: StopReason;
  /** why the search stopped, one sentence */
  readonly message: string;
}

function pastDeadline(deadline: number | undefined): boolean {
  return deadline !== undefined && Date.now() > deadline;
}

/** The index of a coordinate beyond ±bound, or −1. */
function unboundedCoordinate(
  x: Float64Array,
  bound: number | ArrayLike<number> | undefined
): number {
  if (bound === undefined) return -1;
  for (let i = 0; i < x.length; i++) {
    if (!(abs(x[i]!) <= (typeof bound === "number" ? bound : bound[i]!))) return i;
  }
  return -1;
}

/** ±bound of coordinate i, for messages. */
function boundOf(bound: number | ArrayLike<number> | undefined, i: number): string {
  return String(typeof bound === "number" || bound === undefined ? bound : bound[i]);
}

const WOLFE_SUFFICIENT_DECREASE = 1e-4;
const WOLFE_CURVATURE = 0.9;
const LINE_SEARCH_EVALUATIONS = 40;
/** Hager–Zhang: δ of the approximate Wolfe conditions, and the relative noise level of f */
const APPROXIMATE_WOLFE_DECREASE = 0.1;
const APPROXIMATE_WOLFE_NOISE = 1e-10;

function maxAbs(values: Float64Array): number {
  let largest = 0;
  for (let i = 0; i < values.length; i++) largest = max(largest, abs(values[i]!));
  return largest;
}

function dot(u: Float64Array, v: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < u.length; i++) sum += u[i]! * v[i]!;
  return sum;
}

function allFinite(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) return false;
  return true;
}

/** A trial point of the line search: x + step·direction, its value and gradient. */
interface Trial {
  step: number;
  value: number;
  slope: number; // ∇f · direction
  x: Float64Array;
  gradient: Float64Array;
}

/**
 * Finds a step along `direction` (a descent direction) satisfying the strong Wolfe conditions,
 * by bracketing and then zooming with safeguarded cubic interpolation (Nocedal & Wright 3.5,
 * 3.6), or Hager & Zhang's approximate Wolfe conditions (SIAM J. Optim. 16, 2005), which accept
 * a step by its slopes when f is within 1e-10 of f(x) relative, where rounding blurs the
 * sufficient-decrease test. A trial where f is not finite (a log-parameter that overflowed)
 * counts as too long.
 * Returns the accepted trial, or the best trial with sufficient decrease when the conditions
 * could not both be met, or undefined when no step decreased f.
 */
function lineSearch(
  objective: ObjectiveWithGradient,
  x: Float64Array,
  value: number,
  slope0: number,
  direction: Float64Array,
  firstStep: number,
  counter: { evaluations: number }
): Trial | undefined {
  const n = x.length;
  const evaluate = (step: number): Trial => {
    const point = new Float64Array(n);
    for (let i = 0; i < n; i++) point[i] = x[i]! + step * direction[i]!;
    const gradient = new Float64Array(n);
    counter.evaluations++;
    let trialValue = objective(point, gradient);
    if (!Number.isFinite(trialValue) || !allFinite(gradient)) trialValue = Number.POSITIVE_INFINITY;
    const slope = Number.isFinite(trialValue) ? dot(gradient, direction) : Number.NaN;
    return { step, value: trialValue, slope, x: point, gradient };
  };
  const sufficient = (trial: Trial) =>
    trial.value <= value + WOLFE_SUFFICIENT_DECREASE * trial.step * slope0;
  const curvatureMet = (trial: Trial) => abs(trial.slope) <= -WOLFE_CURVATURE * slope0;
  // Hager & Zhang's approximate Wolfe conditions: once f no longer changes beyond its rounding
  // noise (near a minimum of a sum over many customers), judge the step by slopes alone.
  const noise = APPROXIMATE_WOLFE_NOISE * max(1, abs(value));
  const approximateWolfe = (trial: Trial) =>
    trial.value <= value + noise &&
    trial.slope >= WOLFE_CURVATURE * slope0 &&
    trial.slope <= (2 * APPROXIMATE_WOLFE_DECREASE - 1) * slope0;
  let best: Trial | undefined;
  const remember = (trial: Trial) => {
    if (sufficient(trial) && (best === undefined || trial.value < best.value)) best = trial;
  };

  const origin: Trial = { step: 0, value, slope: slope0, x, gradient: new Float64Array(n) };
  let previous = origin;
  let step = firstStep;
  let low: Trial | undefined;
  let high: Trial | undefined;
  for (let i = 0; i < LINE_SEARCH_EVALUATIONS; i++) {
    const trial = evaluate(step);
    remember(trial);
    if (approximateWolfe(trial)) return trial;
    if (!sufficient(trial) || (i > 0 && trial.value >= previous.value)) {
      low = previous;
      high = trial;
      break;
    }
    if (curvatureMet(trial)) return trial;
    if (trial.slope >= 0) {
      low = trial;
      high = previous;
      break;
    }
    previous = trial;
    step *= 2;
  }
  if (low === undefined || high === undefined) return best;

  for (let i = 0; i < LINE_SEARCH_EVALUATIONS; i++) {
    const width = high.step - low.step;
    if (abs(width) <= 1e-16 * max(1, abs(low.step))) break;
    let step = cubicMinimizer(low, high);
    const lo = min(low.step, high.step);
    const hi = max(low.step, high.step);
    const margin = 0.1 * (hi - lo);
    if (!Number.isFinite(step) || step < lo + margin || step > hi - margin)
      step = 0.5 * (low.step + high.step);
    const trial = evaluate(step);
    remember(trial);
    if (approximateWolfe(trial)) return trial;
    if (!sufficient(trial) || trial.value >= low.value) {
      high = trial;
    } else {
      if (curvatureMet(trial)) return trial;
      if (trial.slope * (high.step - low.step) >= 0) high = low;
      low = trial;
    }
  }
  return best;
}

/** The minimiser of the cubic matching value and slope at both ends, or NaN. */
function cubicMinimizer(p: Trial, q: Trial): number {
  if (
    !Number.isFinite(p.value) ||
    !Number.isFinite(q.value) ||
    !Number.isFinite(p.slope) ||
    !Number.isFinite(q.slope)
  ) {
    return Number.NaN;
  }
  const d1 = p.slope + q.slope - (3 * (p.value - q.value)) / (p.step - q.step);
  const radicand = d1 * d1 - p.slope * q.slope;
  if (radicand < 0) return Number.NaN;
  const d2 = sign(q.step - p.step) * sqrt(radicand);
  return q.step - (q.step - p.step) * ((q.slope + d2 - d1) / (q.slope - p.slope + 2 * d2));
}

/**
 * Minimises a smooth function by BFGS: x ← x − t·H∇f with the inverse-Hessian estimate H
 * updated from each step (s) and change of gradient (y) as H ← (I − ρsyᵀ)H(I − ρysᵀ) + ρssᵀ,
 * ρ = 1/yᵀs, the first H scaled by yᵀs/yᵀy, and t from a strong-Wolfe line search. H is reset
 * to the identity when it stops giving a descent direction or a line search fails.
 *
 * Converged when max |∂f/∂xᵢ| ≤ gradientTolerance. Cost per iteration: O(n²)
 * plus the few objective evaluations of the line search (usually one).
 *
 * @example minimizeBfgs((x, g) => { g[0] = 2 * (x[0]! - 3); return (x[0]! - 3) ** 2; }, Float64Array.of(0)).x //=> Float64Array [3] (to 1e-9)
 */
export function minimizeBfgs(
  objective: ObjectiveWithGradient,
  start: ArrayLike<number>,
  options: MinimizeOptions = {}
): MinimizeResult {
  const maxIterations = options.maxIterations ?? 200;
  const tolerance = options.gradientTolerance ?? 1e-9;
  const n = start.length;
  const counter = { evaluations: 1 };
  let x: Float64Array = Float64Array.from(start);
  let gradient: Float64Array = new Float64Array(n);
  let value = objective(x, gradient);
  const result = (iterations: number, reason: StopReason, message: string): MinimizeResult => ({
    x,
    value,
    gradient,
    iterations,
    evaluations: counter.evaluations,
    converged: reason === "converged",
    reason,
    message,
  });
  if (!Number.isFinite(value) || !allFinite(gradient)) {
    return result(0, "not finite", "The objective is not finite at the starting point.");
  }

  const inverseHessian = new Float64Array(n * n);
  const resetHessian = () => {
    inverseHessian.fill(0);
    for (let i = 0; i < n; i++) inverseHessian[i * n + i] = 1;
  };
  resetHessian();
  let hessianIsIdentity = true;
  let scaled = false;
  if (options.initialInverseHessian !== undefined) {
    inverseHessian.set(options.initialInverseHessian);
    hessianIsIdentity = false;
    scaled = true;
  }
  const direction = new Float64Array(n);

  for (let iteration = 0; iteration < maxIterations; iteration++) {
    if (maxAbs(gradient) <= tolerance) {
      return result(
        iteration,
        "converged",
        `Converged: the gradient is below ${tolerance} after ${iteration} iterations.`
      );
    }
    const runaway = unboundedCoordinate(x, options.unboundedAt);
    if (runaway >= 0) {
      return result(
        iteration,
        "unbounded",
        `Coordinate ${runaway + 1} ran beyond ±${boundOf(options.unboundedAt, runaway)} after ${iteration} iterations.`
      );
    }
    if (pastDeadline(options.deadline)) {
      return result(iteration, "time", `The time limit ran out after ${iteration} iterations.`);
    }
    if (options.maxEvaluations !== undefined && counter.evaluations >= options.maxEvaluations) {
      return result(
        iteration,
        "iterations",
        `No convergence within ${counter.evaluations} evaluations (${iteration} iterations).`
      );
    }
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let j = 0; j < n; j++) sum -= inverseHessian[i * n + j]! * gradient[j]!;
      direction[i] = sum;
    }
    let slope = dot(gradient, direction);
    if (!(slope < 0)) {
      resetHessian();
      hessianIsIdentity = true;
      scaled = false;
      for (let i = 0; i < n; i++) direction[i] = -gradient[i]!;
      slope = dot(gradient, direction);
    }
    // The first steepest-descent step moves no coordinate by more than 1 (a factor e in a
    // log-parameter); quasi-Newton steps start at the full step.
    const firstStep = hessianIsIdentity && !scaled ? min(1, 1 / maxAbs(gradient)) : 1;
    const trial = lineSearch(objective, x, value, slope, direction, firstStep, counter);
    if (trial === undefined) {
      if (!hessianIsIdentity) {
        resetHessian();
        hessianIsIdentity = true;
        scaled = false;
        continue;
      }
      return result(
        iteration,
        "stalled",
        "The line search found no lower point along the steepest descent direction."
      );
    }
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = trial.x[i]! - x[i]!;
      y[i] = trial.gradient[i]! - gradient[i]!;
    }
    const sy = dot(s, y);
    const yy = dot(y, y);
    if (sy > 1e-14 * sqrt(dot(s, s) * yy)) {
      if (!scaled) {
        resetHessian();
        for (let i = 0; i < n; i++) inverseHessian[i * n + i] = sy / yy;
        scaled = true;
      }
      updateInverseHessian(inverseHessian, s, y, sy);
      hessianIsIdentity = false;
    }
    x = trial.x;
    gradient = trial.gradient;
    value = trial.value;
  }
  const converged = maxAbs(gradient) <= tolerance;
  return result(
    maxIterations,
    converged ? "converged" : "iterations",
    converged
      ? "Converged at the last iteration."
      : `No convergence within ${maxIterations} iterations.`
  );
}

/** H ← (I − ρsyᵀ) H (I − ρysᵀ) + ρssᵀ, ρ = 1/sᵀy, in place. */
function updateInverseHessian(h: Float64Array, s: Float64Array, y: Float64Array, sy: number): void {
  const n = s.length;
  const rho = 1 / sy;
  const hy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += h[i * n + j]! * y[j]!;
    hy[i] = sum;
  }
  const yhy = dot(y, hy);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      h[i * n + j] =
        h[i * n + j]! -
        rho * (hy[i]! * s[j]! + s[i]! * hy[j]!) +
        (rho * rho * yhy + rho) * s[i]! * s[j]!;
    }
  }
}

/**
 * Minimises f by the Nelder–Mead simplex search (reflection 1, expansion 2, contraction 1/2,
 * shrink 1/2), from a simplex with edges `initialStep` along each axis. When the simplex has
 * collapsed it is rebuilt once around the best point, and convergence is only declared if the
 * rebuilt simplex collapses onto the same value (Nelder–Mead can stall short of a minimum).
 * Non-finite values count as +Infinity. Cost per iteration: O(n) evaluations at worst.
 *
 * @example minimizeNelderMead((x) => (x[0]! - 3) ** 2 + 1, Float64Array.of(0)).value //=> 1 (to 1e-12)
 */
export function minimizeNelderMead(
  objective: Objective,
  start: ArrayLike<number>,
  options: MinimizeOptions = {}
): MinimizeResult {
  const maxIterations = options.maxIterations ?? 2000;
  const functionTolerance = options.functionTolerance ?? 1e-12;
  const stepTolerance = options.stepTolerance ?? 1e-8;
  const n = start.length;
  let evaluations = 0;
  const evaluate = (point: Float64Array) => {
    evaluations++;
    const value = objective(point);
    return Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
  };
  let vertices: Float64Array[] = [];
  let values: number[] = [];
  const build = (centre: Float64Array, edge: number) => {
    vertices = [Float64Array.from(centre)];
    for (let i = 0; i < n; i++) {
      const vertex = Float64Array.from(centre);
      vertex[i] = vertex[i]! + edge;
      vertices.push(vertex);
    }
    values = vertices.map(evaluate);
  };
  build(Float64Array.from(start), options.initialStep ?? 0.5);
  let rebuilt = false;
  let valueAtCollapse = Number.NaN;
  const centroid = new Float64Array(n);
  const along = (from: Float64Array, factor: number) => {
    const point = new Float64Array(n);
    for (let i = 0; i < n; i++) point[i] = centroid[i]! + factor * (from[i]! - centroid[i]!);
    return point;
  };

  let iteration = 0;
  for (; iteration < maxIterations; iteration++) {
    const order = values.map((_, i) => i).sort((i, j) => values[i]! - values[j]!);
    vertices = order.map((i) => vertices[i]!);
    values = order.map((i) => values[i]!);
    const best = values[0]!;
    const worst = values[n]!;
    let spread = 0;
    for (let k = 1; k <= n; k++) {
      for (let i = 0; i < n; i++) spread = max(spread, abs(vertices[k]![i]! - vertices[0]![i]!));
    }
    if (
      Number.isFinite(best) &&
      worst - best <= functionTolerance * max(1, abs(best)) &&
      spread <= stepTolerance
    ) {
      if (rebuilt && abs(best - valueAtCollapse) <= functionTolerance * max(1, abs(best))) {
        return {
          x: vertices[0]!,
          value: best,
          iterations: iteration,
          evaluations,
          converged: true,
          reason: "converged",
          message: `Converged: the simplex collapsed twice onto the same point after ${iteration} iterations.`,
        };
      }
      rebuilt = true;
      valueAtCollapse = best;
      build(vertices[0]!, 0.05);
      continue;
    }
    const runaway = unboundedCoordinate(vertices[0]!, options.unboundedAt);
    if (runaway >= 0 || pastDeadline(options.deadline)) {
      return {
        x: vertices[0]!,
        value: best,
        iterations: iteration,
        evaluations,
        converged: false,
        reason: runaway >= 0 ? "unbounded" : "time",
        message:
          runaway >= 0
            ? `Coordinate ${runaway + 1} ran beyond ±${boundOf(options.unboundedAt, runaway)} after ${iteration} iterations.`
            : `The time limit ran out after ${iteration} iterations.`,
      };
    }
    centroid.fill(0);
    for (let k = 0; k < n; k++)
      for (let i = 0; i < n; i++) centroid[i] = centroid[i]! + vertices[k]![i]! / n;
    const reflected = along(vertices[n]!, -1);
    const reflectedValue = evaluate(reflected);
    if (reflectedValue < best) {
      const expanded = along(vertices[n]!, -2);
      const expandedValue = evaluate(expanded);
      if (expandedValue < reflectedValue) {
        vertices[n] = expanded;
        values[n] = expandedValue;
      } else {
        vertices[n] = reflected;
        values[n] = reflectedValue;
      }
      continue;
    }
    if (reflectedValue < values[n - 1]!) {
      vertices[n] = reflected;
      values[n] = reflectedValue;
      continue;
    }
    const outside = reflectedValue < worst;
    const contracted = along(outside ? reflected : vertices[n]!, 0.5);
    const contractedValue = evaluate(contracted);
    if (contractedValue < (outside ? reflectedValue : worst)) {
      vertices[n] = contracted;
      values[n] = contractedValue;
      continue;
    }
    for (let k = 1; k <= n; k++) {
      const vertex = vertices[k]!;
      for (let i = 0; i < n; i++)
        vertex[i] = vertices[0]![i]! + 0.5 * (vertex[i]! - vertices[0]![i]!);
      values[k] = evaluate(vertex);
    }
  }
  let bestIndex = 0;
  for (let k = 1; k <= n; k++) if (values[k]! < values[bestIndex]!) bestIndex = k;
  return {
    x: vertices[bestIndex]!,
    value: values[bestIndex]!,
    iterations: iteration,
    evaluations,
    converged: false,
    reason: "iterations",
    message: `No convergence within ${maxIterations} iterations.`,
  };
}

/**
 * The Hessian of f at x by central differences of its gradient, symmetrised:
 * Hᵢⱼ = (∂ⱼf(x + hᵢeᵢ) − ∂ⱼf(x − hᵢeᵢ)) / (2hᵢ), hᵢ = 1e-5 × max(1, |xᵢ|). Cost 2n gradient
 * evaluations. Row-major n × n.
 */
export function numericHessian(
  objective: ObjectiveWithGradient,
  x: ArrayLike<number>
): Float64Array {
  const n = x.length;
  const hessian = new Float64Array(n * n);
  const point = Float64Array.from(x);
  const plus = new Float64Array(n);
  const minus = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const h = 1e-5 * max(1, abs(point[i]!));
    const centre = point[i]!;
    point[i] = centre + h;
    objective(point, plus);
    point[i] = centre - h;
    objective(point, minus);
    point[i] = centre;
    for (let j = 0; j < n; j++) hessian[i * n + j] = (plus[j]! - minus[j]!) / (2 * h);
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const mean = 0.5 * (hessian[i * n + j]! + hessian[j * n + i]!);
      hessian[i * n + j] = mean;
      hessian[j * n + i] = mean;
    }
  }
  return hessian;
}

/**
 * Whether a symmetric n × n matrix (row-major) is positive definite, by Cholesky factorisation:
 * every pivot must exceed `floor` (default 1e-10 times the largest diagonal entry, so that a
 * matrix singular up to rounding counts as not definite). Cost O(n³).
 */
export function isPositiveDefinite(matrix: Float64Array, n: number, floor?: number): boolean {
  return firstWeakPivot(matrix, n, floor) < 0;
}

/** The index of the first Cholesky pivot at or below `floor`, or −1 when there is none. */
function firstWeakPivot(matrix: Float64Array, n: number, floor?: number): number {
  const l = Float64Array.from(matrix);
  let largest = 0;
  for (let i = 0; i < n; i++) largest = max(largest, abs(l[i * n + i]!));
  if (!(largest > 0) || !Number.isFinite(largest)) return 0;
  const threshold = max(floor ?? 0, 1e-10 * largest);
  for (let j = 0; j < n; j++) {
    let pivot = l[j * n + j]!;
    for (let k = 0; k < j; k++) pivot -= l[j * n + k]! ** 2;
    if (!(pivot > threshold)) return j;
    const root = sqrt(pivot);
    l[j * n + j] = root;
    for (let i = j + 1; i < n; i++) {
      let sum = l[i * n + j]!;
      for (let k = 0; k < j; k++) sum -= l[i * n + k]! * l[j * n + k]!;
      l[i * n + j] = sum / root;
    }
  }
  return -1;
}

export interface InteriorMinimumOptions {
  /** largest |log-parameter| accepted (default 30: parameters between 1e-13 and 1e13) */
  readonly logBound?: number;
  /**
   * smallest Cholesky pivot of the Hessian accepted (default 0: only rounding-level flatness
   * is refused). The fits pass 0.01 / customers: for a mean log-likelihood over N customers,
   * a pivot below that leaves a log-parameter with a standard error above 10, i.e. a parameter
   * the data do not determine to within a factor of e¹⁰.
   */
  readonly minimumCurvature?: number;
}

/**
 * Why a converged point of a fit over log-parameters is not an interior strict minimum, or
 * undefined when it is: every coordinate must lie within ±logBound (beyond, the objective has
 * no minimum inside the parameter space and the search has run off towards its edge), and the
 * Hessian ({@link numericHessian}) must be positive definite with pivots above
 * minimumCurvature (otherwise the objective is flat in some direction or the point is a
 * saddle, and the parameters are not identified). Cost 2n gradient evaluations.
 */
export function interiorMinimumFailure(
  objective: ObjectiveWithGradient,
  theta: Float64Array,
  parameterNames: readonly string[],
  options: InteriorMinimumOptions = {}
): string | undefined {
  const logBound = options.logBound ?? 30;
  const nameOf = (i: number) => parameterNames[i] ?? `parameter ${i + 1}`;
  for (let i = 0; i < theta.length; i++) {
    if (!(abs(theta[i]!) <= logBound)) {
      const value = exp(theta[i]!);
      return `${nameOf(i)} ran off to ${value.toPrecision(3)}: the likelihood has no maximum inside the parameter space`;
    }
  }
  const weak = firstWeakPivot(
    numericHessian(objective, theta),
    theta.length,
    options.minimumCurvature
  );
  if (weak >= 0) {
    return `the likelihood is nearly flat along ${nameOf(weak)} at the optimum, so the data do not determine the parameters`;
  }
  return undefined;
}

/**
 * Why a fit over log-parameters stopped without converging, in words for the user: a parameter
 * that drifted beyond e^±10 (below 4.5e-5 or above 2.2e4) is named, since that is the usual
 * cause (the likelihood keeps rising towards the edge of the parameter space, e.g. a Beta
 * distribution whose shapes grow without bound because the data show no heterogeneity);
 * otherwise the optimiser's own message.
 */
export function nonConvergenceDetail(
  result: MinimizeResult,
  parameterNames: readonly string[]
): string {
  let worst = -1;
  for (let i = 0; i < result.x.length; i++) {
    if (abs(result.x[i]!) > 10 && (worst < 0 || abs(result.x[i]!) > abs(result.x[worst]!)))
      worst = i;
  }
  if (worst < 0) return result.message.replace(/\.$/, "");
  const name = parameterNames[worst] ?? `parameter ${worst + 1}`;
  return `${name} drifted to ${exp(result.x[worst]!).toPrecision(3)} without reaching a maximum: the likelihood keeps rising towards the edge of the parameter space`;
}

/**
 * Wall time a model fit may take by default (2 s). A fit that needs more has no usable answer
 * in a worksheet; the BG/NBD fit of 200,000 synthetic customers takes about 0.3 s.
 */
export const DEFAULT_FIT_TIME_LIMIT_MS = 2000;

/** How a bounded likelihood search ({@link minimizeLogParameterFit}) failed, for the fit to word. */
export type FitFailure =
  /** a parameter ran off towards 0 or ∞: the likelihood keeps rising towards the boundary */
  | { readonly kind: "unbounded"; readonly parameter: string; readonly value: number }
  /** converged, but the likelihood is (nearly) flat along a parameter: not identified */
  | { readonly kind: "flat"; readonly parameter: string }
  /** the deadline passed first */
  | { readonly kind: "time" }
  /** the iterations ran out (or the search stalled) without convergence */
  | { readonly kind: "iterations"; readonly detail: string };

export interface LogParameterFitOptions {
  /** iteration limit of each BFGS run; Nelder–Mead gets ten times as many */
  readonly maxIterations: number;
  /** Date.now() time after which the search gives up (reason "time") */
  readonly deadline: number;
  /** see InteriorMinimumOptions.minimumCurvature */
  readonly minimumCurvature: number;
  /** largest |log-parameter| accepted (default 30) */
  readonly logBound?: number;
  /**
   * Where the first BFGS run starts instead of θ₀, and the inverse Hessian it starts with: the
   * optimum of a cheaper problem close to this one (the same data on a coarser time grid, see
   * fitTripleLikelihood) and its inverse Hessian, so that BFGS needs a few Newton-like
   * iterations instead of 20–40 ({@link warmStartFrom}, which offers one only where that
   * optimum is clear). Convergence, the bounds and the certification are the same; drift and
   * runaway are still measured from θ₀, and a Nelder–Mead fallback still starts at θ₀.
   * Default: BFGS from θ₀.
   */
  readonly warmStart?: {
    readonly theta: ArrayLike<number>;
    readonly inverseHessian: ArrayLike<number>;
  };
  /**
   * The objective's exact Hessian at a point (e.g. {@link analyticHessian}), for the
   * certification: one evaluation instead of the 2n gradient evaluations of central
   * differences, and exact where those carry an error of order h² (1e-10). Default: central
   * differences ({@link numericHessian}).
   */
  readonly hessian?: (theta: Float64Array) => Float64Array;
}

export type LogParameterFitOutcome =
  | {
      readonly converged: true;
      readonly theta: Float64Array;
      readonly value: number;
      readonly iterations: number;
    }
  | { readonly converged: false; readonly failure: FitFailure; readonly iterations: number };

/**
 * How far (in log units) a parameter may drift from its starting value in a search that did not
 * converge before the failure is put down to the likelihood rising towards the boundary
 * (a factor e¹⁰ ≈ 22,000: the starting values are set from the data's own scale).
 */
const DRIFT_FROM_START = 10;
/** A search stops as soon as a parameter has drifted this far from its start (e²⁰ ≈ 5·10⁸). */
const RUNAWAY_FROM_START = 20;

/** Each log-parameter's runaway bound: |θ₀ᵢ| + {@link RUNAWAY_FROM_START}, at most `logBound`. */
function runawayBounds(theta0: ArrayLike<number>, logBound: number): number[] {
  return Array.from(theta0, (value) => min(logBound, abs(value) + RUNAWAY_FROM_START));
}

/**
 * The maximum-likelihood search both predictive-CLV fits share, over log-parameters θ, bounded in
 * iterations and wall time: BFGS from θ₀; if it does not converge, Nelder–Mead from θ₀ and BFGS
 * from where that ends; then the answer is certified ({@link interiorMinimumFailure}).
 *
 * The likelihood rising towards the edge of the parameter space (no interior maximum: a
 * parameter running off to 0 or ∞) is recognised rather than chased: a search stops as soon as a
 * log-parameter is 20 from its start or beyond ±logBound, Nelder–Mead is not tried after a BFGS
 * run that ended with a parameter more than 10 from its start, and a search that ran out of
 * iterations or time with such a drift is reported as "unbounded", naming the parameter.
 * Cost: at most 12 × maxIterations iterations, and never much past the deadline (one iteration,
 * i.e. a line search of at most 80 evaluations).
 */
export function minimizeLogParameterFit(
  objective: ObjectiveWithGradient,
  theta0: readonly number[],
  parameterNames: readonly string[],
  options: LogParameterFitOptions
): LogParameterFitOutcome {
  const logBound = options.logBound ?? 30;
  const { maxIterations, deadline } = options;
  const n = theta0.length;
  const start = Float64Array.from(theta0);
  // every run stops at the deadline and once a parameter runs away (see unboundedAt)
  const bounded = { deadline, unboundedAt: runawayBounds(theta0, logBound) };
  const drifted = (x: Float64Array): number => {
    let worst = -1;
    for (let i = 0; i < n; i++) {
      const distance = abs(x[i]! - start[i]!);
      if (
        (distance > DRIFT_FROM_START || !(abs(x[i]!) <= logBound)) &&
        (worst < 0 || distance > abs(x[worst]! - start[worst]!))
      )
        worst = i;
    }
    return worst;
  };
  const warm = options.warmStart;
  let result = minimizeBfgs(objective, warm?.theta ?? theta0, {
    maxIterations,
    ...bounded,
    initialInverseHessian: warm?.inverseHessian,
  });
  let iterations = result.iterations;
  if (!result.converged && result.reason !== "time" && drifted(result.x) < 0) {
    const simplex = minimizeNelderMead((theta) => objective(theta, new Float64Array(n)), theta0, {
      maxIterations: maxIterations * 10,
      ...bounded,
    });
    iterations += simplex.iterations;
    const polished =
      simplex.reason === "time"
        ? simplex
        : minimizeBfgs(objective, simplex.x, { maxIterations, ...bounded });
    iterations += polished.iterations;
    if (polished.converged || !(polished.value >= result.value)) result = polished;
  }
  const nameOf = (i: number) => parameterNames[i] ?? `parameter ${i + 1}`;
  const unbounded = (i: number): LogParameterFitOutcome => ({
    converged: false,
    failure: { kind: "unbounded", parameter: nameOf(i), value: exp(result.x[i]!) },
    iterations,
  });
  const outside = unboundedCoordinate(result.x, logBound);
  if (outside >= 0) return unbounded(outside);
  if (!result.converged) {
    const away = drifted(result.x);
    if (away >= 0 || result.reason === "unbounded")
      return unbounded(away >= 0 ? away : largestCoordinate(result.x));
    const failure: FitFailure =
      result.reason === "time"
        ? { kind: "time" }
        : { kind: "iterations", detail: nonConvergenceDetail(result, parameterNames) };
    return { converged: false, failure, iterations };
  }
  const curvature = options.hessian?.(result.x) ?? numericHessian(objective, result.x);
  const weak = firstWeakPivot(curvature, n, options.minimumCurvature);
  if (weak >= 0) {
    return { converged: false, failure: { kind: "flat", parameter: nameOf(weak) }, iterations };
  }
  return { converged: true, theta: result.x, value: result.value, iterations };
}

/** Most BFGS iterations and evaluations of a warm start's search (plain fits of real data take 15–40 iterations). */
const WARM_START_ITERATIONS = 60;
const WARM_START_EVALUATIONS = 150;

/**
 * Largest standard error of a log-parameter (a factor e) at which a coarse optimum is taken as a
 * warm start: the 1M-row bench's coarse BG/NBD fit has at most 0.17, near-flat data 2.8 or more.
 */
const WARM_START_STANDARD_ERROR = 1;

/**
 * A {@link LogParameterFitOptions.warmStart} from a cheaper problem close to the one to be
 * solved (the same data on a coarser grid): its optimum (BFGS from θ₀ to a gradient of 1e-7)
 * and the inverse of its Hessian there (central differences, 2n evaluations), when that
 * optimum clearly determines every parameter; undefined otherwise, and the full search then
 * starts at θ₀ as usual. Taken only when the search converges within
 * {@link WARM_START_ITERATIONS} iterations and {@link WARM_START_EVALUATIONS} evaluations, never
 * running further from θ₀ than the full search may (|θ₀ᵢ| + 20, and 30), and the standard error
 * of every log-parameter, √((H⁻¹)ᵢᵢ / customers) for the mean over `customers`, is at most
 * {@link WARM_START_STANDARD_ERROR}. On data without a clear maximum (a ridge, a parameter
 * running off) the full search therefore runs from θ₀ and its certification decides exactly as
 * it would have; on data with one, BFGS from a point within the grid's rounding of the full
 * optimum, with that curvature, converges in a few steps. Deterministic: no clock decides.
 */
export function warmStartFrom(
  coarse: ObjectiveWithGradient,
  theta0: readonly number[],
  options: {
    readonly maxIterations: number;
    readonly deadline: number;
    readonly customers: number;
  }
): { theta: Float64Array; inverseHessian: Float64Array } | undefined {
  const n = theta0.length;
  const search = minimizeBfgs(coarse, theta0, {
    maxIterations: min(options.maxIterations, WARM_START_ITERATIONS),
    maxEvaluations: WARM_START_EVALUATIONS,
    deadline: options.deadline,
    gradientTolerance: 1e-7,
    unboundedAt: runawayBounds(theta0, 30),
  });
  if (!search.converged) return undefined;
  const inverseHessian = invertPositiveDefinite(numericHessian(coarse, search.x), n);
  if (inverseHessian === undefined) return undefined;
  for (let i = 0; i < n; i++) {
    const variance = inverseHessian[i * n + i]! / options.customers;
    if (!(variance <= WARM_START_STANDARD_ERROR ** 2)) return undefined;
  }
  return { theta: search.x, inverseHessian };
}

function largestCoordinate(x: Float64Array): number {
  let largest = 0;
  for (let i = 1; i < x.length; i++) if (abs(x[i]!) > abs(x[largest]!)) largest = i;
  return largest;
}
