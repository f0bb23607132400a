import { expect } from "../../support/expect";
import fc from "fast-check";
import { DEFAULT_TOP_SHARE, topCustomerShare } from "../../../src/core/metrics/topShare";
import { expectCrmError } from "../expectError";
import { historiesOf } from "../../support/histories";

/** One transaction row: customer, day serial, amount. */
type Row = readonly [customer: string, day: number, amount: number];

/** One purchase per customer on day 1, with the given totals. */
const customersSpending = (totals: readonly number[]) =>
  historiesOf(totals.map((amount, k): Row => [`c${k}`, 1, amount]));

/** The doc comment's example: five customers spending 70, 20, 5, 5 and 0. */
const fiveCustomers = customersSpending([5, 70, 0, 20, 5]);

describe("topCustomerShare", () => {
  it("gives the doc comment's example: the top 20 % (1 of 5) spend 70 of 100 → 0.7", () => {
    // computed by hand from SPEC §2: ⌈0.2 × 5⌉ = 1 customer, 70 ÷ 100
    expect(DEFAULT_TOP_SHARE).toBe(0.2);
    expect(topCustomerShare(fiveCustomers)).toBe(0.7);
    // ⌈0.3 × 5⌉ = ⌈1.5⌉ = 2 customers: (70 + 20) ÷ 100
    expect(topCustomerShare(fiveCustomers, { topShare: 0.3 })).toBe(0.9);
  });

  it("sums each customer's purchases first: 2 × 40 outranks 1 × 70", () => {
    const histories = historiesOf([
      ["a", 1, 40],
      ["b", 1, 70],
      ["a", 2, 40],
      ["c", 3, 10],
    ]);
    // totals a 80, b 70, c 10; ⌈0.2 × 3⌉ = 1 customer: 80 ÷ 160
    expect(topCustomerShare(histories)).toBe(0.5);
  });

  it("the positional form is the options form", () => {
    expect(topCustomerShare(fiveCustomers, 0.3)).toBe(
      topCustomerShare(fiveCustomers, { topShare: 0.3 })
    );
    const histories = historiesOf([
      ["a", 1, 10],
      ["b", 5, 90],
    ]);
    expect(topCustomerShare(histories, 0.5, 3)).toBe(
      topCustomerShare(histories, { topShare: 0.5, asOf: 3 })
    );
  });
});

describe("edge cases", () => {
  it("q = 1 takes every customer: exactly 1, whatever the amounts", () => {
    expect(topCustomerShare(fiveCustomers, { topShare: 1 })).toBe(1);
    expect(topCustomerShare(customersSpending([0.1, 0.2, 0.7, 1e9, 0.01]), { topShare: 1 })).toBe(
      1
    );
  });

  it("rounds q × customers up, read to 12 digits: 0.07 × 100 takes 7 customers, not 8", () => {
    // 0.07 × 100 is 7.000000000000001 in floating point, whose ceiling would be 8
    expect(Math.ceil(0.07 * 100)).toBe(8);
    const histories = customersSpending(Array.from({ length: 100 }, (_, k) => k + 1));
    // computed by hand: the top 7 spend 100 + 99 + … + 94 = 679 of 1 + … + 100 = 5050
    expect(topCustomerShare(histories, { topShare: 0.07 })).toBe(679 / 5050);
  });

  it("takes at least one customer: 1 % of 5 customers is the top 1", () => {
    expect(topCustomerShare(fiveCustomers, { topShare: 0.01 })).toBe(0.7);
  });

  it("customers with equal revenue at the cut are interchangeable", () => {
    // 50, 20, 20, 10: the top 40 % (⌈1.6⌉ = 2) is 50 and either 20
    expect(topCustomerShare(customersSpending([20, 10, 50, 20]), { topShare: 0.4 })).toBe(0.7);
  });

  it("uses purchases up to as_of only, and counts only customers who had bought by then", () => {
    const histories = historiesOf([
      ["a", 1, 10],
      ["b", 1, 30],
      ["a", 20, 1000],
      ["c", 25, 60],
    ]);
    // as of day 10: a 10, b 30 (c not yet a customer) → top 1 of 2: 30 ÷ 40
    expect(topCustomerShare(histories, { asOf: 10 })).toBe(0.75);
    // all purchases: a 1010, b 30, c 60 → top 1 of 3: 1010 ÷ 1100
    expect(topCustomerShare(histories)).toBe(1010 / 1100);
  });

  it("leaves a net refunder out of the ranking and the total, so the share stays in [0, 1]", () => {
    const histories = historiesOf([
      ["a", 1, 100],
      ["b", 1, 50],
      ["c", 1, 40],
      ["c", 2, -100],
    ]);
    // totals 100, 50, −60: c holds no share; top ⌈0.2 × 2⌉ = 1 of a, b is 100 of 150
    // (topShare.ts "Negative revenue"; before, 100 of 90 = 111 %)
    expect(topCustomerShare(histories)).toBe(100 / 150);
    expect(topCustomerShare(histories, { topShare: 1 })).toBe(1);
  });

  it("the QA case: A 120, B 0, C −20, D 0 → top ⌈0.2 × 3⌉ = 1 is A, 120 of 120 (not 1.2)", () => {
    // =CRM.TOPSHARE({"A";"A";"A";"B";"B";"C";"D"},{100;-30;50;40;-40;-20;0}): C's only row is a
    // return (not a customer); B nets 0 and D buys for 0 (both counted); A nets 120.
    const histories = historiesOf([
      ["A", 1, 100],
      ["A", 1, -30],
      ["A", 1, 50],
      ["B", 1, 40],
      ["B", 1, -40],
      ["C", 1, -20],
      ["D", 1, 0],
    ]);
    expect(topCustomerShare(histories)).toBe(1);
  });

  it("adds amounts in cents: 0.1 + 0.2 against 0.3 is exactly half", () => {
    const histories = historiesOf([
      ["a", 1, 0.1],
      ["a", 1, 0.2],
      ["b", 2, 0.3],
    ]);
    expect(topCustomerShare(histories, { topShare: 0.5 })).toBe(0.5);
  });

  it("refuses q outside (0, 1] with #NUM! naming top_share", () => {
    for (const topShare of [0, -0.1, 1.0001, 20, Number.NaN, Number.POSITIVE_INFINITY]) {
      expectCrmError(() => topCustomerShare(fiveCustomers, { topShare }), "num", "top_share");
    }
  });

  it("answers #DIV/0! when the total revenue is not above 0", () => {
    expectCrmError(() => topCustomerShare(customersSpending([0, 0])), "div0", "amounts");
    // 10 and −30: the net refunder is left out, 10 of 10 (topShare.ts "Negative revenue")
    expect(topCustomerShare(customersSpending([10, -30]))).toBe(1);
    expectCrmError(() => topCustomerShare(customersSpending([0, -30])), "div0", "amounts");
  });

  it("refuses an as_of that is no date (#NUM!) and answers #N/A when nobody bought by then", () => {
    for (const asOf of [Number.NaN, 0, 2958466]) {
      expectCrmError(() => topCustomerShare(fiveCustomers, { asOf }), "num", "as_of");
    }
    expectCrmError(() => topCustomerShare(historiesOf([["a", 5, 10]]), { asOf: 4 }), "na", "as_of");
    expectCrmError(() => topCustomerShare(historiesOf([])), "na");
  });
});

