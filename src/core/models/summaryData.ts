/**
 * What the purchase models (BG/NBD in bgnbd.ts, Pareto/NBD in paretoNbd.ts) share before and
 * after their own mathematics: the per-customer (x, tₓ, T) data they read, its checks, the
 * grouping of customers into distinct (x, tₓ, T) triples that makes a likelihood evaluation cost
 * O(distinct triples), the refusals of degenerate data, the penalizer (lifetimes'
 * `penalizer_coef`) and the wording of a fit that did not converge. The Gamma-Gamma spend model
 * (gammaGamma.ts) uses the parameter, penalizer and fit-failure checks.
 *
 * Each model's likelihood, penalty and predictions stay in its own module.
 */
import { CrmError } from "../errors";
import {
  checkSummaryRow,
  ClvMessages,
  type SummaryArgumentNames,
  type TimeUnit,
} from "./customerSummary";
import { FitMessages, type FitCounts } from "./fitMessages";
import {
  analyticHessian,
  minimizeLogParameterFit,
  warmStartFrom,
  type LogParameterFitOutcome,
  type ObjectiveWithHessian,
} from "./optimize";

const { exp, log } = Math;

/** see InteriorMinimumOptions.minimumCurvature: refuse parameters the data leave undetermined */
const MINIMUM_CURVATURE = 0.01;

/** What a purchase-model fit reads: per-customer frequency, recency and age (a CustomerSummary fits). */
export interface SummaryData {
  readonly x: ArrayLike<number>;
  readonly tx: ArrayLike<number>;
  readonly T: ArrayLike<number>;
  readonly timeUnit: TimeUnit;
  /** each row's customer id, when known: messages about one row then name the customer */
  readonly customerIds?: readonly string[];
}

/** A model parameter: finite and > 0 (CrmError `num` naming `argument` otherwise). */
export function requirePositive(value: number, argument: string): void {
  if (!Number.isFinite(value) || !(value > 0)) {
    throw new CrmError("num", ClvMessages.parameterNotPositive(argument, value), argument);
  }
}

/** A prediction horizon t: finite and ≥ 0, in the model's time unit (CrmError `num` naming `t`). */
export function requireHorizon(t: number): void {
  if (!Number.isFinite(t) || t < 0) {
    throw new CrmError("num", ClvMessages.negativeTime({ argument: "t" }, t), "t");
  }
}

/**
 * Checks the summary a purchase model is fitted to: the three columns of equal length, at least
 * one customer, and every row a consistent (x, tₓ, T) (checkSummaryRow in customerSummary.ts). A
 * bad row is named by its customer id when `customerIds` is given (a position inside the
 * summary means nothing to the user), else by its row. Cost O(customers).
 *
 * @throws CrmError `value` for columns of different lengths; `na` for no customers; `num` for a
 *   bad row
 */
export function checkSummaryData(data: SummaryData, names: SummaryArgumentNames): void {
  const n = data.x.length;
  if (data.tx.length !== n) {
    throw new CrmError(
      "value",
      ClvMessages.lengthMismatch(names.x, n, names.tx, data.tx.length),
      names.tx
    );
  }
  if (data.T.length !== n) {
    throw new CrmError(
      "value",
      ClvMessages.lengthMismatch(names.x, n, names.T, data.T.length),
      names.T
    );
  }
  if (n === 0) throw new CrmError("na", ClvMessages.emptySummary(names.x), names.x);
  const ids = data.customerIds;
  for (let i = 0; i < n; i++) {
    const x = data.x[i]!;
    const tx = data.tx[i]!;
    const T = data.T[i]!;
    // checkSummaryRow's rules in one expression (NaN fails every comparison): only a row that
    // fails them goes through checkSummaryRow, which words the message
    if (
      x >= 0 &&
      Number.isInteger(x) &&
      tx >= 0 &&
      tx <= T &&
      T < Infinity &&
      (x !== 0 || tx === 0)
    )
      continue;
    const id = ids?.[i];
    if (id === undefined) {
      checkSummaryRow(data.x[i]!, data.tx[i]!, data.T[i]!, undefined, i + 1, names);
      continue;
    }
    // Named by customer id: a position inside the summary means nothing to the user.
    try {
      checkSummaryRow(data.x[i]!, data.tx[i]!, data.T[i]!, undefined, undefined, names);
    } catch (error) {
      if (!(error instanceof CrmError)) throw error;
      throw new CrmError(error.kind, `Customer ${id}: ${error.message}`, error.argument);
    }
  }
}

