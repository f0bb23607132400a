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
export const TREND_SOURCE_COLUMNS = [1, 4, 5, 6, 9, 10, 11, 12] as const;
export const TREND_COLUMN = {
  atStart: 2,
  new: 3,
  reactivated: 4,
  lost: 5,
  atEnd: 6,
  churnRate: 7,
  retentionRate: 8,
} as const;

/** `=INDEX(A28#,ROWS(A28#)-back,column)`: a figure of the trend spill's last (or earlier) row. */
export function trendCell(anchor: string, column: number, back = 0): string {
  return `INDEX(${anchor}#,ROWS(${anchor}#)${back ? `-${back}` : ""},${column})`;
}
