/**
 * Live-formulas mode (SPEC §4 "Options"): references to the source columns and to the settings
 * cells, which live on the Model sheet (see {@link SETTINGS_TOP}); formulas on the other sheets
 * reach them through {@link reportSheetRef} placeholders that the writers resolve.
 */

import {
  cellAddress,
  rangeAddress,
  reportSheetRef,
  sheetPrefix,
  type SheetRange,
} from "./reportModel";
import type { PreparedData } from "./data";

/** The Model sheet's first settings row (0-based); settings are A:B from there, 7 rows. */
export const SETTINGS_TOP = 4;
/** Grade thresholds: label in D, A/B/C in E:G of the first settings row. */
export const GRADE_THRESHOLDS_RANGE: SheetRange = {
  row: SETTINGS_TOP,
  column: 4,
  rows: 1,
  columns: 3,
};
/** Alert thresholds: a header row then yellow/orange/red rows, values in E:G. */
export const ALERT_THRESHOLDS_RANGE: SheetRange = {
  row: SETTINGS_TOP + 3,
  column: 4,
  rows: 3,
  columns: 3,
};

/** References to the source columns and the settings cells, for formulas mode. */
export interface FormulaRefs {
  readonly ids: string;
  readonly dates: string;
  readonly amounts: string;
  readonly scores: string | undefined;
  readonly asOf: string;
  readonly period: string;
  readonly inactiveDays: string;
  readonly margin: string;
  readonly lifespan: string;
  readonly gradeThresholds: string;
  readonly alertThresholds: string;
}

/** `Sales!$B$2:$B$1001`, or for a named table the structured reference `Sales[Amount]`. */
function columnReference(data: PreparedData, index: number): string {
  const { source } = data;
  const location = source.location!;
  if (location.tableName && source.hasHeader) {
    const header = String(source.columnNames[index] ?? "").replace(/(['#[\]@])/g, "'$1");
    return `${location.tableName}[${header}]`;
  }
  const first = location.row + (source.hasHeader ? 1 : 0);
  const range: SheetRange = {
    row: first,
    column: location.column + index,
    rows: Math.max(1, data.dataRows),
    columns: 1,
  };
  return `${sheetPrefix(location.sheetName)}${rangeAddress(range, true)}`;
}

/**
 * The references a formula on `onSheet` uses: the source columns, and the settings cells of
 * the Model sheet (with a sheet placeholder unless the formula is on the Model sheet itself).
 * Undefined in values mode.
 */
export function formulaRefs(
  data: PreparedData,
  formulas: boolean,
  onSheet: "summary" | "actions" | "value" | "model"
): FormulaRefs | undefined {
  if (!formulas) return undefined;
  const mapping = data.source.mapping;
  const settings = onSheet === "model" ? "" : reportSheetRef("model");
  const setting = (offset: number) => `${settings}${cellAddress(SETTINGS_TOP + offset, 1, true)}`;
  return {
    ids: columnReference(data, mapping.customerId!),
    dates: columnReference(data, mapping.date!),
    amounts: columnReference(data, mapping.amount!),
    scores: mapping.score === null ? undefined : columnReference(data, mapping.score),
    asOf: setting(0),
    period: setting(1),
    inactiveDays: setting(2),
    margin: setting(3),
    lifespan: setting(5),
    gradeThresholds: `${settings}${rangeAddress(GRADE_THRESHOLDS_RANGE, true)}`,
    alertThresholds: `${settings}${rangeAddress(ALERT_THRESHOLDS_RANGE, true)}`,
  };
}