/** Sums over the customers that set a fit's starting point and word its failures. */
export interface RepeatTotals {
  /** Σx: repeat purchase days over all customers */
  readonly repeatPurchases: number;
  /** customers with x > 0 */
  readonly repeatBuyers: number;
  /** ΣT: the customers' ages, in time units */
  readonly totalAge: number;
}

/**
 * Σx, the repeat buyers and ΣT of checked data; refuses data in which nobody bought twice (the
 * purchase rates then run off to 0). Cost O(customers).
 *
 * @throws CrmError `na` when no customer has a repeat purchase (naming `model`)
 */
export function repeatTotals(data: SummaryData, model: string): RepeatTotals {
  let repeatPurchases = 0;
  let repeatBuyers = 0;
  let totalAge = 0;
  for (let i = 0; i < data.x.length; i++) {
    repeatPurchases += data.x[i]!;
    if (data.x[i]! > 0) repeatBuyers++;
    totalAge += data.T[i]!;
  }
  if (repeatPurchases === 0)
    throw new CrmError("na", FitMessages.noRepeatBuyers(model, data.x.length));
  return { repeatPurchases, repeatBuyers, totalAge };
}

/** The distinct values of a column and, for each row, the index of its value. */
export interface Levels {
  readonly of: Int32Array;
  readonly values: Float64Array;
}

const hashWord = new Float64Array(1);
const hashHalves = new Uint32Array(hashWord.buffer);

/** Murmur3's 32-bit finaliser: spreads every input bit over the whole hash. */
function finalMix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** A 32-bit hash of a number's bit pattern (−0 hashes as 0). */
function hashNumber(value: number): number {
  hashWord[0] = value + 0;
  return finalMix(hashHalves[0]! ^ Math.imul(hashHalves[1]!, 0x9e3779b1));
}

/** An empty open-addressing table of `capacity` (a power of 2) slots, −1 = free. */
function emptySlots(capacity: number): Int32Array {
  return new Int32Array(capacity).fill(-1);
}

/**
 * A first table size for `rows` keys: room for them all at load ≤ ½ (a power of 2, at least 64)
 * up to {@link FIRST_CAPACITY_LIMIT} slots; a table grows by doubling as keys arrive (amortised
 * O(1) per key). The numbering (order of first occurrence) does not depend on it.
 */
function initialCapacity(rows: number): number {
  return tableCapacity(rows, FIRST_CAPACITY_LIMIT);
}

/** Slots for `keys` at load ≤ ½: a power of 2, at least 64, at most `limit`. */
function tableCapacity(keys: number, limit: number): number {
  let capacity = 64;
  while (capacity < 2 * keys && capacity < limit) capacity *= 2;
  return capacity;
}

/**
 * Largest first table (16 KB). A column of 200,000 customers usually holds a few hundred
 * distinct values (x, T in whole days), and every large typed array counts towards the
 * external memory whose growth makes V8 run a full garbage collection, which in Excel marks
 * the millions of one-cell arrays of the user's ranges (~250 ms at 1M rows; issue 13).
 */
const FIRST_CAPACITY_LIMIT = 1 << 12;

/** `array` copied into one twice as long (the growth step of the level lists below). */
function doubled<T extends Int32Array | Float64Array>(array: T): T {
  const larger = new (array.constructor as new (length: number) => T)(2 * array.length);
  larger.set(array);
  return larger;
}

/**
 * The distinct values of `column` in order of first occurrence and each row's level, by an
 * open-addressing hash table on typed arrays (values compared as Map compares keys: −0 = 0,
 * NaN = NaN); no per-row allocation. Cost O(rows).
 */
