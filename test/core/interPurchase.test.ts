import { describe, it, expect } from "vitest";
import { suggestInactiveDays } from "../../src/core/interPurchase";
import { historiesOf, type HistoryRow } from "../support/histories";

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
