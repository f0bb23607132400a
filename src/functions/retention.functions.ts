/**
 * Contractual retention in a cell (SPEC §2 "Contractual retention (subscriptions)"): the
 * shifted-beta-geometric model of Fader & Hardie (2007) fitted to a cohort's survivor counts,
 * its projection, and the discounted expected residual lifetime of Fader & Hardie (2010); and
 * the survivor counts themselves, per start cohort, from a table of subscriptions. Each JSDoc
 * block is the function's one documentation.
 */
import { CrmError } from "../core/errors";
import { isBlank, readCustomerId, readDate, readNumber, toColumn } from "../core/input/input";
import { requireSpillFits } from "../core/input/validate";
import { cohortSurvivors } from "../core/metrics/survivors";
import {
  fitShiftedBetaGeometric,
  sbgResidualLifetime,
  sbgSurvivalCurve,
  type SbgFit,
  type SurvivorNames,
} from "../core/models/shiftedBetaGeometric";
import {
  evaluate,
  numberArg,
  optionalBooleanArg,
  optionalDateArg,
  optionalNumberArg,
  optionalPeriodArg,
  spill,
} from "./adapter";

function header(show: unknown, names: string[]): string[] | undefined {
  return optionalBooleanArg(show, "show_header", true) ? names : undefined;
}

/**
 * A cohort's survivor counts from a column or a row of cells: trailing empty cells (the
 * periods not yet elapsed, as CRM.SURVIVORS leaves them) are dropped, an empty cell before a
 * count is refused, and every message names the cell by its row (a column) or column (a row).
 */
function survivorCounts(
  range: unknown,
  argument: string
): { counts: number[]; names: SurvivorNames } {
  const horizontal =
    Array.isArray(range) && range.length === 1 && Array.isArray(range[0]) && range[0].length > 1;
  const cells = toColumn(range, argument);
  const place = (i: number) => (horizontal ? `column ${i + 1}` : `row ${i + 1}`);
  const names: SurvivorNames = {
    argument,
    place,
    row: (i) => (horizontal ? undefined : i + 1),
  };
  let end = cells.length;
  while (end > 0 && isBlank(cells[end - 1])) end--;
  const counts: number[] = new Array<number>(end);
  for (let i = 0; i < end; i++) {
    const cell = cells[i];
    if (isBlank(cell)) {
      throw new CrmError(
        "value",
        `${argument}, ${place(i)} is empty: the survivor counts must follow one another with no gap (empty cells are allowed only after the last count).`,
        argument,
        horizontal ? undefined : i + 1
      );
    }
    counts[i] = horizontal
      ? readNumber(cell, { argument: `${argument}, ${place(i)}` })
      : readNumber(cell, { argument, row: i + 1 });
  }
  return { counts, names };
}

function fit(survivors: unknown): SbgFit {
  const { counts, names } = survivorCounts(survivors, "survivors");
  return fitShiftedBetaGeometric(counts, { names });
}

/**
 * Fits the shifted-beta-geometric retention model to a cohort's survivor counts and spills its parameters with standard errors.
 * @customfunction RETENTIONFIT
 * @helpurl https://localhost:3000/reference/index.html#retentionfit
 * @param survivors A cohort's customers still under contract after 0, 1, 2, … periods (a column or a row): first the cohort's size at the start, then never rising. Whole numbers; empty cells after the last count are ignored.
 * @param [show_header] TRUE to add a header row. Omitted: TRUE.
 * @returns A three-column table that spills: parameter, value, standard_error (alpha, beta, log_likelihood, periods, customers).
 * @remarks Shifted-beta-geometric model (Fader and Hardie 2007, "How to Project Customer Retention"): at the end of each period every customer still under contract cancels with their own probability θ, the same in every period, and θ varies across customers as Beta(alpha, beta). The share still under contract after t periods is S(t) = B(alpha, beta + t) ÷ B(alpha, beta); the retention rate of period t is (beta + t − 1) ÷ (alpha + beta + t − 1), which rises with tenure because the customers most likely to cancel leave first. Fitted by maximum likelihood, n₀ − n₁ customers cancelling in period 1, n₁ − n₂ in period 2, …, and the last count still under contract; standard errors from the observed information matrix. A cohort in which nobody cancels or everybody cancels in the first period, or whose retention rate does not rise with tenure (no heterogeneity: one constant retention rate fits), has no maximum: #VALUE! says so, never a boundary estimate. periods = counts − 1; customers = the first count.
 * @example =CRM.RETENTIONFIT({1000;631;468;382;326;289;262;241}) ⇒ spills 6 rows × 3 columns: the header, alpha 0.704 (standard error 0.066), beta 1.182 (0.152), log_likelihood −1680.27, periods 7, customers 1000
 * @example =INDEX(CRM.RETENTIONFIT({1000;869;743;653;593;551;517;491}), 3, 2) → 3.806
 * @throws #VALUE! survivors spans several rows and columns, holds text or an empty cell before its last count (the message names the row or column), or the model has no maximum on these counts: nobody cancelled, everybody cancelled in the first period, or a parameter runs off to 0 or infinity (the message gives the constant retention rate that fits instead).
 * @throws #NUM! a count is not a whole number ≥ 0, the first count is 0, or a count is larger than the one before it.
 * @throws #N/A survivors holds fewer than 3 counts (the model needs the start and at least 2 periods).
 */
