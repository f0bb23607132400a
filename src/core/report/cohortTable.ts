/**
 * The full cohort table of the report (SPEC §2 "cohort"), on the **Model** sheet: every cohort
 * (one row each: cohort, first day, customers) × offsets +0 … +max (the report's offset cap,
 * `SUMMARY_MAX_OFFSET` of options.ts unless the options say otherwise), retention as a share of the
 * cohort, periods not yet complete empty (never 0), with the summary heatmap's colour scale.
 * The summary shows only the last `SUMMARY_COHORTS` (options.ts) and says that all are here.
 * In live-formulas mode the body is one CRM.COHORTS spill; it is the sheet's last block, so the
 * spill can grow downwards when new cohorts arrive.
 */

import type { CohortTable } from "../metrics/cohorts";
import type { ReportStrings } from "../../i18n/report.strings";
import type { ReportComputation } from "./computed";
import type { FormulaRefs } from "./formulas";
import { COLORS, finite, FORMAT, type SheetLayout } from "./layout";
import type { ReportValue, SheetRange } from "./reportModel";

/** The CRM.COHORTS call the table's body is in formulas mode (no header row: it is written). */
export function cohortsCall(refs: FormulaRefs, maxOffset: number): string {
  return `CRM.COHORTS(${refs.ids},${refs.dates},${refs.amounts},${refs.period},"customers",${maxOffset},${refs.asOf},FALSE)`;
}

/**
 * Writes the title at (top, column 0), the header under it and one row per cohort; returns
 * the next free row. When the cohorts could not be computed, one line says why. Cost
 * O(cohorts × offsets).
 */
export function writeCohortTable(
  layout: SheetLayout,
  top: number,
  strings: ReportStrings,
  computed: ReportComputation,
  refs: FormulaRefs | undefined
): number {
  const table = computed.cohorts;
  if (!("rows" in table)) {
    layout.title("cohortTable.title", top, 0, strings.cohortTitle);
    layout.notAvailable("cohortTable.error", top + 1, 0, strings, table, true);
    return top + 2;
  }
  const { rows, maxOffset } = table as CohortTable;
  layout.title("cohortTable.title", top, 0, strings.cohortTableTitle(rows.length, maxOffset));
  const offsets = maxOffset + 1;
  const header: ReportValue[] = [
    ...strings.cohortTableHeader,
    ...Array.from({ length: offsets }, (_, k) => strings.cohortOffset(k)),
  ];
  const body: ReportValue[][] = rows.map((r) => [
    r.cohort.label,
    r.cohort.first,
    r.size,
    ...r.values.map((v) => (v === null || v === undefined ? null : finite(v))),
  ]);
  const bodyRow = top + 2;
  const spill = refs && rows.length > 0 ? `=${cohortsCall(refs, maxOffset)}` : undefined;
  const range = layout.block(
    "cohortTable",
    top + 1,
    0,
    [header, ...body],
    spill
      ? [
          header.map(() => null),
          ...body.map((r, i) => r.map((_, c) => (i === 0 && c === 0 ? spill : null))),
        ]
      : undefined
  );
  if (spill) {
    layout.spills.push({
      range: { row: bodyRow, column: 0, rows: rows.length, columns: header.length },
      formula: spill,
    });
  }
  layout.headerStyle({ ...range, rows: 1 });
  const cells: SheetRange = { row: bodyRow, column: 0, rows: rows.length, columns: header.length };
  layout.formatColumns(cells, [null, FORMAT.date, FORMAT.integer]);
  layout.format({ ...cells, column: 3, columns: offsets }, "0%");
  if (offsets > 1 && rows.length > 0) {
    // as on the summary: +0 is 100 % by definition, the colours compare the later offsets
    layout.conditionalFormats.push({
      kind: "colorScale",
      range: { ...cells, column: 4, columns: offsets - 1 },
      minColor: COLORS.heatLow,
      midColor: COLORS.heatMid,
      maxColor: COLORS.heatHigh,
    });
  }
  return bodyRow + rows.length;
}
