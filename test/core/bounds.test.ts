/**
 * SPEC §2 "Bounds" in the core: each known overflow and each oversized table is a CrmError that
 * names the argument, where it arises; bounded rates stay in range. The same rules seen through
 * the built bundle, for every function, are test/functions/bounds.property.test.ts.
 */
import { expect } from "../support/expect";
import fc from "fast-check";
import { expectCrmError } from "./expectError";
import {
  EXCEL_MAX_COLUMNS,
  EXCEL_MAX_ROWS,
  MAX_COUNT,
  requireCount,
  requireSpillFits,
  requireSummableAmounts,
} from "../../src/core/input/validate";
import { annuityClv, retentionClv, simpleClv } from "../../src/core/metrics/clv";
import { netPromoterScore } from "../../src/core/metrics/nps";
import { relativeChurnRate } from "../../src/core/metrics/churn";
import { cohortRetention } from "../../src/core/metrics/cohorts";
import { accountPeriods, calendarPeriods } from "../../src/core/metrics/customerBase";
import { churnTrend } from "../../src/core/metrics/trend";
import { topCustomerShare } from "../../src/core/metrics/topShare";
import { LAST_EXCEL_DAY, serialFromYmd } from "../../src/core/input/dates";
import { historiesOf } from "../support/histories";

const d = serialFromYmd;

describe("Excel's grid", () => {
  it("holds 1,048,576 rows × 16,384 columns, and not one more of either", () => {
    expect(() => requireSpillFits(EXCEL_MAX_ROWS, EXCEL_MAX_COLUMNS, "as_of")).not.toThrow();
    expectCrmError(
      () => requireSpillFits(EXCEL_MAX_ROWS + 1, 1, "customer_ids"),
      "num",
      "customer_ids"
    );
    expectCrmError(
      () => requireSpillFits(1, EXCEL_MAX_COLUMNS + 1, "max_offset"),
      "num",
      "max_offset"
    );
    expectCrmError(
      () => requireSpillFits(1, Number.POSITIVE_INFINITY, "max_offset"),
      "num",
      "max_offset"
    );
  });
});

describe("counts", () => {
  it("are whole numbers up to 2^53 − 1, the last a number holds exactly", () => {
    expect(requireCount(MAX_COUNT, "lost")).toBe(9_007_199_254_740_991);
    expectCrmError(() => requireCount(MAX_COUNT + 2, "lost"), "num", "lost");
    expectCrmError(() => requireCount(1e308, "promoters"), "num", "promoters");
  });
});

describe("overflow in the count-form metrics names the argument", () => {
  it("CLV: 1E+308 × 2 × 1 overflows, naming the largest factor", () => {
    expectCrmError(
      () => simpleClv({ averagePurchase: 1e308, purchasesPerPeriod: 2, lifespanPeriods: 1 }),
      "num",
      "average_purchase"
    );
    expectCrmError(
      () => simpleClv({ averagePurchase: 2, purchasesPerPeriod: 3, lifespanPeriods: 1e308 }),
      "num",
      "lifespan_periods"
    );
  });

  it("CLV: a zero factor gives 0 however large the others are (not 0 × Infinity)", () => {
    expect(
      simpleClv({ averagePurchase: 1e308, purchasesPerPeriod: 10, lifespanPeriods: 1, margin: 0 })
    ).toBe(0);
  });

  it("CLVANNUITY: 1E+308 for 3 years undiscounted overflows (yearly_revenue); 10 for 1E+308 years (years)", () => {
    expectCrmError(
      () => annuityClv({ yearlyRevenue: 1e308, discountRate: 0, years: 3 }),
      "num",
      "yearly_revenue"
    );
    expectCrmError(
      () => annuityClv({ yearlyRevenue: 10, discountRate: 0, years: 1e308 }),
      "num",
      "years"
    );
    // discounted, the factor is at most 1 ÷ r: 1E+300 × (1 − 1.1^−1E+308) ÷ 0.1 = 1E+301
    expect(annuityClv({ yearlyRevenue: 1e300, discountRate: 0.1, years: 1e308 })).toBeCloseTo(
      1e301,
      -290
    );
  });

  it("CLVRETENTION: a huge margin over a denominator of 2^−53 overflows (margin)", () => {
    expectCrmError(
      () =>
        retentionClv({
          margin: 1e308,
          retentionRate: 0.9999999999999999,
          discountRate: 0,
          variant: 0,
        }),
      "num",
      "margin"
    );
  });

  it("NPS: 1E+308 promoters is no count; the score stays in [−100, 100] for any counts", () => {
    expectCrmError(() => netPromoterScore(1e308, 0, 0), "num", "promoters");
    expect(netPromoterScore(MAX_COUNT, 0, 0)).toBe(100);
    expect(netPromoterScore(0, 0, MAX_COUNT)).toBe(-100);
    const count = fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.constant(MAX_COUNT));
    fc.assert(
      fc.property(count, count, count, (p, n, dt) => {
        if (p + n + dt === 0) return;
        const score = netPromoterScore(p, n, dt);
        expect(score).toBeGreaterThanOrEqual(-100);
        expect(score).toBeLessThanOrEqual(100);
      })
    );
  });

  it("RELATIVECHURN: averages whose products overflow are compared scaled, and the rate stays in [0, 1]", () => {
    // lost half the customers, who spent as much as everyone: (1 ÷ 2) × 1 = 0.5
    expect(
      relativeChurnRate({
        lost: 1,
        customers: 2,
        averagePurchaseLost: 1e308,
        averagePurchaseAll: 1e308,
      })
    ).toBe(0.5);
    // the lost spent 1E+308 against an average of 5E-324: more than everyone together
    expectCrmError(
      () =>
        relativeChurnRate({
          lost: 1,
          customers: 2,
          averagePurchaseLost: 1e308,
          averagePurchaseAll: 5e-324,
        }),
      "num",
      "average_purchase_lost"
    );
    expect(
      relativeChurnRate({
        lost: 0,
        customers: 2,
        averagePurchaseLost: 1e308,
        averagePurchaseAll: 5e-324,
      })
    ).toBe(0);
    const amount = fc.oneof(
      fc.double({ min: 5e-324, max: 1e308, noNaN: true }),
      fc.constantFrom(5e-324, 1e308)
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.nat(100), amount, amount, (c, l, al, aa) => {
        const lost = Math.min(l, c);
        let rate: number;
        try {
          rate = relativeChurnRate({
            lost,
            customers: c,
            averagePurchaseLost: al,
            averagePurchaseAll: aa,
          });
        } catch {
          return; // inconsistent spends are refused, which is the point
        }
        expect(rate).toBeGreaterThanOrEqual(0);
        expect(rate).toBeLessThanOrEqual(1);
      })
    );
  });
});

