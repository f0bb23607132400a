import { expect } from "../../support/expect";
import { annuityClv, annuityFactor, retentionClv, simpleClv } from "../../../src/core/metrics/clv";
import { expectCrmError } from "../expectError";

describe("simpleClv", () => {
  it("is average purchase × purchases per period × lifespan: 50 × 2 × 24 → 2400 (SPEC §2 worked example)", () => {
    expect(simpleClv({ averagePurchase: 50, purchasesPerPeriod: 2, lifespanPeriods: 24 })).toBe(
      2400
    );
  });

  it("multiplies by the margin: 2400 at a 25 % margin → 600", () => {
    expect(
      simpleClv({ averagePurchase: 50, purchasesPerPeriod: 2, lifespanPeriods: 24, margin: 0.25 })
    ).toBe(600);
  });

  it("discounts each period's value at the period end when a discount rate is given", () => {
    // 100 per period for 3 periods at 10 %: 100/1.1 + 100/1.1² + 100/1.1³ = 248.6851991…
    const byHand = 100 / 1.1 + 100 / 1.1 ** 2 + 100 / 1.1 ** 3;
    expect(
      simpleClv({
        averagePurchase: 50,
        purchasesPerPeriod: 2,
        lifespanPeriods: 3,
        discountRate: 0.1,
      })
    ).toBeCloseTo(byHand, 10);
  });

  describe("edge cases", () => {
    it("refuses a margin given as a percentage number (30 for 30 %)", () => {
      expectCrmError(
        () =>
          simpleClv({
            averagePurchase: 50,
            purchasesPerPeriod: 2,
            lifespanPeriods: 24,
            margin: 30,
          }),
        "num",
        "margin"
      );
    });
    it("refuses negative inputs and discount rates outside [0, 1]", () => {
      expectCrmError(
        () => simpleClv({ averagePurchase: -1, purchasesPerPeriod: 2, lifespanPeriods: 3 }),
        "num",
        "average_purchase"
      );
      expectCrmError(
        () =>
          simpleClv({
            averagePurchase: 1,
            purchasesPerPeriod: 2,
            lifespanPeriods: 3,
            discountRate: 10,
          }),
        "num",
        "discount_rate"
      );
    });
  });
});

describe("annuityClv", () => {
  it("is R × (1 − (1 + r)^−n) ÷ r: R 100, r 0.1, n 3 → 248.685… (SPEC §2 worked example)", () => {
    // 100 × (1 − 1.1^−3) ÷ 0.1 = 100 × (1 − 0.7513148009) ÷ 0.1 = 248.68519909…
    expect(annuityClv({ yearlyRevenue: 100, discountRate: 0.1, years: 3 })).toBeCloseTo(
      248.68519909842,
      9
    );
  });

  it("subtracts the cost to serve from the revenue", () => {
    expect(
      annuityClv({ yearlyRevenue: 150, yearlyCost: 50, discountRate: 0.1, years: 3 })
    ).toBeCloseTo(248.68519909842, 9);
  });

  it("is R × n without discounting", () => {
    expect(annuityClv({ yearlyRevenue: 100, discountRate: 0, years: 3 })).toBe(300);
  });

  it("is negative when serving the customer costs more than they bring", () => {
    expect(
      annuityClv({ yearlyRevenue: 50, yearlyCost: 150, discountRate: 0.1, years: 3 })
    ).toBeCloseTo(-248.68519909842, 9);
  });
});

describe("annuityFactor", () => {
  it("keeps full precision for tiny rates, where the naive formula cancels", () => {
    // For r → 0 the factor tends to n − n(n+1)r/2; at r = 1e-12, n = 10: 10 − 55e-12.
    expect(annuityFactor(1e-12, 10)).toBeCloseTo(10 - 55e-12, 12);
  });
});

describe("retentionClv", () => {
  it("is m ρ ÷ (1 + d − ρ) with the first payment excluded: m 100, ρ 0.8, d 0.1 → 266.67 (SPEC §2 worked example)", () => {
    // 100 × 0.8 ÷ 0.3 = 266.666…
    expect(
      retentionClv({ margin: 100, retentionRate: 0.8, discountRate: 0.1, variant: 0 })
    ).toBeCloseTo(266.6666667, 6);
  });

  it("adds the first payment now in variant 1: m (1 + d) ÷ (1 + d − ρ) = 266.67 + 100", () => {
    expect(
      retentionClv({ margin: 100, retentionRate: 0.8, discountRate: 0.1, variant: 1 })
    ).toBeCloseTo(366.6666667, 6);
  });

  it("counts the first payment at the period end in variant 2: m ÷ (1 + d − ρ)", () => {
    // 100 ÷ 0.3 = 333.33…, i.e. variant 1 discounted by one period: 366.67 ÷ 1.1
    expect(
      retentionClv({ margin: 100, retentionRate: 0.8, discountRate: 0.1, variant: 2 })
    ).toBeCloseTo(333.3333333, 6);
  });

  describe("edge cases", () => {
    it("refuses an unknown variant rather than guessing one", () => {
      expectCrmError(
        () => retentionClv({ margin: 100, retentionRate: 0.8, discountRate: 0.1, variant: 3 }),
        "num",
        "variant"
      );
    });
    it("refuses retention 1 without discounting, whose series does not converge", () => {
      expectCrmError(
        () => retentionClv({ margin: 100, retentionRate: 1, discountRate: 0, variant: 0 }),
        "div0",
        "retention_rate"
      );
    });
    it("refuses a retention rate given as a percentage number", () => {
      expectCrmError(
        () => retentionClv({ margin: 100, retentionRate: 80, discountRate: 0.1, variant: 0 }),
        "num",
        "retention_rate"
      );
    });
  });
});
