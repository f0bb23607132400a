import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  RFM_SEGMENTS,
  rfmScoreTable,
  rfmScores,
  segmentOf,
  summarizeSegments,
  type CustomerRfm,
} from "../../../src/core/metrics/rfmScores";
import { expectCrmError } from "../expectError";
import { historiesOf } from "../../support/histories";

/** One transaction row: customer, day serial, amount. */
type Row = readonly [customer: string, day: number, amount: number];

/** The doc comment's example: five customers buying once, 1 … 5 days before day 100. */
const fiveCustomers = historiesOf([
  ["a", 99, 50],
  ["b", 98, 40],
  ["c", 97, 30],
  ["d", 96, 20],
  ["e", 95, 10],
]);

describe("rfmScores", () => {
  it("gives the doc comment's example: codes 515, 414, 313, 212, 111", () => {
    // computed by hand from the rule 1 + ⌊5 × worse ÷ 5⌋: recency 1 day has 4 customers with a
    // longer one → 5; frequency 1 for all → nobody has fewer → 1; 50.00 has 4 smaller → 5
    expect(rfmScoreTable(fiveCustomers, { asOf: 100 }).codes).toEqual([
      "515",
      "414",
      "313",
      "212",
      "111",
    ]);
    expect(rfmScores(fiveCustomers, { asOf: 100 })[0]).toEqual({
      customer: "a",
      recency: 1,
      frequency: 1,
      monetary: 50,
      rScore: 5,
      fScore: 1,
      mScore: 5,
      code: "515",
      segment: segmentOf(5, 3),
    });
    // FM = ⌊(F + M) ÷ 2⌋: 515 → R 5, FM 3; 414 → R 4, FM 2; 313 → R 3, FM 2; 212 → 2, 1; 111 → 1, 1
    expect(rfmScores(fiveCustomers, { asOf: 100 }).map((s) => s.segment.name)).toEqual([
      "Potential loyalists",
      "Potential loyalists",
      "About to sleep",
      "Hibernating",
      "Lost",
    ]);
  });

  it("scores frequency by purchase days: 1, 1, 2, 3, 5 days score 1, 1, 3, 4, 5", () => {
    // computed by hand: 2 days has 2 customers with fewer → 1 + ⌊10 ÷ 5⌋ = 3; 3 days → 1 + 3 = 4
    const rows: Row[] = [
      ["p", 100, 1],
      ["q", 100, 1],
      ...[99, 100].map((day): Row => ["r", day, 1]),
      ...[98, 99, 100].map((day): Row => ["s", day, 1]),
      ...[96, 97, 98, 99, 100].map((day): Row => ["t", day, 1]),
    ];
    const table = rfmScoreTable(historiesOf(rows), { asOf: 100 });
    expect([...table.frequency]).toEqual([1, 1, 2, 3, 5]);
    expect([...table.fScores]).toEqual([1, 1, 3, 4, 5]);
  });

  it("scores distinct values as exact quintiles: ten spends 1 … 10 give two customers per score", () => {
    const rows: Row[] = Array.from({ length: 10 }, (_, k): Row => [`c${k + 1}`, 100, k + 1]);
    const table = rfmScoreTable(historiesOf(rows), { asOf: 100 });
    expect([...table.mScores]).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it("the positional form and the records are the table", () => {
    const table = rfmScoreTable(fiveCustomers, { asOf: 100 });
    const records = rfmScores(fiveCustomers, 100);
    expect(records).toEqual(rfmScores(fiveCustomers, { asOf: 100 }));
    expect(records.map((s) => s.customer)).toEqual(table.customers);
    expect(records.map((s) => s.recency)).toEqual([...table.recency]);
    expect(records.map((s) => s.segment)).toEqual([...table.segments].map((i) => RFM_SEGMENTS[i]));
  });
});

describe("segments", () => {
  it("maps every (R, FM) pair to exactly one segment", () => {
    for (let r = 1; r <= 5; r++) {
      for (let fm = 1; fm <= 5; fm++) {
        const matches = RFM_SEGMENTS.filter(
          (s) => r >= s.r[0] && r <= s.r[1] && fm >= s.fm[0] && fm <= s.fm[1]
        );
        expect(matches, `R ${r}, FM ${fm}`).toHaveLength(1);
        expect(segmentOf(r, fm)).toBe(matches[0]);
      }
    }
  });

  it("has eleven named segments, each with a key, a zh-CN and a zh-TW name", () => {
    expect(RFM_SEGMENTS.map((s) => s.name)).toEqual([
      "Champions",
      "Loyal customers",
      "Potential loyalists",
      "New customers",
      "Promising",
      "Need attention",
      "About to sleep",
      "Cannot lose them",
      "At risk",
      "Hibernating",
      "Lost",
    ]);
    expect(new Set(RFM_SEGMENTS.map((s) => s.key)).size).toBe(11);
    for (const segment of RFM_SEGMENTS) {
      expect(segment.zhCN).toMatch(/客户$/);
      expect(segment.zhTW).toMatch(/顧客$/);
    }
  });

  it("follows the documented table cell by cell", () => {
    const grid = [5, 4, 3, 2, 1].map((r) =>
      [1, 2, 3, 4, 5].map((fm) => segmentOf(r, fm).key).join(" ")
    );
    expect(grid).toEqual([
      "new potentialLoyalists potentialLoyalists champions champions", // R 5
      "promising potentialLoyalists potentialLoyalists loyal loyal", // R 4
      "aboutToSleep aboutToSleep needAttention loyal loyal", // R 3
      "hibernating hibernating atRisk atRisk cannotLose", // R 2
      "lost lost atRisk atRisk cannotLose", // R 1
    ]);
  });

  it("rounds the average of F and M down: 545 is Champions, 154 At risk, 155 Cannot lose them", () => {
    const customer = (r: number, f: number, m: number) =>
      segmentOf(r, Math.floor((f + m) / 2)).name;
    expect(customer(5, 4, 5)).toBe("Champions");
    expect(customer(1, 5, 4)).toBe("At risk");
    expect(customer(1, 5, 5)).toBe("Cannot lose them");
  });

  it("refuses scores outside 1 … 5", () => {
    for (const [r, fm] of [
      [0, 1],
      [1, 0],
      [6, 1],
      [2, 6],
      [1.5, 2],
    ] as const) {
      expect(() => segmentOf(r, fm)).toThrow(RangeError);
    }
  });

  it("summarises customers, share and revenue per segment, in the table's order", () => {
    // computed by hand from the five customers: a (50) and b (40) are Potential loyalists
    const summary = summarizeSegments(rfmScoreTable(fiveCustomers, { asOf: 100 }));
    expect(summary.map((s) => s.segment)).toEqual(RFM_SEGMENTS);
    expect(summary.find((s) => s.segment.key === "potentialLoyalists")).toEqual({
      segment: segmentOf(5, 3),
      customers: 2,
      share: 0.4,
      revenue: 90,
    });
    expect(
      summary.filter((s) => s.customers > 0).map((s) => [s.segment.key, s.customers, s.revenue])
    ).toEqual([
      ["potentialLoyalists", 2, 90],
      ["aboutToSleep", 1, 30],
      ["hibernating", 1, 20],
      ["lost", 1, 10],
    ]);
  });
});

describe("edge cases", () => {
  it("ties: equal recencies get equal scores, from the customers strictly worse", () => {
    // recencies 0, 0, 5, 5, 9: 0 has 3 longer → 1 + ⌊15 ÷ 5⌋ = 4; 5 has 1 → 2; 9 has none → 1
    const rows: Row[] = [
      ["a", 100, 1],
      ["b", 100, 1],
      ["c", 95, 1],
      ["d", 95, 1],
      ["e", 91, 1],
    ];
    const table = rfmScoreTable(historiesOf(rows), { asOf: 100 });
    expect([...table.recency]).toEqual([0, 0, 5, 5, 9]);
    expect([...table.rScores]).toEqual([4, 4, 2, 2, 1]);
  });

  it("scores recencies years apart like near ones (values spread wider than the customers)", () => {
    // computed by hand: as of day 20000, recency 0, 0, 5000 and 19000 days: 0 has 2 longer →
    // 1 + ⌊10 ÷ 4⌋ = 3; 5000 has 1 → 1 + ⌊5 ÷ 4⌋ = 2; 19000 has none → 1
    const rows: Row[] = [
      ["a", 20000, 1],
      ["b", 20000, 1],
      ["c", 15000, 1],
      ["d", 1000, 1],
    ];
    const table = rfmScoreTable(historiesOf(rows), { asOf: 20000 });
    expect([...table.recency]).toEqual([0, 0, 5000, 19000]);
    expect([...table.rScores]).toEqual([3, 3, 2, 1]);
  });

  it("sums spend in cents: 0.1 + 0.2 equals 0.3, so both customers score alike", () => {
    const rows: Row[] = [
      ["x", 98, 0.1],
      ["x", 99, 0.2],
      ["y", 99, 0.3],
      ["z", 99, 5],
    ];
    const [x, y] = rfmScores(historiesOf(rows), { asOf: 100 });
    expect(x!.monetary).toBe(0.3);
    expect(y!.monetary).toBe(0.3);
    expect(x!.mScore).toBe(y!.mScore);
  });

  it("a customer buying several times on one day has one purchase day", () => {
    const [only] = rfmScores(
      historiesOf([
        ["a", 50, 1],
        ["a", 50, 2],
        ["a", 60, 3],
      ]),
      { asOf: 100 }
    );
    expect(only).toMatchObject({ recency: 40, frequency: 2, monetary: 6 });
  });

  it("a single customer, like customers all alike, scores 111: Lost", () => {
    const [only] = rfmScores(historiesOf([["a", 100, 10]]), { asOf: 100 });
    expect(only).toMatchObject({ code: "111", segment: { name: "Lost" } });
  });

  it("ignores purchases after as_of and customers who had not bought by then", () => {
    const scores = rfmScores(
      historiesOf([
        ["a", 90, 10],
        ["a", 110, 1000],
        ["b", 105, 5],
      ]),
      { asOf: 100 }
    );
    expect(scores.map((s) => [s.customer, s.recency, s.frequency, s.monetary])).toEqual([
      ["a", 10, 1, 10],
    ]);
  });

  it("refuses an as_of that is no date (#NUM!) and answers #N/A when nobody bought by then", () => {
    for (const asOf of [Number.NaN, 0, 2958466]) {
      expectCrmError(() => rfmScores(fiveCustomers, { asOf }), "num", "as_of");
    }
    expectCrmError(() => rfmScores(fiveCustomers, { asOf: 94 }), "na", "as_of");
  });
});

describe("properties", () => {
  const rowsArbitrary = fc
    .array(
      fc.tuple(
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: -200, max: 5000 })
      ),
      { minLength: 1, maxLength: 120 }
    )
    // one purchase (amount ≥ 0) at least, so somebody is listed: a customer with only returns
    // has no purchase day and is not (SPEC §2 "Returns")
    .map((rows) => [[0, 1, 0] as const, ...rows]);
  const scoresOf = (rows: readonly (readonly [number, number, number])[]) =>
    rfmScores(historiesOf(rows.map(([c, day, cents]): Row => [`c${c}`, day, cents / 100])), {
      asOf: 60,
    });

  it("scores lie in 1 … 5 and equal values always get equal scores", () => {
    fc.assert(
      fc.property(rowsArbitrary, (rows) => {
        const scores = scoresOf(rows);
        const scoreByValue = (
          value: (s: CustomerRfm) => number,
          score: (s: CustomerRfm) => number
        ) => {
          const seen = new Map<number, number>();
          for (const s of scores) {
            expect(score(s)).toBeGreaterThanOrEqual(1);
            expect(score(s)).toBeLessThanOrEqual(5);
            const earlier = seen.get(value(s));
            if (earlier !== undefined) expect(score(s)).toBe(earlier);
            seen.set(value(s), score(s));
          }
        };
        scoreByValue(
          (s) => s.recency,
          (s) => s.rScore
        );
        scoreByValue(
          (s) => s.frequency,
          (s) => s.fScore
        );
        scoreByValue(
          (s) => s.monetary,
          (s) => s.mScore
        );
      })
    );
  });

  it("better values never score lower, and the scores follow 1 + ⌊5 × worse ÷ n⌋", () => {
    fc.assert(
      fc.property(rowsArbitrary, (rows) => {
        const scores = scoresOf(rows);
        const n = scores.length;
        for (const s of scores) {
          const longer = scores.filter((o) => o.recency > s.recency).length;
          const fewer = scores.filter((o) => o.frequency < s.frequency).length;
          const smaller = scores.filter((o) => o.monetary < s.monetary).length;
          expect([s.rScore, s.fScore, s.mScore]).toEqual([
            1 + Math.floor((5 * longer) / n),
            1 + Math.floor((5 * fewer) / n),
            1 + Math.floor((5 * smaller) / n),
          ]);
          expect(s.code).toBe(`${s.rScore}${s.fScore}${s.mScore}`);
          expect(s.segment).toBe(segmentOf(s.rScore, Math.floor((s.fScore + s.mScore) / 2)));
        }
      })
    );
  });

  it("does not depend on the order of the rows", () => {
    fc.assert(
      fc.property(
        rowsArbitrary.chain((rows) =>
          fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length }))
        ),
        ([rows, shuffled]) => {
          const byCustomer = (scores: CustomerRfm[]) =>
            Object.fromEntries(scores.map((s) => [s.customer, s.code]));
          expect(byCustomer(scoresOf(shuffled))).toEqual(byCustomer(scoresOf(rows)));
        }
      )
    );
  });

  it("the segment summary adds up to every customer and all their revenue", () => {
    fc.assert(
      fc.property(rowsArbitrary, (rows) => {
        const table = rfmScoreTable(
          historiesOf(rows.map(([c, day, cents]): Row => [`c${c}`, day, cents / 100])),
          { asOf: 60 }
        );
        const summary = summarizeSegments(table);
        const n = table.customers.length;
        expect(summary.reduce((sum, s) => sum + s.customers, 0)).toBe(n);
        expect(summary.reduce((sum, s) => sum + s.share, 0)).toBeCloseTo(1, 12);
        const revenue = summary.reduce((sum, s) => sum + Math.round(s.revenue * 100), 0);
        // all the revenue of the listed customers: those with a row ≥ 0 (SPEC §2 "Returns")
        const buyers = new Set(rows.filter(([, , cents]) => cents >= 0).map(([c]) => c));
        expect(revenue).toBe(
          rows.reduce((sum, [c, , cents]) => sum + (buyers.has(c) ? cents : 0), 0)
        );
      })
    );
  });
});
