/**
 * The transaction-form worksheet functions: metrics computed straight from a table's columns of
 * customer ids, dates and amounts. Definitions: SPEC §2 "From transactions"; each JSDoc block is
 * the function's one documentation (metadata and reference page).
 */
import { CrmError } from "../core/errors";
import { churnRateFromHistories, relativeChurnFromHistories } from "../core/metrics/churn";
import { retentionRateFromHistories } from "../core/metrics/retention";
import { repeatPurchaseRateFromHistories } from "../core/metrics/repeatPurchase";
import { customPeriod, DEFAULT_INACTIVE_DAYS } from "../core/metrics/customerBase";
import { churnTrend } from "../core/metrics/trend";
import { cohortRetention } from "../core/metrics/cohorts";
import {
  ALERT_LEVELS,
  DEFAULT_ALERT_THRESHOLDS,
  rfmAlertTable,
  thresholdsFromGrid,
} from "../core/metrics/rfmAlert";
import { rfmScores } from "../core/metrics/rfmScores";
import { DEFAULT_GRADE_THRESHOLDS, gradeCustomers } from "../core/metrics/grading";
import { topCustomerShare } from "../core/metrics/topShare";
import { isBlank, toColumn } from "../core/input/input";
import type { PurchaseHistories } from "../core/input/history";
import { resultKey } from "./inputCache";
import { requireSpillFits } from "../core/input/validate";
import {
  dateArg,
  displayId,
  evaluate,
  notFiniteError,
  numberArg,
  optionalBooleanArg,
  optionalChoiceArg,
  optionalDateArg,
  optionalNumberArg,
  optionalPeriodArg,
  spill,
  transactionArgs,
} from "./adapter";

/**
 * Churn rate from transactions: the share of customers active just before the period who are no longer active at its end.
 * @customfunction CHURNRATE.TX CHURNRATE.TX
 * @helpurl https://localhost:3000/reference/index.html#churnrate-tx
 * @param customer_ids Customer id of each transaction (a column). Case is ignored ("abc" is "ABC") but nothing else: ß and SS, Ａ and A stay apart; 1001 and "1001" are one customer. Shown as first written.
 * @param dates Date of each transaction (Excel dates or text dates such as 2024-03-01), same length as customer_ids.
 * @param period_start First day of the period.
 * @param period_end Last day of the period.
 * @param [inactive_days] Days without a purchase after which a customer counts as inactive. Omitted: 90.
 * @param [amounts] Amount of each transaction, same length as customer_ids. Given, a customer-day whose rows are all returns (negative amounts) is not a purchase; omitted, every row counts as a purchase.
 * @returns The churn rate as a fraction.
 * @remarks 绝对流失率 from raw rows. A customer is active on day d if they bought on some day p with d − inactive_days < p ≤ d. S = customers active on the day before period_start; lost from the start = those of S not active on period_end. churn rate = lost from the start ÷ S. Same-day purchases are one purchase. Rows whose cells are all empty are skipped. Returns (SPEC §2): with amounts, a customer-day whose rows are all returns (negative amounts) is no purchase day, and a customer with only returns is no customer; without amounts every row counts as a purchase.
 * @example =CRM.CHURNRATE.TX(A2:A12, B2:B12, "2024-04-01", "2024-06-30", 45) → 0.5
 * @throws #VALUE! the columns differ in length, span several columns, or a cell holds an empty or unreadable id, date or amount (the message names the argument and row), or a period date is unreadable.
 * @throws #NUM! period_end is before period_start, or inactive_days is not a whole number ≥ 1.
 * @throws #DIV/0! no customer was active on the day before period_start.
 * @throws #N/A the columns hold no data.
 */
export function CHURNRATE_TX(
  customer_ids: unknown[][],
  dates: unknown[][],
  period_start: unknown,
  period_end: unknown,
  inactive_days?: unknown,
  amounts?: unknown[][]
): number {
  return evaluate("CRM.CHURNRATE.TX", () => {
    const { histories } = transactionArgs(customer_ids, dates, amounts);
    const period = customPeriod(
      dateArg(period_start, "period_start"),
      dateArg(period_end, "period_end")
    );
    return churnRateFromHistories(histories, period, {
      inactiveDays: optionalNumberArg(inactive_days, "inactive_days", DEFAULT_INACTIVE_DAYS),
    });
  });
}

