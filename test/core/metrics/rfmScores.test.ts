import { expect } from "../../support/expect";
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
  it("gives the doc comment's example: codes 535, 434, 333, 232, 131", () => {
    // computed by hand from the rule 1 + ⌊5 × (worse + tied ÷ 2) ÷ 5⌋: recency 1 day has 4
    // customers with a longer one → 1 + ⌊5 × 4.5 ÷ 5⌋ = 5; frequency 1 for all (a tie of 5) →
    // 1 + ⌊5 × 2.5 ÷ 5⌋ = 3; 50.00 has 4 smaller → 5.
    // Changed with the tie rule (QA report, RFM segment ties): was 515 … 111, the tie of all five
    // on F taking its lowest rank's score 1.
    expect(rfmScoreTable(fiveCustomers, { asOf: 100 }).codes).toEqual([
      "535",
      "434",
      "333",
      "232",
      "131",
    ]);
    expect(rfmScores(fiveCustomers, { asOf: 100 })[0]).toEqual({
      customer: "a",
      recency: 1,
      frequency: 1,
      monetary: 50,
      rScore: 5,
      fScore: 3,
      mScore: 5,
      code: "535",
      segment: segmentOf(5, 4),
    });
    // FM = ⌊(F + M) ÷ 2⌋: 535 → R 5, FM 4; 434 → R 4, FM 3; 333 → R 3, FM 3; 232 → 2, 2; 131 → 1, 2
    expect(rfmScores(fiveCustomers, { asOf: 100 }).map((s) => s.segment.name)).toEqual([
      "Champions",
      "Potential loyalists",
      "Need attention",
      "Hibernating",
      "Lost",
    ]);
  });

  it("scores frequency by purchase days: 1, 1, 2, 3, 5 days score 2, 2, 3, 4, 5", () => {
    // computed by hand from 1 + ⌊5 × (worse + tied ÷ 2) ÷ 5⌋: 1 day, a tie of 2 with none fewer →
    // 1 + ⌊1⌋ = 2 (was 1 under the old lowest-rank tie rule); 2 days has 2 fewer → 1 + ⌊2.5⌋ = 3;
    // 3 days → 1 + ⌊3.5⌋ = 4
    const rows: Row[] = [
      ["p", 100, 1],
      ["q", 100, 1],
      ...[99, 100].map((day): Row => ["r", day, 1]),
      ...[98, 99, 100].map((day): Row => ["s", day, 1]),
      ...[96, 97, 98, 99, 100].map((day): Row => ["t", day, 1]),
    ];
    const table = rfmScoreTable(historiesOf(rows), { asOf: 100 });
    expect([...table.frequency]).toEqual([1, 1, 2, 3, 5]);
    expect([...table.fScores]).toEqual([2, 2, 3, 4, 5]);
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
    // computed by hand from the five customers (codes 535, 434, 333, 232, 131): a (50) is a
    // Champion, b (40) a Potential loyalist (changed with the mid-rank tie rule: a and b were
    // both Potential loyalists, c About to sleep)
    const summary = summarizeSegments(rfmScoreTable(fiveCustomers, { asOf: 100 }));
    expect(summary.map((s) => s.segment)).toEqual(RFM_SEGMENTS);
    expect(summary.find((s) => s.segment.key === "potentialLoyalists")).toEqual({
      segment: segmentOf(4, 3),
      customers: 1,
      share: 0.2,
      revenue: 40,
    });
    expect(
      summary.filter((s) => s.customers > 0).map((s) => [s.segment.key, s.customers, s.revenue])
    ).toEqual([
      ["champions", 1, 50],
      ["potentialLoyalists", 1, 40],
      ["needAttention", 1, 30],
      ["hibernating", 1, 20],
      ["lost", 1, 10],
    ]);
  });
});

