/** What every block of the summary reads: the data, options, text, metrics and formula refs. */

import type { ReportStrings } from "../../../i18n/report.strings";
import type { ReportComputation } from "../computed";
import type { PreparedData } from "../data";
import type { FormulaRefs } from "../formulas";
import type { SheetLayout } from "../layout";
import type { ReportOptions } from "../options";

export interface SummaryContext {
  readonly data: PreparedData;
  readonly options: ReportOptions;
  readonly strings: ReportStrings;
  readonly computed: ReportComputation;
  readonly layout: SheetLayout;
  /** set in formulas mode */
  readonly refs: FormulaRefs | undefined;
}

/** The summary trend's columns (1-based) as CRM.CHURNTREND gives them, in the order shown. */
export const TREND_SOURCE_COLUMNS = [1, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;
/**
 * Columns (1-based) of the trend table and its spill: lost in its two parts (SPEC §2 "From
 * transactions": lost from the start, in S, and lapsed in the period) and their total, so the
 * churn rate reads from its row as lost from start ÷ S.
 */
export const TREND_COLUMN = {
  atStart: 2,
  new: 3,
  reactivated: 4,
  lostFromStart: 5,
  lapsed: 6,
  lost: 7,
  atEnd: 8,
  churnRate: 9,
  retentionRate: 10,
} as const;

/** `=INDEX(A28#,ROWS(A28#)-back,column)`: a figure of the trend spill's last (or earlier) row. */
export function trendCell(anchor: string, column: number, back = 0): string {
  return `INDEX(${anchor}#,ROWS(${anchor}#)${back ? `-${back}` : ""},${column})`;
}