/**
 * Customer retention rate (CRR) from transactions: (customers active at the end − new customers still active at the end) ÷ customers active at the start.
 * @customfunction RETENTIONRATE.TX RETENTIONRATE.TX
 * @helpurl https://localhost:3000/reference/index.html#retentionrate-tx
 * @param customer_ids Customer id of each transaction (a column). Case is ignored ("abc" is "ABC") but nothing else: ß and SS, Ａ and A stay apart; 1001 and "1001" are one customer. Shown as first written.
 * @param dates Date of each transaction, same length as customer_ids.
 * @param period_start First day of the period.
 * @param period_end Last day of the period.
 * @param [inactive_days] Days without a purchase after which a customer counts as inactive. Omitted: 90.
 * @param [amounts] Amount of each transaction, same length as customer_ids. Given, a customer-day whose rows are all returns (negative amounts) is not a purchase; omitted, every row counts as a purchase.
 * @returns The retention rate as a fraction, at least 0; it can exceed 1 when lapsed customers return.
 * @remarks 客户保留率 from raw rows. CRR = (E − N_E) ÷ S, with S = customers active on the day before period_start, E = customers active on period_end (activity as in CHURNRATE.TX) and N_E = customers whose first purchase falls in the period and who are still active on period_end. This is the source's (E − N) ÷ S with N read as the new customers still there at the end: in a period no longer than inactive_days every new customer is still active at the end, so N_E = N and the formula is the source's exactly; in a longer period (a quarter with 90 inactive days) a new customer can lapse within it, is then not in E, and subtracting them would make CRR negative. E includes reactivated customers, so CRR is not 1 − churn rate and can exceed 1. The count form RETENTIONRATE(S, N, E) stays the source's literal formula. Returns (SPEC §2): with amounts, a customer-day whose rows are all returns (negative amounts) is no purchase day, and a customer with only returns is no customer; without amounts every row counts as a purchase.
 * @example =CRM.RETENTIONRATE.TX(A2:A12, B2:B12, "2024-04-01", "2024-06-30", 45) → 1
 * @throws #VALUE! the columns differ in length, span several columns, or a cell holds an empty or unreadable id, date or amount (the message names the argument and row).
 * @throws #NUM! period_end is before period_start, or inactive_days is not a whole number ≥ 1.
 * @throws #DIV/0! no customer was active on the day before period_start.
 * @throws #N/A the columns hold no data.
 */
export function RETENTIONRATE_TX(
  customer_ids: unknown[][],
  dates: unknown[][],
  period_start: unknown,
  period_end: unknown,
  inactive_days?: unknown,
  amounts?: unknown[][]
): number {
  return evaluate("CRM.RETENTIONRATE.TX", () => {
    const { histories } = transactionArgs(customer_ids, dates, amounts);
    const period = customPeriod(
      dateArg(period_start, "period_start"),
      dateArg(period_end, "period_end")
    );
    return retentionRateFromHistories(histories, period, {
      inactiveDays: optionalNumberArg(inactive_days, "inactive_days", DEFAULT_INACTIVE_DAYS),
    });
  });
}

/**
 * Relative churn from transactions: the share of the start base's recent spending that left with the customers lost in the period.
 * @customfunction RELATIVECHURN.TX RELATIVECHURN.TX
 * @helpurl https://localhost:3000/reference/index.html#relativechurn-tx
 * @param customer_ids Customer id of each transaction (a column). Case is ignored ("abc" is "ABC") but nothing else: ß and SS, Ａ and A stay apart; 1001 and "1001" are one customer. Shown as first written.
 * @param dates Date of each transaction, same length as customer_ids.
 * @param amounts Amount of each transaction, same length as customer_ids.
 * @param period_start First day of the period.
 * @param period_end Last day of the period.
 * @param [inactive_days] Days without a purchase after which a customer counts as inactive. Omitted: 90.
 * @returns The relative churn rate as a fraction.
 * @remarks 相对流失率 from raw rows. relative churn = (lost ÷ S) × (average spend of the lost ÷ average spend of S), where S and lost are as in CHURNRATE.TX and a customer's spend is the total of their purchases in the inactive_days before period_start (the purchases that made them active at the start). Equals the lost customers' share of that spend. Spend is net of returns (SPEC §2): a day whose rows are all negative amounts is no purchase (it does not make a customer active) but its amount counts in their spend.
 * @example =CRM.RELATIVECHURN.TX(A2:A12, B2:B12, C2:C12, "2024-04-01", "2024-06-30", 45) → 0.3077
 * @throws #VALUE! the columns differ in length, span several columns, or a cell holds an empty or unreadable id, date or amount (the message names the argument and row).
 * @throws #NUM! period_end is before period_start, inactive_days is not a whole number ≥ 1, returns make the lost customers' net spend negative or larger than the start base's, or the amounts add up beyond the largest number Excel can hold (about 1.8E+308).
 * @throws #DIV/0! no customer was active at the start, or they spent nothing (net) in the window.
 * @throws #N/A the columns hold no data.
 */
