/**
 * Repeat purchase rate: from counts, and from transactions.
 */
import { requireAtMost, requireCount, requirePositiveCount } from "../input/validate";
import { CrmError } from "../errors";
import type { PurchaseHistories } from "../input/history";
import type { Period } from "./customerBase";

/**
 * Repeat purchase rate, 重复购买率: the share of customers who bought at least twice.
 *
 * repeat purchase rate = customers with ≥ 2 purchases ÷ customers
 *
 * Reference: SPEC §2. Cost O(1).
 *
 * @param repeatCustomers customers with two or more purchases (whole number ≤ customers)
 * @param customers all customers (whole number > 0)
 * @returns a fraction in [0, 1]
 * @throws CrmError `div0` when customers is 0; `num` for negative or fractional counts, or
 *   repeatCustomers > customers
 * @example repeatPurchaseRate(150, 500) //=> 0.3
 */
export function repeatPurchaseRate(repeatCustomers: number, customers: number): number {
  requireCount(repeatCustomers, "repeat_customers");
  requirePositiveCount(customers, "customers");
  requireAtMost(repeatCustomers, "repeat_customers", customers, "customers");
  return repeatCustomers / customers;
}

/**
 * Repeat purchase rate from transactions: among the customers who bought within the period,
 * the share who bought on at least two distinct days within it (same-day rows are one purchase).
 * A day whose rows are all returns is no purchase (SPEC §2 "Returns"): it neither makes a
 * customer a buyer nor a repeat buyer (this needs the amounts; without them every row counts).
 *
 * Cost O(C log k).
 *
 * @throws CrmError `div0` when nobody bought within the period
 * @example // in the period a bought on days 3 and 9, b on day 4 (twice, one day) → 1 ÷ 2 = 0.5
 */
export function repeatPurchaseRateFromHistories(
  histories: PurchaseHistories,
  period: Period
): number {
  const { start, days } = histories;
  let buyers = 0;
  let repeaters = 0;
  for (let c = 0; c < histories.customerIds.length; c++) {
    let purchaseDays = 0;
    for (let i = start[c]!; i < start[c + 1]! && days[i]! <= period.last; i++) {
      if (days[i]! >= period.first) purchaseDays++;
    }
    if (purchaseDays > 0) buyers++;
    if (purchaseDays > 1) repeaters++;
  }
  if (buyers === 0) {
    throw new CrmError(
      "div0",
      "nobody bought between period_start and period_end, so there is no base to divide by.",
      "period_start"
    );
  }
  return repeatPurchaseRate(repeaters, buyers);
}
