/**
 * The retention summary sheet as data (SPEC §4 "Generate", §5): every cell, number format,
 * table, chart and conditional format of the sheet, computed by report.ts from the transactions
 * and the wizard's options. Two adapters apply it and add nothing of their own: the task pane's
 * Excel writer (src/taskpane/excelAdapter.ts) and the .xlsx writer of the command line. So the
 * two can never disagree, and the sheet is tested without Excel.
 *
 * Coordinates are 0-based (row 0 is sheet row 1, column 0 is column A); a1.ts-style addresses
 * are made with {@link cellAddress} and {@link rangeAddress}.
 */

/** What a cell holds: text, a number (dates are Excel serials, rates fractions), or empty. */
export type ReportValue = string | number | boolean | null;

/** A rectangle on the summary sheet, 0-based. */
export interface SheetRange {
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly columns: number;
}

/**
 * A rectangle of cells written in one go. `values` is rectangular (`rows × columns`).
 *
 * In formulas mode `formulas` has the same shape: a string (English function names, leading
 * `=`) is written as a formula, `null` as the value. A formula that spills is listed in
 * {@link ReportModel.spills}; the cells it spills into hold their expected values in `values`
 * (for sizing, charts and tests) but are written empty, or Excel would show `#SPILL!`.
 */
export interface ReportBlock {
  /** which part of the report this is: "title", "kpis", "trend", … (tests and progress) */
  readonly id: string;
  readonly row: number;
  readonly column: number;
  readonly values: readonly (readonly ReportValue[])[];
  readonly formulas?: readonly (readonly (string | null)[])[];
}

/** Cell styles the report uses; every field optional. Colours are `#RRGGBB`. */
export interface CellStyle {
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly fontSize?: number;
  readonly fontColor?: string;
  readonly fill?: string;
  readonly horizontalAlignment?: "Left" | "Center" | "Right";
  readonly verticalAlignment?: "Top" | "Center" | "Bottom";
  readonly wrapText?: boolean;
  /** a thin border of this colour around every cell of the range */
  readonly border?: string;
}

export interface StyledRange {
  readonly range: SheetRange;
  readonly style: CellStyle;
}

/** An Excel number format (en-US codes, e.g. `0.0%`, `yyyy-mm-dd`, `#,##0.00`) over a range. */
export interface NumberFormatRange {
  readonly range: SheetRange;
  readonly format: string;
}

/** A native Excel table over a range whose first row is the header. */
export interface ReportTable {
  /** a name unique in the report; the writer makes it unique in the workbook */
  readonly name: string;
  readonly range: SheetRange;
  /** a built-in table style, e.g. `TableStyleMedium2` */
  readonly style: string;
}

/**
 * `barClustered`: horizontal bars, the categories top to bottom in the data's order (as a
 * table beside them lists them), the value axis at the bottom.
 */
export type ReportChartKind = "line" | "columnClustered" | "barClustered" | "pie";

/**
 * A chart. `data` includes the header row (series names) and, in its first column, the
 * category labels; series are the data's other columns (`seriesColumns` picks some, as offsets
 * within `data`; omitted: all but the first).
 */
export interface ReportChart {
  readonly id: string;
  readonly kind: ReportChartKind;
  readonly title: string;
  readonly data: SheetRange;
  readonly seriesColumns?: readonly number[];
  /** the cells the chart covers */
  readonly position: SheetRange;
  /** number format of the value axis, e.g. `0%` */
  readonly valueAxisFormat?: string;
}

/** A three-colour scale over numbers (the cohort heatmap): lowest, middle (50th percentile), highest. */
export interface ColorScaleFormat {
  readonly kind: "colorScale";
  readonly range: SheetRange;
  readonly minColor: string;
  readonly midColor: string;
  readonly maxColor: string;
}

/**
 * A rule by formula (the alert list coloured by level): `formula` is written for the range's
 * top-left cell with relative references, as in Excel's "Use a formula to determine which cells
 * to format", e.g. `=$I12="red"`.
 */
export interface FormulaRuleFormat {
  readonly kind: "formula";
  readonly range: SheetRange;
  readonly formula: string;
  readonly fill: string;
  readonly fontColor?: string;
}

export type ConditionalFormat = ColorScaleFormat | FormulaRuleFormat;

/** A formula written at `anchor` (formulas mode) that spills over `range` (anchor included). */
export interface ReportSpill {
  readonly range: SheetRange;
  readonly formula: string;
}

