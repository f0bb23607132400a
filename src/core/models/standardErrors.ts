/**
 * Standard errors of maximum-likelihood estimates from the observed information matrix
 * (SPEC §2 "Predictive CLV": "fitted parameters with standard errors from the observed
 * information matrix"). The observed information I(θ̂) is the Hessian of the negative
 * log-likelihood at the estimate; the estimates' covariance is approximately I(θ̂)⁻¹, and a
 * parameter's standard error is the square root of its diagonal entry (Cox & Hinkley 1974,
 * §9.2; the `se(coef)` column of lifetimes' `summary` and of R's `optim(hessian = TRUE)`).
 *
 * The Hessian is taken by central differences of the log-likelihood itself, in the natural
 * parameters (r, α, a, b; not their logarithms), with a step relative to each parameter.
 * Cost: 2n² + 1 log-likelihood evaluations for n parameters.
 */

const { abs, max, sqrt } = Math;

/** The log-likelihood summed over customers, as a function of the natural parameters. */
export type LogLikelihood = (params: readonly number[]) => number;

/**
 * The Hessian of the negative log-likelihood at `params` (row-major n × n), by central
 * differences with steps hᵢ = 1e-4 × max(|θᵢ|, 1e-3):
 * Hᵢᵢ = −(ℓ(θ + hᵢeᵢ) − 2ℓ(θ) + ℓ(θ − hᵢeᵢ)) / hᵢ², and the four-point formula off the
 * diagonal.
 */
export function observedInformation(
  logLikelihood: LogLikelihood,
  params: readonly number[]
): Float64Array {
  const n = params.length;
  const info = new Float64Array(n * n);
  const steps = params.map((value) => 1e-4 * max(abs(value), 1e-3));
  const at = (shifts: readonly [number, number][]): number => {
    const point = params.slice();
    for (const [i, sign] of shifts) point[i] = point[i]! + sign * steps[i]!;
    return logLikelihood(point);
  };
  const centre = logLikelihood(params);
  for (let i = 0; i < n; i++) {
    const h = steps[i]!;
    info[i * n + i] = -(at([[i, 1]]) - 2 * centre + at([[i, -1]])) / (h * h);
    for (let j = 0; j < i; j++) {
      const value =
        -(
          at([
            [i, 1],
            [j, 1],
          ]) -
          at([
            [i, 1],
            [j, -1],
          ]) -
          at([
            [i, -1],
            [j, 1],
          ]) +
          at([
            [i, -1],
            [j, -1],
          ])
        ) /
        (4 * h * steps[j]!);
      info[i * n + j] = value;
      info[j * n + i] = value;
    }
  }
  return info;
}

/**
 * The inverse of a symmetric positive-definite n × n matrix (row-major) by Cholesky
 * factorisation, or `undefined` when it is not positive definite (a pivot ≤ 1e-12 times the
 * largest diagonal entry) or holds a non-finite entry. Cost O(n³).
 */
export function invertPositiveDefinite(matrix: Float64Array, n: number): Float64Array | undefined {
  let largest = 0;
  for (let i = 0; i < n * n; i++) {
    if (!Number.isFinite(matrix[i]!)) return undefined;
  }
  for (let i = 0; i < n; i++) largest = max(largest, abs(matrix[i * n + i]!));
  if (!(largest > 0)) return undefined;
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let pivot = matrix[j * n + j]!;
    for (let k = 0; k < j; k++) pivot -= l[j * n + k]! ** 2;
    if (!(pivot > 1e-12 * largest)) return undefined;
    const root = sqrt(pivot);
    l[j * n + j] = root;
    for (let i = j + 1; i < n; i++) {
      let sum = matrix[i * n + j]!;
      for (let k = 0; k < j; k++) sum -= l[i * n + k]! * l[j * n + k]!;
      l[i * n + j] = sum / root;
    }
  }
  // A⁻¹ = L⁻ᵀ L⁻¹: invert the lower-triangular factor, then multiply.
  const lInverse = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    lInverse[i * n + i] = 1 / l[i * n + i]!;
    for (let j = 0; j < i; j++) {
      let sum = 0;
      for (let k = j; k < i; k++) sum -= l[i * n + k]! * lInverse[k * n + j]!;
      lInverse[i * n + j] = sum / l[i * n + i]!;
    }
  }
  const inverse = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = 0;
      for (let k = i; k < n; k++) sum += lInverse[k * n + i]! * lInverse[k * n + j]!;
      inverse[i * n + j] = sum;
      inverse[j * n + i] = sum;
    }
  }
  return inverse;
}

/**
 * Standard errors of the maximum-likelihood estimates `params`: √diag(I(θ̂)⁻¹). `undefined`
 * for every parameter when the observed information is not positive definite at `params` (the
 * estimate is not a proper interior maximum, or the likelihood is flat in some direction):
 * never a made-up number.
 *
 * I is inverted as D(DID)⁻¹D with D = diag(1/√Iᵢᵢ): the same inverse, but the test for positive
 * definiteness then reads a matrix with a unit diagonal, so it does not depend on the units of
 * the parameters (a γ in a currency 25,000 times smaller has an information entry 6e8 times
 * smaller, which a floor relative to the largest entry took for singular; QA 14).
 *
 * @example standardErrors((p) => -0.5 * ((p[0]! - 1) / 0.1) ** 2, [1]) //=> [0.1] (to 1e-6)
 */
export function standardErrors(
  logLikelihood: LogLikelihood,
  params: readonly number[]
): (number | undefined)[] {
  const n = params.length;
  const information = observedInformation(logLikelihood, params);
  const scale = Array.from({ length: n }, (_, i) => 1 / sqrt(information[i * n + i]!));
  const scaled = information.map((value, k) => value * scale[(k / n) | 0]! * scale[k % n]!);
  const scaledInverse = scale.every((d) => d > 0 && Number.isFinite(d))
    ? invertPositiveDefinite(scaled, n)
    : undefined;
  return params.map((_, i) => {
    const variance =
      scaledInverse === undefined ? undefined : scaledInverse[i * n + i]! * scale[i]! ** 2;
    return variance !== undefined && variance > 0 && Number.isFinite(variance)
      ? sqrt(variance)
      : undefined;
  });
}