export function columnLevels(column: ArrayLike<number>): Levels {
  const n = column.length;
  const of = new Int32Array(n);
  let values = new Float64Array(Math.max(1, initialCapacity(n) / 2));
  let count = 0;
  let capacity = initialCapacity(n);
  let slots = emptySlots(capacity);
  for (let i = 0; i < n; i++) {
    const value = column[i]! + 0;
    let slot = hashNumber(value) & (capacity - 1);
    let level = slots[slot]!;
    while (level >= 0) {
      const stored = values[level]!;
      if (stored === value || (stored !== stored && value !== value)) break;
      slot = (slot + 1) & (capacity - 1);
      level = slots[slot]!;
    }
    if (level < 0) {
      level = count++;
      if (level === values.length) values = doubled(values);
      values[level] = value;
      slots[slot] = level;
      if (2 * count > capacity) {
        capacity *= 2;
        slots = emptySlots(capacity);
        for (let k = 0; k < count; k++) {
          let s = hashNumber(values[k]!) & (capacity - 1);
          while (slots[s]! >= 0) s = (s + 1) & (capacity - 1);
          slots[s] = k;
        }
      }
    }
    of[i] = level;
  }
  return { of, values: values.subarray(0, count) };
}

/** A 32-bit hash of a pair or triple of small non-negative integers. */
function hashLevels(u: number, v: number, w: number): number {
  return finalMix(Math.imul(u, 0x9e3779b1) ^ Math.imul(v, 0x85ebca6b) ^ Math.imul(w, 0x27d4eb2f));
}

/**
 * Customers grouped by identical (x, tₓ, T), with each distinct x, tₓ and T value listed once:
 * a likelihood then costs O(distinct triples) arithmetic plus O(distinct values) transcendental
 * functions per evaluation, instead of O(customers) of both. Identical customers contribute
 * identical terms, so the weighted sum equals the customer-by-customer one.
 */
export interface TripleGroups {
  /** customers grouped */
  readonly customers: number;
  /** distinct triples */
  readonly count: number;
  /** customers in each triple */
  readonly weight: Float64Array;
  /** each triple's index into xValues, txValues and ageValues */
  readonly xOf: Int32Array;
  readonly txOf: Int32Array;
  readonly ageOf: Int32Array;
  readonly xValues: Float64Array;
  readonly txValues: Float64Array;
  readonly ageValues: Float64Array;
}

/**
 * Groups the customers of `data` into distinct (x, tₓ, T) triples, numbered in order of first
 * occurrence, by open-addressing hash tables on typed arrays (no per-customer allocation: about
 * 10 ms for 200,000 customers). Row i stands for `weights[i]` customers (default 1 each: one
 * row per customer). Cost O(rows).
 */
export function groupTriples(
  data: Omit<SummaryData, "timeUnit">,
  weights?: Float64Array
): TripleGroups {
  const x = columnLevels(data.x);
  const tx = columnLevels(data.tx);
  const age = columnLevels(data.T);
  return groupLevelTriples(x.of, tx.of, age.of, x.values, tx.values, age.values, weights);
}

/**
 * The distinct triples of three level columns (row i: levels xLevel[i], txLevel[i],
 * ageLevel[i] of the value lists), numbered in order of first occurrence, each with the
 * customers of its rows (`weights`, default 1 a row). Cost O(rows).
 */
