/**
 * Customer churn from counts. (The transaction form, which derives the counts from purchase
 * rows, builds on these definitions.)
 */
import { CrmError } from "./errors";
import { DomainMessages } from "./domainMessages";
import { requireAtMost, requireCount, requireNonNegative, requirePositiveCount } from "./validate";

/**
 * Churn rate (absolute), 绝对流失率: the share of the customers at the start of a period who
 * were lost during it.
 *
 * churn rate = lost ÷ customers at start
 *
 * Reference: SPEC §2; the source course material's 绝对流失率. Cost O(1).
 *
 * @param lost customers lost during the period (whole number, ≤ customersAtStart)
 * @param customersAtStart customers at the start of the period (whole number > 0)
 * @returns a fraction in [0, 1]
 * @throws CrmError `div0` when customersAtStart is 0; `num` for negative or fractional counts,
 *   or when lost exceeds customersAtStart
 * @example churnRate(50, 1000) //=> 0.05
 */
export function churnRate(lost: number, customersAtStart: number): number {
  requireCount(lost, "lost");
  requirePositiveCount(customersAtStart, "customers_at_start");
  requireAtMost(lost, "lost", customersAtStart, "customers_at_start");
  return lost / customersAtStart;
}

export interface RelativeChurnInput {
  /** customers lost in the period */
  readonly lost: number;
  /** all customers the rate is measured against */
  readonly customers: number;
  /** average purchase (spend) of the lost customers */
  readonly averagePurchaseLost: number;
  /** average purchase (spend) of all customers */
  readonly averagePurchaseAll: number;
}

/**
 * Relative churn rate, 相对流失率: the churn rate weighted by how much the lost customers
 * bought compared with everyone, so losing big spenders counts for more.
 *
 * relative churn = (lost ÷ customers) × (average purchase of lost ÷ average purchase of all)
 *
 * Equivalently the share of total spend that left with the lost customers, so it cannot exceed
 * 1; inputs that would make it exceed 1 are inconsistent and refused.
 *
 * Reference: SPEC §2; the source course material's 相对流失率. Cost O(1).
 *
 * @returns a fraction in [0, 1]
 * @throws CrmError `div0` when customers or averagePurchaseAll is 0; `num` for negative or
 *   fractional counts, negative averages, lost > customers, or lost spend above total spend
 * @example relativeChurnRate({ lost: 10, customers: 100, averagePurchaseLost: 200, averagePurchaseAll: 100 }) //=> 0.2
 */
export function relativeChurnRate(input: RelativeChurnInput): number {
  const { lost, customers, averagePurchaseLost, averagePurchaseAll } = input;
  requireCount(lost, "lost");
  requirePositiveCount(customers, "customers");
  requireAtMost(lost, "lost", customers, "customers");
  requireNonNegative(averagePurchaseLost, "average_purchase_lost");
  requireNonNegative(averagePurchaseAll, "average_purchase_all");
  if (averagePurchaseAll === 0) {
    throw new CrmError("div0", DomainMessages.zeroBase("average_purchase_all"), "average_purchase_all");
  }
  // Compare total spends (lost × avgLost vs customers × avgAll) to avoid a ratio above 1.
  if (lost * averagePurchaseLost > customers * averagePurchaseAll) {
    throw new CrmError("num", DomainMessages.spendInconsistent(), "average_purchase_lost");
  }
  return (lost / customers) * (averagePurchaseLost / averagePurchaseAll);
}
