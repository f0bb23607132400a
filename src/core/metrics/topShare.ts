/**
 * Top-customer revenue share (CRM.TOPSHARE): the 80/20 (Pareto) check of SPEC §2.
 */
import { CrmError } from "../errors";
import type { PurchaseHistories } from "../input/history";
import { requireAsOfDay, requireSummableAmounts } from "../input/validate";

/** The default top fraction of customers: the top 20 %. */
export const DEFAULT_TOP_SHARE = 0.2;

export interface TopShareOptions {
  /** the fraction q of customers at the top, 0 < q ≤ 1 (default {@link DEFAULT_TOP_SHARE}) */
  readonly topShare?: number;
  /**
   * the as-of date (day serial 1 … 2958465, inclusive): later purchases are ignored and customers
   * without a purchase by then are not counted; a fraction of a day is dropped. Default: every
   * purchase.
   */
  readonly asOf?: number;
}

const TopShareMessages = {
  badTopShare: (value: number) =>
    `top_share must be a fraction above 0 and at most 1 (0.2 for the top 20%), got ${value}.`,
  noRevenue: (total: number) =>
    `amounts add up to ${total} over the ranked customers (net of returns, net refunders left out), not above 0, so there is no revenue to take a share of.`,
  noCustomers: () => "there are no purchases on or before as_of.",
  // Without an as-of date (CRM.TOPSHARE has none), name the argument the user can fix.
  onlyReturns: () =>
    "amounts hold no purchase, only returns (negative amounts), so there is no customer to rank.",
} as const;

/**
 * Rearranges `values` so that its k largest come first and returns their sum: a quickselect with
 * a median-of-three pivot and a three-way partition (many equal totals, such as zeros, cost
 * nothing extra), falling back to a typed sort if the partitions stop shrinking. O(C) expected.
 */
function sumOfLargest(values: Float64Array, k: number): number {
  let left = 0;
  let right = values.length - 1;
  let budget = 2 * Math.ceil(Math.log2(values.length + 1)) + 8;
  const target = k - 1;
  while (right > left) {
    if (budget-- === 0) {
      values
        .subarray(left, right + 1)
        .sort()
        .reverse();
      break;
    }
    const a = values[left]!;
    const b = values[(left + right) >>> 1]!;
    const c = values[right]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    // descending three-way partition: [left, lt) > pivot, [lt, i) = pivot, (gt, right] < pivot
    let lt = left;
    let i = left;
    let gt = right;
    while (i <= gt) {
      const v = values[i]!;
      if (v > pivot) {
        values[i] = values[lt]!;
        values[lt++] = v;
        i++;
      } else if (v < pivot) {
        values[i] = values[gt]!;
        values[gt--] = v;
      } else {
        i++;
      }
    }
    if (target < lt) right = lt - 1;
    else if (target > gt) left = gt + 1;
    else break;
  }
  let sum = 0;
  for (let j = 0; j < k; j++) sum += values[j]!;
  return sum;
}