export function RELATIVECHURN_TX(
  customer_ids: unknown[][],
  dates: unknown[][],
  amounts: unknown[][],
  period_start: unknown,
  period_end: unknown,
  inactive_days?: unknown
): number {
  return evaluate("CRM.RELATIVECHURN.TX", () => {
    const { histories } = transactionArgs(customer_ids, dates, amounts);
    const period = customPeriod(
      dateArg(period_start, "period_start"),
      dateArg(period_end, "period_end")
    );
    return relativeChurnFromHistories(histories, period, {
      inactiveDays: optionalNumberArg(inactive_days, "inactive_days", DEFAULT_INACTIVE_DAYS),
    });
  });
}

/**
 * Repeat purchase rate from transactions: among customers who bought in the period, the share who bought on two or more days.
 * @customfunction REPEATRATE.TX REPEATRATE.TX
 * @helpurl https://localhost:3000/reference/index.html#repeatrate-tx
 * @param customer_ids Customer id of each transaction (a column). Case is ignored ("abc" is "ABC") but nothing else: ß and SS, Ａ and A stay apart; 1001 and "1001" are one customer. Shown as first written.
 * @param dates Date of each transaction, same length as customer_ids.
 * @param period_start First day of the period.
 * @param period_end Last day of the period.
 * @param [amounts] Amount of each transaction, same length as customer_ids. Given, a customer-day whose rows are all returns (negative amounts) is not a purchase; omitted, every row counts as a purchase.
 * @returns The repeat purchase rate as a fraction.
 * @remarks 重复购买率 from raw rows. repeat purchase rate = customers with purchases on at least two distinct days within [period_start, period_end] ÷ customers with at least one. Several rows of one customer on one day are one purchase. Returns (SPEC §2): with amounts, a customer-day whose rows are all returns (negative amounts) is no purchase day, and a customer with only returns is no customer; without amounts every row counts as a purchase.
 * @example =CRM.REPEATRATE.TX(A2:A12, B2:B12, "2024-01-01", "2024-06-30") → 0.8
 * @throws #VALUE! the columns differ in length, span several columns, or a cell holds an empty or unreadable id, date or amount (the message names the argument and row).
 * @throws #NUM! period_end is before period_start.
 * @throws #DIV/0! nobody bought in the period.
 * @throws #N/A the columns hold no data.
 */
export function REPEATRATE_TX(
  customer_ids: unknown[][],
  dates: unknown[][],
  period_start: unknown,
  period_end: unknown,
  amounts?: unknown[][]
): number {
  return evaluate("CRM.REPEATRATE.TX", () => {
    const { histories } = transactionArgs(customer_ids, dates, amounts);
    const period = customPeriod(
      dateArg(period_start, "period_start"),
      dateArg(period_end, "period_end")
    );
    return repeatPurchaseRateFromHistories(histories, period);
  });
}

/**
 * Churn trend: one row per month, quarter or year with customers at start, new, reactivated, lost, at end, churn rate and retention rate.
 * @customfunction CHURNTREND
 * @helpurl https://localhost:3000/reference/index.html#churntrend
 * @param customer_ids Customer id of each transaction (a column). Case is ignored ("abc" is "ABC") but nothing else: ß and SS, Ａ and A stay apart; 1001 and "1001" are one customer. Shown as first written.
 * @param dates Date of each transaction, same length as customer_ids.
 * @param [period] "month", "quarter" or "year" (also 月, 季度, 年). Omitted: month.
 * @param [inactive_days] Days without a purchase after which a customer counts as inactive. Omitted: 90.
 * @param [as_of] The date the report is as of; later rows are ignored and only periods complete by then are shown. Omitted: the last date in the data.
 * @param [show_header] TRUE to add a header row. Omitted: TRUE.
 * @param [amounts] Amount of each transaction, same length as customer_ids. Given, a customer-day whose rows are all returns (negative amounts) is not a purchase; omitted, every row counts as a purchase.
 * @returns A table that spills: period, first day, last day, at start (S), new (N), reactivated, lost from start, lapsed, lost, at end (E), churn rate, retention rate.
 * @remarks For each calendar period from the first purchase's to the last one complete at as_of: S = active on the day before the period, N = first purchase in the period, reactivated = neither but buying in the period, lost from start = in S but not active at the period's end, lapsed = new or reactivated but inactive again by the end, E = active at the end; S + N + reactivated − lost = E in every row. churn rate = lost from start ÷ S; retention rate = (E − N_E) ÷ S, N_E = the new customers still active at the end (N itself when the period is no longer than inactive_days; see RETENTIONRATE.TX), so it can exceed 1 and is not 1 − churn rate. A period with S = 0 shows #DIV/0! in its rate cells only. Dates spill as serial numbers: format those columns as dates. Returns (SPEC §2): with amounts, a customer-day whose rows are all returns (negative amounts) is no purchase day, and a customer with only returns is no customer; without amounts every row counts as a purchase.
 * @example =CRM.CHURNTREND(A2:A12, B2:B12, "quarter", 45, "2024-06-30") ⇒ spills 3 rows × 12 columns: the header, 2024-Q1 (4 new, at_start 0, so its rates are #DIV/0!) and 2024-Q2 (at_start 2, lost_from_start 1, churn_rate 0.5)
 * @throws #VALUE! the columns differ in length, span several columns, a cell holds an empty or unreadable id, date or amount (the message names the argument and row), or period is not month, quarter or year.
 * @throws #NUM! inactive_days is not a whole number ≥ 1.
 * @throws #N/A the columns hold no data, or no full period has elapsed by as_of.
 */
