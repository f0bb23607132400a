import { expect } from "../../support/expect";
import fc from "fast-check";
import {
  rfmAlerts,
  thresholdsFromGrid,
  DEFAULT_ALERT_THRESHOLDS,
} from "../../../src/core/metrics/rfmAlert";
import { gradeCustomers } from "../../../src/core/metrics/grading";
import { rfmScores, RFM_SEGMENTS, segmentOf } from "../../../src/core/metrics/rfmScores";
import { topCustomerShare } from "../../../src/core/metrics/topShare";
import { expectCrmError } from "../expectError";
import { historiesOf as histories } from "../../support/histories";

describe("rfmAlerts", () => {
  // Last purchase L = day 100; recent window 71–100, previous 41–70.
  const level = (rows: [string, number, number][], asOf = 100) =>
    rfmAlerts(histories(rows), asOf)[0]!.level;

  it("a recent customer with no decline is normal (SPEC §2)", () => {
    expect(
      level([
        ["a", 50, 10],
        ["a", 100, 10],
      ])
    ).toBe("normal");
  });

  it("ranks R: up to 10 days no alarm, 11–30 orange, 31–60 red, beyond 60 lost (edges to the lower band)", () => {
    const rows: [string, number, number][] = [["a", 100, 10]];
    expect(level(rows, 110)).toBe("normal");
    expect(level(rows, 111)).toBe("orange");
    expect(level(rows, 130)).toBe("orange");
    expect(level(rows, 131)).toBe("red");
    expect(level(rows, 160)).toBe("red");
    expect(level(rows, 161)).toBe("lost");
  });

  describe("edge cases", () => {
    it("a decline of exactly 30 % is yellow and exactly 50 % orange, compared exactly in cents", () => {
      // M: previous 100.00, recent 70.00 → 30 % exactly; F unchanged (1 vs 1)
      expect(
        level([
          ["a", 60, 100],
          ["a", 100, 70],
        ])
      ).toBe("yellow");
      expect(
        level([
          ["a", 60, 100],
          ["a", 100, 69.99],
        ])
      ).toBe("orange");
      expect(
        level([
          ["a", 60, 100],
          ["a", 100, 50],
        ])
      ).toBe("orange");
      expect(
        level([
          ["a", 60, 100],
          ["a", 100, 49.99],
        ])
      ).toBe("red");
      // floating-point-prone amounts: 0.1 + 0.2 in the previous window, 0.21 recent → exactly 30 %
      expect(
        level([
          ["a", 50, 0.1],
          ["a", 60, 0.2],
          ["a", 100, 0.21],
        ])
      ).toBe("orange"); // F 2 → 1: 50 %
      expect(
        level([
          ["a", 50, 0.1],
          ["a", 60, 0.2],
          ["a", 90, 0.1],
          ["a", 100, 0.11],
        ])
      ).toBe("yellow");
    });

    it("counts a fall in purchase days: 4 → 2 is 50 %, orange", () => {
      expect(
        level([
          ["a", 45, 1],
          ["a", 50, 1],
          ["a", 55, 1],
          ["a", 60, 1],
          ["a", 90, 2],
          ["a", 100, 2],
        ])
      ).toBe("orange");
    });

    it("no previous purchases is no decline", () => {
      expect(rfmAlerts(histories([["a", 100, 10]]), 100)[0]).toMatchObject({
        frequencyDecline: 0,
        monetaryDecline: 0,
        level: "normal",
      });
    });

    it("ignores purchases after as_of", () => {
      expect(
        rfmAlerts(
          histories([
            ["a", 100, 10],
            ["a", 200, 10],
          ]),
          150
        )[0]!.recencyDays
      ).toBe(50);
    });
  });

  it("sorts by severity, then by R", () => {
    const alerts = rfmAlerts(
      histories([
        ["a", 100, 1],
        ["b", 50, 1],
        ["c", 30, 1],
      ]),
      100
    );
    expect(alerts.map((a) => [a.customer, a.level])).toEqual([
      ["c", "lost"],
      ["b", "red"],
      ["a", "normal"],
    ]);
  });

  it("takes thresholds from a 3 × 3 grid and refuses a bad one", () => {
    expect(
      thresholdsFromGrid([
        [5, 0.1, 0.2],
        [20, 0.4, 0.6],
        [40, null, null],
      ])
    ).toEqual({
      recencyDays: [5, 20, 40],
      frequencyDecline: [0.1, 0.4],
      monetaryDecline: [0.2, 0.6],
    });
    expect(
      thresholdsFromGrid([
        [null, null, null],
        [null, null, null],
        [null, null, null],
      ])
    ).toEqual(DEFAULT_ALERT_THRESHOLDS);
    expectCrmError(
      () =>
        thresholdsFromGrid([
          [30, 0.3, 0.3],
          [10, 0.5, 0.5],
          [60, null, null],
        ]),
      "num",
      "thresholds"
    );
    expectCrmError(() => thresholdsFromGrid([[10, 0.3]]), "value", "thresholds");
  });

  it("is monotone in R when nothing else changes", () => {
    const order = ["normal", "yellow", "orange", "red", "lost"];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }), (d1, d2) => {
        const rows: [string, number, number][] = [["a", 100, 5]];
        const [near, far] = d1 <= d2 ? [d1, d2] : [d2, d1];
        expect(order.indexOf(level(rows, 100 + near))).toBeLessThanOrEqual(
          order.indexOf(level(rows, 100 + far))
        );
      })
    );
  });
});