function groupLevelTriples(
  xLevel: Int32Array,
  txLevel: Int32Array,
  ageLevel: Int32Array,
  xValues: Float64Array,
  txValues: Float64Array,
  ageValues: Float64Array,
  weights: Float64Array | undefined
): TripleGroups {
  const n = xLevel.length;
  // Distinct triples often number nearly one per customer (tₓ and T in days): arrays and a
  // table sized for the most there can be are made once, rather than grown through every
  // doubling.
  const most = Math.min(n, xValues.length * txValues.length * ageValues.length);
  const weight = new Float64Array(most);
  const xOf = new Int32Array(most);
  const txOf = new Int32Array(most);
  const ageOf = new Int32Array(most);
  let count = 0;
  let capacity = tableCapacity(most, 1 << 22);
  let slots = emptySlots(capacity);
  for (let i = 0; i < n; i++) {
    const xl = xLevel[i]!;
    const tl = txLevel[i]!;
    const al = ageLevel[i]!;
    let slot = hashLevels(xl, tl, al) & (capacity - 1);
    let group = slots[slot]!;
    while (group >= 0 && !(xOf[group] === xl && txOf[group] === tl && ageOf[group] === al)) {
      slot = (slot + 1) & (capacity - 1);
      group = slots[slot]!;
    }
    const customers = weights === undefined ? 1 : weights[i]!;
    if (group >= 0) {
      weight[group] = weight[group]! + customers;
    } else {
      group = count++;
      weight[group] = customers;
      xOf[group] = xl;
      txOf[group] = tl;
      ageOf[group] = al;
      slots[slot] = group;
      if (2 * count > capacity) {
        capacity *= 2;
        slots = emptySlots(capacity);
        for (let k = 0; k < count; k++) {
          let s = hashLevels(xOf[k]!, txOf[k]!, ageOf[k]!) & (capacity - 1);
          while (slots[s]! >= 0) s = (s + 1) & (capacity - 1);
          slots[s] = k;
        }
      }
    }
  }
  let customers = n;
  if (weights !== undefined) {
    customers = 0;
    for (let i = 0; i < n; i++) customers += weights[i]!;
  }
  return {
    customers,
    count,
    // views, not copies (the arrays were sized for the most triples there can be)
    weight: weight.subarray(0, count),
    xOf: xOf.subarray(0, count),
    txOf: txOf.subarray(0, count),
    ageOf: ageOf.subarray(0, count),
    xValues,
    txValues,
    ageValues,
  };
}

/**
 * Distinct pairs (u[i], v[i]) of two level columns (small non-negative integers), numbered in
 * order of first occurrence: each row's pair, and each pair's u and v. Cost O(rows).
 */
export function groupLevelPairs(
  u: Int32Array,
  v: Int32Array
): { readonly of: Int32Array; readonly first: Int32Array; readonly second: Int32Array } {
  const n = u.length;
  const of = new Int32Array(n);
  let first = new Int32Array(Math.max(1, initialCapacity(n) / 2));
  let second = new Int32Array(first.length);
  let count = 0;
  let capacity = initialCapacity(n);
  let slots = emptySlots(capacity);
  for (let i = 0; i < n; i++) {
    const a = u[i]!;
    const b = v[i]!;
    let slot = hashLevels(a, b, 0) & (capacity - 1);
    let pair = slots[slot]!;
    while (pair >= 0 && !(first[pair] === a && second[pair] === b)) {
      slot = (slot + 1) & (capacity - 1);
      pair = slots[slot]!;
    }
    if (pair < 0) {
      pair = count++;
      if (pair === first.length) {
        first = doubled(first);
        second = doubled(second);
      }
      first[pair] = a;
      second[pair] = b;
      slots[slot] = pair;
      if (2 * count > capacity) {
        capacity *= 2;
        slots = emptySlots(capacity);
        for (let k = 0; k < count; k++) {
          let s = hashLevels(first[k]!, second[k]!, 0) & (capacity - 1);
          while (slots[s]! >= 0) s = (s + 1) & (capacity - 1);
          slots[s] = k;
        }
      }
    }
    of[i] = pair;
  }
  return { of, first: first.subarray(0, count), second: second.subarray(0, count) };
}

/**
 * A growing index of distinct pairs of numbers (compared as Map compares keys: −0 = 0, NaN =
 * NaN), numbered 0, 1, … in order of first occurrence: an open-addressing hash table on typed
 * arrays, so a lookup allocates nothing (a Map of Maps keyed on doubles costs several times
 * more per row). Cost O(1) expected per lookup.
 */
export class NumberPairIndex {
  private slots = emptySlots(64);
  private firsts = new Float64Array(32);
  private seconds = new Float64Array(32);
  /** distinct pairs seen */
  count = 0;