export function CHURNTREND(
  customer_ids: unknown[][],
  dates: unknown[][],
  period?: unknown,
  inactive_days?: unknown,
  as_of?: unknown,
  show_header?: unknown,
  amounts?: unknown[][]
): unknown[][] {
  return evaluate("CRM.CHURNTREND", () => {
    const { histories } = transactionArgs(customer_ids, dates, amounts);
    const rows = churnTrend(histories, {
      period: optionalPeriodArg(period, "period"),
      inactiveDays: optionalNumberArg(inactive_days, "inactive_days", DEFAULT_INACTIVE_DAYS),
      asOf: optionalDateArg(as_of, "as_of", histories.lastDay),
    });
    const header = optionalBooleanArg(show_header, "show_header", true)
      ? [
          "period",
          "first_day",
          "last_day",
          "at_start",
          "new",
          "reactivated",
          "lost_from_start",
          "lapsed",
          "lost",
          "at_end",
          "churn_rate",
          "retention_rate",
        ]
      : undefined;
    return spill(
      header,
      rows.map((r) => [
        r.period.label,
        r.period.first,
        r.period.last,
        r.atStart,
        r.new,
        r.reactivated,
        r.lostFromStart,
        r.lapsed,
        r.lost,
        r.atEnd,
        r.churnRate,
        r.retentionRate,
      ])
    );
  });
}

/**
 * Cohort retention matrix: customers grouped by the period of their first purchase, and the share still buying 0, 1, 2, … periods later.
 * @customfunction COHORTS
 * @helpurl https://localhost:3000/reference/index.html#cohorts
 * @param customer_ids Customer id of each transaction (a column). Case is ignored ("abc" is "ABC") but nothing else: ß and SS, Ａ and A stay apart; 1001 and "1001" are one customer. Shown as first written.
 * @param dates Date of each transaction, same length as customer_ids.
 * @param [amounts] Amount of each transaction; needed for measure "revenue", and to tell returns (negative amounts) from purchases. Omitted: every row counts as a purchase.
 * @param [period] "month", "quarter" or "year" (also 月, 季度, 年). Omitted: month.
 * @param [measure] "customers" (share of the cohort buying in the period) or "revenue" (the period's revenue over the cohort's first-period revenue). Omitted: customers.
 * @param [max_offset] The last offset shown. Omitted: as many as the data spans.
 * @param [as_of] The date the report is as of; later rows are ignored. Omitted: the last date in the data.
 * @param [show_header] TRUE to add a header row. Omitted: TRUE.
 * @returns A table that spills: cohort, first day, customers, then one column per offset 0, 1, 2, …
 * @remarks cohort = calendar period of a customer's first purchase. By customers, the value at offset k is the share of the cohort that bought in period cohort + k; by revenue, it is the cohort's revenue in period cohort + k ÷ its revenue in its first period. Periods that have not fully elapsed at as_of are left empty, never 0, so young cohorts look neither worse nor better than they are. Returns (SPEC §2): with amounts, a customer-day whose rows are all returns (negative amounts) is no purchase: it makes no cohort member and no buyer in a period, and a customer with only returns is in no cohort; by revenue, the revenue is net, each return counted in the period it falls in (a return before the customer's first purchase is left out). By revenue, a cohort whose first-period net revenue is 0 or less has no revenue retention (a ratio to a negative base would fall as revenue grows): its cells are errors, #DIV/0! for a base of 0 and #NUM! for a negative base, never a number. Without amounts every row counts as a purchase.
 * @example =CRM.COHORTS(A2:A12, B2:B12, , "quarter", , , "2024-06-30") ⇒ spills 3 rows × 5 columns: the header, cohort 2024-Q1 (4 customers, then 1 and 0.75) and 2024-Q2 (1 customer, then 1 and an empty cell)
 * @throws #VALUE! the columns differ in length, span several columns, a cell holds an empty or unreadable id, date or amount (the message names the argument and row), measure "revenue" is asked without amounts, or period or measure is not one of its words.
 * @throws #NUM! max_offset is not a whole number ≥ 0, the table would be wider than Excel's 16,384 columns (max_offset above 16,380, or, without max_offset, more than 16,381 periods from the first purchase to as_of), or the amounts add up beyond the largest number Excel can hold (about 1.8E+308); in a cohort's cells only, by revenue, the cohort's first-period net revenue is negative.
 * @throws #DIV/0! in a cohort's cells only, by revenue: the cohort's first-period net revenue is 0.
 * @throws #N/A the columns hold no data, or nothing was bought by as_of.
 */
