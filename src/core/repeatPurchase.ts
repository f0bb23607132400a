/**
 * Repeat purchase rate from counts.
 */
import { requireAtMost, requireCount, requirePositiveCount } from "./validate";

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
