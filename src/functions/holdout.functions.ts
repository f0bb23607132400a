/**
 * Holdout validation of the purchase model in a cell (SPEC §2 "Predictive CLV"; issue 13 part
 * 2): fit on the calibration period, compare with what the customers actually bought after it.
 * Each JSDoc block is the function's one documentation.
 */
import { readTransactions } from "../core/input/input";
import { cachedPurchaseFit } from "../core/models/fitCache";
import { holdoutValidation, type HoldoutComparison } from "../core/models/holdout";
import type { PurchaseModelKind } from "../core/models/purchaseModel";
import {
  dateArg,
  evaluate,
  optionalBooleanArg,
  optionalChoiceArg,
  spill,
  timeUnitArg,
} from "./adapter";

/** The purchase models by the words a user may type (the first, "bgnbd", is the default). */
const MODEL_WORDS: Record<PurchaseModelKind, readonly string[]> = {
  bgnbd: ["bg/nbd", "bg-nbd", "bg_nbd"],
  pareto_nbd: ["pareto/nbd", "pareto-nbd", "paretonbd", "pnbd"],
};

const HOLDOUT_HEADER = ["calibration_frequency", "customers", "actual_mean", "expected_mean"];

function comparisonRow(label: string, row: HoldoutComparison): (string | number | null)[] {
  return [label, row.customers, row.actualMean, row.expectedMean];
}

/**
 * Holdout check of the purchase model: fitted on the transactions up to calibration_end, it predicts each customer's repeat purchases up to holdout_end; spills actual vs expected mean purchases by calibration frequency.
 * @customfunction CLVHOLDOUT
 * @helpurl https://localhost:3000/reference/index.html#clvholdout
 * @param customer_ids Customer id of each transaction (a column). Case is ignored ("abc" is "ABC") but nothing else: ß and SS, Ａ and A stay apart; 1001 and "1001" are one customer.
 * @param dates Date of each transaction, same length as customer_ids.
 * @param calibration_end Last day of the calibration period: the model is fitted on the purchases up to and including it.
 * @param holdout_end Last day of the holdout period, after calibration_end: purchases from the day after calibration_end up to and including holdout_end are the actual ones.
 * @param time_unit "day", "week" or "month" (30.4375 days), also 天, 周, 月: the unit the model is fitted in.
 * @param [model] "bgnbd" (BG/NBD) or "pareto_nbd" (Pareto/NBD). Omitted: "bgnbd".
 * @param [show_header] TRUE to add a header row. Omitted: TRUE.
 * @returns A table that spills 4 columns: calibration_frequency (text "0", "1", …, "6", "7+"), customers, actual_mean, expected_mean; then a row "total" over every customer; then a row "mean_absolute_error" with the error in the expected_mean column.
 * @remarks The model is fitted by maximum likelihood on each customer's x, t_x and T at calibration_end, as in CLVFIT. For each of those customers, actual = their purchase days after calibration_end up to and including holdout_end, and expected = the model's E[Y(t) | x, t_x, T] with t = (holdout_end − calibration_end) ÷ time_unit (Fader, Hardie and Lee 2005, eq. 10, for BG/NBD). Customers are grouped by calibration frequency x (repeat purchase days up to calibration_end): 0, 1, …, 6 and 7 or more, as in Fader, Hardie and Lee (2005, fig. 4) and BTYD's bgnbd.PlotFreqVsConditionalExpectedFrequency; each group shows its customers and the means of actual and expected over them, total shows the same over every customer (customers × mean is the total number of purchases), and mean_absolute_error is the mean of |actual_mean − expected_mean| over the groups that have customers, each group counting once whatever its size (neither BTYD nor lifetimes computes one). A group without customers shows empty means. Purchases are purchase days: rows of one customer on one day count once. Without an amounts column every row counts as a purchase. Customers whose first purchase is after calibration_end are not in the table: the model was not fitted on them. The data are taken to cover the holdout: a holdout_end after the last date in the data counts the missing days as days without purchases. Within one runtime the same calibration data are fitted once and reused.
 * @example =CRM.CLVHOLDOUT(E2:E6920, F2:F6920, "1997-09-30", "1998-06-30", "week") ⇒ spills 11 rows × 4 columns: the header; frequencies 0 … 7+ with customers 1411, 439, 214, 100, 62, 38, 29, 64, actual means 0.2367 … 6.3594 and expected means 0.2251 … 6.1572; total 2357 customers, 0.7985 actual and 0.7015 expected; mean absolute error 0.2245
 * @example =INDEX(CRM.CLVHOLDOUT(E2:E6920, F2:F6920, "1997-09-30", "1998-06-30", "week"), 2, 4) → 0.2251
 * @example =INDEX(CRM.CLVHOLDOUT(E2:E6920, F2:F6920, "1997-09-30", "1998-06-30", "week"), 11, 4) → 0.2245
 * @throws #VALUE! the columns differ in length or hold an unreadable cell (the message names the argument and row), time_unit is not day, week or month, model is not "bgnbd" or "pareto_nbd", or the fit has no maximum on these data: every customer has the same history, a parameter runs off to 0 or infinity, or the fit does not converge within its iteration limit or 2 seconds (the message says which and what to do).
 * @throws #NUM! holdout_end is on or before calibration_end.
 * @throws #N/A nobody bought on or before calibration_end, nobody bought on two different days by then, or no transaction is dated after calibration_end, so the data do not span a holdout period (the message says which).
 */
export function CLVHOLDOUT(
  customer_ids: unknown[][],
  dates: unknown[][],
  calibration_end: unknown,
  holdout_end: unknown,
  time_unit: unknown,
  model?: unknown,
  show_header?: unknown
): unknown[][] {
  return evaluate("CRM.CLVHOLDOUT", () => {
    const calibrationEnd = dateArg(calibration_end, "calibration_end");
    const holdoutEnd = dateArg(holdout_end, "holdout_end");
    const timeUnit = timeUnitArg(time_unit, "time_unit");
    const kind = optionalChoiceArg(model, "model", MODEL_WORDS);
    const header = optionalBooleanArg(show_header, "show_header", true);
    const columns = readTransactions({ customerIds: customer_ids, dates });
    const result = holdoutValidation(
      // without amounts every row is a purchase (SPEC §2 "Returns")
      { ...columns, amounts: new Float64Array(columns.days.length) },
      { calibrationEnd, holdoutEnd, timeUnit, model: kind, fit: cachedPurchaseFit }
    );
    return spill(
      header ? HOLDOUT_HEADER : undefined,
      [
        ...result.groups.map((group) => comparisonRow(group.label, group)),
        comparisonRow("total", result.total),
        ["mean_absolute_error", null, null, result.meanAbsoluteError],
      ],
      "calibration_end"
    );
  });
}
