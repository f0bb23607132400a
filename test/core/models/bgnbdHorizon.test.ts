/**
 * The (x, T) / P(alive) split of BG/NBD horizon predictions (bgnbdHorizon.ts) against the
 * per-history step-by-step computation it replaces: expectedPurchases (FHL 2005 eq. (10)) at
 * each step's end, differenced and discounted (discountedExpectedPurchases in gammaGamma.ts).
 * The split is exact algebra (eq. (10) = P(alive) × a function of x, T and t), so the two agree
 * to rounding: 1e-12 relative, on CDNOW and on synthetic histories including a near 1 (both
 * inside and outside the interpolation band of the removable singularity), a + b + x − 1 near 0
 * and large x.
 */
import { expect } from "../../support/expect";
import {
  expectedPurchases,
  fitBgnbd,
  probabilityAlive,
  type BgnbdModel,
} from "../../../src/core/models/bgnbd";
import {
  bgnbdHistoryPrediction,
  bgnbdHorizonPart,
  bgnbdHorizonPredictor,
  distinctHorizonPairs,
  horizonPairs,
} from "../../../src/core/models/bgnbdHorizon";
import { customerSummary } from "../../../src/core/models/customerSummary";
import { discountedExpectedPurchases } from "../../../src/core/models/gammaGamma";
import { hyp2f1MinusOne } from "../../../src/core/models/special";
import { CDNOW_CALIBRATION_END, loadCdnowSample } from "../../support/cdnow";
import { expectCrmError } from "../expectError";

function expectRelative(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(
    tolerance * Math.max(Math.abs(expected), 1e-300)
  );
}

/** The per-history computation: ⌈H⌉ expectedPurchases per (x, tₓ, T). */
function oldPath(
  model: BgnbdModel,
  x: number,
  tx: number,
  T: number,
  horizon: number,
  rate: number
): { purchases: number; discounted: number } {
  return {
    purchases: expectedPurchases(model, horizon, x, tx, T),
    discounted: discountedExpectedPurchases(
      model,
      { x, tx, T },
      { horizon, discountRatePerUnit: rate, timeUnit: model.timeUnit }
    ),
  };
}

function compare(
  model: BgnbdModel,
  histories: readonly (readonly [number, number, number])[],
  horizon: number,
  rate: number
): void {
  const predict = bgnbdHorizonPredictor(model, { horizon, discountRate: rate });
  for (const [x, tx, T] of histories) {
    const expected = oldPath(model, x, tx, T, horizon, rate);
    const actual = predict(x, tx, T);
    expectRelative(actual.purchases, expected.purchases, 1e-12);
    expectRelative(actual.discounted, expected.discounted, 1e-12);
  }
}

/** Synthetic histories: one-time buyers, frequent buyers (x up to 400), recent and lapsed. */
const SYNTHETIC: readonly (readonly [number, number, number])[] = [
  [0, 0, 0],
  [0, 0, 5.5],
  [1, 0.5, 1],
  [1, 3, 40],
  [2, 30.43, 38.86],
  [7, 20, 52],
  [40, 77.9, 78],
  [40, 10, 78],
  [150, 300, 310],
  [400, 500, 520],
  [400, 12, 520],
];