  /** The index of (u, v), given the next free index when the pair is new. */
  indexOf(u: number, v: number): number {
    const first = u + 0;
    const second = v + 0;
    const mask = this.slots.length - 1;
    let slot = (hashNumber(first) ^ Math.imul(hashNumber(second), 0x27d4eb2f)) & mask;
    for (;;) {
      const index = this.slots[slot]!;
      if (index < 0) break;
      const a = this.firsts[index]!;
      const b = this.seconds[index]!;
      if (
        (a === first || (a !== a && first !== first)) &&
        (b === second || (b !== b && second !== second))
      )
        return index;
      slot = (slot + 1) & mask;
    }
    const index = this.count++;
    if (index === this.firsts.length) {
      const firsts = new Float64Array(2 * index);
      const seconds = new Float64Array(2 * index);
      firsts.set(this.firsts);
      seconds.set(this.seconds);
      this.firsts = firsts;
      this.seconds = seconds;
    }
    this.firsts[index] = first;
    this.seconds[index] = second;
    this.slots[slot] = index;
    if (2 * this.count > this.slots.length) this.rehash(2 * this.slots.length);
    return index;
  }

  private rehash(capacity: number): void {
    const slots = emptySlots(capacity);
    for (let k = 0; k < this.count; k++) {
      let s =
        (hashNumber(this.firsts[k]!) ^ Math.imul(hashNumber(this.seconds[k]!), 0x27d4eb2f)) &
        (capacity - 1);
      while (slots[s]! >= 0) s = (s + 1) & (capacity - 1);
      slots[s] = k;
    }
    this.slots = slots;
  }
}

/**
 * {@link groupTriples} for a fit: refuses data in which every customer has the same history
 * (the likelihood then has no maximum). Cost O(customers).
 *
 * @throws CrmError `value` for a single distinct (x, tₓ, T) (naming `model`)
 */
export function groupFitTriples(data: SummaryData, model: string): TripleGroups {
  const groups = groupTriples(data);
  if (groups.count === 1) {
    throw new CrmError(
      "value",
      FitMessages.sameHistory(groups.customers, data.x[0]!, data.tx[0]!, data.T[0]!, model)
    );
  }
  return groups;
}

/**
 * Fits over at least this many distinct triples start from the same data on a coarse time grid
 * (see fitTripleLikelihood): below it a likelihood evaluation costs a few milliseconds at most
 * and the 30–45 of a plain search are cheap, so small data (CDNOW's 1,016 triples, the master's
 * 23,570 customers) keep the plain search and its exact digits.
 */
export const WARM_START_TRIPLES = 50_000;

/** Cells of the coarse time grid: steps of T_max / 32 (≈ 23 days over two years). */
const COARSE_GRID_CELLS = 32;

/**
 * The triples of `groups` on a coarser time grid: tₓ and T rounded to the nearest multiple of
 * T_max / `cells` (rounding is monotone, so tₓ ≤ T still holds), x kept, and the customers of
 * triples that then coincide added up. On the 1M-row bench's 196,193 customers (167,251 triples,
 * days in months) 32 cells leave 5,989. Cost O(triples).
 */
export function coarseTriples(groups: TripleGroups, cells: number): TripleGroups {
  const { count, txOf, ageOf } = groups;
  const step = oldestAge(groups.ageValues) / cells;
  if (!(step > 0)) return groups;
  const onGrid = (value: number) => Math.round(value / step) * step;
  // the coarse level of each fine tₓ and T level (arrays of a few hundred distinct values)
  const tx = columnLevels(Float64Array.from(groups.txValues, onGrid));
  const age = columnLevels(Float64Array.from(groups.ageValues, onGrid));
  const txLevel = new Int32Array(count);
  const ageLevel = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    txLevel[k] = tx.of[txOf[k]!]!;
    ageLevel[k] = age.of[ageOf[k]!]!;
  }
  return groupLevelTriples(
    groups.xOf,
    txLevel,
    ageLevel,
    groups.xValues,
    tx.values,
    age.values,
    groups.weight
  );
}

/**
 * The largest penalizer c the fits accept. The penalty c·Σθ² is added to the mean negative
 * log-likelihood per customer (a few nats on CDNOW), so from c ≈ 1 on it outweighs the data
 * for parameters of order 1 and shrinks them all towards 0 (on the CDNOW sample at c = 1 the
 * BG/NBD a is 0.04 against 0.79 unpenalised, and from c = 10 on the Gamma-Gamma fit has no
 * maximum): such a fit describes the penalty, not the customers. lifetimes' documentation
 * suggests 0.001 to 0.1.
 */
