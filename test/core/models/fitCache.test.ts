/**
 * The fit cache (src/core/models/fitCache.ts; issue 13: "Within one runtime, identical inputs
 * must not be fitted twice (a cache keyed on the data, never stale)"). Transactions go through
 * the same summary the worksheet functions build, so "an edited cell" is a cell of the
 * transactions table.
 */
import { expect } from "../../support/expect";
import {
  customerSummary,
  type CustomerSummary,
  type TransactionColumns,
} from "../../../src/core/models/customerSummary";
import {
  cachedBgnbdFit,
  cachedFit,
  cachedGammaGammaFit,
  cachedPurchaseFit,
  cachedSpendFit,
  clearFitCache,
  FIT_CACHE_ENTRIES,
  fitCacheSize,
  fitCacheStats,
  markShared,
} from "../../../src/core/models/fitCache";
import { fitBgnbd } from "../../../src/core/models/bgnbd";
import { CDNOW_CALIBRATION_END, loadCdnowSample } from "../../support/cdnow";

const sample = loadCdnowSample();
const summarise = (columns: TransactionColumns): CustomerSummary =>
  customerSummary(columns, { calibrationEnd: CDNOW_CALIBRATION_END, timeUnit: "week" });

/** The sample with one cell changed (a copy). */
function edited(
  change: (copy: { customerIndex: Int32Array; days: Int32Array; amounts: Float64Array }) => void
) {
  const copy = {
    ...sample,
    customerIndex: Int32Array.from(sample.customerIndex),
    days: Int32Array.from(sample.days),
    amounts: Float64Array.from(sample.amounts),
  };
  change(copy);
  return copy;
}

/**
 * A row holding a repeat buyer's last purchase day (before the calibration end): editing its
 * date changes that customer's recency t_x, its amount their monetary value.
 */
function repeatRow(): number {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  for (let i = 0; i < sample.days.length; i++) {
    const c = sample.customerIndex[i]!;
    const day = sample.days[i]!;
    if (day > CDNOW_CALIBRATION_END) continue;
    if (!first.has(c) || day < sample.days[first.get(c)!]!) first.set(c, i);
    if (!last.has(c) || day > sample.days[last.get(c)!]!) last.set(c, i);
  }
  for (const [c, i] of last) {
    const day = sample.days[i]!;
    if (day > sample.days[first.get(c)!]! && day < CDNOW_CALIBRATION_END - 30) return i;
  }
  throw new Error("no repeat purchase in the sample");
}

beforeEach(function () {
  // vitest ran this hook for this file's tests only; a mocha root hook runs for all.
  if (this.currentTest?.file !== import.meta.filename) return;
  return clearFitCache();
});

describe("identical inputs are fitted once", () => {
  it("two CLVFIT-style calls on the same transactions fit BG/NBD and Gamma-Gamma once each", () => {
    const first = summarise(sample);
    const purchase1 = cachedPurchaseFit("bgnbd", first);
    const spend1 = cachedSpendFit(first);
    expect(fitCacheStats()).toEqual({ fits: 2, hits: 0 });
    const again = summarise(sample); // a recalculation: new arrays, same numbers
    const purchase2 = cachedPurchaseFit("bgnbd", again);
    const spend2 = cachedSpendFit(again);
    expect(fitCacheStats()).toEqual({ fits: 2, hits: 2 });
    expect(purchase2).toBe(purchase1);
    expect(spend2).toBe(spend1);
  });

  it("PALIVE (the raw BG/NBD fit) and CLVFIT (the fit with standard errors) share one fit", () => {
    const summary = summarise(sample);
    const raw = cachedBgnbdFit(summary);
    const model = cachedPurchaseFit("bgnbd", summary);
    expect(fitCacheStats().fits).toBe(1);
    expect(model.parameters[0]!.value).toBe(raw.r);
    cachedGammaGammaFit(summary);
    cachedSpendFit(summary);
    expect(fitCacheStats().fits).toBe(2);
  });

  it("a cached fit is the fit: the same numbers as fitting directly", () => {
    const summary = summarise(sample);
    const direct = fitBgnbd(summary);
    const cached = cachedBgnbdFit(summary);
    for (const key of ["r", "alpha", "a", "b", "logLikelihood"] as const)
      expect(cached[key]).toBe(direct[key]);
  });
});