describe("BG/NBD horizon predictions split into (x, T) × P(alive)", () => {
  const summary = customerSummary(loadCdnowSample(), {
    calibrationEnd: CDNOW_CALIBRATION_END,
    timeUnit: "week",
  });
  const cdnow = fitBgnbd(summary);

  it("equals the per-history computation on every CDNOW customer (52 weeks, 0.2 % per week; 1e-12 relative)", () => {
    const histories = Array.from(summary.x, (x, i) => [x, summary.tx[i]!, summary.T[i]!] as const);
    compare(cdnow, histories, 52, 0.002);
  });

  it("equals it for a fractional horizon (39.5 weeks: the last step partial) and undiscounted", () => {
    const histories = Array.from(
      summary.x.slice(0, 300),
      (x, i) => [x, summary.tx[i]!, summary.T[i]!] as const
    );
    compare(cdnow, histories, 39.5, 0);
    compare(cdnow, histories, 0.25, 0.01);
  });

  it("gives 0 for a horizon of 0", () => {
    const predict = bgnbdHorizonPredictor(cdnow, { horizon: 0, discountRate: 0.01 });
    const prediction = predict(2, 30.43, 38.86);
    expect(prediction.purchases).toBe(0);
    expect(prediction.discounted).toBe(0);
  });

  it("gives P(alive) as probabilityAlive does, on every CDNOW customer (exactly)", () => {
    const predict = bgnbdHorizonPredictor(cdnow, { horizon: 3, discountRate: 0 });
    for (let i = 0; i < summary.x.length; i++) {
      const [x, tx, T] = [summary.x[i]!, summary.tx[i]!, summary.T[i]!];
      expect(predict(x, tx, T).alive).toBe(probabilityAlive(cdnow, x, tx, T));
    }
  });

  it("counts distinct (x, T) pairs (the work of a prediction table): 2 of (1, 5), (1, 5), (2, 5); fewer than CDNOW's histories", () => {
    expect(distinctHorizonPairs([1, 1, 2], [5, 5, 5])).toBe(2);
    expect(distinctHorizonPairs([], [])).toBe(0);
    const triples = new Set(
      Array.from(summary.x, (x, i) => `${x}|${summary.tx[i]}|${summary.T[i]}`)
    );
    const pairs = new Set(Array.from(summary.x, (x, i) => `${x}|${summary.T[i]}`));
    expect(distinctHorizonPairs(summary.x, summary.T)).toBe(pairs.size);
    expect(pairs.size).toBeLessThan(triples.size);
  });

  it("gives the same predictions from pairs indexed beforehand (the work check's), in any order", () => {
    const options = { horizon: 52, discountRate: 0.002 };
    const plain = bgnbdHorizonPredictor(cdnow, options);
    const pairs = horizonPairs(summary.x, summary.T);
    const counted = pairs.count;
    const shared = bgnbdHorizonPredictor(cdnow, options, pairs);
    for (let i = summary.x.length - 1; i >= 0; i--) {
      const [x, tx, T] = [summary.x[i]!, summary.tx[i]!, summary.T[i]!];
      expect(shared(x, tx, T)).toEqual(plain(x, tx, T));
    }
    expect(pairs.count).toBe(counted);
    expect(shared(0, 0, 1e9).purchases).toBeGreaterThan(0); // a pair not indexed is added
    expect(pairs.count).toBe(counted + 1);
  });

  it("gives the same predictions from each customer's pair (horizonPairs' pairOf), with no second lookup", () => {
    const options = { horizon: 12, discountRate: 0.01 };
    const plain = bgnbdHorizonPredictor(cdnow, options);
    const pairOf = new Int32Array(summary.x.length);
    const pairs = horizonPairs(summary.x, summary.T, pairOf);
    const byPair = bgnbdHorizonPredictor(cdnow, options, pairs);
    for (let i = 0; i < summary.x.length; i++) {
      const [x, tx, T] = [summary.x[i]!, summary.tx[i]!, summary.T[i]!];
      // customers with the same (x, T) share a pair, numbered in order of first occurrence
      expect(pairOf[i]).toBe(pairs.indexOf(x, T));
      expect(byPair(x, tx, T, pairOf[i])).toEqual(plain(x, tx, T));
    }
    expect(Math.max(...pairOf) + 1).toBe(pairs.count);
  });

  it("keeps no part that failed: asking for it again fails again", () => {
    const predict = bgnbdHorizonPredictor(cdnow, { horizon: 3, discountRate: 0 });
    for (let attempt = 0; attempt < 2; attempt++) {
      expectCrmError(() => predict(Number.NaN, 1, 2), "num");
    }
    expect(predict(1, 1, 2).alive).toBe(probabilityAlive(cdnow, 1, 1, 2));
  });

  it("equals it on synthetic histories with large x, for a away from 1, near 1 and inside the a = 1 band", () => {
    for (const a of [0.7929, 1.5, 1 + 1e-3, 1 - 1e-3, 1 + 3e-6, 1 - 7e-6, 1]) {
      const model: BgnbdModel = { r: 0.2426, alpha: 4.4136, a, b: 2.4259, timeUnit: "week" };
      compare(model, SYNTHETIC, 26, 0.01);
    }
  });

  it("equals it across the a + b + x − 1 = 0 singularity (x = 0, b within 1e-9 of 1 − a)", () => {
    for (const b of [0.3, 0.3 + 4e-10, 0.3 - 6e-10]) {
      const model: BgnbdModel = { r: 1.3, alpha: 12, a: 0.7, b, timeUnit: "month" };
      compare(model, SYNTHETIC, 12, 0.01);
    }
  });

  it("keeps the steps in another unit: modelUnitsPerStep converts them as discountedExpectedPurchases does", () => {
    const part = bgnbdHorizonPart(cdnow, 2, 38.86, {
      horizon: 12,
      discountRate: 0.01,
      modelUnitsPerStep: 30.4375 / 7,
    });
    const expected = discountedExpectedPurchases(
      cdnow,
      { x: 2, tx: 30.43, T: 38.86 },
      { horizon: 12, discountRatePerUnit: 0.01, timeUnit: "month" }
    );
    expectRelative(bgnbdHistoryPrediction(part, 30.43).discounted, expected, 1e-12);
  });

  it("refuses what expectedPurchases refuses: a parameter ≤ 0, a negative horizon, an inconsistent history", () => {
    expectCrmError(
      () => bgnbdHorizonPart({ ...cdnow, a: 0 }, 1, 2, { horizon: 3, discountRate: 0 }),
      "num"
    );
    expectCrmError(() => bgnbdHorizonPart(cdnow, 1, 2, { horizon: -1, discountRate: 0 }), "num");
    const part = bgnbdHorizonPart(cdnow, 1, 2, { horizon: 3, discountRate: 0 });
    expectCrmError(() => bgnbdHistoryPrediction(part, 3), "num");
  });
});

describe("the continuation points special.ts remembers per (a, b, c)", () => {
  it("change no bit: ₂F₁ − 1 at 300 z towards 1, in order, equals each computed cold", () => {
    // (r + x, a − 1, a + b + x − 1) of a CDNOW-like customer; z = −t/(α + T) for t up to 5 years of days
    const [p, q, c] = [0.2426 + 3, 0.7929 - 1, 0.7929 + 2.4259 + 3 - 1];
    const zs = Array.from({ length: 300 }, (_, k) => -((k + 1) * 6) / (4.4136 + 38));
    const warm = zs.map((z) => hyp2f1MinusOne(p, q, c, z));
    const cold = zs.map((z) => {
      hyp2f1MinusOne(p + 1, q, c, -50); // other parameters: the remembered points are dropped
      return hyp2f1MinusOne(p, q, c, z);
    });
    expect(warm).toEqual(cold);
    // and in reverse order (points remembered further towards 1 than the next z needs)
    expect([...zs].reverse().map((z) => hyp2f1MinusOne(p, q, c, z))).toEqual([...cold].reverse());
  });
});
