/**
 * The summary's churn trend (SPEC §2 "From transactions"): the last periods of the churn-trend
 * metric as a small table, a line chart of churn and retention beside it, and — exactly when a
 * retention rate shown exceeds 100 % — a one-line note beside its title saying why
 * (reactivated customers count in E; the Model sheet explains it).
 */

import { cellAddress, type ReportValue, type SheetRange } from "../../reportModel";
import type { TrendRow } from "../../trend";
import { finite, FORMAT } from "../layout";
import { SUMMARY_PERIODS } from "../options";
import { TREND_SOURCE_COLUMNS, type SummaryContext } from "./context";

/** The trend rows the summary shows: the last {@link SUMMARY_PERIODS}. */
export function shownTrend(trend: readonly TrendRow[]): readonly TrendRow[] {
  return trend.slice(-SUMMARY_PERIODS);
}

/** Whether a retention rate among the rows exceeds 1 (the note's condition). */
export function retentionAbove100(rows: readonly TrendRow[]): boolean {
  return rows.some((r) => Number.isFinite(r.retentionRate) && r.retentionRate > 1);
}

/** The column of the one-line note on retention above 100 %, on the trend title's row (C). */
export const TREND_NOTE_COLUMN = 2;

/** Where the trend table's first data row will be, for formulas that read it: `A28`. */
export function trendAnchor(top: number): string {
  return cellAddress(top + 2, 0);
}

/**
 * Writes the trend at `top` in columns A…H and its chart in `chart`; returns the rows used
 * (the band's height, chart included).
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
  const values: ReportValue[][] = rows.map((r) => [
    r.period.label,
    r.atStart,
    r.new,
    r.reactivated,
    r.lost,
    r.atEnd,
    finite(r.churnRate),
    finite(r.retentionRate),
  ]);
  const header = [...strings.trendHeader];
  const bodyRow = top + 2;
  const call =
    refs &&
    `CRM.CHURNTREND(${refs.ids},${refs.dates},${refs.period},${refs.inactiveDays},${refs.asOf},FALSE,${refs.amounts})`;
  const spill =
    call && `=TAKE(CHOOSECOLS(${call},${TREND_SOURCE_COLUMNS.join(",")}),-${SUMMARY_PERIODS})`;
  const range = layout.block(
    "trend",
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
  const I = FORMAT.integer;
  layout.formatColumns(body, [null, I, I, I, I, I, FORMAT.percent, FORMAT.percent]);

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
    seriesColumns: [6, 7],
    position: { row: top, column: chart.column, rows: height, columns: chart.columns },
    valueAxisFormat: "0%",
  });
  return height;
}
