/**
 * Customer retention rate (CRR): from counts, and from transactions.
 */
import { CrmError } from "../errors";
import { Messages } from "../messages";
import { requireCount, requirePositiveCount } from "../input/validate";
import type { PurchaseHistories } from "../input/history";
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

/**
 * CRR of one period's accounting: (E − N_E) ÷ S, NaN when S is 0, where N_E is the new
 * customers still active on the period's last day (see {@link retentionRateFromHistories}).
 */
export function retentionRateOfAccount(account: PeriodAccount): number {
  return crr(account.atStart, account.newAtEnd, account.atEnd);
}

/**
 * Retention rate from transactions (SPEC §2 "CRR", as amended): CRR = (E − N_E) ÷ S, with S, E
 * and N_E from the customer-base engine: S = active on the day before the period, E = active on
 * its last day, N_E = customers whose first purchase falls in the period and who are still
 * active on its last day.
 *
 * Why N_E and not N. The source's formula is (E − N) ÷ S: the end base without the newly
 * acquired. In a period no longer than inactiveDays every new customer is still active at the
 * end, so N_E = N and this is the source's formula exactly. In a longer period (a quarter with
 * 90 inactive days, or a month with 30) a new customer can lapse within it; they are not in E,
 * and subtracting them anyway would count them against the customers who were there at the
 * start, even making CRR negative. E includes reactivated customers, so CRR is not 1 − churn
 * rate and can exceed 1 (it does on real data); it is returned as computed, never capped, and
 * is never below 0 (E − N_E counts customers of E who are not new).
 *
 * Cost O(C log k).
 *
 * @throws CrmError `div0` when nobody was active at the start
 * @example // S = {a, b}, N = {c}, E = {a, c, d (reactivated)} → (3 − 1) ÷ 2 = 1
 * @example // 30 inactive days; A bought 2023-12-27, B 2024-01-10; period 2024-01-01 … 2024-06-30:
 * // S = {A}, N = {B} but B lapsed by June, E = {} → N_E = 0 → (0 − 0) ÷ 1 = 0 (not (0 − 1) ÷ 1)
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
  return retentionRateOfAccount(account);
}
