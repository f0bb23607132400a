/**
 * The report as a workbook (SPEC §4 "Generate", §5): from the prepared data and the wizard's
 * options to a {@link ReportWorkbook} of four sheets that the Excel writer and the .xlsx
 * writer apply as they are.
 */

import type { ReportWorkbook } from "./reportModel";
import { buildActions } from "./actions";
import { computeReport } from "./computed";
import type { PreparedData } from "./data";
import { buildModelSheet } from "./model";
import { checkOptions, type ReportOptions } from "./options";
import { buildSummary } from "./summary";
import { buildValue } from "./value";

/**
 * Builds the report workbook, its sheets in this order:
 * 1. **Retention summary** (`summary`): one screen, one landscape page — KPI tiles with their
 *    change against the previous period, the customer-status block (every active / lost / at
 *    risk / alive figure naming its rule), grades and segments as small charts, the churn
 *    trend and its chart, the cohort heatmap and retention curves (src/core/report/summary/);
 * 2. **Customers to act on** (`actions`): every customer at red, orange or yellow, most urgent
 *    first, with grade, segment, P(alive) and predicted CLV (actions.ts);
 * 3. **Customer value** (`value`): predicted CLV per customer (value.ts);
 * 4. **Model** (`model`): the settings, the fitted BG/NBD and Gamma-Gamma parameters, the
 *    counts the fit used and left out, and what each predicted number means (model.ts).
 * Every number comes from the metric modules, computed once ({@link computeReport}) and shared
 * by the sheets; a block whose metric cannot be computed says why, and the rest is still made.
 * In formulas mode the blocks a `CRM.*` function gives are formulas (trend and cohorts spill,
 * counts and most KPIs), settings live on the Model sheet, and lists stay values, marked so.
 * Each sheet's column widths and row heights are fitted to its text (reportLayout.ts).
 *
 * Cost: the metrics' own (O(n) over the rows), the predictive fit, O(C log C) to sort the
 * lists of C customers, and O(cells) to fit the layout.
 *
 * @throws CrmError for options that do not fit the data (naming the option), or formulas mode
 *   with unreadable rows
 */
export function buildReport(data: PreparedData, options: ReportOptions): ReportWorkbook {
  checkOptions(data, options);
  const computed = computeReport(data, options);
  return {
    mode: options.mode,
    sheets: [
      buildSummary(data, options, computed),
      buildActions(data, options, computed),
      buildValue(data, options, computed),
      buildModelSheet(data, options, computed),
    ],
  };
}