export function COHORTS(
  customer_ids: unknown[][],
  dates: unknown[][],
  amounts?: unknown[][],
  period?: unknown,
  measure?: unknown,
  max_offset?: unknown,
  as_of?: unknown,
  show_header?: unknown
): unknown[][] {
  return evaluate("CRM.COHORTS", () => {
    const chosen = optionalChoiceArg(measure, "measure", {
      customers: ["客户", "顧客", "customer"],
      revenue: ["收入", "营收", "營收", "金额", "金額"],
    });
    const withAmounts = amounts !== null && amounts !== undefined;
    if (chosen === "revenue" && !withAmounts) {
      throw new CrmError("value", 'measure "revenue" needs the amounts argument.', "amounts");
    }
    const maxOffset = isBlank(max_offset)
      ? undefined
      : optionalNumberArg(max_offset, "max_offset", 0);
    // A max_offset wider than Excel's grid is refused before the columns are read (SPEC §2
    // "Bounds"); the core checks the rest (a whole number, and the width as_of implies).
    if (maxOffset !== undefined) requireSpillFits(1, maxOffset + 4, "max_offset");
    const { histories, entry } = transactionArgs(
      customer_ids,
      dates,
      withAmounts ? amounts : undefined
    );
    // A recalculation with the same ranges and arguments answers the kept table (inputCache.ts).
    const key = resultKey("CRM.COHORTS", [period, measure, max_offset, as_of, show_header]);
    return entry.result(key, () =>
      cohortsSpill(histories, chosen, maxOffset, period, as_of, show_header)
    );
  });
}

/** {@link COHORTS}' table, once its columns are read and its choices checked. */
function cohortsSpill(
  histories: PurchaseHistories,
  chosen: "customers" | "revenue",
  maxOffset: number | undefined,
  period: unknown,
  as_of: unknown,
  show_header: unknown
): unknown[][] {
  const table = cohortRetention(histories, {
    period: optionalPeriodArg(period, "period"),
    measure: chosen,
    asOf: optionalDateArg(as_of, "as_of", histories.lastDay),
    ...(maxOffset === undefined ? {} : { maxOffset }),
  });
  const offsets = Array.from({ length: table.maxOffset + 1 }, (_, k) => `offset_${k}`);
  const header = optionalBooleanArg(show_header, "show_header", true)
    ? ["cohort", "first_day", "customers", ...offsets]
    : undefined;
  // By revenue, a cohort whose first-period net revenue is negative has no ratio: #NUM! in
  // each elapsed cell (a base of exactly 0 stays NaN, which spill shows as #DIV/0!).
  const negativeBase = (v: number | null) => (v === null ? null : notFiniteError());
  return spill(
    header,
    table.rows.map((r) => [
      r.cohort.label,
      r.cohort.first,
      r.size,
      ...(r.firstPeriodRevenue !== undefined && r.firstPeriodRevenue < 0
        ? r.values.map(negativeBase)
        : r.values),
    ])
  );
}

/** Reads an optional numeric grid (a threshold range): blanks become null; omitted gives undefined. */
function optionalGrid(range: unknown, argument: string): (number | null)[][] | undefined {
  if (range === null || range === undefined || range === "") return undefined;
  const rows = Array.isArray(range) ? (range as unknown[]) : [[range]];
  return rows.map((row, r) =>
    (Array.isArray(row) ? row : [row]).map((cell) =>
      cell === null || cell === undefined || cell === ""
        ? null
        : numberArg(cell, `${argument}, row ${r + 1}`)
    )
  );
}

