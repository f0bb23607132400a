/**
 * The summary's churn trend (SPEC §2 "From transactions"): a line chart of churn and retention
 * over the last periods of the churn-trend metric, its data beside it as a compact block
 * (period, churn, retention; the full table is on the Model sheet, trendTable.ts), and — exactly when a
 * retention rate shown exceeds 100 % — a one-line note under it saying why
 * (reactivated customers count in E; the Model sheet explains it).
 */

import type { ReportValue, SheetRange } from "../reportModel";
import type { TrendRow } from "../../metrics/trend";
import { COLORS, finite, FORMAT } from "../layout";
import { modelTrendAnchor, shownTrend } from "../trendTable";
import { TREND_COLUMN, type SummaryContext } from "./context";

export { shownTrend };

/** Whether a retention rate among the rows exceeds 1 (the note's condition). */
export function retentionAbove100(rows: readonly TrendRow[]): boolean {
  return rows.some((r) => Number.isFinite(r.retentionRate) && r.retentionRate > 1);
}

/** The column of the one-line note on retention above 100 %, under the trend's data (A). */
export const TREND_NOTE_COLUMN = 0;

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
    layout.notAvailable("trend.error", top + 1, 0, strings, computed.trend, true);
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
  const { churnRate, retentionRate } = TREND_COLUMN;
  const header = [h[0]!, h[churnRate - 1]!, h[retentionRate - 1]!];
  const bodyRow = top + 2;
  const spill = refs && `=CHOOSECOLS(${modelTrendAnchor()}#,1,${churnRate},${retentionRate})`;
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
  // the header on one line: "Retention rate" runs into the empty cell right of it (the chart
  // starts a row lower), "Churn rate" widens its column a little, and the row keeps its height
  layout.style({ ...range, rows: 1 }, { wrapText: false });
  layout.style(
    { row: range.row, column: chart.column, rows: 1, columns: 1 },
    { fill: COLORS.tileFill }
  );
  const body: SheetRange = { row: bodyRow, column: 0, rows: values.length, columns: header.length };
  layout.formatColumns(body, [null, FORMAT.percent, FORMAT.percent]);

  const height = range.row + range.rows - top;
  // SPEC §2 CRR: E includes reactivated customers, so retention can exceed 1; say so in one
  // line under the data and the chart (the Model sheet explains it in full)
  const note = retentionAbove100(rows);
  if (note)
    layout.line("trend.above100", top + height, TREND_NOTE_COLUMN, strings.trendAbove100Short);

  layout.chart({
    id: "trend.chart",
    kind: "line",
    title: strings.trendChartTitle,
    data: range,
    seriesColumns: [1, 2],
    // beside the data rows, so the title and the header run free across the empty cells
    position: { row: bodyRow, column: chart.column, rows: values.length, columns: chart.columns },
    valueAxisFormat: "0%",
  });
  return height + (note ? 1 : 0);
}
