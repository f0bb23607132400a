/**
 * The summary's cohort retention (SPEC §2 "cohort"): a heatmap of the last cohorts (at most
 * {@link SUMMARY_COHORTS}, so the sheet keeps its width with any number of cohorts; the Model
 * sheet has them all), one column per cohort and one row per offset, which is also the data of
 * the retention-curve chart beside it (one line per shown cohort, x = offset, y = retention, as
 * cohort tools draw it). Periods not yet complete stay empty, never 0.
 */

import type { CohortTable } from "../../metrics/cohorts";
import type { ReportValue } from "../reportModel";
import { COLORS, finite, FORMAT } from "../layout";
import { SUMMARY_COHORTS } from "../options";
import { cohortsCall } from "../cohortTable";
import type { SummaryContext } from "./context";

/** The cohorts the summary shows: the last {@link SUMMARY_COHORTS}. */
export function shownCohorts(table: CohortTable): CohortTable["rows"] {
  return table.rows.slice(-SUMMARY_COHORTS);
}

/** The retention-curve chart is at least this many columns wide. */
const CURVE_COLUMNS = 4;

/**
 * Writes the title at (top, column), the heatmap under it (its row labels in `column`, one
 * column per cohort) and the curve chart right of the heatmap, up to `lastColumn` (exclusive)
 * and at least {@link CURVE_COLUMNS} wide; returns the rows used. In formulas mode the heatmap
 * is one spill: CRM.COHORTS's last cohorts, sizes and labels first, transposed.
 */
export function writeCohorts(
  ctx: SummaryContext,
  top: number,
  column: number,
  lastColumn: number
): number {
  const { strings, computed, layout, refs } = ctx;
  const table = computed.cohorts;
  if (!("rows" in table)) {
    layout.title("cohorts.title", top, column, strings.cohortTitle);
    layout.notAvailable("cohorts.error", top + 1, column, strings, table, true);
    return 2;
  }
  const cohorts = shownCohorts(table);
  const offsets = table.maxOffset + 1;
  // the title says what is shown and, when cohorts are left out, that the Model sheet has them
  // all (cohortTable.ts); the definition is on the Model sheet
  const cut = cohorts.length < table.rows.length;
  const shown = strings.cohortShown(
    cohorts.length,
    table.rows.length,
    table.maxOffset,
    cut ? strings.sheetNames.model : undefined
  );
  layout.title("cohorts.title", top, column, shown);
  if (cohorts.length === 0) return 1;

  const values: ReportValue[][] = [
    [strings.cohortSizeLabel, ...cohorts.map((c) => c.size)],
    [strings.cohortOffsetHeader, ...cohorts.map((c) => c.cohort.label)],
  ];
  for (let k = 0; k < offsets; k++) {
    values.push([
      strings.cohortOffset(k),
      ...cohorts.map((c) => {
        const v = c.values[k];
        return v === null || v === undefined ? null : finite(v);
      }),
    ]);
  }
  const blockRow = top + 1;
  let formulas: (string | null)[][] | undefined;
  if (refs) {
    const columns = [3, 1, ...Array.from({ length: offsets }, (_, k) => 4 + k)].join(",");
    const spill = `=TRANSPOSE(CHOOSECOLS(TAKE(${cohortsCall(refs, table.maxOffset)},-${SUMMARY_COHORTS}),${columns}))`;
    formulas = values.map((r, i) => r.map((_, c) => (i === 0 && c === 1 ? spill : null)));
    layout.spills.push({
      range: { row: blockRow, column: column + 1, rows: values.length, columns: cohorts.length },
      formula: spill,
    });
  }
  const range = layout.block("cohorts", blockRow, column, values, formulas);
  layout.style({ ...range, columns: 1 }, { bold: true, fontColor: COLORS.muted });
  layout.headerStyle({ ...range, row: blockRow + 1 });
  const first = column + 1;
  layout.format({ row: blockRow, column: first, rows: 1, columns: cohorts.length }, FORMAT.integer);
  layout.format({ row: blockRow + 2, column: first, rows: offsets, columns: cohorts.length }, "0%");
  if (offsets > 1) {
    // +0 is 100 % by definition: the colours compare the later offsets
    layout.conditionalFormats.push({
      kind: "colorScale",
      range: { row: blockRow + 3, column: first, rows: offsets - 1, columns: cohorts.length },
      minColor: COLORS.heatLow,
      midColor: COLORS.heatMid,
      maxColor: COLORS.heatHigh,
    });
  }
  const height = range.row + range.rows - top;
  const chartColumn = first + cohorts.length;
  layout.chart({
    id: "cohorts.curves",
    kind: "line",
    title: strings.curveChartTitle,
    data: { row: blockRow + 1, column, rows: 1 + offsets, columns: 1 + cohorts.length },
    // under the title's row, so the title runs free across the empty cells
    position: {
      row: top + 1,
      column: chartColumn,
      rows: height - 1,
      columns: Math.max(CURVE_COLUMNS, lastColumn - chartColumn),
    },
    valueAxisFormat: "0%",
  });
  return height;
}