/**
 * RFM early warning: one row per customer with days since the last purchase, the fall in purchase frequency and spend, and an alert level.
 * @customfunction RFMALERT
 * @helpurl https://localhost:3000/reference/index.html#rfmalert
 * @param customer_ids Customer id of each transaction (a column). Case is ignored ("abc" is "ABC") but nothing else: ß and SS, Ａ and A stay apart; 1001 and "1001" are one customer. Shown as first written.
 * @param dates Date of each transaction, same length as customer_ids.
 * @param amounts Amount of each transaction, same length as customer_ids.
 * @param [as_of] The date the alert is as of; later rows are ignored. Omitted: the last date in the data.
 * @param [thresholds] A 3 × 3 range overriding the rules: rows yellow, orange, red; columns R (days), F decline, M decline (fractions). Empty cells keep the defaults.
 * @param [show_header] TRUE to add a header row. Omitted: TRUE.
 * @param [sort_by_severity] TRUE to list lost, red, orange, yellow, then normal customers (then by R, longest first). Omitted: TRUE.
 * @returns A table that spills: customer_id, r_days, f_recent, f_previous, f_decline, m_recent, m_previous, m_decline, level.
 * @remarks RFM 预警 (a bank's rules in the source material). R = days from the last purchase L to as_of. Recent window = the 30 days ending on L, L included; previous window = the 30 days before. F = purchase days in a window, M = amount. Decline = (previous − recent) ÷ previous when previous > 0, else 0, never negative. The level is the most severe any rule reaches (normal < yellow < orange < red < lost): R up to 10 days raises nothing, 11–30 orange, 31–60 red, beyond 60 lost; a decline of F or M up to 30% is yellow, up to 50% orange, above 50% red; no decline is normal. Edges belong to the lower band (exactly 30% is yellow) and are compared exactly, amounts in cents. Returns (SPEC §2): a customer-day whose rows are all negative amounts is no purchase day: it is never L and adds nothing to F, but its amount counts in M for the window it falls in, so declines stay within 0 to 1 (a recent amount of 0 or less is a decline of 1). A customer with only returns is not listed. The default threshold grid is {10, 0.3, 0.3; 30, 0.5, 0.5; 60, "", ""}.
 * @example =CRM.RFMALERT(A2:A12, B2:B12, C2:C12, "2024-06-30") ⇒ spills 6 rows × 9 columns: the header, 1002 (lost, 121 days), 1003 (red, 59 days), 1005 (red, 43 days), 1004 (normal) and 1001 (normal)
 * @throws #VALUE! the columns differ in length or hold an unreadable cell (the message names the argument and row), or thresholds is not 3 × 3.
 * @throws #NUM! thresholds are not increasing, a decline edge lies outside 0 to 1, or the amounts add up beyond the largest number Excel can hold (about 1.8E+308).
 * @throws #N/A the columns hold no data, or nobody bought by as_of.
 */
export function RFMALERT(
  customer_ids: unknown[][],
  dates: unknown[][],
  amounts: unknown[][],
  as_of?: unknown,
  thresholds?: unknown[][],
  show_header?: unknown,
  sort_by_severity?: unknown
): unknown[][] {
  return evaluate("CRM.RFMALERT", () => {
    const { histories, entry } = transactionArgs(customer_ids, dates, amounts, {
      asOf: isBlank(as_of) ? undefined : dateArg(as_of, "as_of"),
      header: optionalBooleanArg(show_header, "show_header", true),
      columns: 9,
    });
    // A recalculation with the same ranges and arguments answers the kept table (inputCache.ts).
    const key = resultKey("CRM.RFMALERT", [as_of, thresholds, show_header, sort_by_severity]);
    return entry.result(key, () =>
      rfmAlertSpill(histories, as_of, thresholds, show_header, sort_by_severity)
    );
  });
}

/** {@link RFMALERT}'s table, once its columns are read. */
function rfmAlertSpill(
  histories: PurchaseHistories,
  as_of: unknown,
  thresholds: unknown,
  show_header: unknown,
  sort_by_severity: unknown
): unknown[][] {
  const grid = optionalGrid(thresholds, "thresholds");
  const table = rfmAlertTable(histories, {
    asOf: optionalDateArg(as_of, "as_of", histories.lastDay),
    thresholds: grid ? thresholdsFromGrid(grid) : DEFAULT_ALERT_THRESHOLDS,
    sort: optionalBooleanArg(sort_by_severity, "sort_by_severity", true) ? "severity" : "none",
  });
  const header = optionalBooleanArg(show_header, "show_header", true)
    ? [
        "customer_id",
        "r_days",
        "f_recent",
        "f_previous",
        "f_decline",
        "m_recent",
        "m_previous",
        "m_decline",
        "level",
      ]
    : undefined;
  return spill(
    header,
    table.customers.map((customer, i) => [
      displayId(customer),
      table.recencyDays[i]!,
      table.frequencyRecent[i]!,
      table.frequencyPrevious[i]!,
      table.frequencyDecline[i]!,
      table.monetaryRecent[i]!,
      table.monetaryPrevious[i]!,
      table.monetaryDecline[i]!,
      ALERT_LEVELS[table.levels[i]!]!,
    ])
  );
}