export function RETENTIONFIT(survivors: unknown[][], show_header?: unknown): unknown[][] {
  return evaluate("CRM.RETENTIONFIT", () => {
    const model = fit(survivors);
    return spill(header(show_header, ["parameter", "value", "standard_error"]), [
      ["alpha", model.alpha, model.alphaStandardError ?? null],
      ["beta", model.beta, model.betaStandardError ?? null],
      ["log_likelihood", model.logLikelihood, null],
      ["periods", model.periods, null],
      ["customers", model.cohortSize, null],
    ]);
  });
}

/**
 * Projects a cohort's survival and retention rates for the next periods with the shifted-beta-geometric model fitted to its survivor counts.
 * @customfunction RETENTIONFORECAST
 * @helpurl https://localhost:3000/reference/index.html#retentionforecast
 * @param survivors A cohort's customers still under contract after 0, 1, 2, … periods (a column or a row): first the cohort's size at the start, then never rising. Whole numbers; empty cells after the last count are ignored.
 * @param periods_ahead How many periods after the last count to project (a whole number ≥ 1).
 * @param [show_header] TRUE to add a header row. Omitted: TRUE.
 * @returns A table that spills one row per projected period: period, expected_survivors, survival, retention_rate.
 * @remarks The model is fitted as by CRM.RETENTIONFIT (Fader and Hardie 2007). For each period t after the last count (the counts cover periods 0 to k, so t = k + 1, …, k + periods_ahead): survival S(t) = B(alpha, beta + t) ÷ B(alpha, beta), the share of the cohort still under contract after t periods; expected_survivors = the cohort's size (the first count) × S(t); retention_rate = S(t) ÷ S(t − 1) = (beta + t − 1) ÷ (alpha + beta + t − 1), the share of those under contract in period t who renew at its end. Periods are the counts' periods (years, months). For the value of the customers, see CRM.RESIDUALLIFETIME.
 * @example =CRM.RETENTIONFORECAST({1000;869;743;653;593;551;517;491}, 5) ⇒ spills 6 rows × 4 columns: the header, then periods 8 to 12 with expected survivors 460.4, 435.8, 414.2, 395.1, 378.0 (the cohort's actual counts were 468, 445, 427, 409, 394)
 * @example =INDEX(CRM.RETENTIONFORECAST({1000;631;468;382;326;289;262;241}, 5), 2, 2) → 220.1
 * @throws #VALUE! survivors spans several rows and columns, holds text or an empty cell before its last count (the message names the row or column), or the model has no maximum on these counts (see CRM.RETENTIONFIT).
 * @throws #NUM! a count is not a whole number ≥ 0, the first count is 0, a count is larger than the one before it, periods_ahead is not a whole number ≥ 1, or the table would not fit Excel's grid.
 * @throws #N/A survivors holds fewer than 3 counts.
 */
export function RETENTIONFORECAST(
  survivors: unknown[][],
  periods_ahead: unknown,
  show_header?: unknown
): unknown[][] {
  return evaluate("CRM.RETENTIONFORECAST", () => {
    const ahead = numberArg(periods_ahead, "periods_ahead");
    const withHeader = optionalBooleanArg(show_header, "show_header", true);
    if (!Number.isInteger(ahead) || ahead < 1) {
      throw new CrmError(
        "num",
        `periods_ahead must be a whole number of periods of at least 1 (got ${ahead}).`,
        "periods_ahead"
      );
    }
    requireSpillFits(ahead + (withHeader ? 1 : 0), 4, "periods_ahead");
    const model = fit(survivors);
    const k = model.periods;
    // S(k) … S(k + ahead): the first gives period k + 1 its retention rate
    const curve = sbgSurvivalCurve(model, k, k + ahead);
    const rows: (number | null)[][] = new Array<(number | null)[]>(ahead);
    for (let i = 1; i <= ahead; i++) {
      const t = k + i;
      rows[i - 1] = [
        t,
        model.cohortSize * curve[i]!,
        curve[i]!,
        (model.beta + t - 1) / (model.alpha + model.beta + t - 1),
      ];
    }
    return spill(
      withHeader ? ["period", "expected_survivors", "survival", "retention_rate"] : undefined,
      rows,
      "periods_ahead"
    );
  });
}

