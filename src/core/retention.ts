/**
 * Customer retention rate (CRR): from counts, and from transactions.
 */
import { CrmError } from "./errors";
import { Messages } from "./messages";
import { requireCount, requirePositiveCount } from "./validate";
import type { PurchaseHistories } from "./history";
import { accountPeriod, type ActivityRule, type Period, type PeriodAccount } from "./customerBase";

export interface RetentionInput {
  /** S: customers at the start of the period */
  readonly customersAtStart: number;
  /** N: customers acquired during the period */
  readonly newCustomers: number;
  /** E: customers at the end of the period (including the new ones still active) */
  readonly customersAtEnd: number;
}

/**
 * Customer retention rate, 客户保留率 (CRR): of the customers there at the start, the share
 * still there at the end, counting the end base without the newly acquired.
 *
 * CRR = (E − N) ÷ S
 *
 * E counts every customer at the end, so customers who came back after lapsing raise it: CRR
 * can exceed 1 and is not 1 − churn rate. It is returned as computed, never capped.
 *
 * Reference: SPEC §2; the source course material's 客户保留率. Cost O(1).
 *
 * @returns a fraction, ≥ 0 (it may exceed 1, see above)
 * @throws CrmError `div0` when S is 0; `num` for negative or fractional counts, or E < N
 * @example retentionRate({ customersAtStart: 100, newCustomers: 30, customersAtEnd: 120 }) //=> 0.9
 */
export function retentionRate(input: RetentionInput): number {
  const { customersAtStart, newCustomers, customersAtEnd } = input;
  requirePositiveCount(customersAtStart, "customers_at_start");
  requireCount(newCustomers, "new_customers");
  requireCount(customersAtEnd, "customers_at_end");
  if (customersAtEnd < newCustomers) {
    throw new CrmError(
      "num",
      Messages.endBelowNew(customersAtEnd, newCustomers),
      "customers_at_end"
    );
  }
  return crr(customersAtStart, newCustomers, customersAtEnd);
}

/** The formula itself, (E − N) ÷ S, for counts already checked; NaN when S is 0. */
function crr(customersAtStart: number, newCustomers: number, customersAtEnd: number): number {
  return customersAtStart === 0 ? Number.NaN : (customersAtEnd - newCustomers) / customersAtStart;
}

/** CRR of one period's accounting: (E − N) ÷ S, NaN when S is 0 (see {@link retentionRateFromHistories}). */
export function retentionRateOfAccount(account: PeriodAccount): number {
  return crr(account.atStart, account.new, account.atEnd);
}

/**
 * Retention rate from transactions: (E − N) ÷ S with S, N and E from the customer-base engine
 * (SPEC §2). E includes reactivated customers, so the rate may exceed 1; and when the period is
 * longer than the activity window, new customers can lapse within it, so E − N, and the rate,
 * can even fall below 0. Both are returned as the definition gives them.
 *
 * Cost O(C log k).
 *
 * @throws CrmError `div0` when nobody was active at the start
 * @example // S = {a, b}, N = {c}, E = {a, c, d (reactivated)} → (3 − 1) ÷ 2 = 1
 */
export function retentionRateFromHistories(
  histories: PurchaseHistories,
  period: Period,
  rule: ActivityRule
): number {
  const account = accountPeriod(histories, period, rule);
  if (account.atStart === 0) {
    throw new CrmError(
      "div0",
      "no customer was active on the day before period_start, so there is no base to divide by.",
      "period_start"
    );
  }
  return crr(account.atStart, account.new, account.atEnd);
}
