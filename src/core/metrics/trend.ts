/**
 * The churn trend: the customer-base accounting period after period, with the churn and
 * retention rates of each.
 */
import { CrmError } from "../errors";
import type { PurchaseHistories } from "../input/history";
import { churnRateOfAccount } from "./churn";
import { retentionRateOfAccount } from "./retention";
import {
  accountPeriods,
  calendarPeriods,
  type ActivityRule,
  type PeriodAccount,
  type PeriodKind,
} from "./customerBase";

export interface TrendOptions extends ActivityRule {
  /** calendar period (default month) */
  readonly period?: PeriodKind;
  /** the as-of date (day serial, inclusive): the last period shown is the last one complete by then */
  readonly asOf: number;
}

export interface TrendRow extends PeriodAccount {
  /** lostFromStart ÷ atStart; NaN when atStart is 0 (no base) */
  readonly churnRate: number;
  /** CRR = (atEnd − newAtEnd) ÷ atStart (SPEC §2 "CRR"); NaN when atStart is 0 (no base) */
  readonly retentionRate: number;
}

/**
 * Churn trend (SPEC §2): one row per calendar period, from the period of the first purchase to
 * the last period that has fully elapsed at asOf, with S, N, reactivated, lost (from the start
 * and lapsed), E, churn rate and retention rate (E − N_E) ÷ S, N_E = the new customers still
 * active at the period's end (equal to N when the period is no longer than inactiveDays). A period with no customers at its start has no
 * rates (NaN, shown as #DIV/0! in Excel), never 0.
 *
 * Cost O(C × P × log k).
 *
 * @throws CrmError `na` when no period has fully elapsed by asOf
 */
export function churnTrend(histories: PurchaseHistories, options: TrendOptions): TrendRow[] {
  const kind = options.period ?? "month";
  if (!Number.isFinite(histories.firstDay) || histories.firstDay > options.asOf) {
    throw new CrmError("na", "there are no purchases on or before as_of.", "as_of");
  }
  const periods = calendarPeriods(histories.firstDay, options.asOf, kind).filter(
    (p) => p.last <= options.asOf
  );
  if (periods.length === 0) {
    throw new CrmError(
      "na",
      `no full ${kind} has elapsed between the first purchase and as_of.`,
      "as_of"
    );
  }
  // The accounts are fresh objects: the rates are added to them, not spread into copies, which
  // costs a far as_of (95,000 monthly rows) most of its time (SPEC §2 "Bounds").
  return accountPeriods(histories, periods, options).map((account) =>
    Object.assign(account, {
      churnRate: churnRateOfAccount(account),
      retentionRate: retentionRateOfAccount(account),
    })
  );
}
