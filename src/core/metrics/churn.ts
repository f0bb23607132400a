/**
 * Customer churn: from counts, and from transactions, where the counts come from the
 * customer-base engine and the same definitions apply.
 */
import { CrmError } from "../errors";
import { Messages } from "../messages";
import {
  requireAtMost,
  requireCount,
  requireNonNegative,
  requirePositiveCount,
} from "../input/validate";
import { returnsBetween, type PurchaseHistories } from "../input/history";
import {
  IN_END,
  IN_START,
  accountPeriod,
  checkActivityRule,
  classifyCustomer,
  type ActivityRule,
  type Period,
  type PeriodAccount,
} from "./customerBase";

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
    throw new CrmError("div0", Messages.zeroBase("average_purchase_all"), "average_purchase_all");
  }
  if (lost === 0) return 0;
  // Compare total spends (lost × avgLost vs customers × avgAll) to avoid a ratio above 1; when a
  // product overflows, compare the averages scaled by the larger one (SPEC §2 "Bounds").
  let lostSpend = lost * averagePurchaseLost;
  let allSpend = customers * averagePurchaseAll;
  if (!Number.isFinite(lostSpend) || !Number.isFinite(allSpend)) {
    const scale = Math.max(averagePurchaseLost, averagePurchaseAll);
    lostSpend = lost * (averagePurchaseLost / scale);
    allSpend = customers * (averagePurchaseAll / scale);
  }
  if (lostSpend > allSpend) {
    throw new CrmError("num", Messages.spendInconsistent(), "average_purchase_lost");
  }
  // Consistent spends keep avgLost ÷ avgAll ≤ customers ÷ lost, so the product is finite.
  return Math.min(1, (lost / customers) * (averagePurchaseLost / averagePurchaseAll));
}

/** Churn rate of one period's accounting: lost from the start ÷ S, NaN when S is 0. */
export function churnRateOfAccount(account: PeriodAccount): number {
  return account.atStart === 0 ? Number.NaN : churnRate(account.lostFromStart, account.atStart);
}

/** Refuses a rate whose base (customers active at the period's start) is empty. */
function requireStartBase(atStart: number): void {
  if (atStart === 0) {
    throw new CrmError(
      "div0",
      "no customer was active on the day before period_start, so there is no base to divide by.",
      "period_start"
    );
  }
}

/**
 * Churn rate from transactions: customers active on the day before the period who are no
 * longer active on its last day, over those active at the start (SPEC §2: churn rate = lost from
 * the start ÷ S). Customers who arrive or return during the period and lapse again are reported
 * as lapsed, not in this rate.
 *
 * Cost O(C log k) for C customers with k purchase days each.
 *
 * @throws CrmError `div0` when nobody was active at the start; `num` for a bad activity rule
 * @example // a bought on days 100 and 150, b on day 100 only; period days 120–200, 60-day rule:
 * // S = {a, b}; on day 200 a (last bought 150) is still active, b is not → 1 ÷ 2 = 0.5
 */
export function churnRateFromHistories(
  histories: PurchaseHistories,
  period: Period,
  rule: ActivityRule
): number {
  const account = accountPeriod(histories, period, rule);
  requireStartBase(account.atStart);
  return churnRate(account.lostFromStart, account.atStart);
}

/**
 * Relative churn from transactions: the share of the start base's spend that left with the
 * customers lost from the start, i.e. (lost ÷ S) × (average spend of the lost ÷ average spend
 * of S), where a customer's spend is what they bought in the `inactiveDays` before the period
 * (the purchases that made them part of S), net of returns in that window (SPEC §2 "Returns":
 * return-only days count in spend, never as purchases).
 *
 * Cost O(C log k + purchase days in the window).
 *
 * @throws CrmError `div0` when nobody was active at the start or the start base spent 0 (net);
 *   `num` when returns put the lost customers' net spend below 0 or above the base's
 * @example // S = {a: spent 300, b: spent 100}; b is lost → 100 ÷ 400 = 0.25
 */
export function relativeChurnFromHistories(
  histories: PurchaseHistories,
  period: Period,
  rule: ActivityRule
): number {
  checkActivityRule(rule);
  const { start, days, totals } = histories;
  const windowFirst = period.first - rule.inactiveDays;
  let baseCustomers = 0;
  let lostCustomers = 0;
  let baseSpend = 0;
  let lostSpend = 0;
  for (let c = 0; c < histories.customerIds.length; c++) {
    const flags = classifyCustomer(histories, c, period, rule.inactiveDays);
    if (!(flags & IN_START)) continue;
    let spend = 0;
    for (let i = start[c]!; i < start[c + 1]! && days[i]! < period.first; i++) {
      if (days[i]! >= windowFirst) spend += totals[i]!;
    }
    spend += returnsBetween(histories, c, windowFirst, period.first - 1);
    baseCustomers++;
    baseSpend += spend;
    if (!(flags & IN_END)) {
      lostCustomers++;
      lostSpend += spend;
    }
  }
  requireStartBase(baseCustomers);
  if (baseSpend <= 0) {
    throw new CrmError(
      "div0",
      "the customers active at the start spent nothing in the inactive_days before period_start, so there is no spend to weigh by.",
      "amounts"
    );
  }
  if (lostSpend < 0 || lostSpend > baseSpend) {
    // Only returns can do this: the lost customers' net spend is negative, or the others' is.
    throw new CrmError(
      "num",
      `returns in amounts make the lost customers' net spend (${lostSpend}) fall outside 0 … the start base's net spend (${baseSpend}), so it has no share to report.`,
      "amounts"
    );
  }
  return relativeChurnRate({
    lost: lostCustomers,
    customers: baseCustomers,
    averagePurchaseLost: lostCustomers === 0 ? 0 : lostSpend / lostCustomers,
    averagePurchaseAll: baseSpend / baseCustomers,
  });
}
