/**
 * The summary's cohort retention (SPEC §2 "cohort"): a heatmap of the last cohorts, one column
 * per cohort and one row per offset, which is also the data of the retention-curve chart beside
 * it (one line per cohort, x = offset, y = retention, as cohort tools draw it). Periods not yet
 * complete stay empty, never 0.
 */

import type { CohortTable } from "../../metrics/cohorts";
import type { ReportValue } from "../reportModel";
import { COLORS, finite, FORMAT } from "../layout";
import { SUMMARY_COHORTS } from "../options";
import type { SummaryContext } from "./context";

/** The cohorts the summary shows: the last {@link SUMMARY_COHORTS}. */
export function shownCohorts(table: CohortTable): CohortTable["rows"] {
  return table.rows.slice(-SUMMARY_COHORTS);
}

/**
 * Writes the heatmap at `top` from column A and the curve chart in `chart`; returns the rows
 * used. In formulas mode the heatmap is one spill: CRM.COHORTS's last cohorts, sizes and
 * labels first, transposed.
 */
export function writeCohorts(
  ctx: SummaryContext,
  top: number,
  chart: { column: number; columns: number }
): number {
  const { strings, computed, layout, refs } = ctx;
  const table = computed.cohorts;
  if (!("rows" in table)) {
    layout.title("cohorts.title", top, 0, strings.cohortTitle);
    layout.notAvailable("cohorts.error", top + 1, 0, strings, table);
    return 2;
  }
  const cohorts = shownCohorts(table);
  const offsets = table.maxOffset + 1;
  // the title says what is shown; the definition is on the Model sheet
  const shown = strings.cohortShown(cohorts.length, table.rows.length, table.maxOffset);
  layout.title("cohorts.title", top, 0, shown);
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
    const spill = `=TRANSPOSE(CHOOSECOLS(TAKE(CRM.COHORTS(${refs.ids},${refs.dates},${refs.amounts},${refs.period},"customers",${table.maxOffset},${refs.asOf},FALSE),-${SUMMARY_COHORTS}),${columns}))`;
    formulas = values.map((r, i) => r.map((_, c) => (i === 0 && c === 1 ? spill : null)));
    layout.spills.push({
      range: { row: blockRow, column: 1, rows: values.length, columns: cohorts.length },
      formula: spill,
    });
  }
  const range = layout.block("cohorts", blockRow, 0, values, formulas);
  layout.style({ ...range, columns: 1 }, { bold: true, fontColor: COLORS.muted });
  layout.headerStyle({ ...range, row: blockRow + 1 });
  layout.format({ row: blockRow, column: 1, rows: 1, columns: cohorts.length }, FORMAT.integer);
  layout.format({ row: blockRow + 2, column: 1, rows: offsets, columns: cohorts.length }, "0%");
  if (offsets > 1) {
    // +0 is 100 % by definition: the colours compare the later offsets
    layout.conditionalFormats.push({
      kind: "colorScale",
      range: { row: blockRow + 3, column: 1, rows: offsets - 1, columns: cohorts.length },
      minColor: COLORS.heatLow,
      midColor: COLORS.heatMid,
      maxColor: COLORS.heatHigh,
    });
  }
  const height = range.row + range.rows - top;
  layout.chart({
    id: "cohorts.curves",
    kind: "line",
    title: strings.curveChartTitle,
    data: { row: blockRow + 1, column: 0, rows: 1 + offsets, columns: 1 + cohorts.length },
    position: { row: top, column: chart.column, rows: height, columns: chart.columns },
    valueAxisFormat: "0%",
  });
  return height;
}