/**
 * RFM scores and segments: each customer's recency, frequency and monetary value scored 1 to 5 by quintile, and a named segment.
 * @customfunction RFMSEGMENTS
 * @helpurl https://localhost:3000/reference/index.html#rfmsegments
 * @param customer_ids Customer id of each transaction (a column). Case is ignored ("abc" is "ABC") but nothing else: ß and SS, Ａ and A stay apart; 1001 and "1001" are one customer. Shown as first written.
 * @param dates Date of each transaction, same length as customer_ids.
 * @param amounts Amount of each transaction, same length as customer_ids.
 * @param [as_of] The date the scores are as of; later rows are ignored. Omitted: the last date in the data.
 * @param [show_header] TRUE to add a header row. Omitted: TRUE.
 * @returns A table that spills: customer_id, recency, frequency, monetary, r_score, f_score, m_score, rfm, segment.
 * @remarks recency = days since the last purchase, frequency = purchase days, monetary = net amount (returns deducted), all up to as_of. A customer-day whose rows are all negative amounts (returns) is no purchase day, and a customer with only returns is not listed. Each is scored 1 + ⌊5 × (customers with a strictly worse value + half the customers with the same value, itself included) ÷ customers⌋: a tie takes the quintile of its middle rank, so the most recent, most frequent and biggest spenders score 5, equal values always score alike, and customers all alike (or a single customer) score 3. The segment follows the R score and FM = ⌊(F + M) ÷ 2⌋: Champions (R 5, FM 4–5), Loyal customers (R 3–4, FM 4–5), Potential loyalists (R 4–5, FM 2–3), New customers (R 5, FM 1), Promising (R 4, FM 1), Need attention (R 3, FM 3), About to sleep (R 3, FM 1–2), Cannot lose them (R 1–2, FM 5), At risk (R 1–2, FM 3–4), Hibernating (R 2, FM 1–2), Lost (R 1, FM 1–2).
 * @example =CRM.RFMSEGMENTS(A2:A12, B2:B12, C2:C12, "2024-06-30") ⇒ spills 6 rows × 9 columns: the header and customers 1001 to 1005; 1001 (2 days, 4 purchases, 380) is 555, Champions
 * @throws #VALUE! the columns differ in length or hold an unreadable cell (the message names the argument and row).
 * @throws #NUM! the amounts add up beyond the largest number Excel can hold (about 1.8E+308).
 * @throws #N/A the columns hold no data, or nobody bought by as_of.
 */
export function RFMSEGMENTS(
  customer_ids: unknown[][],
  dates: unknown[][],
  amounts: unknown[][],
  as_of?: unknown,
  show_header?: unknown
): unknown[][] {
  return evaluate("CRM.RFMSEGMENTS", () => {
    const { histories } = transactionArgs(customer_ids, dates, amounts, {
      asOf: isBlank(as_of) ? undefined : dateArg(as_of, "as_of"),
      header: optionalBooleanArg(show_header, "show_header", true),
      columns: 9,
    });
    const scores = rfmScores(histories, optionalDateArg(as_of, "as_of", histories.lastDay));
    const header = optionalBooleanArg(show_header, "show_header", true)
      ? [
          "customer_id",
          "recency",
          "frequency",
          "monetary",
          "r_score",
          "f_score",
          "m_score",
          "rfm",
          "segment",
        ]
      : undefined;
    return spill(
      header,
      scores.map((s) => [
        displayId(s.customer),
        s.recency,
        s.frequency,
        s.monetary,
        s.rScore,
        s.fScore,
        s.mScore,
        s.code,
        s.segment.name,
      ])
    );
  });
}

/**
 * Customer grading A/B/C/D by visits (distinct purchase days) in the 365 days up to the as-of date.
 * @customfunction GRADE
 * @helpurl https://localhost:3000/reference/index.html#grade
 * @param customer_ids Customer id of each transaction (a column). Case is ignored ("abc" is "ABC") but nothing else: ß and SS, Ａ and A stay apart; 1001 and "1001" are one customer. Shown as first written.
 * @param dates Date of each transaction, same length as customer_ids.
 * @param [as_of] The last day of the 365-day window. Omitted: the last date in the data.
 * @param [thresholds] Three cells: the fewest visits for A, B and C. Omitted: 3, 2, 1.
 * @param [show_header] TRUE to add a header row. Omitted: TRUE.
 * @param [amounts] Amount of each transaction, same length as customer_ids. Given, a customer-day whose rows are all returns (negative amounts) is not a purchase; omitted, every row counts as a purchase.
 * @returns A table that spills: customer_id, visits, grade.
 * @remarks 客户分级. visits = distinct purchase days in [as_of − 364, as_of]; A with at least 3, B with 2, C with 1, D with none (the source's after-sales example). Several rows of one customer on one day are one visit. Customers who bought only before the window are D. Returns (SPEC §2): with amounts, a customer-day whose rows are all returns (negative amounts) is no purchase day, and a customer with only returns is no customer; without amounts every row counts as a purchase.
 * @example =CRM.GRADE(A2:A12, B2:B12, "2024-06-30") ⇒ spills 6 rows × 3 columns: the header, 1001 (4 visits, A), 1002 (2, B), 1003 (2, B), 1004 (2, B) and 1005 (1, C)
 * @throws #VALUE! the columns differ in length or hold an unreadable cell (the message names the argument and row), or thresholds is not three cells.
 * @throws #NUM! thresholds are not whole numbers with A > B > C ≥ 1.
 * @throws #N/A the columns hold no data, or nobody bought by as_of.
 */