describe("amounts", () => {
  it("must add up (in cents) to a finite number", () => {
    expect(() => requireSummableAmounts([1e300, -1e300, 5])).not.toThrow();
    expectCrmError(() => requireSummableAmounts([1e308, 1e308]), "num", "amounts");
    // each is finite, but 100 × (1E+306 + 1E+306) cents is not
    expectCrmError(() => requireSummableAmounts([1e306, -1e306]), "num", "amounts");
  });

  it("TOPSHARE refuses totals that would overflow, whoever built the histories", () => {
    const huge = historiesOf([
      ["a", d(2024, 1, 1), 1e308],
      ["b", d(2024, 1, 1), 1e308],
    ]);
    expectCrmError(() => topCustomerShare(huge), "num", "amounts");
  });
});

describe("tables sized by an argument are refused before they are built", () => {
  const rows = [
    ["a", d(2024, 1, 5), 10],
    ["b", d(2024, 2, 5), 20],
    ["a", d(2024, 4, 5), 30],
  ] as const;

  it("COHORTS: max_offset 1E+308 is wider than the grid (max_offset)", () => {
    expectCrmError(
      () => cohortRetention(historiesOf(rows), { asOf: d(2024, 6, 30), maxOffset: 1e308 }),
      "num",
      "max_offset"
    );
  });

  it("COHORTS: the widest table that fits has max_offset 16,380 (3 + 16,381 columns)", () => {
    const table = cohortRetention(historiesOf(rows), { asOf: d(2024, 6, 30), maxOffset: 16_380 });
    expect(table.rows[0]!.values).toHaveLength(16_381);
    expectCrmError(
      () => cohortRetention(historiesOf(rows), { asOf: d(2024, 6, 30), maxOffset: 16_381 }),
      "num",
      "max_offset"
    );
  });

  it("COHORTS: as of 9999-12-31 without max_offset needs ~95,000 offsets (as_of); with one it fits", () => {
    expectCrmError(
      () => cohortRetention(historiesOf(rows), { asOf: LAST_EXCEL_DAY }),
      "num",
      "as_of"
    );
    const table = cohortRetention(historiesOf(rows), { asOf: LAST_EXCEL_DAY, maxOffset: 3 });
    // January cohort {a} buys in January and April; February cohort {b} only in February
    expect(table.rows[0]).toMatchObject({ size: 1, values: [1, 0, 0, 1] });
    expect(table.rows[1]).toMatchObject({ size: 1, values: [1, 0, 0, 0] });
  });
});

describe("a far as_of costs only the rows it adds", () => {
  it("CHURNTREND as of 9999-12-31: one row per month, every customer lost after the last purchase", () => {
    const many = Array.from(
      { length: 3000 },
      (_, i) => [`c${i % 1000}`, d(2024, 1, 1) + ((i * 7) % 365), 1] as const
    );
    const started = performance.now();
    const trend = churnTrend(historiesOf(many), { asOf: LAST_EXCEL_DAY, inactiveDays: 90 });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(trend).toHaveLength((9999 - 2024 + 1) * 12);
    expect(trend.at(-1)).toMatchObject({ atStart: 0, atEnd: 0, lost: 0 });
  });

  it("the accounting skips the periods outside each customer's history without changing a count", () => {
    // the same periods in reverse order take the plain walk over every period
    const row = fc.tuple(
      fc.constantFrom("a", "b", "c", "d"),
      fc.integer({ min: d(2023, 11, 1), max: d(2025, 3, 1) }),
      fc.integer({ min: -50, max: 200 })
    );
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 30 }),
        fc.constantFrom("month" as const, "quarter" as const, "year" as const),
        fc.integer({ min: 1, max: 400 }),
        (rows, kind, inactiveDays) => {
          const histories = historiesOf(rows);
          const periods = calendarPeriods(d(2023, 10, 1), d(2025, 12, 31), kind);
          const walked = accountPeriods(histories, [...periods].reverse(), { inactiveDays });
          expect(accountPeriods(histories, periods, { inactiveDays })).toEqual(walked.reverse());
        }
      )
    );
  });
});