describe("gradeCustomers", () => {
  it("grades by distinct purchase days in the 365 days ending on as_of", () => {
    // window for as_of 1000: days 636–1000
    const grading = gradeCustomers(
      histories([
        ["a", 700, 1],
        ["a", 800, 1],
        ["a", 1000, 1],
        ["b", 900, 1],
        ["b", 900, 2],
        ["b", 950, 1],
        ["c", 636, 1],
        ["c", 635, 1],
        ["d", 100, 1],
      ]),
      1000
    );
    expect(grading.customers.map((g) => [g.customer, g.visits, g.grade])).toEqual([
      ["a", 3, "A"],
      ["b", 2, "B"],
      ["c", 1, "C"],
      ["d", 0, "D"],
    ]);
    expect(grading.counts).toEqual({ A: 1, B: 1, C: 1, D: 1 });
  });

  it("refuses thresholds that are not decreasing whole numbers", () => {
    expectCrmError(
      () => gradeCustomers(histories([["a", 1, 1]]), 1, { a: 2, b: 2, c: 1 }),
      "num",
      "thresholds"
    );
  });

  it("counts every customer once", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 800 })), {
          minLength: 1,
          maxLength: 60,
        }),
        (rows) => {
          const h = histories(rows.map(([c, d]) => [`c${c}`, d, 1]));
          const grading = gradeCustomers(h, 800);
          const { A, B, C, D } = grading.counts;
          expect(A + B + C + D).toBe(new Set(rows.map(([c]) => c)).size);
        }
      )
    );
  });
});

describe("rfmScores", () => {
  it("scores distinct recencies 1…5 days as 5…1", () => {
    const scores = rfmScores(
      histories([
        ["a", 99, 1],
        ["b", 98, 1],
        ["c", 97, 1],
        ["d", 96, 1],
        ["e", 95, 1],
      ]),
      100
    );
    expect(scores.map((s) => s.rScore)).toEqual([5, 4, 3, 2, 1]);
  });

  it("gives equal values equal scores, whatever the row order", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 20 }),
            fc.integer({ min: 1, max: 60 }),
            fc.integer({ min: 1, max: 5 })
          ),
          { minLength: 1, maxLength: 80 }
        ),
        (rows) => {
          const scores = rfmScores(histories(rows.map(([c, d, a]) => [`c${c}`, d, a])), 60);
          for (const s of scores) {
            for (const other of scores) {
              if (s.recency === other.recency) expect(s.rScore).toBe(other.rScore);
              if (s.frequency === other.frequency) expect(s.fScore).toBe(other.fScore);
              if (s.monetary === other.monetary) expect(s.mScore).toBe(other.mScore);
            }
            for (const score of [s.rScore, s.fScore, s.mScore])
              expect(score).toBeGreaterThanOrEqual(1);
            for (const score of [s.rScore, s.fScore, s.mScore])
              expect(score).toBeLessThanOrEqual(5);
          }
        }
      )
    );
  });

  it("maps every (R, FM) pair to exactly one segment", () => {
    for (let r = 1; r <= 5; r++) {
      for (let fm = 1; fm <= 5; fm++) {
        const matches = RFM_SEGMENTS.filter(
          (s) => r >= s.r[0] && r <= s.r[1] && fm >= s.fm[0] && fm <= s.fm[1]
        );
        expect(matches.length, `R ${r}, FM ${fm}`).toBe(1);
      }
    }
    expect(segmentOf(5, 5).name).toBe("Champions");
    expect(segmentOf(1, 1).name).toBe("Lost");
  });
});

describe("topCustomerShare", () => {
  const h = histories([
    ["a", 1, 70],
    ["b", 1, 20],
    ["c", 1, 5],
    ["d", 1, 5],
    ["e", 1, 0],
  ]);

  it("is the revenue share of the top 20 % of customers: 70 of 100 → 0.7", () => {
    expect(topCustomerShare(h)).toBe(0.7);
  });

  it("takes ⌈q × customers⌉ customers and is 1 for q = 1", () => {
    expect(topCustomerShare(h, 0.3)).toBe(0.9); // ⌈1.5⌉ = 2 customers: 70 + 20
    expect(topCustomerShare(h, 1)).toBe(1);
  });

  it("refuses q outside (0, 1] and revenue that is not above 0", () => {
    expectCrmError(() => topCustomerShare(h, 0), "num", "top_share");
    expectCrmError(() => topCustomerShare(h, 20), "num", "top_share");
    expectCrmError(() => topCustomerShare(histories([["a", 1, 0]])), "div0");
  });

  it("is non-decreasing in q and at least q when no total is negative", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 40 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (amounts, q) => {
          if (amounts.every((a) => a === 0)) return;
          const hh = histories(amounts.map((a, i) => [`c${i}`, 1, a]));
          const share = topCustomerShare(hh, q);
          expect(share).toBeGreaterThanOrEqual(q - 1e-12);
          expect(topCustomerShare(hh, Math.min(1, q + 0.1))).toBeGreaterThanOrEqual(share - 1e-12);
        }
      )
    );
  });
});
