/**
 * Fit once per runtime (issue 13 "Fit once, use everywhere"; SPEC §2 "Predictive CLV": "A fit
 * is done once and reused"). Excel recalculates every CLVFIT, PALIVE, EXPECTEDPURCHASES and
 * PREDICTEDCLV formula on its own; each reads the same transactions, so without a cache a
 * workbook fits the same model once per formula and per recalculation. Here a fit is
 * remembered by what it was fitted to:
 *
 * - the key is the model (purchase model kind, or the spend model), every setting that changes
 *   the estimate (penalizer, time unit, iteration limit, starting point) and the content of the
 *   summary arrays the fit reads (x, tₓ, T for a purchase model; x, monetary for the spend
 *   model): a 64-bit fingerprint of their numbers (taken only when a lookup needs it) finds
 *   the entry, then the stored copies are compared number by number, so a hit is the same input exactly and a cached fit is never
 *   stale, even on a fingerprint collision (columns nobody writes into any more, the input
 *   cache's summaries, are kept by reference instead: {@link markShared});
 * - only fits that succeed are kept (a refusal is quick to repeat, and a deadline failure may
 *   succeed on a less busy machine);
 * - at most {@link FIT_CACHE_ENTRIES} entries, least recently used dropped first, so memory
 *   stays bounded (each entry holds its input arrays: 16–24 bytes per customer). A fit and the
 *   same fit with its standard errors (what CLVFIT shows) are two entries, so the cache holds
 *   the fits of at least 3 data sets with both models.
 *
 * Settings that change only messages (column names, customer ids) or the time budget are not
 * part of the key: they do not change a successful fit. Cost of a lookup: O(customers), a
 * fraction of a millisecond for 23,570 customers, against 20–200 ms for a fit.
 */
import { fitBgnbd, type BgnbdData, type BgnbdFit } from "./bgnbd";
import {
  bgnbdPurchaseModelFit,
  fitPurchaseModel,
  type PurchaseFitOptions,
} from "./fitPurchaseModel";
import { spendModelFit, type SpendModelFit } from "./fitSpendModel";
import {
  fitGammaGamma,
  type GammaGammaData,
  type GammaGammaFit,
  type GammaGammaFitOptions,
} from "./gammaGamma";
import type { PurchaseModelFit, PurchaseModelKind } from "./purchaseModel";

/** Most fits kept at once (least recently used dropped first). */
export const FIT_CACHE_ENTRIES = 12;

/** What a cache entry is keyed on: a model name, its settings and its input columns. */
export interface FitCacheKey {
  /** the model fitted, e.g. "bgnbd", "pareto_nbd", "gamma_gamma" */
  readonly model: string;
  /** every setting that changes the estimate, in a fixed order (undefined for "default") */
  readonly settings: readonly (string | number | undefined)[];
  /** the data columns the fit reads, in a fixed order */
  readonly columns: readonly ArrayLike<number>[];
}

interface Entry {
  /** the key's model and settings, text */
  readonly settings: string;
  /** the key's fingerprint, taken when a lookup first needs it (see cachedFit) */
  fingerprint: string | undefined;
  readonly columns: readonly (Int32Array | Float64Array)[];
  readonly value: unknown;
}

/** Counts since the runtime started (or {@link clearFitCache}): for tests and benchmarks. */
export interface FitCacheStats {
  /** fits actually run (cache misses that called the fit) */
  fits: number;
  /** calls answered from the cache */
  hits: number;
}

const entries: Entry[] = [];
const stats: FitCacheStats = { fits: 0, hits: 0 };

/** The counters of {@link cachedFit} (a snapshot). */
export function fitCacheStats(): FitCacheStats {
  return { ...stats };
}

/** Entries currently held (at most {@link FIT_CACHE_ENTRIES}). */
export function fitCacheSize(): number {
  return entries.length;
}

/** Forgets every fit and resets the counters. */
export function clearFitCache(): void {
  entries.length = 0;
  stats.fits = 0;
  stats.hits = 0;
}

const word = new Float64Array(1);
const halves = new Uint32Array(word.buffer);