describe("an edited cell refits (never stale)", () => {
  it("one date moved: BG/NBD and Gamma-Gamma refit", () => {
    const row = repeatRow();
    cachedBgnbdFit(summarise(sample));
    const moved = summarise(edited((c) => (c.days[row] = c.days[row]! + 1)));
    cachedBgnbdFit(moved);
    expect(fitCacheStats()).toEqual({ fits: 2, hits: 0 });
  });

  it("one amount changed: the spend model refits, the purchase model (which never reads amounts) does not", () => {
    const row = repeatRow();
    const before = summarise(sample);
    cachedBgnbdFit(before);
    cachedGammaGammaFit(before);
    const after = summarise(edited((c) => (c.amounts[row] = c.amounts[row]! + 1)));
    cachedBgnbdFit(after);
    cachedGammaGammaFit(after);
    expect(fitCacheStats()).toEqual({ fits: 3, hits: 1 });
  });

  it("one id changed so that a purchase moves to another customer: refits", () => {
    const row = repeatRow();
    cachedBgnbdFit(summarise(sample));
    const other = (sample.customerIndex[row]! + 1) % sample.customerIds.length;
    cachedBgnbdFit(summarise(edited((c) => (c.customerIndex[row] = other))));
    expect(fitCacheStats().fits).toBe(2);
  });

  it("a different penalizer, time unit or model kind refits", () => {
    const weeks = summarise(sample);
    cachedBgnbdFit(weeks);
    cachedBgnbdFit(weeks, { penalizer: 0.001 });
    cachedBgnbdFit(
      customerSummary(sample, { calibrationEnd: CDNOW_CALIBRATION_END, timeUnit: "day" })
    );
    expect(fitCacheStats()).toEqual({ fits: 3, hits: 0 });
  });

  it("a fit that fails is not kept: the same call fails again, and is counted each time", () => {
    const degenerate = {
      x: [1, 0, 2, 0, 1],
      tx: [5, 0, 8, 0, 3],
      T: [10, 10, 10, 10, 10],
      timeUnit: "week" as const,
    };
    expect(() => cachedBgnbdFit(degenerate)).toThrow();
    expect(() => cachedBgnbdFit(degenerate)).toThrow();
    expect(fitCacheStats().fits).toBe(2);
    expect(fitCacheSize()).toBe(0);
  });
});

describe("the cache is bounded", () => {
  it(`holds at most ${FIT_CACHE_ENTRIES} fits, dropping the least recently used`, () => {
    const fit = (i: number) =>
      cachedFit({ model: "test", settings: [i], columns: [[i]] }, () => ({ i }));
    for (let i = 0; i < FIT_CACHE_ENTRIES + 5; i++) fit(i);
    expect(fitCacheSize()).toBe(FIT_CACHE_ENTRIES);
    const fits = fitCacheStats().fits;
    fit(FIT_CACHE_ENTRIES + 4); // the most recent: a hit
    expect(fitCacheStats().fits).toBe(fits);
    fit(0); // the oldest was dropped: fitted again
    expect(fitCacheStats().fits).toBe(fits + 1);
    expect(fitCacheSize()).toBe(FIT_CACHE_ENTRIES);
  });

  it("tells columns apart that differ in one number only, even at equal fingerprints' settings", () => {
    const a = cachedFit({ model: "test", settings: [], columns: [[1, 2, 3]] }, () => "a");
    const b = cachedFit(
      { model: "test", settings: [], columns: [[1, 2, 3.0000000001]] },
      () => "b"
    );
    const c = cachedFit({ model: "test", settings: [], columns: [[1, 2]] }, () => "c");
    expect([a, b, c]).toEqual(["a", "b", "c"]);
  });
});

describe("key columns: copied, unless declared shared (markShared)", () => {
  it("a column written into after the fit does not turn the entry into a stale hit: it was copied", () => {
    const column = Float64Array.of(1, 2, 3);
    cachedFit({ model: "test", settings: [], columns: [column] }, () => "before");
    column[1] = 5;
    // the same array, new numbers: a miss, fitted again
    expect(cachedFit({ model: "test", settings: [], columns: [column] }, () => "after")).toBe(
      "after"
    );
    // and the old numbers, in a new array, still find the first entry
    expect(
      cachedFit({ model: "test", settings: [], columns: [Float64Array.of(1, 2, 3)] }, () => "x")
    ).toBe("before");
  });

  it("a shared column is kept by reference and still found by its numbers", () => {
    const x = Int32Array.of(0, 1, 2);
    const monetary = Float64Array.of(0, 10.5, 20.25);
    markShared(x, monetary);
    cachedFit({ model: "test", settings: [], columns: [x, monetary] }, () => "fitted");
    // an equal summary in new arrays (the same data read again): a hit
    expect(
      cachedFit(
        {
          model: "test",
          settings: [],
          columns: [Int32Array.of(0, 1, 2), Float64Array.of(0, 10.5, 20.25)],
        },
        () => "again"
      )
    ).toBe("fitted");
    expect(fitCacheStats()).toEqual({ fits: 1, hits: 1 });
  });

  it("the same shared arrays again are a hit for the same settings only", () => {
    const x = Int32Array.of(0, 1, 2);
    const T = Float64Array.of(3, 4, 5);
    markShared(x, T);
    const fit = (penalizer: number) =>
      cachedFit({ model: "test", settings: [penalizer], columns: [x, T] }, () => penalizer);
    expect([fit(0), fit(0), fit(0.1), fit(0.1), fit(0)]).toEqual([0, 0, 0.1, 0.1, 0]);
    expect(fitCacheStats()).toEqual({ fits: 2, hits: 3 });
  });
});