/**
 * Discounted expected residual lifetime (DERL) of a subscriber, in periods' payments, from the shifted-beta-geometric model fitted to a cohort's survivor counts.
 * @customfunction RESIDUALLIFETIME
 * @helpurl https://localhost:3000/reference/index.html#residuallifetime
 * @param survivors A cohort's customers still under contract after 0, 1, 2, … periods (a column or a row): first the cohort's size at the start, then never rising. Whole numbers; empty cells after the last count are ignored.
 * @param [discount_rate] Discount rate per period (0.1 is 10% a period): 0, or at least 0.0001. Omitted: 0 (the undiscounted expected residual lifetime).
 * @param [renewals] How many times the customer has renewed (a whole number ≥ 0). Omitted: the periods the counts cover, i.e. the cohort's survivors at the last count.
 * @returns The expected present value of the customer's future payments, counted in payments of 1 per period; multiply by the margin per period for the residual lifetime value.
 * @remarks Fader and Hardie (2010), "Customer-Base Valuation in a Contractual Setting": for a customer who has renewed n times, valued just before their next renewal decision, with payments at the start of each period, DERL = Σ over t > n of S(t) ÷ S(n) × (1 + discount_rate)^−(t − n − 1) = (beta + n) ÷ (alpha + beta + n) × ₂F₁(1, beta + n + 1; alpha + beta + n + 1; 1 ÷ (1 + discount_rate)), with alpha and beta fitted as by CRM.RETENTIONFIT: the next renewal's payment is not discounted, each later one a period more. It rises with n, as the customers still there are the loyal ones. With discount_rate 0 it is the expected number of further periods, (beta + n) ÷ (alpha − 1), which is infinite when alpha ≤ 1 (#NUM!). The expected lifetime of a new customer, counting their first period, is 1 + CRM.RESIDUALLIFETIME(survivors, 0, 0).
 * @example =CRM.RESIDUALLIFETIME({1000;869;743;653;593;551;517;491}, 0.1) → 7.53
 * @example =CRM.RESIDUALLIFETIME({1000;869;743;653;593;551;517;491}, 0.1, 0) → 5.41
 * @throws #VALUE! survivors spans several rows and columns, holds text or an empty cell before its last count (the message names the row or column), or the model has no maximum on these counts (see CRM.RETENTIONFIT).
 * @throws #NUM! a count is not a whole number ≥ 0, the first count is 0, a count is larger than the one before it, discount_rate is negative or between 0 and 0.0001, renewals is not a whole number ≥ 0, or discount_rate is 0 and alpha ≤ 1 (the expected lifetime is infinite).
 * @throws #N/A survivors holds fewer than 3 counts.
 */
export function RESIDUALLIFETIME(
  survivors: unknown[][],
  discount_rate?: unknown,
  renewals?: unknown
): number {
  return evaluate("CRM.RESIDUALLIFETIME", () => {
    const rate = optionalNumberArg(discount_rate, "discount_rate", 0);
    const renewalsGiven = isBlank(renewals) ? undefined : numberArg(renewals, "renewals");
    const model = fit(survivors);
    return sbgResidualLifetime(model, rate, renewalsGiven ?? model.periods);
  });
}

