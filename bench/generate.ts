/**
 * A seeded generator of transaction columns shaped the way Excel hands a range to a custom
 * function: one 2-D array per column, one single-cell row per transaction.
 */

/** mulberry32: a small, fast, seedable PRNG, so every run benchmarks the same data. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Gamma(shape, 1) draws from `random`: Marsaglia–Tsang, with the boost for shape < 1. */
export function gammaSampler(random: () => number): (shape: number) => number {
  const gamma = (shape: number): number => {
    if (shape < 1) return gamma(shape + 1) * random() ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let z: number;
      let v: number;
      do {
        const u1 = random() || 1e-300;
        z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * random());
        v = 1 + c * z;
      } while (v <= 0);
      v = v * v * v;
      if (Math.log(random() || 1e-300) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
    }
  };
  return gamma;
}

export interface GeneratedColumns {
  customerIds: unknown[][];
  dates: unknown[][];
  amounts: unknown[][];
  firstDay: number;
  lastDay: number;
}

/**
 * `rows` transactions of `customers` customers over `days` days from 2023-01-01 (serial 44927):
 * each customer has a first-purchase day, a purchase rate and a typical spend; ids are numbers for most customers
 * and text for some (as real sheets mix them), amounts have cents.
 */
export function generateTransactions(
  rows: number,
  customers: number,
  days: number,
  seed = 20261122
): GeneratedColumns {
  const random = prng(seed);
  const firstDay = 44927;
  const customerIds: unknown[][] = new Array(rows);
  const dates: unknown[][] = new Array(rows);
  const amounts: unknown[][] = new Array(rows);
  const joined = new Int32Array(customers);
  // Each customer's typical spend: 8 to about 300, most near 30 (customers differ in what they
  // spend, as the Gamma-Gamma model assumes; i.i.d. amounts would leave it nothing to fit).
  const spend = new Float64Array(customers);
  for (let c = 0; c < customers; c++) {
    joined[c] = Math.floor(random() * random() * days);
    spend[c] = 8 + 22 * Math.exp(2.5 * (random() * random() - 0.25));
  }
  for (let i = 0; i < rows; i++) {
    // Skewed towards low customer numbers: a few heavy buyers, many occasional ones.
    const c = Math.floor(customers * random() ** 1.6);
    const since = joined[c]!;
    const day = firstDay + since + Math.floor(random() * (days - since));
    const id = 100000 + c;
    customerIds[i] = [c % 10 === 0 ? String(id) : id];
    dates[i] = [day];
    amounts[i] = [Math.round(spend[c]! * (0.5 + random()) * 100) / 100];
  }
  return { customerIds, dates, amounts, firstDay, lastDay: firstDay + days - 1 };
}