describe("properties", () => {
  /** Customers' totals in cents, from a small range so that many are equal. */
  const totalsArbitrary = (min: number) =>
    fc.array(fc.integer({ min, max: 300 }), { minLength: 1, maxLength: 400 });
  const qArbitrary = fc.integer({ min: 1, max: 1000 }).map((permille) => permille / 1000);

  /**
   * The definition, naively: sort the totals, highest first, and add the top ⌈q × n⌉. A customer
   * whose one row is negative has only a return, and holds no share: not ranked, not in n, not
   * in the total (topShare.ts "Negative revenue").
   */
  function naiveShare(cents: readonly number[], q: number): number {
    const sorted = cents.filter((c) => c >= 0).sort((x, y) => y - x);
    const take = Math.max(1, Math.ceil(Number((q * sorted.length).toPrecision(12))));
    const top = sorted.slice(0, take).reduce((sum, c) => sum + c, 0);
    return top / sorted.reduce((sum, c) => sum + c, 0);
  }

  it("agrees with sorting every customer's total", () => {
    fc.assert(
      fc.property(totalsArbitrary(-100), qArbitrary, (cents, q) => {
        if (cents.every((c) => c <= 0)) return;
        const histories = customersSpending(cents.map((c) => c / 100));
        const share = topCustomerShare(histories, { topShare: q });
        expect(share).toBe(naiveShare(cents, q));
        expect(share).toBeGreaterThanOrEqual(0); // SPEC §2 "Bounds"
        expect(share).toBeLessThanOrEqual(1);
      })
    );
  });

  it("never falls as q grows, is at least q with no negative totals, and is 1 at q = 1", () => {
    fc.assert(
      fc.property(totalsArbitrary(0), qArbitrary, qArbitrary, (cents, q1, q2) => {
        if (cents.every((c) => c === 0)) return;
        const histories = customersSpending(cents.map((c) => c / 100));
        const [low, high] = q1 <= q2 ? [q1, q2] : [q2, q1];
        const lowShare = topCustomerShare(histories, { topShare: low });
        const highShare = topCustomerShare(histories, { topShare: high });
        expect(highShare).toBeGreaterThanOrEqual(lowShare);
        expect(lowShare).toBeGreaterThanOrEqual(low - 1e-12);
        expect(topCustomerShare(histories, { topShare: 1 })).toBe(1);
      })
    );
  });
});