/**
 * How a sheet prints (SPEC §4: the summary prints on one landscape page). Writers map it to
 * Excel's page layout: orientation, fit to `fitToWidth` pages wide and `fitToHeight` tall
 * (0 = as many as needed), the print area and the rows repeated at the top of every page.
 */
export interface PageSetup {
  readonly orientation: "portrait" | "landscape";
  readonly fitToWidth: number;
  readonly fitToHeight: number;
  readonly printArea?: SheetRange;
  /** 0-based first and last row repeated on every printed page (a table's header) */
  readonly printTitleRows?: { readonly first: number; readonly last: number };
  /** page margins in points (72 to the inch); omitted: Excel's default (0.7" left and right) */
  readonly margins?: PageMargins;
}

/** Page margins, points: the page's edges and the header's and footer's distance from them. */
export interface PageMargins {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  readonly header: number;
  readonly footer: number;
}

/** Excel's "Narrow" margins: 0.25" left and right, 0.75" top and bottom, 0.3" header and footer. */
export const NARROW_MARGINS: PageMargins = {
  left: 18,
  right: 18,
  top: 54,
  bottom: 54,
  header: 21.6,
  footer: 21.6,
};

/** The sheets of the report workbook (SPEC §4 "Generate"), in the order they are written. */
export type ReportSheetKind = "summary" | "actions" | "value" | "model";

/**
 * One sheet of the report. In formulas, a reference to ANOTHER sheet of the same report is
 * written with {@link reportSheetRef} (the writers choose the real, unique sheet names and
 * resolve it with {@link resolveReportSheetRefs}); references to the user's source sheet are
 * written as they are.
 */
export interface ReportModel {
  /** which sheet of the report this is */
  readonly kind?: ReportSheetKind;
  /** the sheet name wanted; the writer picks a unique one with {@link uniqueSheetName} */
  readonly sheetName: string;
  /** "values": plain numbers; "formulas": live `CRM.*` formulas where a function gives the cell */
  readonly mode: "values" | "formulas";
  /** the blocks, top to bottom; blocks never overlap */
  readonly blocks: readonly ReportBlock[];
  readonly numberFormats: readonly NumberFormatRange[];
  readonly styles: readonly StyledRange[];
  readonly tables: readonly ReportTable[];
  readonly charts: readonly ReportChart[];
  readonly conditionalFormats: readonly ConditionalFormat[];
  readonly spills: readonly ReportSpill[];
  /** column widths in points, by column index; unlisted columns keep Excel's default */
  readonly columnWidths: readonly { readonly column: number; readonly width: number }[];
  /** row heights in points, by row index (wrapped text); unlisted rows keep Excel's default */
  readonly rowHeights?: readonly { readonly row: number; readonly height: number }[];
  /** rows frozen at the top (the title, a table's header) */
  readonly frozenRows: number;
  /** columns frozen at the left (a table's id column); 0 or omitted: none */
  readonly frozenColumns?: number;
  /** print layout; omitted: Excel's default */
  readonly pageSetup?: PageSetup;
  /** the used area: rows × columns from A1 */
  readonly extent: { readonly rows: number; readonly columns: number };
}

/**
 * The whole report: several sheets written together by one writer (SPEC §4). The first sheet
 * is the summary and is the one activated after writing. All sheets get unique names; on a
 * failure or a cancel every sheet written so far is removed.
 */
export interface ReportWorkbook {
  /** "values": plain numbers; "formulas": live `CRM.*` formulas where a function gives the cell */
  readonly mode: "values" | "formulas";
  readonly sheets: readonly ReportModel[];
}

const SHEET_REF_OPEN = "\u27e6";
const SHEET_REF_CLOSE = "\u27e7";

/**
 * A placeholder for "this report's sheet of `kind`, as a formula prefix" (e.g. `'Customers to
 * act on'!`), for formulas that point at another sheet of the report before its unique name is
 * known. Writers replace it with {@link resolveReportSheetRefs}.
 *
 * @example `=COUNTA(${reportSheetRef("actions")}A:A)`
 */
export function reportSheetRef(kind: ReportSheetKind): string {
  return `${SHEET_REF_OPEN}${kind}${SHEET_REF_CLOSE}`;
}

/**
 * A formula with every {@link reportSheetRef} placeholder replaced by the quoted prefix of the
 * sheet name chosen for that kind. Throws when a formula names a sheet the report does not have.
 */
export function resolveReportSheetRefs(
  formula: string,
  names: Readonly<Partial<Record<ReportSheetKind, string>>>
): string {
  return formula.replace(/\u27e6(\w+)\u27e7/g, (_, kind: string) => {
    const name = names[kind as ReportSheetKind];
    if (name === undefined)
      throw new Error(`formula refers to a report sheet "${kind}" that is not written`);
    return sheetPrefix(name);
  });
}