/**
 * Survivor counts per start cohort from a table of subscriptions: the customers who started in each period and how many were still under contract after 0, 1, 2, … periods.
 * @customfunction SURVIVORS
 * @helpurl https://localhost:3000/reference/index.html#survivors
 * @param customer_ids Customer id of each subscription (a column). Case is ignored ("abc" is "ABC"); 1001 and "1001" are one customer.
 * @param start_dates First day of each subscription, same length as customer_ids.
 * @param end_dates Day each subscription ended, same length as customer_ids; empty (or 0) while it is still running.
 * @param [period] "month", "quarter" or "year" (also 月, 季度, 年): the period of the cohorts and of the counts. Omitted: month.
 * @param [as_of] The date the table is as of: later starts are ignored and periods ending after it are left empty. Omitted: the last start or end date in the data.
 * @param [show_header] TRUE to add a header row. Omitted: TRUE.
 * @returns A table that spills: cohort, first_day, customers, then one column per offset 0, 1, 2, … with the cohort's survivor counts.
 * @remarks cohort = the calendar period a subscription starts in. At offset 0 the count is the cohort's size; at offset k it is the number of its subscriptions that had not ended by the last day of period cohort + k (end date empty or later). An end on a period's last day counts as gone by that period's end; an end after as_of is not yet known and counts as running. With contracts of one period, offset k counts the customers who renewed k times. Periods that have not fully elapsed at as_of are left empty, never 0 (right-censoring), offset 0 too while the cohort is still forming. Each row is one subscription: a customer who came back has a second row starting on or after the first one's end and is counted again in the cohort of the new start; overlapping subscriptions of one customer are refused. A row of the table (from offset 0) is what CRM.RETENTIONFIT, CRM.RETENTIONFORECAST and CRM.RESIDUALLIFETIME read; empty cells at its end are ignored.
 * @example =CRM.SURVIVORS({"A";"B";"C"}, {"2024-03-01";"2024-03-09";"2024-04-01"}, {"2024-04-18";"";""}, "month", "2024-05-31") ⇒ spills 3 rows × 6 columns: the header, cohort 2024-03 (2 customers; survivors 2, 1, 1) and 2024-04 (1 customer; 1, 1, then an empty cell)
 * @throws #VALUE! the columns differ in length, span several columns, a cell holds an empty or unreadable id or start date or an unreadable end date, an end date is before its start, or one customer has overlapping subscriptions (the message names the argument and row), or period is not one of its words.
 * @throws #NUM! the table would not fit Excel's grid (more than 16,381 periods from the first start to as_of).
 * @throws #N/A the columns hold no data, or no subscription starts on or before as_of.
 */
export function SURVIVORS(
  customer_ids: unknown[][],
  start_dates: unknown[][],
  end_dates: unknown[][],
  period?: unknown,
  as_of?: unknown,
  show_header?: unknown
): unknown[][] {
  return evaluate("CRM.SURVIVORS", () => {
    const ids = toColumn(customer_ids, "customer_ids");
    const starts = toColumn(start_dates, "start_dates");
    const ends = toColumn(end_dates, "end_dates");
    for (const [argument, column] of [
      ["start_dates", starts],
      ["end_dates", ends],
    ] as const) {
      if (column.length !== ids.length) {
        throw new CrmError(
          "value",
          `${argument} has ${column.length} rows but customer_ids has ${ids.length}; they must be the same length.`,
          argument
        );
      }
    }
    const kind = optionalPeriodArg(period, "period");
    const withHeader = optionalBooleanArg(show_header, "show_header", true);
    const customerIds: string[] = [];
    const startDays: number[] = [];
    const endDays: (number | undefined)[] = [];
    const rows: number[] = [];
    let lastDay = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < ids.length; i++) {
      const endCell = ends[i];
      const noEnd = isBlank(endCell) || endCell === 0;
      // a row with nothing in it (empty cells may arrive as 0) is skipped
      if ((isBlank(ids[i]) || ids[i] === 0) && (isBlank(starts[i]) || starts[i] === 0) && noEnd)
        continue;
      customerIds.push(readCustomerId(ids[i], { argument: "customer_ids", row: i + 1 }));
      const start = readDate(starts[i], { argument: "start_dates", row: i + 1 });
      const end = noEnd ? undefined : readDate(endCell, { argument: "end_dates", row: i + 1 });
      startDays.push(start);
      endDays.push(end);
      rows.push(i + 1);
      lastDay = Math.max(lastDay, start, end ?? start);
    }
    if (customerIds.length === 0) {
      throw new CrmError("na", "customer_ids holds no subscriptions.", "customer_ids");
    }
    const table = cohortSurvivors(
      { customerIds, starts: startDays, ends: endDays, rows },
      { period: kind, asOf: optionalDateArg(as_of, "as_of", lastDay) }
    );
    const offsets = Array.from({ length: table.maxOffset + 1 }, (_, k) => `offset_${k}`);
    return spill(
      withHeader ? ["cohort", "first_day", "customers", ...offsets] : undefined,
      table.rows.map((r) => [r.cohort.label, r.cohort.first, r.size, ...r.survivors]),
      "as_of"
    );
  });
}
