/**
 * The **Retention summary** sheet (SPEC §4 "Generate"): reads on one screen at 100 % and
 * prints on one landscape page at 0.75 or more (Excel's "Narrow" margins). A grid of 17 columns
 * near Excel's default width ({@link GRID}), top to bottom:
 * 1. title (with live formulas, what the sheet holds on the title's row), source and as-of,
 *    rows read: one line each, drawn across the empty cells to their right;
 * 2. KPI tiles across B…, each with its change: period figures against the previous period,
 *    figures as of a date against as-of minus the last period's length (what it compares
 *    with, both named: one line on the KPI title's row); a tile's label wraps on at most three lines;
 * 3. the customer-status block (every active / lost / at-risk / alive figure: count in A,
 *    share in B, the label naming its rule from C across the empty cells to H), RFM segments
 *    (I…J) with their bar chart (K…N), and grades (O…Q, their column chart under them),
 *    12 rows;
 * 4. side by side, 15 rows: the churn trend's data (A…C: period, churn, retention, the last 12
 *    periods; the full trend table is on the Model sheet) with its line chart (D…H) and, when a
 *    retention rate exceeds 100 %, a one-line note under them (the Model sheet explains it);
 *    the cohort heatmap (from I: the last cohorts, at most 4 — the Model sheet has them all —
 *    × offsets +0…+11) with the retention curves drawn from it right of it, to Q.
 * The bands touch (each starts with its bold title): 34 rows and 566 pt on the CDNOW master,
 * ~990 pt wide in English, ~910 pt in Chinese.
 * No long list: the customers to act on have their own sheet. A block that cannot be computed
 * says why in one line; the rest is still made.
 */

import { isoFromSerial } from "../../input/dates";
import { NARROW_MARGINS, type ReportModel } from "../reportModel";
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

/**
 * The summary's grid: 17 columns, A…Q, most of them near Excel's default width (the KPI tiles
 * set B…K/L). Where each part starts (0-based columns):
 * - the status block: count A, share B, its label in C drawn across D…H;
 * - segments I…J with their bar chart K…N, grades O…Q (table, its chart under it);
 * - under them the trend (data A…C, chart D…H) and the cohorts (heatmap from I, at most 4
 *   cohort columns J…M, the curves right of it to Q: 17 columns with any number of cohorts).
 */
export const GRID = {
  statusLabelColumns: 6,
  segments: 8,
  segmentChart: 10,
  grades: 14,
  trendChart: 3,
  cohorts: 8,
} as const;
export const SUMMARY_COLUMNS = 17;

/** Title and subtitle lines, rows 0–2 (with live formulas a note on the title's row). */
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
  // rows after the as-of date are read but in no figure: counted apart, not as used
  const { days } = audit.transactions;
  let afterAsOf = 0;
  for (let i = 0; i < days.length; i++) if (days[i]! > options.asOf) afterAsOf++;
  const rowsLine =
    strings.rowsLine(
      data.dataRows,
      days.length - afterAsOf,
      audit.rowsWithProblems,
      audit.transactions.skippedBlankRows,
      afterAsOf
    ) +
    (audit.returnRows > 0 ? ` ${strings.returnsLine(audit.returnRows, audit.returnOnlyDays)}` : "");
  const range = layout.block("subtitle", 1, 0, [[subtitle], [rowsLine]]);
  // one line each, drawn across the empty cells to their right
  layout.style(range, { fontColor: COLORS.muted });
  // what the sheet holds: said for live formulas, on the title's row right of the title (no
  // row of its own); plain values are the default (the Model sheet says it either way)
  if (options.mode === "formulas")
    layout.line("formulasNote", 0, FORMULAS_NOTE_COLUMN, strings.formulasNote);
}

/** The column of the live-formulas note on the title's row (E: the title fits A…D). */
export const FORMULAS_NOTE_COLUMN = 4;

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
  writeStatus(ctx, bandTop, anchor, GRID.statusLabelColumns);
  writeGrades(ctx, bandTop, GRID.grades, bandHeight);
  writeSegments(ctx, bandTop, GRID.segments, {
    column: GRID.segmentChart,
    columns: GRID.grades - GRID.segmentChart,
    rows: bandHeight,
  });
  // the trend and the cohorts side by side, under the status block and the grades
  writeTrend(ctx, trendTop, { column: GRID.trendChart, columns: GRID.cohorts - GRID.trendChart });
  writeCohorts(ctx, trendTop, GRID.cohorts, SUMMARY_COLUMNS);

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
      // Excel's "Narrow" margins: a dashboard page, printed at 0.75 or more
      margins: NARROW_MARGINS,
    },
  });
}
