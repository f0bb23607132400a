/**
 * The **Retention summary** sheet (SPEC §4 "Generate"): reads on one screen and prints on one
 * landscape page. A grid of 14 columns (A: labels and notes; B…N: figures and charts), top to
 * bottom:
 * 1. title, source, as-of, rows read and what the sheet holds (values or live formulas), one
 *    line each, drawn across the empty cells to their right;
 * 2. KPI tiles across B…, each with its change against the previous period (what it compares
 *    with: one line on the KPI title's row);
 * 3. the customer-status block (A…C: every active / lost / at-risk / alive figure with its
 *    rule), grades (E…H: counts and a small chart) and RFM segments (I…N: counts and a chart),
 *    12 rows;
 * 4. the churn-trend chart (E…N, the last 12 periods) beside its data (A…C: period, churn,
 *    retention; the full trend table is on the Model sheet), and a one-line note on retention
 *    above 100 % beside its title when it occurs (the Model sheet explains it);
 * 5. the cohort heatmap (A…I, the last 8 cohorts × offsets +0…+11) beside the retention
 *    curves drawn from it (J…N).
 * The bands touch (each starts with its bold title): 48 rows on the CDNOW master, 49 with live
 * formulas.
 * No long list: the customers to act on have their own sheet. A block that cannot be computed
 * says why in one line; the rest is still made.
 */

import { isoFromSerial } from "../../input/dates";
import type { ReportModel } from "../reportModel";
import type { ReportComputation } from "../computed";
import type { PreparedData } from "../data";
import { formulaRefs } from "../formulas";
import { COLORS, SheetLayout } from "../layout";
import type { ReportOptions } from "../options";
import { REPORT_STRINGS } from "../../../i18n/report.strings";
import { writeGrades, writeSegments } from "./breakdown";
import { writeCohorts } from "./cohorts";
import type { SummaryContext } from "./context";
import { writeKpis } from "./kpis";
import { writeStatus } from "./status";
import { trendAnchor, writeTrend } from "./trend";

/** The summary's grid: 14 columns, A…N. */
export const SUMMARY_COLUMNS = 14;

/** Title and subtitle lines, rows 0–2 (0–3 with live formulas). */
function writeHeader(ctx: SummaryContext): void {
  const { data, options, strings, layout } = ctx;
  const { audit } = data;
  layout.title("title", 0, 0, strings.title, 18);
  const subtitle = [
    data.source.location ? strings.source(data.source.location.address) : null,
    strings.asOf(isoFromSerial(options.asOf)),
    strings.periodWord[options.period],
    strings.inactiveAfter(options.inactiveDays),
    options.generatedAt ? strings.generated(options.generatedAt) : null,
  ]
    .filter((part): part is string => part !== null)
    .join(" · ");
  const rowsLine =
    strings.rowsLine(
      data.dataRows,
      audit.transactions.days.length,
      audit.rowsWithProblems,
      audit.transactions.skippedBlankRows
    ) +
    (audit.returnRows > 0 ? ` ${strings.returnsLine(audit.returnRows, audit.returnOnlyDays)}` : "");
  // what the sheet holds: said here for live formulas; plain values are the default (the Model
  // sheet says it either way)
  const range = layout.block("subtitle", 1, 0, [
    [subtitle],
    [rowsLine],
    ...(options.mode === "formulas" ? [[strings.formulasNote]] : []),
  ]);
  // one line each, drawn across the empty cells to their right
  layout.style(range, { fontColor: COLORS.muted });
}

/** Builds the summary sheet from the computed metrics; its layout fitted last. */
export function buildSummary(
  data: PreparedData,
  options: ReportOptions,
  computed: ReportComputation
): ReportModel {
  const strings = REPORT_STRINGS[options.language];
  const formulas = options.mode === "formulas";
  const layout = new SheetLayout(formulas);
  const ctx: SummaryContext = {
    data,
    options,
    strings,
    computed,
    layout,
    refs: formulaRefs(data, formulas, "summary"),
  };
  writeHeader(ctx);

  // Rows of the bands are decided before they are written: the KPI tiles and the status block
  // read the trend, which comes later on the sheet.
  // No blank rows between bands: each band starts with its bold title.
  const kpiTop = layout.rows;
  const bandTop = kpiTop + 4;
  const bandHeight = 12; // header + 11 segments; the status block takes at most 11 rows
  const trendTop = bandTop + bandHeight;
  const anchor = trendAnchor();

  writeKpis(ctx, kpiTop, anchor);
  // title, header, at most 8 lines and 1 "not available" line: 11 rows, inside the band
  writeStatus(ctx, bandTop, anchor);
  writeGrades(ctx, bandTop, 4, bandHeight);
  writeSegments(ctx, bandTop, 8, { column: 10, columns: 4, rows: bandHeight });
  const trendRows = writeTrend(ctx, trendTop, { column: 4, columns: 10 });
  writeCohorts(ctx, trendTop + trendRows, { column: 9, columns: 5 });

  const extent = { rows: layout.rows, columns: Math.max(layout.columns, SUMMARY_COLUMNS) };
  layout.columns = extent.columns;
  return layout.finish({
    kind: "summary",
    sheetName: strings.sheetNames.summary,
    mode: options.mode,
    frozenRows: 1,
    pageSetup: {
      orientation: "landscape",
      fitToWidth: 1,
      fitToHeight: 1,
      printArea: { row: 0, column: 0, rows: extent.rows, columns: extent.columns },
      printTitleRows: { first: 0, last: 0 },
    },
  });
}
