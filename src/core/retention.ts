/**
 * Customer retention rate (CRR) from counts.
 */
import { CrmError } from "./errors";
import { DomainMessages } from "./domainMessages";
import { requireCount, requirePositiveCount } from "./validate";

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
    throw new CrmError("num", DomainMessages.endBelowNew(customersAtEnd, newCustomers), "customers_at_end");
  }
  return (customersAtEnd - newCustomers) / customersAtStart;
}
