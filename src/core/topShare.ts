/**
 * Top-customer revenue share: the 80/20 (Pareto) check.
 */
import { CrmError } from "./errors";
import type { PurchaseHistories } from "./history";

/**
 * Revenue share of the top `topShare` of customers by revenue (SPEC §2, default 0.2): customers
 * sorted by their total revenue, the first ⌈topShare × customers⌉ taken, their revenue divided by
 * all revenue. Purchases after asOf are ignored when asOf is given. Customers with negative
 * totals (refunds above purchases) count as they are.
 *
 * Cost O(n + C log C).
 *
 * @throws CrmError `num` when topShare is not in (0, 1]; `div0` when total revenue is not above 0
 * @example // customers spending 70, 20, 5, 5 and 0: the top 20 % is 1 customer → 70 ÷ 100 = 0.7
 */
export function topCustomerShare(
  histories: PurchaseHistories,
  topShare = 0.2,
  asOf = Number.POSITIVE_INFINITY
): number {
  if (!(topShare > 0 && topShare <= 1)) {
    throw new CrmError(
      "num",
      `top_share must be a fraction above 0 and at most 1 (0.2 for the top 20%), got ${topShare}.`,
      "top_share"
    );
  }
  const { start, days, totals, customerIds } = histories;
  const revenue = new Float64Array(customerIds.length);
  let customers = 0;
  let total = 0;
  for (let c = 0; c < customerIds.length; c++) {
    let sum = 0;
    let bought = false;
    for (let i = start[c]!; i < start[c + 1]! && days[i]! <= asOf; i++) {
      sum += totals[i]!;
      bought = true;
    }
    if (!bought) continue;
    revenue[customers++] = sum;
    total += sum;
  }
  if (!(total > 0))
    throw new CrmError(
      "div0",
      "the customers' total revenue is not above 0, so there is no share to take.",
      "amounts"
    );
  const sorted = revenue.subarray(0, customers).sort();
  const take = Math.ceil(topShare * customers - 1e-9);
  let top = 0;
  for (let k = 0; k < take; k++) top += sorted[customers - 1 - k]!;
  return top / total;
}
