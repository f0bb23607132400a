/**
 * The summary's small charts of the customer base: A/B/C/D grades (visits in 365 days) and RFM
 * segments, each a compact count block with a chart: grades' columns under their table,
 * segments' bars beside theirs. Counts come
 * from grading.ts and rfmScores.ts; in formulas mode they are formulas over CRM.GRADE and
 * CRM.RFMSEGMENTS.
 */

import { GRADES } from "../../metrics/grading";
import { summarizeSegments } from "../../metrics/rfmScores";
import { cellAddress } from "../reportModel";
import { excelText, FORMAT, segmentName } from "../layout";
import type { SummaryContext } from "./context";

/**
 * Grades at (top, column): header and four rows (grade, customers, share), the chart under
 * them, `height` rows in all.
 */
export function writeGrades(
  ctx: SummaryContext,
  top: number,
  column: number,
  height: number
): void {
  const { strings, computed, layout, refs } = ctx;
  const grading = computed.grading;
  if (!("counts" in grading)) {
    layout.notAvailable("grades.error", top, column, strings, grading, true);
    return;
  }
  const total = grading.customers.length;
  const call =
    refs &&
    `CRM.GRADE(${refs.ids},${refs.dates},${refs.asOf},${refs.gradeThresholds},FALSE,${refs.amounts})`;
  const countRange = `${cellAddress(top + 1, column + 1, true)}:${cellAddress(top + GRADES.length, column + 1, true)}`;
  const range = layout.block(
    "grades",
    top,
    column,
    [
      [...strings.gradeHeader],
      ...GRADES.map((g) => [g, grading.counts[g], grading.counts[g] / total]),
    ],
    call
      ? [
          [null, null, null],
          ...GRADES.map((g, i) => [
            null,
            `=SUM(--(INDEX(${call},0,3)=${excelText(g)}))`,
            `=${cellAddress(top + 1 + i, column + 1)}/SUM(${countRange})`,
          ]),
        ]
      : undefined
  );
  layout.headerStyle(range);
  layout.formatColumns({ ...range, row: top + 1, rows: GRADES.length }, [
    null,
    FORMAT.integer,
    FORMAT.percent,
  ]);
  const chartRow = top + range.rows;
  layout.chart({
    id: "grades.chart",
    kind: "columnClustered",
    title: strings.gradeChartTitle,
    data: { ...range, columns: 2 },
    seriesColumns: [1],
    position: {
      row: chartRow,
      column,
      rows: Math.max(6, height - range.rows),
      columns: range.columns,
    },
  });
}

/**
 * Segments at (top, column): header and one row per segment, a bar chart to the right (one
 * bar per segment, top to bottom in the table's order, its names readable).
 */
export function writeSegments(
  ctx: SummaryContext,
  top: number,
  column: number,
  chart: { column: number; columns: number; rows: number }
): void {
  const { strings, computed, layout, refs, options } = ctx;
  const scores = computed.scores;
  if (!("segments" in scores)) {
    layout.notAvailable("segments.error", top, column, strings, scores, true);
    return;
  }
  const summary = summarizeSegments(scores);
  const call =
    refs && `CRM.RFMSEGMENTS(${refs.ids},${refs.dates},${refs.amounts},${refs.asOf},FALSE)`;
  const range = layout.block(
    "segments",
    top,
    column,
    [
      [...strings.segmentHeader],
      ...summary.map((row, i) => [segmentName(i, options.language), row.customers]),
    ],
    call
      ? [
          [null, null],
          ...summary.map((row) => [
            null,
            `=SUM(--(INDEX(${call},0,9)=${excelText(row.segment.name)}))`,
          ]),
        ]
      : undefined
  );
  layout.headerStyle(range);
  layout.format(
    { row: top + 1, column: column + 1, rows: summary.length, columns: 1 },
    FORMAT.integer
  );
  layout.chart({
    id: "segments.chart",
    kind: "barClustered",
    title: strings.segmentChartTitle,
    data: range,
    seriesColumns: [1],
    position: {
      row: top,
      column: chart.column,
      rows: Math.max(chart.rows, range.rows),
      columns: chart.columns,
    },
  });
}
