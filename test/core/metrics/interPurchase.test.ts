import { expect } from "../../support/expect";
import { suggestInactiveDays } from "../../../src/core/metrics/interPurchase";
import { historiesOf, type HistoryRow } from "../../support/histories";

/** One customer per gap: "c<k>" buys on day 1000 and 1000 + gap. */
function gapsOf(gaps: readonly number[]): HistoryRow[] {
  return gaps.flatMap((gap, k): HistoryRow[] => [
    [`c${k}`, 1000],
    [`c${k}`, 1000 + gap],
  ]);
}

describe("suggestInactiveDays", () => {
  it("takes the nearest-rank 90th percentile of the gaps (doc example)", () => {
    const histories = historiesOf([
      ["a", 1],
      ["a", 11],
      ["a", 41],
      ["b", 5],
      ["b", 25],
    ]);
    // gaps 10, 30, 20 → sorted 10, 20, 30; rank ⌈0.9·3⌉ = 3 → 30; median rank ⌈1.5⌉ = 2 → 20
    expect(suggestInactiveDays(histories)).toEqual({
      days: 30,
      gaps: 3,
      percentile: 0.9,
      medianGap: 20,
    });
  });

  it("uses rank ⌈p·n⌉ exactly when p·n is whole", () => {
    // 10 gaps 11 … 20: rank 9 → 19 → rounded up to 20; median rank 5 → 15
    const result = suggestInactiveDays(
      historiesOf(gapsOf([20, 19, 18, 17, 16, 15, 14, 13, 12, 11]))
    );
    expect(result).toEqual({ days: 20, gaps: 10, percentile: 0.9, medianGap: 15 });
  });

  it("counts gaps of equal length once each: 12 gaps, rank ⌈0.9 × 12⌉ = 11", () => {
    // a: days 0, 7, 14, 21, 28 → gaps 7, 7, 7, 7; b: 0, 30, 60, 90 → 30, 30, 30;
    // c: 0, 7, 37, 97, 197, 227 → 7, 30, 60, 100, 30; d: one purchase, no gap
    const histories = historiesOf([
      ["a", 0],
      ["a", 7],
      ["a", 14],
      ["a", 21],
      ["a", 28],
      ["b", 0],
      ["b", 30],
      ["b", 60],
      ["b", 90],
      ["c", 0],
      ["c", 7],
      ["c", 37],
      ["c", 97],
      ["c", 197],
      ["c", 227],
      ["d", 10],
    ]);
    // gaps sorted: 7 ×5, 30 ×5, 60, 100 (n = 12); rank 11 → 60; median rank 6 → 30
    expect(suggestInactiveDays(histories)).toEqual({
      days: 60,
      gaps: 12,
      percentile: 0.9,
      medianGap: 30,
    });
    // rank ⌈0.75 × 12⌉ = 9 → 30; rank ⌈0.95 × 12⌉ = 12 → 100
    expect(suggestInactiveDays(histories, { percentile: 0.75 }).days).toBe(30);
    expect(suggestInactiveDays(histories, { percentile: 0.95 }).days).toBe(100);
  });

  it("takes rank 7 for p = 0.28 of 25 gaps, although 0.28 × 25 is 7.000000000000001 in floating point", () => {
    // gaps 10, 20, …, 250: the 7th smallest is 70 (rank 8 would give 80)
    const gaps = Array.from({ length: 25 }, (_, k) => 10 * (k + 1));
    expect(suggestInactiveDays(historiesOf(gapsOf(gaps)), { percentile: 0.28 }).days).toBe(70);
  });

  it("rounds up to a multiple of 5", () => {
    expect(suggestInactiveDays(historiesOf(gapsOf([41]))).days).toBe(45);
    expect(suggestInactiveDays(historiesOf(gapsOf([45]))).days).toBe(45);
    expect(suggestInactiveDays(historiesOf(gapsOf([46]))).days).toBe(50);
  });

  it("honours another percentile", () => {
    const histories = historiesOf(gapsOf([10, 20, 30, 40]));
    expect(suggestInactiveDays(histories, { percentile: 0.5 })).toEqual({
      days: 20,
      gaps: 4,
      percentile: 0.5,
      medianGap: 20,
    });
    expect(suggestInactiveDays(histories, { percentile: 1 }).days).toBe(40);
  });

  it("clamps to 7 and 730 days", () => {
    expect(suggestInactiveDays(historiesOf(gapsOf([1, 2, 3]))).days).toBe(7);
    expect(suggestInactiveDays(historiesOf(gapsOf([1, 2, 3]))).medianGap).toBe(2);
    expect(suggestInactiveDays(historiesOf(gapsOf([900, 1000]))).days).toBe(730);
  });

  it("counts gaps between distinct days of one customer only", () => {
    const histories = historiesOf([
      ["a", 100],
      ["a", 100],
      ["a", 160],
      ["b", 110],
    ]);
    expect(suggestInactiveDays(histories)).toEqual({
      days: 60,
      gaps: 1,
      percentile: 0.9,
      medianGap: 60,
    });
  });

  it("ignores purchases after asOf", () => {
    const histories = historiesOf([
      ["a", 100],
      ["a", 110],
      ["a", 400],
      ["b", 100],
      ["b", 300],
    ]);
    expect(suggestInactiveDays(histories).days).toBe(290);
    expect(suggestInactiveDays(histories, { asOf: 299 })).toEqual({
      days: 10,
      gaps: 1,
      percentile: 0.9,
      medianGap: 10,
    });
    expect(suggestInactiveDays(histories, { asOf: 300 }).days).toBe(200);
  });

  describe("edge cases", () => {
    it("percentile 0 takes the smallest gap, above 1 is 1, not a number is 0.9", () => {
      const histories = historiesOf(gapsOf([10, 20, 30, 40]));
      expect(suggestInactiveDays(histories, { percentile: 0 })).toEqual({
        days: 10,
        gaps: 4,
        percentile: 0,
        medianGap: 20,
      });
      expect(suggestInactiveDays(histories, { percentile: 2 })).toMatchObject({
        days: 40,
        percentile: 1,
      });
      expect(suggestInactiveDays(histories, { percentile: -1 })).toMatchObject({
        days: 10,
        percentile: 0,
      });
      expect(suggestInactiveDays(histories, { percentile: Number.NaN })).toMatchObject({
        days: 40,
        percentile: 0.9,
      });
    });

    it("gaps of thousands of years are counted, not spread over a day-by-day array", () => {
      // 1900-01-01 (day 2) to 9999-12-31 (day 2958465): one gap of 2958463 days
      const histories = historiesOf([
        ["a", 2],
        ["a", 2958465],
        ["b", 45352],
        ["b", 45353],
      ]);
      expect(suggestInactiveDays(histories)).toEqual({
        days: 730,
        gaps: 2,
        percentile: 0.9,
        medianGap: 1,
      });
    });

    it("an empty history suggests 90 days", () => {
      expect(suggestInactiveDays(historiesOf([]))).toEqual({
        days: 90,
        gaps: 0,
        percentile: 0.9,
        medianGap: null,
      });
    });
  });

  it("suggests 90 days when nobody bought twice", () => {
    const histories = historiesOf([
      ["a", 100],
      ["b", 120],
      ["c", 120],
    ]);
    expect(suggestInactiveDays(histories)).toEqual({
      days: 90,
      gaps: 0,
      percentile: 0.9,
      medianGap: null,
    });
    expect(
      suggestInactiveDays(
        historiesOf([
          ["a", 1],
          ["a", 50],
        ]),
        { asOf: 10 }
      ).gaps
    ).toBe(0);
  });
});