export function GRADE(
  customer_ids: unknown[][],
  dates: unknown[][],
  as_of?: unknown,
  thresholds?: unknown[][],
  show_header?: unknown,
  amounts?: unknown[][]
): unknown[][] {
  return evaluate("CRM.GRADE", () => {
    const { histories } = transactionArgs(customer_ids, dates, amounts, {
      asOf: isBlank(as_of) ? undefined : dateArg(as_of, "as_of"),
      header: optionalBooleanArg(show_header, "show_header", true),
      columns: 3,
    });
    const grid = optionalGrid(thresholds, "thresholds");
    let limits = DEFAULT_GRADE_THRESHOLDS;
    if (grid) {
      const cells = grid.flat();
      if (cells.length !== 3 || cells.some((cell) => cell === null)) {
        throw new CrmError(
          "value",
          "thresholds must be three cells: the fewest visits for A, B and C.",
          "thresholds"
        );
      }
      limits = { a: cells[0]!, b: cells[1]!, c: cells[2]! };
    }
    const grading = gradeCustomers(
      histories,
      optionalDateArg(as_of, "as_of", histories.lastDay),
      limits
    );
    const header = optionalBooleanArg(show_header, "show_header", true)
      ? ["customer_id", "visits", "grade"]
      : undefined;
    return spill(
      header,
      grading.customers.map((g) => [displayId(g.customer), g.visits, g.grade])
    );
  });
}

/**
 * Top-customer revenue share (the 80/20 check): the share of revenue that comes from the top fraction of customers.
 * @customfunction TOPSHARE
 * @helpurl https://localhost:3000/reference/index.html#topshare
 * @param customer_ids Customer id of each transaction (a column). Case is ignored ("abc" is "ABC") but nothing else: ß and SS, Ａ and A stay apart; 1001 and "1001" are one customer. Shown as first written.
 * @param amounts Amount of each transaction, same length as customer_ids.
 * @param [top_share] The fraction of customers at the top. Omitted: 0.2 (the top 20%).
 * @returns The top customers' share of revenue, as a fraction.
 * @remarks Customers are ranked by their total amount; the top ⌈top_share × customers⌉ are taken and their revenue is divided by the revenue of all ranked customers, so the share lies between 0 and 1 (1 for top_share 1). Revenue is net of returns (negative amounts, SPEC §2). A customer whose returns exceed their purchases (net revenue below 0, typically returns of purchases made before the data starts) holds no share of revenue: they are left out of the ranking, the customer count and the total, and so are the amounts of a customer whose rows are all returns; counting them would shrink the total below the top customers' revenue and give shares above 100 %. Customers with a net revenue of exactly 0 are counted. Rows whose cells are all empty are skipped (empty cells may arrive as 0: a row with id 0 and amount 0 is empty, while id 0 with another amount is customer 0).
 * @example =CRM.TOPSHARE(A2:A12, C2:C12) → 0.38
 * @throws #VALUE! the columns differ in length or hold an unreadable cell (the message names the argument and row).
 * @throws #NUM! top_share is not above 0 and at most 1, or the amounts add up beyond the largest number Excel can hold (about 1.8E+308).
 * @throws #DIV/0! the ranked customers' net revenue is not above 0.
 * @throws #N/A the columns hold no data.
 */
export function TOPSHARE(
  customer_ids: unknown[][],
  amounts: unknown[][],
  top_share?: unknown
): number {
  return evaluate("CRM.TOPSHARE", () => {
    const ids = toColumn(customer_ids, "customer_ids");
    const cells = toColumn(amounts, "amounts");
    // Dates do not matter here: every row is read as bought on one day. A row is blank when its
    // id and amount are both empty, blank or 0 (platforms that pass empty cells as 0), as in the
    // other transaction functions; its synthetic date is then 0, which marks a blank row and is
    // never reported. Any other row is read, so id 0 with an amount is customer 0, and only
    // customer_ids and amounts are ever named in a message.
    const emptyOrZero = (cell: unknown) => cell === 0 || isBlank(cell);
    const days = ids.map((id, i) => (emptyOrZero(id) && emptyOrZero(cells[i]) ? 0 : 1));
    const { histories } = transactionArgs(customer_ids, days, amounts);
    return topCustomerShare(histories, optionalNumberArg(top_share, "top_share", 0.2));
  });
}
