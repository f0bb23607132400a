import { expect } from "../../support/expect";
import { churnRate, relativeChurnRate } from "../../../src/core/metrics/churn";
import { expectCrmError } from "../expectError";

describe("churnRate", () => {
  it("is lost over customers at start: 1000 at start, 50 lost → 0.05 (SPEC §2 worked example)", () => {
    expect(churnRate(50, 1000)).toBe(0.05);
  });

  it("is 0 when nobody is lost and 1 when everybody is", () => {
    expect(churnRate(0, 7)).toBe(0);
    expect(churnRate(7, 7)).toBe(1);
  });

  describe("edge cases", () => {
    it("refuses a zero base with div0 rather than returning a rate", () => {
      expectCrmError(() => churnRate(0, 0), "div0", "customers_at_start");
    });
    it("refuses more lost than there were customers", () => {
      expectCrmError(() => churnRate(11, 10), "num", "lost");
    });
    it("refuses negative and fractional counts", () => {
      expectCrmError(() => churnRate(-1, 10), "num", "lost");
      expectCrmError(() => churnRate(1.5, 10), "num", "lost");
      expectCrmError(() => churnRate(1, -10), "num", "customers_at_start");
      expectCrmError(() => churnRate(1, 10.2), "num", "customers_at_start");
      expectCrmError(() => churnRate(Number.NaN, 10), "num", "lost");
    });
  });
});

describe("relativeChurnRate", () => {
  it("weights churn by the lost customers' spend: 100 customers, 10 lost, averages 200 and 100 → 0.2 (SPEC §2)", () => {
    // (10 / 100) × (200 / 100) = 0.1 × 2 = 0.2
    expect(
      relativeChurnRate({
        lost: 10,
        customers: 100,
        averagePurchaseLost: 200,
        averagePurchaseAll: 100,
      })
    ).toBeCloseTo(0.2, 15);
  });

  it("equals the plain churn rate when the lost customers spend like everyone else", () => {
    expect(
      relativeChurnRate({ lost: 5, customers: 50, averagePurchaseLost: 30, averagePurchaseAll: 30 })
    ).toBe(0.1);
  });

  describe("edge cases", () => {
    it("refuses an average purchase of all customers of 0 with div0", () => {
      expectCrmError(
        () =>
          relativeChurnRate({
            lost: 1,
            customers: 10,
            averagePurchaseLost: 0,
            averagePurchaseAll: 0,
          }),
        "div0",
        "average_purchase_all"
      );
    });
    it("refuses lost spend above total spend, which would give a rate above 1", () => {
      // 10 lost × 200 = 2000 > 10 customers × 100 = 1000
      expectCrmError(
        () =>
          relativeChurnRate({
            lost: 10,
            customers: 10,
            averagePurchaseLost: 200,
            averagePurchaseAll: 100,
          }),
        "num",
        "average_purchase_lost"
      );
    });
    it("refuses zero customers and negative averages", () => {
      expectCrmError(
        () =>
          relativeChurnRate({
            lost: 0,
            customers: 0,
            averagePurchaseLost: 1,
            averagePurchaseAll: 1,
          }),
        "div0",
        "customers"
      );
      expectCrmError(
        () =>
          relativeChurnRate({
            lost: 1,
            customers: 2,
            averagePurchaseLost: -1,
            averagePurchaseAll: 1,
          }),
        "num",
        "average_purchase_lost"
      );
    });
  });
});