export const MAX_PENALIZER = 1;

/**
 * A penalizer c: a number from 0 to {@link MAX_PENALIZER}, checked before any fit (CrmError
 * `num` naming `penalizer` otherwise, with the range: a fit at 1E+308 would fail and blame the
 * data).
 */
export function requirePenalizer(penalizer: number): number {
  if (!(penalizer >= 0 && penalizer <= MAX_PENALIZER)) {
    throw new CrmError(
      "num",
      `penalizer must be a number from 0 to ${MAX_PENALIZER}, got ${penalizer}: lifetimes' usual values are 0.001 to 0.1, and above ${MAX_PENALIZER} the penalty outweighs the data and shrinks every parameter towards 0.`,
      "penalizer"
    );
  }
  return penalizer;
}

/** The oldest customer's age T_max (the time scale of the purchase models' penalties). */
export function oldestAge(T: ArrayLike<number>): number {
  let oldest = 0;
  for (let i = 0; i < T.length; i++) if (T[i]! > oldest) oldest = T[i]!;
  return oldest;
}

/**
 * A mean negative log-likelihood over log-parameters θ with lifetimes' L2 penalty added:
 * c · Σᵢ (exp(θᵢ)/scaleᵢ)², the natural parameters each divided by its scale (1, or T_max for a
 * time scale), and its gradient 2c·(exp(θᵢ)/scaleᵢ)² added to the likelihood's (and, when the
 * likelihood writes a Hessian, 4c·(exp(θᵢ)/scaleᵢ)² to its diagonal). With c = 0 the
 * likelihood itself. `scales` has one entry per parameter.
 */
export function penalizedObjective(
  likelihood: ObjectiveWithHessian,
  penalizer: number,
  scales: readonly number[]
): ObjectiveWithHessian {
  if (penalizer === 0) return likelihood;
  return (theta, gradient, hessian) => {
    const value = likelihood(theta, gradient, hessian);
    let penalty = 0;
    for (let i = 0; i < scales.length; i++) {
      const natural = exp(theta[i]!) / scales[i]!;
      penalty += natural * natural;
      gradient[i] = gradient[i]! + 2 * penalizer * natural * natural;
      if (hessian !== undefined) {
        const diagonal = i * scales.length + i;
        hessian[diagonal] = hessian[diagonal]! + 4 * penalizer * natural * natural;
      }
    }
    return value + penalizer * penalty;
  };
}

/** A converged bounded search (minimizeLogParameterFit in optimize.ts). */
export type ConvergedFit = Extract<LogParameterFitOutcome, { readonly converged: true }>;

/**
 * The outcome of a model's bounded search if it converged; otherwise the CrmError `value` that
 * says why the `model` fit failed and what to do (FitMessages.notFitted), never unconverged
 * numbers. `timeLimitMs` is the time the fit was given.
 *
 * @throws CrmError `value` for an unconverged search
 */
export function requireFitted(
  outcome: LogParameterFitOutcome,
  model: string,
  counts: FitCounts,
  timeLimitMs: number
): ConvergedFit {
  if (!outcome.converged) {
    throw new CrmError("value", FitMessages.notFitted(model, outcome.failure, counts, timeLimitMs));
  }
  return outcome;
}