/**
 * A 64-bit fingerprint (two 32-bit multiply–xorshift hashes, hex) of a key: its model and
 * settings as text, each column's length and the bit pattern of every number (−0 and 0 hash
 * alike; NaN never occurs in a summary). O(total length).
 */
function fingerprint(text: string, columns: readonly ArrayLike<number>[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x9e3779b9;
  const mix = (value: number) => {
    h1 = Math.imul(h1 ^ value, 0x01000193);
    h2 = Math.imul(h2 ^ value, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  };
  for (let i = 0; i < text.length; i++) mix(text.charCodeAt(i));
  for (const column of columns) {
    mix(column.length);
    // mix() written out on locals: the columns hold a value per customer (200,000 and more)
    let a = h1;
    let b = h2;
    for (let i = 0; i < column.length; i++) {
      word[0] = column[i]! + 0;
      const low = halves[0]!;
      const high = halves[1]!;
      a = Math.imul(a ^ low, 0x01000193);
      b = Math.imul(b ^ low, 0x5bd1e995);
      b ^= b >>> 15;
      a = Math.imul(a ^ high, 0x01000193);
      b = Math.imul(b ^ high, 0x5bd1e995);
      b ^= b >>> 15;
    }
    h1 = a;
    h2 = b;
  }
  return `${text}#${(h1 >>> 0).toString(16)}${(h2 >>> 0).toString(16)}`;
}

/** Arrays declared never to be written again ({@link markShared}). */
const shared = new WeakSet<object>();

/**
 * Declares typed arrays that nobody writes into from now on: the input cache's customer
 * summaries (inputCache.ts), which later formulas already share on that promise. The cache
 * then keeps such a key column by reference instead of a copy, so a fit of 200,000 customers
 * makes no 6 MB of copies (each large array made counts towards V8's next full garbage
 * collection); a lookup still compares the numbers, so an entry is never stale as long as the
 * promise holds.
 */
export function markShared(...columns: readonly (Int32Array | Float64Array)[]): void {
  for (const column of columns) shared.add(column);
}

/**
 * The key column as the entry keeps it: itself when it is {@link markShared}, else a copy, in
 * its own kind of typed array when it is one (x stays 4 bytes a customer).
 */
function keptColumn(column: ArrayLike<number>): Int32Array | Float64Array {
  if (column instanceof Int32Array || column instanceof Float64Array) {
    return shared.has(column) ? column : column.slice();
  }
  return Float64Array.from(column);
}

function sameColumns(
  stored: readonly (Int32Array | Float64Array)[],
  columns: readonly ArrayLike<number>[]
) {
  if (stored.length !== columns.length) return false;
  for (let c = 0; c < columns.length; c++) {
    const a = stored[c]!;
    const b = columns[c]!;
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  }
  return true;
}

/**
 * `fit()`'s result for `key`, run at most once per distinct key while it stays among the
 * {@link FIT_CACHE_ENTRIES} most recently used. A fit that throws is not kept (the error
 * propagates). The caller must put into `key` everything `fit` reads that changes its result.
 * `countsAsFit` false: an entry that only wraps another (a model with standard errors around a
 * cached fit) and is left out of {@link fitCacheStats}.
 */
export function cachedFit<T>(key: FitCacheKey, fit: () => T, countsAsFit = true): T {
  const settings = `${key.model}|${key.settings.map((s) => (s === undefined ? "" : String(s))).join("|")}`;
  const found = lookUp(settings, key.columns);
  if (found !== undefined) {
    if (countsAsFit) stats.hits++;
    return found.value as T;
  }
  if (countsAsFit) stats.fits++;
  const value = fit();
  entries.unshift({
    settings,
    fingerprint: undefined,
    columns: key.columns.map(keptColumn),
    value,
  });
  if (entries.length > FIT_CACHE_ENTRIES) entries.length = FIT_CACHE_ENTRIES;
  return value;
}

/**
 * The entry of these settings and columns, moved to the front, or undefined. An entry holding
 * the very same shared arrays ({@link markShared}: never written since) is found without
 * reading a number (a recalculation over the input cache's summary); otherwise fingerprints
 * (the key's, and each entry's own the first time it is needed, from its kept columns) find
 * the candidates, and every number is compared. A first fit hashes nothing.
 */
function lookUp(settings: string, columns: readonly ArrayLike<number>[]): Entry | undefined {
  let at = entries.findIndex(
    (entry) =>
      entry.settings === settings &&
      entry.columns.length === columns.length &&
      entry.columns.every((column, c) => column === columns[c] && shared.has(column))
  );
  if (at < 0 && entries.some((entry) => entry.settings === settings)) {
    const print = fingerprint(settings, columns);
    at = entries.findIndex((entry) => {
      if (entry.settings !== settings) return false;
      entry.fingerprint ??= fingerprint(entry.settings, entry.columns);
      return entry.fingerprint === print && sameColumns(entry.columns, columns);
    });
  }
  if (at < 0) return undefined;
  const entry = entries[at]!;
  if (at > 0) {
    entries.splice(at, 1);
    entries.unshift(entry);
  }
  return entry;
}

/** The settings of a purchase-model fit that change its estimate, in a fixed order. */
function purchaseSettings(data: BgnbdData, options: PurchaseFitOptions) {
  const start = options.start;
  return [
    data.timeUnit,
    options.penalizer ?? 0,
    options.maxIterations,
    start && `${start.r},${start.alpha},${start.a},${start.b}`,
  ];
}

/**
 * {@link fitBgnbd} through the cache: keyed on the time unit, the penalizer, the iteration
 * limit, the starting point and the x, tₓ, T columns. The raw-transaction functions (PALIVE,
 * EXPECTEDPURCHASES, PREDICTEDCLV) and CLVFIT share this entry, so one data set is fitted once
 * whichever of them asks first.
 */
export function cachedBgnbdFit(data: BgnbdData, options: PurchaseFitOptions = {}): BgnbdFit {
  return cachedFit(
    {
      model: "bgnbd",
      settings: purchaseSettings(data, options),
      columns: [data.x, data.tx, data.T],
    },
    () => fitBgnbd(data, options)
  );
}

/**
 * {@link fitPurchaseModel} through the cache (the same key as {@link cachedBgnbdFit}, plus the
 * model kind). A BG/NBD model is built on the shared {@link cachedBgnbdFit}; the model with its
 * standard errors is kept too, so they are computed once.
 */
export function cachedPurchaseFit(
  kind: PurchaseModelKind,
  data: BgnbdData,
  options: PurchaseFitOptions = {}
): PurchaseModelFit {
  const key = {
    model: `${kind}.model`,
    settings: purchaseSettings(data, options),
    columns: [data.x, data.tx, data.T],
  };
  if (kind === "bgnbd") {
    const fit = cachedBgnbdFit(data, options);
    return cachedFit(key, () => bgnbdPurchaseModelFit(fit, data, options.penalizer ?? 0), false);
  }
  return cachedFit(key, () => fitPurchaseModel(kind, data, options));
}

/** The settings of a spend-model fit that change its estimate, in a fixed order. */
function spendSettings(options: GammaGammaFitOptions) {
  const start = options.start;
  return [
    options.penalizer ?? 0,
    options.maxIterations,
    start && `${start.p},${start.q},${start.gamma}`,
  ];
}

/**
 * {@link fitGammaGamma} through the cache: keyed on the penalizer, the iteration limit, the
 * starting point and the x, monetary columns (shared by CLVFIT and PREDICTEDCLV).
 */
export function cachedGammaGammaFit(
  data: GammaGammaData,
  options: GammaGammaFitOptions = {}
): GammaGammaFit {
  return cachedFit(
    { model: "gamma_gamma", settings: spendSettings(options), columns: [data.x, data.monetary] },
    () => fitGammaGamma(data, options)
  );
}

/**
 * {@link fitSpendModel} (Gamma-Gamma with standard errors) through the cache, built on the
 * shared {@link cachedGammaGammaFit}; kept, so the standard errors are computed once.
 */
export function cachedSpendFit(
  data: GammaGammaData,
  options: GammaGammaFitOptions = {}
): SpendModelFit {
  const fit = cachedGammaGammaFit(data, options);
  return cachedFit(
    {
      model: "gamma_gamma.model",
      settings: spendSettings(options),
      columns: [data.x, data.monetary],
    },
    () => spendModelFit(fit, data, options.penalizer ?? 0),
    false
  );
}
