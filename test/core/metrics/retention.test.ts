import { expect } from "../../support/expect";
import { retentionRate } from "../../../src/core/metrics/retention";
import { repeatPurchaseRate } from "../../../src/core/metrics/repeatPurchase";
import { expectCrmError } from "../expectError";

describe("retentionRate", () => {
  it("is (E − N) ÷ S: S 100, N 30, E 120 → 0.9 (SPEC §2 worked example)", () => {
    expect(retentionRate({ customersAtStart: 100, newCustomers: 30, customersAtEnd: 120 })).toBe(
      0.9
    );
  });

  it("can exceed 1 when reactivated customers swell the end base, and is not capped", () => {
    // (150 − 30) ÷ 100 = 1.2
    expect(retentionRate({ customersAtStart: 100, newCustomers: 30, customersAtEnd: 150 })).toBe(
      1.2
    );
  });

  describe("edge cases", () => {
    it("refuses a zero start base with div0", () => {
      expectCrmError(
        () => retentionRate({ customersAtStart: 0, newCustomers: 3, customersAtEnd: 3 }),
        "div0",
        "customers_at_start"
      );
    });
    it("refuses an end base smaller than the new customers", () => {
      expectCrmError(
        () => retentionRate({ customersAtStart: 10, newCustomers: 5, customersAtEnd: 4 }),
        "num",
        "customers_at_end"
      );
    });
    it("refuses negative and fractional counts", () => {
      expectCrmError(
        () => retentionRate({ customersAtStart: 10, newCustomers: -1, customersAtEnd: 4 }),
        "num",
        "new_customers"
      );
      expectCrmError(
        () => retentionRate({ customersAtStart: 10, newCustomers: 1, customersAtEnd: 4.5 }),
        "num",
        "customers_at_end"
      );
    });
  });
});

describe("repeatPurchaseRate", () => {
  it("is repeat customers over customers: 500 customers, 150 repeat → 0.3 (SPEC §2 worked example)", () => {
    expect(repeatPurchaseRate(150, 500)).toBe(0.3);
  });

  describe("edge cases", () => {
    it("refuses zero customers with div0 and more repeaters than customers with num", () => {
      expectCrmError(() => repeatPurchaseRate(0, 0), "div0", "customers");
      expectCrmError(() => repeatPurchaseRate(6, 5), "num", "repeat_customers");
    });
  });
});