/**
 * Revenue share of the top q of customers by revenue: the 80/20 check (SPEC §2, default q = 0.2).
 *
 * Definition. Each customer's revenue is the total of their purchases up to asOf (each day's total
 * rounded to cents, summed in cents, so the shares are exact); n = customers with a purchase up to
 * asOf. The customers are ranked by revenue, highest first, and the top k = ⌈q × n⌉ taken (at
 * least one customer; q × n is read to 12 significant digits first, so 0.07 × 100 takes 7
 * customers, not the 8 that floating-point 7.000000000000001 would give). Customers with equal
 * revenue are interchangeable, so ties at the cut do not matter.
 *
 *   share = (revenue of the top k customers) ÷ (revenue of all n customers)
 *
 * Revenue is net of returns (SPEC §2 "Returns"): a customer's revenue is the net of all their
 * rows up to asOf, return-only days included. Only customers with a purchase day by asOf are
 * ranked and counted in n; a customer with nothing but returns by then is not a customer.
 *
 * Negative revenue (SPEC §2 "Bounds": a share stays in [0, 1]). A customer whose returns by
 * asOf exceed their purchases (typically returns of purchases made before the data starts) has
 * a negative net revenue: they contribute no revenue to share, so they are left out of the
 * ranking, of n and of the total, and so are the returns of customers with no purchase.
 * Counting them would shrink the total below the top customers' revenue and give "shares" of
 * 120 %; refusing the whole figure for one such customer would make the 80/20 check useless
 * on real exports. The total is therefore the revenue of the n ranked customers (each ≥ 0),
 * the share lies in [0, 1], is at least q, never falls as q grows, and q = 1 gives exactly 1.
 * Customers with a net revenue of exactly 0 (free orders, a purchase returned in full) are
 * customers and are counted in n.
 *
 * Reference: SPEC §2 "top-customer revenue share (80/20)". Cost O(n) over the purchase days plus
 * O(C) expected for the selection of the top k (C customers), no full sort.
 *
 * @param histories purchase histories (same-day purchases merged, return-only days apart)
 * @param optionsOrTopShare the top fraction q and the as-of date; or (the older positional form,
 *   kept for existing callers) q, followed by `asOfArgument`, read only in that form
 * @throws CrmError `num` when q is not in (0, 1] (`top_share`) or asOf is no day serial from 1
 *   to 2958465 (`as_of`);
 *   `na` when nobody bought by asOf; `div0` when the total revenue is not above 0
 * @example
 * // customers spending 70, 20, 5, 5 and 0: the top 20 % is ⌈0.2 × 5⌉ = 1 customer
 * topCustomerShare(histories) //=> 0.7
 * topCustomerShare(histories, { topShare: 0.3 }) //=> 0.9 (⌈1.5⌉ = 2 customers: 70 + 20)
 */
export function topCustomerShare(
  histories: PurchaseHistories,
  optionsOrTopShare?: TopShareOptions | number,
  asOfArgument?: number
): number {
  const options: TopShareOptions =
    typeof optionsOrTopShare === "number"
      ? { topShare: optionsOrTopShare, asOf: asOfArgument }
      : (optionsOrTopShare ?? {});
  const q = options.topShare ?? DEFAULT_TOP_SHARE;
  if (!(q > 0 && q <= 1)) throw new CrmError("num", TopShareMessages.badTopShare(q), "top_share");
  const asOf =
    options.asOf === undefined || options.asOf === Number.POSITIVE_INFINITY
      ? Number.POSITIVE_INFINITY
      : requireAsOfDay(options.asOf);

  const { start, days, totals, customerIds } = histories;
  // Every sum below (in cents) stays finite (SPEC §2 "Bounds"), whoever built the histories.
  requireSummableAmounts(totals, "amounts");
  const customerCount = customerIds.length;
  const revenue = new Float64Array(customerCount);
  let n = 0;
  let total = 0;
  const { returnStart, returnDays, returnTotals } = histories;
  let rankedTotal = 0;
  let customers = 0; // with a purchase day by asOf, net refunders included
  for (let c = 0; c < customerCount; c++) {
    const first = start[c]!;
    const end = start[c + 1]!;
    let cents = 0;
    for (let i = returnStart[c]!; i < returnStart[c + 1]! && returnDays[i]! <= asOf; i++) {
      cents += Math.round(returnTotals[i]! * 100);
    }
    // not a customer by asOf (SPEC §2 "Returns"): no revenue to share
    if (end === first || days[first]! > asOf) continue;
    customers++;
    for (let i = first; i < end && days[i]! <= asOf; i++) cents += Math.round(totals[i]! * 100);
    if (cents < 0) continue; // a net refunder holds no share (see "Negative revenue" above)
    revenue[n++] = cents;
    rankedTotal += cents;
    total += cents;
  }
  if (customers === 0) {
    if (asOf === Number.POSITIVE_INFINITY)
      throw new CrmError("na", TopShareMessages.onlyReturns(), "amounts");
    throw new CrmError("na", TopShareMessages.noCustomers(), "as_of");
  }
  if (!(total > 0)) throw new CrmError("div0", TopShareMessages.noRevenue(total / 100), "amounts");

  const take = Math.max(1, Math.ceil(Number((q * n).toPrecision(12))));
  const top = take >= n ? rankedTotal : sumOfLargest(revenue.subarray(0, n), take);
  return top / total;
}
