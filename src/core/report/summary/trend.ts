/**
 * The summary's churn trend (SPEC §2 "From transactions"): a line chart of churn and retention
 * over the last periods of the churn-trend metric, its data beside it as a compact block
 * (period, churn, retention; the full table is on the Model sheet, trendTable.ts), and — exactly when a
 * retention rate shown exceeds 100 % — a one-line note beside its title saying why
 * (reactivated customers count in E; the Model sheet explains it).
 */

import type { ReportValue, SheetRange } from "../reportModel";
import type { TrendRow } from "../../metrics/trend";
import { finite, FORMAT } from "../layout";
import { modelTrendAnchor, shownTrend } from "../trendTable";
import type { SummaryContext } from "./context";

export { shownTrend };

/** Whether a retention rate among the rows exceeds 1 (the note's condition). */
export function retentionAbove100(rows: readonly TrendRow[]): boolean {
  return rows.some((r) => Number.isFinite(r.retentionRate) && r.retentionRate > 1);
}

/** The column of the one-line note on retention above 100 %, on the trend title's row (C). */
export const TREND_NOTE_COLUMN = 2;

/**
 * Where the trend spill that formulas read starts: the Model sheet's trend table
 * (`⟦model⟧I6`; see trendTable.ts).
 */
export function trendAnchor(): string {
  return modelTrendAnchor();
}

/**
 * Writes the trend's title at `top`, its chart data in columns A…C and its chart in `chart`;
 * returns the rows used (the band's height, chart included).
 */
export function writeTrend(
  ctx: SummaryContext,
  top: number,
  chart: { column: number; columns: number }
): number {
  const { strings, computed, layout, refs } = ctx;
  if (!Array.isArray(computed.trend)) {
    layout.title("trend.title", top, 0, strings.trendTitle);
    layout.notAvailable("trend.error", top + 1, 0, strings, computed.trend);
    return 2;
  }
  const all = computed.trend as readonly TrendRow[];
  const rows = shownTrend(all);
  // the title says when only the last periods are shown (CRM.CHURNTREND lists them all)
  layout.title(
    "trend.title",
    top,
    0,
    all.length > rows.length ? strings.trendShown(rows.length, all.length) : strings.trendTitle
  );
  // the chart's data, compact: period, churn, retention (the full table is on the Model sheet;
  // live formulas: columns of its spill)
  const values: ReportValue[][] = rows.map((r) => [
    r.period.label,
    finite(r.churnRate),
    finite(r.retentionRate),
  ]);
  const h = strings.trendHeader;
  const header = [h[0]!, h[6]!, h[7]!];
  const bodyRow = top + 2;
  const spill = refs && `=CHOOSECOLS(${modelTrendAnchor()}#,1,7,8)`;
  const range = layout.block(
    "trend.data",
    top + 1,
    0,
    [header, ...values],
    spill
      ? [
          header.map(() => null),
          ...values.map((r, i) => r.map((_, c) => (i === 0 && c === 0 ? spill : null))),
        ]
      : undefined
  );
  if (spill && values.length > 0) {
    layout.spills.push({
      range: { row: bodyRow, column: 0, rows: values.length, columns: header.length },
      formula: spill,
    });
  }
  layout.headerStyle(range);
  const body: SheetRange = { row: bodyRow, column: 0, rows: values.length, columns: header.length };
  layout.formatColumns(body, [null, FORMAT.percent, FORMAT.percent]);

  // SPEC §2 CRR: E includes reactivated customers, so retention can exceed 1; say so in one
  // line on the title's row, right of the title (the Model sheet explains it in full)
  if (retentionAbove100(rows))
    layout.line("trend.above100", top, TREND_NOTE_COLUMN, strings.trendAbove100Short);

  const height = range.row + range.rows - top;
  layout.chart({
    id: "trend.chart",
    kind: "line",
    title: strings.trendChartTitle,
    data: range,
    seriesColumns: [1, 2],
    // under the title's row, so the note on that row runs free across the empty cells
    position: { row: top + 1, column: chart.column, rows: height - 1, columns: chart.columns },
    valueAxisFormat: "0%",
  });
  return height;
}