/** How {@link fitTripleLikelihood} searches, and what its failure message names. */
export interface TripleFitSettings {
  /** the model's name in messages ("BG/NBD") */
  readonly model: string;
  /** the parameters' names, in θ's order */
  readonly parameterNames: readonly string[];
  /** the starting point, natural parameters (> 0) */
  readonly start: readonly number[];
  /** the penalizer c ≥ 0 and each parameter's scale in the penalty (see penalizedObjective) */
  readonly penalizer: number;
  readonly penaltyScales: readonly number[];
  /** iteration limit of each BFGS run */
  readonly maxIterations: number;
  /** Date.now() times: when the fit started and after which it gives up */
  readonly startedAt: number;
  readonly deadline: number;
  /** customers with x > 0 (for the failure message) */
  readonly repeatBuyers: number;
  /**
   * The model's likelihood (as `likelihood` is of `groups`) of other triples. Given, a fit over
   * at least {@link WARM_START_TRIPLES} triples first fits {@link coarseTriples} and starts
   * from there when that fit is clear (warmStartFrom in optimize.ts). BG/NBD gives it;
   * Pareto/NBD does not (QA: its quadrature made some coarse line searches far slower than
   * the plain fit).
   */
  readonly likelihoodOf?: (
    groups: TripleGroups
  ) => (theta: Float64Array, gradient: Float64Array) => number;
  /**
   * Whether `likelihood` writes its exact Hessian when asked (ObjectiveWithHessian): the
   * certification then takes one evaluation instead of central differences of 2n gradients
   * (BG/NBD; Pareto/NBD has none).
   */
  readonly exactHessian?: boolean;
}

/** What a purchase-model fit reports besides its parameters. */
export interface TripleFitReport {
  /** the log-likelihood at the estimate, summed over customers (without the penalty) */
  readonly logLikelihood: number;
  /** optimiser iterations used, over all runs */
  readonly iterations: number;
  /** always true: a fit that does not converge throws instead */
  readonly converged: true;
  /** customers fitted */
  readonly customers: number;
  /** customers with at least one repeat purchase day (x > 0) */
  readonly repeatBuyers: number;
  /** distinct (x, tₓ, T) triples, the likelihood's actual cost */
  readonly distinctTriples: number;
}

/** A certified maximum of a purchase model's likelihood. */
export interface TripleFitResult {
  /** the natural parameters, in θ's order */
  readonly params: number[];
  /** the unpenalised log-likelihood at the estimate, summed over customers */
  readonly logLikelihood: number;
  /** optimiser iterations used, over all runs */
  readonly iterations: number;
}

/**
 * The maximum-likelihood search of a purchase model over θ = ln(parameters): `likelihood` (the
 * mean negative log-likelihood over the customers of `groups`, with its gradient) plus the
 * penalty, minimised by minimizeLogParameterFit (optimize.ts) from the start, certified with a
 * curvature floor of 0.01/N for N customers (on the exact Hessian where the likelihood writes
 * one, `exactHessian`; else on central differences), and refused with a worded CrmError if it
 * does not converge ({@link requireFitted}). The log-likelihood returned is without the penalty (the same
 * number when the penalizer is 0).
 *
 * @throws CrmError `value` when the search has no certified maximum
 */
export function fitTripleLikelihood(
  likelihood: ObjectiveWithHessian,
  groups: TripleGroups,
  settings: TripleFitSettings
): TripleFitResult {
  const { penalizer, deadline } = settings;
  const theta0 = settings.start.map(log);
  const objective = penalizedObjective(likelihood, penalizer, settings.penaltyScales);
  const outcome = minimizeLogParameterFit(objective, theta0, settings.parameterNames, {
    maxIterations: settings.maxIterations,
    hessian: settings.exactHessian
      ? (theta: Float64Array) => analyticHessian(objective, theta)
      : undefined,
    deadline,
    minimumCurvature: MINIMUM_CURVATURE / groups.customers,
    warmStart:
      settings.likelihoodOf !== undefined && groups.count >= WARM_START_TRIPLES
        ? warmStartFrom(
            penalizedObjective(
              settings.likelihoodOf(coarseTriples(groups, COARSE_GRID_CELLS)),
              penalizer,
              settings.penaltyScales
            ),
            theta0,
            { ...settings, customers: groups.customers }
          )
        : undefined,
  });
  const fitted = requireFitted(
    outcome,
    settings.model,
    { customers: groups.customers, repeatBuyers: settings.repeatBuyers },
    deadline - settings.startedAt
  );
  const meanNegative =
    penalizer === 0
      ? fitted.value
      : likelihood(fitted.theta, new Float64Array(fitted.theta.length));
  return {
    params: Array.from(fitted.theta, exp),
    logLikelihood: -meanNegative * groups.customers,
    iterations: fitted.iterations,
  };
}