// ─── Addresses ──────────────────────────────────────────────────────────────────────────

/** Column letters of a 0-based column: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(column: number): string {
  let letters = "";
  for (let c = column + 1; c > 0; c = Math.floor((c - 1) / 26)) {
    letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  }
  return letters;
}

/** A1 address of a 0-based cell; `absolute` adds `$`: `cellAddress(4, 1, true)` → `$B$5`. */
export function cellAddress(row: number, column: number, absolute = false): string {
  const d = absolute ? "$" : "";
  return `${d}${columnLetters(column)}${d}${row + 1}`;
}

/** A1 address of a range: `B5:D9` (a single cell gives `B5`). */
export function rangeAddress(range: SheetRange, absolute = false): string {
  const first = cellAddress(range.row, range.column, absolute);
  if (range.rows === 1 && range.columns === 1) return first;
  return `${first}:${cellAddress(range.row + range.rows - 1, range.column + range.columns - 1, absolute)}`;
}

/**
 * Whether a sheet name of letters, digits, `_` and `.` would be read as something else in a
 * formula, so it must be quoted: an A1 reference (`AB12`), a name starting with an R1C1
 * reference (`R1C1`, `R2C3x`, `RC8`, `C16384Z`, `R4C`) or one itself (`R`, `C`, `RC`), or the
 * logical constants `TRUE` / `FALSE`; any case. Excel quotes these in the formulas it writes
 * (the quoted and unquoted names XlsxWriter's test_quote_sheetname.py lists as extracted from
 * Excel files). A few more are quoted than Excel must (`ZZZ1`, `R0C0`), which Excel reads alike.
 */
function looksLikeReference(sheetName: string): boolean {
  return (
    /^[A-Za-z]{1,3}\d+$/.test(sheetName) ||
    /^(?:r\d+(?:c\d*)?|r?c\d+)/i.test(sheetName) ||
    /^(?:r|c|rc|true|false)$/i.test(sheetName)
  );
}

/**
 * A sheet name quoted for a formula when it needs it: `'Sales 2024'!`, `Sheet1!`, and quoted
 * where unquoted it would read as a reference or constant (`'R1C1'!`, `'AB12'!`, `'TRUE'!`).
 */
export function sheetPrefix(sheetName: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheetName) && !looksLikeReference(sheetName)
    ? `${sheetName}!`
    : `'${sheetName.replace(/'/g, "''")}'!`;
}

// ─── Sheet names ────────────────────────────────────────────────────────────────────────

/** Excel's limits on a sheet name: at most 31 characters, none of `\ / ? * [ ] :`. */
export const MAX_SHEET_NAME_LENGTH = 31;

/**
 * A sheet name not taken in the workbook, so nothing is overwritten: `base`, else `base (2)`,
 * `base (3)`, … Excel compares sheet names case-insensitively; characters Excel forbids become
 * `_`, and the base is shortened so the suffix fits in 31 characters.
 *
 * @example uniqueSheetName("Retention summary", ["retention SUMMARY"]) //=> "Retention summary (2)"
 */
export function uniqueSheetName(base: string, existing: readonly string[]): string {
  const clean =
    base
      .replace(/[\\/?*[\]:]/g, "_")
      .replace(/^'+|'+$/g, "")
      .trim() || "Report";
  const taken = new Set(existing.map((name) => name.toLocaleLowerCase()));
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? "" : ` (${n})`;
    const name = clean.slice(0, MAX_SHEET_NAME_LENGTH - suffix.length) + suffix;
    if (!taken.has(name.toLocaleLowerCase())) return name;
  }
}

/**
 * A table name not in `taken` (lower-cased names; tables and defined names share one
 * namespace in a workbook): `base`, else `base_2`, `base_3`, … The name is added to `taken`.
 *
 * @example uniqueTableName("CrmGrades", new Set(["crmgrades"])) //=> "CrmGrades_2"
 */
export function uniqueTableName(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}_${n}`;
  taken.add(name.toLowerCase());
  return name;
}

/** A chart's series, as column offsets within its data, ascending (default: all but the first). */
export function chartSeriesColumns(chart: ReportChart): number[] {
  const offsets =
    chart.seriesColumns ?? Array.from({ length: chart.data.columns - 1 }, (_, i) => i + 1);
  return [...new Set(offsets)].sort((a, b) => a - b);
}