describe("edge cases", () => {
  it("ties: equal recencies get equal scores, the quintile of the tie group's middle rank", () => {
    // recencies 0, 0, 5, 5, 9, score 1 + ⌊5 × (worse + tied ÷ 2) ÷ 5⌋: 0 has 3 longer and a tie
    // of 2 → 1 + ⌊4⌋ = 5; 5 has 1 longer → 1 + ⌊2⌋ = 3; 9 has none → 1 + ⌊0.5⌋ = 1
    // (changed with the mid-rank tie rule, QA report: were 4, 4, 2, 2, 1, the lowest rank's score)
    const rows: Row[] = [
      ["a", 100, 1],
      ["b", 100, 1],
      ["c", 95, 1],
      ["d", 95, 1],
      ["e", 91, 1],
    ];
    const table = rfmScoreTable(historiesOf(rows), { asOf: 100 });
    expect([...table.recency]).toEqual([0, 0, 5, 5, 9]);
    expect([...table.rScores]).toEqual([5, 5, 3, 3, 1]);
  });

  it("scores recencies years apart like near ones (values spread wider than the customers)", () => {
    // computed by hand: as of day 20000, recency 0, 0, 5000 and 19000 days: 0 has 2 longer and a
    // tie of 2 → 1 + ⌊5 × 3 ÷ 4⌋ = 4; 5000 has 1 → 1 + ⌊5 × 1.5 ÷ 4⌋ = 2; 19000 has none →
    // 1 + ⌊5 × 0.5 ÷ 4⌋ = 1 (mid-rank tie rule; was 3, 3, 2, 1)
    const rows: Row[] = [
      ["a", 20000, 1],
      ["b", 20000, 1],
      ["c", 15000, 1],
      ["d", 1000, 1],
    ];
    const table = rfmScoreTable(historiesOf(rows), { asOf: 20000 });
    expect([...table.recency]).toEqual([0, 0, 5000, 19000]);
    expect([...table.rScores]).toEqual([4, 4, 2, 1]);
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

  it("a single customer, like customers all alike, scores the middle 333: Need attention", () => {
    // mid-rank tie rule (QA report: was 111, Lost): n = 1, worse 0, tied 1 → 1 + ⌊5 × 0.5⌋ = 3
    const [only] = rfmScores(historiesOf([["a", 100, 10]]), { asOf: 100 });
    expect(only).toMatchObject({ code: "333", segment: { name: "Need attention" } });
  });

  it("twenty customers who all bought today with distinct spends: R 3 for all, none Lost or At risk", () => {
    // QA report: under the lowest-rank tie rule these were 16 Lost + 4 At risk. Now recency 0
    // for all (a tie of 20) → R 1 + ⌊5 × 10 ÷ 20⌋ = 3, F likewise 3, M spread 1 … 5 four each
    const rows: Row[] = Array.from({ length: 20 }, (_, k): Row => [`c${k}`, 100, 10 + k]);
    const table = rfmScoreTable(historiesOf(rows), { asOf: 100 });
    expect(new Set(table.rScores)).toEqual(new Set([3]));
    expect(new Set(table.fScores)).toEqual(new Set([3]));
    expect([...table.mScores]).toEqual(Array.from({ length: 20 }, (_, k) => 1 + Math.floor(k / 4)));
    const names = rfmScores(historiesOf(rows), { asOf: 100 }).map((s) => s.segment.name);
    expect(names).not.toContain("Lost");
    expect(names).not.toContain("At risk");
  });

  it("a tie group's score does not flip from best to worst with its size: 19 tied at the best recency and one older", () => {
    // 19 bought on day 100, one on day 50: the 19 have 1 longer and tie 19 → 1 + ⌊5 × 10.5 ÷ 20⌋
    // = 3; the old customer 1 + ⌊5 × 0.5 ÷ 20⌋ = 1. The tie scores at least as well as anyone.
    const rows: Row[] = [
      ...Array.from({ length: 19 }, (_, k): Row => [`c${k}`, 100, 10]),
      ["old", 50, 10],
    ];
    const table = rfmScoreTable(historiesOf(rows), { asOf: 100 });
    expect([...table.rScores]).toEqual([...Array<number>(19).fill(3), 1]);
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

  it("better values never score lower, and the scores follow 1 + ⌊5 × (worse + tied ÷ 2) ÷ n⌋", () => {
    fc.assert(
      fc.property(rowsArbitrary, (rows) => {
        const scores = scoresOf(rows);
        const n = scores.length;
        for (const s of scores) {
          // mid-rank tie rule: worse customers plus half the tie group (the customer included)
          const midRank = (worse: number, tied: number) =>
            1 + Math.floor((5 * (worse + tied / 2)) / n);
          const longer = scores.filter((o) => o.recency > s.recency).length;
          const fewer = scores.filter((o) => o.frequency < s.frequency).length;
          const smaller = scores.filter((o) => o.monetary < s.monetary).length;
          expect([s.rScore, s.fScore, s.mScore]).toEqual([
            midRank(longer, scores.filter((o) => o.recency === s.recency).length),
            midRank(fewer, scores.filter((o) => o.frequency === s.frequency).length),
            midRank(smaller, scores.filter((o) => o.monetary === s.monetary).length),
          ]);
          for (const o of scores) {
            if (o.recency < s.recency) expect(o.rScore).toBeGreaterThanOrEqual(s.rScore);
            if (o.frequency > s.frequency) expect(o.fScore).toBeGreaterThanOrEqual(s.fScore);
            if (o.monetary > s.monetary) expect(o.mScore).toBeGreaterThanOrEqual(s.mScore);
          }
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
