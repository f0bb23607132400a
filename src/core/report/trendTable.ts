/**
 * The churn-trend table of the report (SPEC §2 "From transactions"): the last
 * {@link SUMMARY_PERIODS} periods of the churn-trend metric — period, S, new, reactivated,
 * lost in its two parts (from the start, lapsed in the period) and in total, E, churn (lost
 * from the start ÷ S) and retention — as a block with its header on the **Model** sheet, right of
 * the settings (so the summary reads on one screen). In live-formulas mode it is the
 * CRM.CHURNTREND spill that the summary's KPI tiles and status block read through
 * {@link modelTrendAnchor}.
 */

import { cellAddress, reportSheetRef, type ReportValue, type SheetRange } from "./reportModel";
import type { TrendRow } from "../metrics/trend";
import type { ReportStrings } from "../../i18n/report.strings";
import type { ReportComputation } from "./computed";
import type { FormulaRefs } from "./formulas";
import { SETTINGS_TOP } from "./formulas";
import { finite, FORMAT, type SheetLayout } from "./layout";
import { SUMMARY_PERIODS } from "./options";
import { TREND_SOURCE_COLUMNS } from "./summary/context";

/** Where the trend table sits on the Model sheet: title on the settings title's row, column I. */
export const MODEL_TREND = { titleRow: SETTINGS_TOP - 1, column: 8 } as const;

/** The trend rows shown: the last {@link SUMMARY_PERIODS}. */
export function shownTrend(trend: readonly TrendRow[]): readonly TrendRow[] {
  return trend.slice(-SUMMARY_PERIODS);
}

/** The first data cell of the Model sheet's trend table, e.g. `I6` (no sheet prefix). */
export function modelTrendCell(): string {
  return cellAddress(MODEL_TREND.titleRow + 2, MODEL_TREND.column);
}

/**
 * The trend spill's anchor as a formula on another sheet reads it: `⟦model⟧I6` (the writers
 * resolve the placeholder to the Model sheet's name).
 */
export function modelTrendAnchor(): string {
  return `${reportSheetRef("model")}${modelTrendCell()}`;
}

/**
 * The CRM.CHURNTREND call of the report's settings (without `=`), no header row: one row per
 * complete period, the last one complete at the as-of date — period, first day, last day, S,
 * N, … (the table shows {@link TREND_SOURCE_COLUMNS} of it).
 */
export function churnTrendCall(refs: FormulaRefs): string {
  return `CRM.CHURNTREND(${refs.ids},${refs.dates},${refs.period},${refs.inactiveDays},${refs.asOf},FALSE,${refs.amounts})`;
}

/**
 * Writes the trend table (title, header, the last periods) at {@link MODEL_TREND}; in formulas
 * mode its body is one spill of CRM.CHURNTREND. Returns the table's range (header included),
 * or undefined when the trend could not be computed (a one-line reason is written instead).
 */
export function writeTrendTable(
  layout: SheetLayout,
  strings: ReportStrings,
  computed: ReportComputation,
  refs: FormulaRefs | undefined
): SheetRange | undefined {
  const top = MODEL_TREND.titleRow;
  const column = MODEL_TREND.column;
  if (!Array.isArray(computed.trend)) {
    layout.title("trend.title", top, column, strings.trendTitle);
    layout.notAvailable("trend.error", top + 1, column, strings, computed.trend);
    return undefined;
  }
  const all = computed.trend as readonly TrendRow[];
  const rows = shownTrend(all);
  // the title says when only the last periods are shown (CRM.CHURNTREND lists them all)
  layout.title(
    "trend.title",
    top,
    column,
    all.length > rows.length ? strings.trendShown(rows.length, all.length) : strings.trendTitle
  );
  const values: ReportValue[][] = rows.map((r) => [
    r.period.label,
    r.atStart,
    r.new,
    r.reactivated,
    r.lostFromStart,
    r.lapsed,
    r.lost,
    r.atEnd,
    finite(r.churnRate),
    finite(r.retentionRate),
  ]);
  const header = [...strings.trendHeader];
  const bodyRow = top + 2;
  const call = refs && churnTrendCall(refs);
  const spill =
    call && `=TAKE(CHOOSECOLS(${call},${TREND_SOURCE_COLUMNS.join(",")}),-${SUMMARY_PERIODS})`;
  const range = layout.block(
    "trend",
    top + 1,
    column,
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
      range: { row: bodyRow, column, rows: values.length, columns: header.length },
      formula: spill,
    });
  }
  layout.headerStyle(range);
  const body: SheetRange = { row: bodyRow, column, rows: values.length, columns: header.length };
  const I = FORMAT.integer;
  layout.formatColumns(body, [null, I, I, I, I, I, I, I, FORMAT.percent, FORMAT.percent]);
  return range;
}
