/**
 * The second adapter of the report model (SPEC §5; the first is src/taskpane/excelAdapter.ts):
 * writes a {@link ReportModel} into an .xlsx workbook with ExcelJS, the same cells, number
 * formats, styles, column widths, frozen rows, native tables and conditional formats, so the
 * file and the task pane's sheet cannot disagree. ExcelJS writes no charts, so the charts are
 * added to the package afterwards as DrawingML parts (chart, drawing, relationships, content
 * types), and so is the dynamic-array metadata of the formulas mode.
 *
 * Large sheets. The lists hold every customer (SPEC §4), ~200,000 rows for a 1,000,000-row
 * file, and ExcelJS's in-memory workbook makes an object per cell (97 s and 3.3 GB for them).
 * So ExcelJS writes every sheet but the long runs of alike rows (a table's body): of each run
 * only its first row, whose row and cell attributes (style indexes) the others then copy; the
 * others are made as XML text in pieces (bulkRows.ts) and streamed into their sheet part while
 * the package is deflated (xlsxPackage.ts, archiver over zlib); the tables ExcelJS wrote over
 * their first rows are set to their whole range. ExcelJS writes its package uncompressed and
 * it is read back part by part; the finished package is deflated once.
 *
 * Formulas mode. Excel stores formulas in the file in its "future function" syntax, not as
 * typed: a spill reference `A23#` is `_xlfn.ANCHORARRAY(A23)`, `LET` is `_xlfn.LET` with its
 * names as `_xlpm.name` ({@link fileFormula}). Every formula keeps the model's value as its
 * cached result, so a reader that does not recalculate (or has no `CRM.*` functions) shows the
 * numbers. A formula that spills (typed into Excel 365 by the task pane) is stored as Excel
 * stores a dynamic array: an array formula (`t="array"`) over the range it spills into, flagged
 * by `cm="1"` pointing at the XLDAPR cell metadata in xl/metadata.xml, the cells it covers
 * holding their values as plain cells. The add-in's calls are stored as Excel stores them,
 * `CRM.GRADE(` as `_xldudf_CRM_GRADE(`, and a formula calling one is a dynamic array over its
 * own cell, as Excel saves it (storedFormula.ts, with the sources). Other formulas are plain
 * one-cell formulas, as Excel writes a formula that returns one value. Limits: Excel versions
 * without dynamic arrays read a spill as a classic array formula ({=…}) of fixed size;
 * LibreOffice recalculates array formulas on load, so without the `CRM.*` functions the
 * spilled tables show #NAME? there (the values mode is the portable file).
 *
 * Excel's limits are kept: a sheet name Excel refuses ("History" in any case, over 31
 * characters, one of `[ ] : * ? / \`) is a {@link SheetNameError}, a sheet of more rows than
 * Excel's grid a {@link SheetSizeError}, before anything is written;
 * cell text over 32,767 characters is cut to fit (never inside a surrogate pair) and reported
 * (`onCellTextCut`) with its row. Cell text is stored in its ST_Xstring form (cellText.ts): a
 * literal `_x0041_` as `_x005F_x0041_`, control characters as `_x0007_`, as Excel writes them.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { MAX_ROW_POINTS, toReportWorkbook } from "../core/report/reportLayout";
import {
  cellAddress,
  chartSeriesColumns,
  columnLetters,
  rangeAddress,
  resolveReportSheetRefs,
  uniqueSheetName,
  uniqueTableName,
  type CellStyle,
  type PageSetup,
  type ReportChart,
  type ReportModel,
  type ReportSheetKind,
  type ReportSpill,
  type ReportValue,
  type ReportWorkbook,
  type SheetRange,
} from "../core/report/reportModel";
import { cutAtCodePoint, ooxmlText } from "./cellText";
import { writeFileAtomically } from "./safeOutput";
import {
  bulkRowsXml,
  rawBulkRuns,
  reportBulkRuns,
  rowTemplate,
  splitSheetPart,
  type BulkRun,
} from "./bulkRows";
import { zipPackageChunks, type PackagePart } from "./xlsxPackage";
import { customFunctionCells, storedFormula } from "./storedFormula";

/** Excel's limit on the text of one cell (characters). */
export const MAX_CELL_TEXT = 32_767;

/** A cell whose text was longer than {@link MAX_CELL_TEXT} and was cut to it. */
export interface CellTextWarning {
  readonly sheet: string;
  /** 1-based sheet row and column */
  readonly row: number;
  readonly column: number;
  /** the text's length before it was cut */
  readonly length: number;
}

/** Why Excel would refuse a sheet name. */
export type SheetNameProblem = "empty" | "tooLong" | "badCharacter" | "reserved";

/**
 * Whether Excel accepts a sheet name: 1 to 31 characters, none of `\ / ? * [ ] :`, not
 * starting or ending with `'`, and not "History" in any case (Excel keeps it for the change
 * history of shared workbooks).
 *
 * @example sheetNameProblem("history") //=> "reserved"
 */
export function sheetNameProblem(name: string): SheetNameProblem | undefined {
  if (name.length === 0) return "empty";
  if (name.length > 31) return "tooLong";
  if (/[\\/?*[\]:]/.test(name) || /^'|'$/.test(name)) return "badCharacter";
  if (name.toLowerCase() === "history") return "reserved";
  return undefined;
}

/** A sheet name Excel would refuse, found before anything is written. */
export class SheetNameError extends Error {
  constructor(
    readonly sheetName: string,
    readonly problem: SheetNameProblem
  ) {
    super(`the sheet name "${sheetName}" is not allowed by Excel (${problem}).`);
    this.name = "SheetNameError";
  }
}

/** Excel's grid: rows of a sheet (SPEC §2 "Bounds": no result exceeds it). */
export const MAX_SHEET_ROWS = 1_048_576;

/**
 * A sheet with more rows than Excel's grid holds ({@link MAX_SHEET_ROWS}), found before anything
 * is written: Excel cannot open such a file without repairing it (rows past the grid lost).
 */
export class SheetSizeError extends Error {
  constructor(
    readonly sheetName: string,
    /** the sheet's rows */
    readonly rows: number,
    /** the most rows a sheet holds */
    readonly limit: number
  ) {
    super(`the sheet "${sheetName}" has ${rows} rows, more than Excel's ${limit}.`);
    this.name = "SheetSizeError";
  }
}

/** The rows a report sheet takes: its extent, or further where a block reaches. */
function sheetRows(model: ReportModel): number {
  let rows = model.extent.rows;
  for (const block of model.blocks) rows = Math.max(rows, block.row + block.values.length);
  return rows;
}

function checkSheetName(name: string): void {
  const problem = sheetNameProblem(name);
  if (problem) throw new SheetNameError(name, problem);
}

export interface XlsxWriteOptions {
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Called for each cell whose text was longer than Excel's 32,767 characters: Excel refuses
   * such a file, so the text is cut to the limit and the caller warns, naming the row.
   */
  readonly onCellTextCut?: (warning: CellTextWarning) => void;
  /**
   * A sheet of raw rows written after the report (formulas mode: the transactions the `CRM.*`
   * formulas read, under the sheet name the model's formulas use).
   */
  readonly dataSheet?: { readonly name: string; readonly rows: readonly (readonly unknown[])[] };
  /** the most rows a sheet may have ({@link MAX_SHEET_ROWS}; lower only in tests) */
  readonly maxRows?: number;
}

/** `#RRGGBB` → ExcelJS's `FFRRGGBB`. */
const argb = (hex: string) => `FF${hex.replace("#", "").toUpperCase()}`;

/**
 * Column width of the file (characters of the default font's digit, 7 px at Calibri 11, padding
 * included, which is what the `<col width>` attribute holds) for a width in points (what the
 * model and `Range.format.columnWidth` use): points → pixels at 96 dpi, / 7. So a 48-point
 * column (Excel's default) is 9.1, as Excel itself writes it.
 */
export function columnWidthChars(points: number): number {
  return Math.round(((points * 96) / 72 / 7) * 10) / 10;
}

// ─── Formulas as the file stores them ───────────────────────────────────────────────────

/** Functions newer than Excel 2007 carry a prefix in the file (ECMA-376 + MS-XLSX "future functions"). */
const FUTURE_FUNCTIONS: Record<string, string> = Object.fromEntries([
  ...["FILTER", "SORT"].map((name) => [name, "_xlfn._xlws."]),
  ...[
    "LET",
    "LAMBDA",
    "SORTBY",
    "UNIQUE",
    "SEQUENCE",
    "RANDARRAY",
    "XLOOKUP",
    "XMATCH",
    "TEXTJOIN",
    "CONCAT",
    "IFS",
    "SWITCH",
    "MAXIFS",
    "MINIFS",
    "IFNA",
    "TAKE",
    "DROP",
    "VSTACK",
    "HSTACK",
    "CHOOSECOLS",
    "CHOOSEROWS",
    "TOCOL",
    "TOROW",
    "WRAPROWS",
    "WRAPCOLS",
    "EXPAND",
    "TEXTSPLIT",
    "TEXTBEFORE",
    "TEXTAFTER",
  ].map((name) => [name, "_xlfn."]),
]);

/**
 * A formula (without its leading `=`) as the .xlsx file stores it: `A23#` → `_xlfn.ANCHORARRAY(A23)`,
 * `LET(s,…,s)` → `_xlfn.LET(_xlpm.s,…,_xlpm.s)`, newer functions with their `_xlfn.` prefix.
 * Text in string literals and quoted sheet names is left alone.
 */
export function fileFormula(formula: string): string {
  // Masks of the same length: `code` blanks string literals, `flat` also quoted sheet names,
  // so regular expressions and bracket counting see only formula syntax.
  let code = "";
  let flat = "";
  for (let i = 0; i < formula.length;) {
    const ch = formula[i]!;
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      for (; j < formula.length; j++) {
        if (formula[j] === ch) {
          if (formula[j + 1] === ch) j++;
          else break;
        }
      }
      const text = formula.slice(i, j + 1);
      code += ch === '"' ? "\u0001".repeat(text.length) : text;
      flat += (ch === '"' ? "\u0001" : "\u0002").repeat(text.length);
      i = j + 1;
    } else {
      code += ch;
      flat += ch;
      i++;
    }
  }
  const edits: { start: number; end: number; text: string }[] = [];
  const spill =
    /((?:'(?:[^']|'')*'|[A-Za-z_\u00C0-\uFFFF][\w.\u00C0-\uFFFF]*)!)?\$?[A-Za-z]{1,3}\$?\d+#/g;
  for (const m of code.matchAll(spill)) {
    const start = m.index;
    const end = start + m[0].length;
    edits.push({ start, end, text: `_xlfn.ANCHORARRAY(${formula.slice(start, end - 1)})` });
  }
  // \u0002 marks text taken out of quotes (see above), so a name inside a string is not a call.
  // eslint-disable-next-line no-control-regex
  for (const m of flat.matchAll(/(?<![\w.$\u0002])([A-Za-z][A-Za-z0-9.]*)\s*\(/g)) {
    const prefix = FUTURE_FUNCTIONS[m[1]!.toUpperCase()];
    if (!prefix) continue;
    edits.push({ start: m.index, end: m.index + m[1]!.length, text: prefix + m[1]!.toUpperCase() });
    if (m[1]!.toUpperCase() !== "LET") continue;
    // LET's names: its odd arguments but the last, renamed throughout the call.
    const open = m.index + m[0].length - 1;
    const args: [number, number][] = [];
    let depth = 0;
    let from = open + 1;
    let close = flat.length;
    for (let i = open; i < flat.length; i++) {
      const ch = flat[i];
      if (ch === "(" || ch === "{") depth++;
      else if (ch === ")" || ch === "}") {
        depth--;
        if (depth === 0) {
          args.push([from, i]);
          close = i;
          break;
        }
      } else if (ch === "," && depth === 1) {
        args.push([from, i]);
        from = i + 1;
      }
    }
    const names = args
      .slice(0, -1)
      .filter((_, i) => i % 2 === 0)
      .map(([a, b]) => flat.slice(a, b).trim())
      .filter((name) => /^[A-Za-z_][\w.]*$/.test(name));
    for (const name of names) {
      const use = new RegExp(
        `(?<![\\w.$!\\u0001\\u0002])${name.replace(/\./g, "\\.")}(?![\\w.(!])`,
        "gi"
      );
      for (const u of flat.slice(open + 1, close).matchAll(use)) {
        const at = open + 1 + u.index;
        if (!edits.some((e) => e.start < at + name.length && at < e.end))
          edits.push({ start: at, end: at, text: "_xlpm." });
      }
    }
  }
  let out = formula;
  for (const e of edits.sort((a, b) => b.start - a.start || b.end - a.end)) {
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  }
  return out;
}

// ─── Cells ──────────────────────────────────────────────────────────────────────────────

function resultOf(value: ReportValue): string | number | boolean | undefined {
  if (value === null) return undefined;
  // a text result is ST_Xstring in the file as a cell's text is (cellText.ts), within the limit
  return typeof value === "string" ? ooxmlText(cutAtCodePoint(value, MAX_CELL_TEXT)) : value;
}

/**
 * A formula cell of ExcelJS with its cached result; with `spill`, an array formula over the
 * spill range (made a dynamic array by `cm="1"` in {@link finishPackage}).
 */
function formulaCell(formula: string, value: ReportValue, spill?: SheetRange): ExcelJS.CellValue {
  // CRM.X( → _xldudf_CRM_X(, as Excel stores the add-in's calls (storedFormula.ts)
  const cell = {
    formula: storedFormula(fileFormula(formula.replace(/^=/, ""))),
    result: resultOf(value),
  };
  return (
    spill ? { ...cell, shareType: "array", ref: rangeAddress(spill) } : cell
  ) as ExcelJS.CellValue;
}

/** A block's number of columns: its widest row's (ReportBlock does not promise rectangles). */
function blockWidth(block: ReportModel["blocks"][number]): number {
  let width = 0;
  for (const row of block.values) width = Math.max(width, row.length);
  return width;
}

/**
 * What each model cell becomes in the file, by 0-based position; `undefined` is no cell.
 * Formulas mode: a spill anchor is an array formula over its range, the other spilled cells
 * their values, any other formula of a block a plain formula.
 */
function cellWriter(
  model: ReportModel
): (row: number, column: number) => ExcelJS.CellValue | undefined {
  const formulas = model.mode === "formulas";
  const anchors = new Map<string, ReportSpill>();
  if (formulas) for (const s of model.spills) anchors.set(`${s.range.row},${s.range.column}`, s);
  // the widest row's width, not the first's: a wider later row keeps its last values
  const widths = model.blocks.map(blockWidth);
  const blockAt = (row: number, column: number) =>
    model.blocks.find(
      (b, i) =>
        row >= b.row &&
        row < b.row + b.values.length &&
        column >= b.column &&
        column < b.column + widths[i]!
    );
  return (row, column) => {
    const block = blockAt(row, column);
    if (!block) return undefined;
    const r = row - block.row;
    const c = column - block.column;
    const value = block.values[r]?.[c] ?? null;
    const spill = anchors.get(`${row},${column}`);
    if (spill) return formulaCell(spill.formula, value, spill.range);
    const formula = formulas ? block.formulas?.[r]?.[c] : null;
    if (typeof formula === "string") return formulaCell(formula, value);
    return value === null ? undefined : value;
  };
}

/** The workbook's default font (ExcelJS's and Excel's): Calibri 11, the theme's minor font. */
const DEFAULT_FONT: Partial<ExcelJS.Font> = {
  name: "Calibri",
  family: 2,
  scheme: "minor",
  size: 11,
};

function applyStyle(cell: ExcelJS.Cell, style: CellStyle): void {
  if (
    style.bold !== undefined ||
    style.italic !== undefined ||
    style.fontSize !== undefined ||
    style.fontColor !== undefined
  ) {
    // A font written without its name is drawn in the reader's fallback (a serif face in
    // LibreOffice), wider than Calibri: keep the workbook's default font, Calibri 11.
    cell.font = {
      ...DEFAULT_FONT,
      ...cell.font,
      ...(style.bold !== undefined ? { bold: style.bold } : {}),
      ...(style.italic !== undefined ? { italic: style.italic } : {}),
      ...(style.fontSize !== undefined ? { size: style.fontSize } : {}),
      ...(style.fontColor !== undefined ? { color: { argb: argb(style.fontColor) } } : {}),
    };
  }
  if (style.fill !== undefined) {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(style.fill) } };
  }
  if (style.horizontalAlignment || style.verticalAlignment || style.wrapText !== undefined) {
    const vertical = { Top: "top", Center: "middle", Bottom: "bottom" } as const;
    cell.alignment = {
      ...cell.alignment,
      ...(style.horizontalAlignment
        ? { horizontal: style.horizontalAlignment.toLowerCase() as "left" | "center" | "right" }
        : {}),
      ...(style.verticalAlignment ? { vertical: vertical[style.verticalAlignment] } : {}),
      ...(style.wrapText !== undefined ? { wrapText: style.wrapText } : {}),
    };
  }
  if (style.border !== undefined) {
    // The adapter draws the range's edges and inside lines: every cell has all four sides.
    const side = { style: "thin" as const, color: { argb: argb(style.border) } };
    cell.border = { top: side, bottom: side, left: side, right: side };
  }
}

function eachCell(
  sheet: ExcelJS.Worksheet,
  range: SheetRange,
  visit: (cell: ExcelJS.Cell) => void,
  next: (row: number) => number
): void {
  const end = range.row + range.rows;
  for (let r = next(range.row); r < end; r = next(r + 1)) {
    const row = sheet.getRow(r + 1);
    for (let c = 0; c < range.columns; c++) visit(row.getCell(range.column + c + 1));
  }
}

/** Table header names as Excel wants them: non-empty, unique regardless of case. */
function uniqueHeaders(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((raw, i) => {
    const name = raw.trim() === "" ? `Column${i + 1}` : raw;
    let unique = name;
    for (let n = 2; seen.has(unique.toLowerCase()); n++) unique = `${name} (${n})`;
    seen.add(unique.toLowerCase());
    return unique;
  });
}

// ─── The workbook ───────────────────────────────────────────────────────────────────────

/** A sheet the writer made: which sheet of the report, and the name it got. */
export interface WrittenSheet {
  readonly kind?: ReportSheetKind;
  readonly sheetName: string;
}

/** The file's bytes and the sheets in it, in order (the data sheet, when asked, last). */
export interface ReportFile {
  /** the file's bytes in one buffer (made from {@link chunks} when first read) */
  readonly bytes: Buffer;
  /**
   * the file's bytes as the zip writer gave them, in order: to write the file without holding
   * the archive twice (safeOutput.ts writeFileAtomically takes them)
   */
  readonly chunks: readonly Buffer[];
  readonly sheets: readonly WrittenSheet[];
}

/**
 * The report's sheets with the names they get in the file: the model's names, made unique
 * regardless of case (against each other and the data sheet, whose name the formulas use),
 * and every {@link reportSheetRef} placeholder in formulas, spills and conditional formats
 * replaced by the quoted name of the sheet it means.
 */
function namedSheets(report: ReportWorkbook, reserved: readonly string[]): ReportModel[] {
  const names: string[] = [];
  for (const sheet of report.sheets) {
    checkSheetName(sheet.sheetName);
    names.push(uniqueSheetName(sheet.sheetName, [...reserved, ...names]));
  }
  const byKind: Partial<Record<ReportSheetKind, string>> = {};
  report.sheets.forEach((sheet, i) => {
    if (sheet.kind !== undefined) byKind[sheet.kind] ??= names[i];
  });
  const resolve = (formula: string) => resolveReportSheetRefs(formula, byKind);
  return report.sheets.map((sheet, i) => ({
    ...sheet,
    sheetName: names[i]!,
    blocks: sheet.blocks.map((block) =>
      block.formulas
        ? {
            ...block,
            formulas: block.formulas.map((row) =>
              row.map((formula) => (formula === null ? null : resolve(formula)))
            ),
          }
        : block
    ),
    // + each other formula calling a CRM function: Excel stores it as a one-cell dynamic array
    spills: [
      ...sheet.spills.map((spill) => ({ ...spill, formula: resolve(spill.formula) })),
      ...customFunctionCells(sheet, resolve),
    ],
    conditionalFormats: sheet.conditionalFormats.map((rule) =>
      rule.kind === "formula" ? { ...rule, formula: resolve(rule.formula) } : rule
    ),
  }));
}

/**
 * The sheet's view as the task pane leaves it: frozen rows and columns (the title, a table's
 * header and id column), nothing else changed.
 */
function sheetViews(model: ReportModel): Partial<ExcelJS.AddWorksheetOptions> {
  const ySplit = model.frozenRows;
  const xSplit = model.frozenColumns ?? 0;
  if (ySplit <= 0 && xSplit <= 0) return {};
  return {
    views: [
      {
        state: "frozen" as const,
        ...(xSplit > 0 ? { xSplit } : {}),
        ...(ySplit > 0 ? { ySplit } : {}),
        topLeftCell: cellAddress(ySplit, xSplit),
      },
    ],
  };
}

/**
 * The page setup as ExcelJS writes it (`<pageSetup>`, `<sheetPr><pageSetUpPr fitToPage>`, and
 * the defined names `_xlnm.Print_Area` and `_xlnm.Print_Titles`): orientation, fit to
 * `fitToWidth` × `fitToHeight` pages (0 = as many as needed), margins, print area, title rows.
 */
function pageSetupOf(setup: PageSetup): Partial<ExcelJS.PageSetup> {
  return {
    orientation: setup.orientation,
    fitToPage: true,
    fitToWidth: setup.fitToWidth,
    fitToHeight: setup.fitToHeight,
    // ExcelJS writes <pageMargins> in inches; the model gives points
    ...(setup.margins
      ? {
          margins: {
            left: inches(setup.margins.left),
            right: inches(setup.margins.right),
            top: inches(setup.margins.top),
            bottom: inches(setup.margins.bottom),
            header: inches(setup.margins.header),
            footer: inches(setup.margins.footer),
          },
        }
      : {}),
    ...(setup.printArea ? { printArea: exceljsPrintArea(setup.printArea) } : {}),
    ...(setup.printTitleRows
      ? { printTitlesRow: `${setup.printTitleRows.first + 1}:${setup.printTitleRows.last + 1}` }
      : {}),
  };
}

/** Points as inches, as the file format gives margins, to a millionth (21.6 pt → 0.3). */
function inches(points: number): number {
  return Math.round((points / 72) * 1e6) / 1e6;
}

/**
 * A print area as ExcelJS wants it to write an absolute reference: it puts a `$` before each
 * end itself, so `A$1:J$14` becomes `'Sheet'!$A$1:$J$14`, as Excel writes it (`A1:J14` would
 * give `$A1:$J14`, rows relative).
 */
function exceljsPrintArea(range: SheetRange): string {
  const end = (row: number, column: number) => `${columnLetters(column)}$${row + 1}`;
  return `${end(range.row, range.column)}:${end(range.row + range.rows - 1, range.column + range.columns - 1)}`;
}

/** Cuts text over Excel's limit and reports each cut once. */
type Fit = <T>(value: T, sheetName: string, row: number, column: number) => T;

/**
 * The first 0-based row at or after `row` that ExcelJS writes, not one of the runs' streamed
 * rows (the runs sorted by row): loops over a range go `for (r = next(a); r < b; r = next(r + 1))`.
 */
function unstreamedRows(runs: readonly BulkRun[]): (row: number) => number {
  return (row) => {
    let lo = 0;
    let hi = runs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const run = runs[mid]!;
      if (row <= run.template) hi = mid - 1;
      else if (row > run.last) lo = mid + 1;
      else return run.last + 1;
    }
    return row;
  };
}

/** A native table ExcelJS wrote over its first rows only, and the range it must cover. */
interface TableRef {
  readonly name: string;
  readonly ref: string;
}

/**
 * Writes one report sheet (its name already unique and formulas resolved) into the workbook,
 * but the rows of `runs` after each template row (streamed later, bulkRows.ts). Returns the
 * tables whose range reaches into streamed rows: ExcelJS wrote them over their first rows.
 */
function writeSheet(
  workbook: ExcelJS.Workbook,
  model: ReportModel,
  tableNames: Set<string>,
  fit: Fit,
  step: () => void,
  runs: readonly BulkRun[]
): TableRef[] {
  const next = unstreamedRows(runs);
  const cut: TableRef[] = [];
  const sheet = workbook.addWorksheet(model.sheetName, {
    ...sheetViews(model),
    ...(model.pageSetup ? { pageSetup: pageSetupOf(model.pageSetup) } : {}),
  });
  const unfitted = cellWriter(model);
  const written = (row: number, column: number) =>
    fit(unfitted(row, column), model.sheetName, row, column);

  // 1. Cells, block by block.
  for (const block of model.blocks) {
    const end = block.row + block.values.length;
    for (let r = next(block.row); r < end; r = next(r + 1)) {
      const row = sheet.getRow(r + 1);
      block.values[r - block.row]!.forEach((_, c) => {
        const value = written(r, block.column + c);
        if (value !== undefined) row.getCell(block.column + c + 1).value = value;
      });
    }
    step();
  }

  // 2. Native tables. ExcelJS writes their cells itself, so they get the same written values
  // (formulas included); number formats and styles come after and are not overwritten.
  for (const table of model.tables) {
    const { range } = table;
    const cellsOf = (r: number) =>
      Array.from(
        { length: range.columns },
        (_, c) => written(range.row + r, range.column + c) ?? null
      );
    const header = uniqueHeaders(
      cellsOf(0).map((v) => (v === null || typeof v === "object" ? "" : String(v)))
    );
    // the rows down to the first streamed one (always after the first data row: the header
    // is a run of its own, and a run's first row is written here)
    let kept = 0;
    while (kept < range.rows - 1 && next(range.row + 1 + kept) === range.row + 1 + kept) kept++;
    const rows = Array.from({ length: kept }, (_, r) => cellsOf(r + 1));
    // A table needs a data row; Excel adds an empty one to a header-only range, so do we.
    if (rows.length === 0) rows.push(new Array<null>(range.columns).fill(null));
    const name = uniqueTableName(table.name, tableNames);
    if (kept < range.rows - 1) cut.push({ name, ref: rangeAddress(range) });
    sheet.addTable({
      name,
      ref: cellAddress(range.row, range.column),
      headerRow: true,
      style: { theme: table.style as ExcelJS.TableStyleProperties["theme"], showRowStripes: true },
      columns: header.map((h) => ({ name: h, filterButton: true })),
      rows: rows as ExcelJS.CellValue[][],
    });
  }
  step();

  // 3. Number formats, styles, column widths, row heights.
  for (const { range, format } of model.numberFormats)
    eachCell(sheet, range, (cell) => (cell.numFmt = format), next);
  for (const { range, style } of model.styles)
    eachCell(sheet, range, (cell) => applyStyle(cell, style), next);
  for (const { column, width } of model.columnWidths)
    sheet.getColumn(column + 1).width = columnWidthChars(width);
  // Excel's tallest row is 409 points; a taller one makes it repair the file
  for (const { row, height } of model.rowHeights ?? [])
    sheet.getRow(row + 1).height = Math.min(MAX_ROW_POINTS, height);
  step();

  // 4. Conditional formats, in the model's order (earlier rules first).
  model.conditionalFormats.forEach((rule, i) => {
    const ref = rangeAddress(rule.range);
    if (rule.kind === "colorScale") {
      sheet.addConditionalFormatting({
        ref,
        rules: [
          {
            type: "colorScale",
            priority: i + 1,
            cfvo: [{ type: "min" }, { type: "percentile", value: 50 }, { type: "max" }],
            color: [
              { argb: argb(rule.minColor) },
              { argb: argb(rule.midColor) },
              { argb: argb(rule.maxColor) },
            ],
          },
        ],
      });
    } else {
      sheet.addConditionalFormatting({
        ref,
        rules: [
          {
            type: "expression",
            priority: i + 1,
            formulae: [fileFormula(rule.formula.replace(/^=/, ""))],
            style: {
              fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(rule.fill) } },
              ...(rule.fontColor ? { font: { color: { argb: argb(rule.fontColor) } } } : {}),
            },
          },
        ],
      });
    }
  });
  step();
  return cut;
}

/**
 * Builds the workbook: every sheet of the report in order (a single {@link ReportModel} is a
 * one-sheet report), then the data sheet when asked, and returns its bytes and sheet names.
 * Sheet names Excel refuses are a {@link SheetNameError}, a sheet past Excel's grid a
 * {@link SheetSizeError}, before anything is written.
 */
export async function reportWorkbookFile(
  report: ReportWorkbook | ReportModel,
  options: XlsxWriteOptions = {}
): Promise<ReportFile> {
  const book = toReportWorkbook(report);
  if (options.dataSheet) checkSheetName(options.dataSheet.name);
  const sheets = namedSheets(book, options.dataSheet ? [options.dataSheet.name] : []);
  const maxRows = options.maxRows ?? MAX_SHEET_ROWS;
  for (const sheet of sheets) {
    const rows = sheetRows(sheet);
    if (rows > maxRows) throw new SheetSizeError(sheet.sheetName, rows, maxRows);
  }
  if (options.dataSheet && options.dataSheet.rows.length > maxRows)
    throw new SheetSizeError(options.dataSheet.name, options.dataSheet.rows.length, maxRows);
  const total = sheets.reduce((sum, sheet) => sum + sheet.blocks.length + 3, 0) + 2;
  let done = 0;
  const step = () => options.onProgress?.(++done, total);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "CRM Retention Analytics";
  const cut = options.onCellTextCut;
  const warned = new Set<string>();
  const fit: Fit = (value, sheetName, row, column) => {
    if (typeof value !== "string" || value.length <= MAX_CELL_TEXT) return value;
    const key = `${sheetName}!${row},${column}`;
    if (!warned.has(key))
      cut?.({ sheet: sheetName, row: row + 1, column: column + 1, length: value.length });
    warned.add(key);
    return cutAtCodePoint(value, MAX_CELL_TEXT) as typeof value;
  };
  // the text of the cells ExcelJS writes in its ST_Xstring form (cellText.ts), as the streamed
  // rows' (bulkRows.ts xmlText): ExcelJS writes `_x0041_` as it is and drops control characters
  const fitCell: Fit = (value, sheetName, row, column) => {
    const fitted = fit(value, sheetName, row, column);
    return (typeof fitted === "string" ? ooxmlText(fitted) : fitted) as typeof fitted;
  };
  const tableNames = new Set<string>();
  // the rows streamed into the package after ExcelJS has written the rest (bulkRows.ts)
  const runs = sheets.map((model) => reportBulkRuns(model));
  const tableRefs = sheets.flatMap((model, i) =>
    writeSheet(workbook, model, tableNames, fitCell, step, runs[i]!)
  );
  // The summary is the sheet the file opens on.
  const summary = Math.max(
    0,
    sheets.findIndex((sheet) => sheet.kind === "summary")
  );
  workbook.views = [
    { activeTab: summary, firstSheet: 0, visibility: "visible" } as ExcelJS.WorkbookView,
  ];
  const dataRuns = options.dataSheet ? rawBulkRuns(options.dataSheet.rows) : [];
  if (options.dataSheet) {
    const data = workbook.addWorksheet(options.dataSheet.name);
    const name = options.dataSheet.name;
    const { rows } = options.dataSheet;
    const next = unstreamedRows(dataRuns);
    for (let r = next(0); r < rows.length; r = next(r + 1))
      data.getRow(r + 1).values = rows[r]!.map((value, c) =>
        fitCell(value, name, r, c)
      ) as ExcelJS.CellValue[];
  }
  step();

  // The package: ExcelJS's parts (stored uncompressed, as they are read back at once), the
  // charts and dynamic-array metadata added, the tables over their whole range, the streamed
  // rows put into their sheets, and everything deflated once, as it is written.
  const stored = await workbook.xlsx.writeBuffer({ zip: { compression: "STORE" } });
  const parts = await packageParts(Buffer.from(stored));
  finishPackage(parts, sheets);
  widenTables(parts, tableRefs);
  const streamedSheets = [
    ...sheets.map((model, i) => ({ runs: runs[i]!, name: model.sheetName })),
    ...(options.dataSheet ? [{ runs: dataRuns, name: options.dataSheet.name }] : []),
  ];
  const chunks = await zipPackageChunks(
    [...parts].map(([name, content]): PackagePart => {
      const index = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(name);
      const sheet = index ? streamedSheets[Number(index[1]) - 1] : undefined;
      if (!sheet || sheet.runs.length === 0 || typeof content !== "string")
        return { name, content };
      return {
        name,
        content: () =>
          sheetWithRuns(content, sheet.runs, (text, row, column) =>
            fit(text, sheet.name, row, column)
          ),
      };
    })
  );
  step();
  let bytes: Buffer | undefined;
  return {
    get bytes() {
      return (bytes ??= Buffer.concat(chunks));
    },
    chunks,
    sheets: [
      ...sheets.map((sheet) => ({
        ...(sheet.kind !== undefined ? { kind: sheet.kind } : {}),
        sheetName: sheet.sheetName,
      })),
      ...(options.dataSheet ? [{ sheetName: options.dataSheet.name }] : []),
    ],
  };
}

/** The workbook's bytes (see {@link reportWorkbookFile}). */
export async function reportWorkbookBuffer(
  report: ReportWorkbook | ReportModel,
  options: XlsxWriteOptions = {}
): Promise<Buffer> {
  return (await reportWorkbookFile(report, options)).bytes;
}

/**
 * Writes the workbook to `path`, replacing a file there, through a temporary file renamed into
 * place (safeOutput.ts), so a failure leaves no half-written workbook. The command line checks
 * first that `path` is not its input and may be replaced (`--force`).
 */
export async function writeReportXlsx(
  report: ReportWorkbook | ReportModel,
  path: string,
  options: XlsxWriteOptions = {}
): Promise<void> {
  writeFileAtomically(path, await reportWorkbookBuffer(report, options), true);
}

// ─── Charts (DrawingML) and metadata, added to the package ──────────────────────────────

const NS = {
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  c: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  a: "http://schemas.openxmlformats.org/drawingml/2006/main",
  r: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  xdr: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
  rel: "http://schemas.openxmlformats.org/package/2006/relationships",
  chartRel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart",
  drawingRel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing",
  metadataRel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata",
  xda: "http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray",
};

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Text for XML content or a double-quoted attribute; characters XML forbids are dropped. */
function xml(text: string): string {
  return (
    text
      // characters XML 1.0 does not allow, even escaped
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
      .replace(/[&<>"]/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[ch]!)
  );
}

/** An absolute reference with the sheet name always quoted: `'Retention summary'!$K$23:$K$24`. */
function sheetRef(sheetName: string, range: SheetRange): string {
  return `'${sheetName.replace(/'/g, "''")}'!${rangeAddress(range, true)}`;
}

function modelValue(model: ReportModel, row: number, column: number): ReportValue {
  for (const b of model.blocks) {
    const value = b.values[row - b.row]?.[column - b.column];
    if (value !== undefined && column >= b.column) return value;
  }
  return null;
}

/**
 * Tick marks as Excel draws them by default: major outside, no minor ones. Without them a
 * reader takes the schema's default ("cross") and LibreOffice draws a comb of minor ticks.
 */
const TICKS = '<c:majorTickMark val="out"/><c:minorTickMark val="none"/>';

/** Font sizes of a chart's title and of its other text (axes, legend), points. */
const CHART_TITLE_POINTS = 11;
const CHART_TEXT_POINTS = 9;

/** The chart part of one ReportChart: series from its data columns, categories from its first. */
export function chartXml(model: ReportModel, chart: ReportChart): string {
  const { data } = chart;
  const columns = chartSeriesColumns(chart);
  const n = data.rows - 1;
  const categories: SheetRange = { row: data.row + 1, column: data.column, rows: n, columns: 1 };
  const points = (column: number, text: boolean) =>
    Array.from({ length: n }, (_, i) => modelValue(model, data.row + 1 + i, column))
      .map((v, i) =>
        v === null || (!text && typeof v !== "number")
          ? ""
          : `<c:pt idx="${i}"><c:v>${xml(String(v))}</c:v></c:pt>`
      )
      .join("");
  const horizontal = chart.kind === "barClustered";
  const bars = horizontal || chart.kind === "columnClustered";
  const catCache = `<c:strCache><c:ptCount val="${n}"/>${points(data.column, true)}</c:strCache>`;
  const series = columns
    .map((offset, i) => {
      const column = data.column + offset;
      const name: SheetRange = { row: data.row, column, rows: 1, columns: 1 };
      const values: SheetRange = { row: data.row + 1, column, rows: n, columns: 1 };
      const title = modelValue(model, data.row, column);
      const marker =
        chart.kind === "line"
          ? '<c:marker><c:symbol val="circle"/><c:size val="5"/></c:marker>'
          : "";
      return (
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>` +
        `<c:tx><c:strRef><c:f>${xml(sheetRef(model.sheetName, name))}</c:f>` +
        `<c:strCache><c:ptCount val="1"/>${title === null ? "" : `<c:pt idx="0"><c:v>${xml(String(title))}</c:v></c:pt>`}</c:strCache></c:strRef></c:tx>` +
        (bars ? '<c:invertIfNegative val="0"/>' : marker) +
        `<c:cat><c:strRef><c:f>${xml(sheetRef(model.sheetName, categories))}</c:f>${catCache}</c:strRef></c:cat>` +
        `<c:val><c:numRef><c:f>${xml(sheetRef(model.sheetName, values))}</c:f>` +
        `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${n}"/>${points(column, false)}</c:numCache></c:numRef></c:val>` +
        (chart.kind === "line" ? '<c:smooth val="0"/>' : "") +
        `</c:ser>`
      );
    })
    .join("");
  const axes = '<c:axId val="500000001"/><c:axId val="500000002"/>';
  const plot =
    chart.kind === "line"
      ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/>${axes}</c:lineChart>`
      : bars
        ? `<c:barChart><c:barDir val="${horizontal ? "bar" : "col"}"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}<c:gapWidth val="80"/>${axes}</c:barChart>`
        : `<c:pieChart><c:varyColors val="1"/>${series}<c:firstSliceAng val="0"/></c:pieChart>`;
  // horizontal bars: categories down the left, the first at the top (orientation maxMin), the
  // value axis crossing at the last category so it stays at the bottom
  const axisXml =
    chart.kind === "pie"
      ? ""
      : `<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="${horizontal ? "maxMin" : "minMax"}"/></c:scaling><c:delete val="0"/>` +
        `<c:axPos val="${horizontal ? "l" : "b"}"/><c:numFmt formatCode="General" sourceLinked="1"/>${TICKS}<c:tickLblPos val="low"/>` +
        `<c:crossAx val="500000002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
        `<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
        `<c:axPos val="${horizontal ? "b" : "l"}"/><c:majorGridlines/>` +
        `<c:numFmt formatCode="${xml(chart.valueAxisFormat ?? "General")}" sourceLinked="${chart.valueAxisFormat ? 0 : 1}"/>` +
        `${TICKS}<c:tickLblPos val="nextTo"/><c:crossAx val="500000001"/><c:crosses val="${horizontal ? "max" : "autoZero"}"/><c:crossBetween val="between"/></c:valAx>`;
  return (
    XML_DECLARATION +
    `<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">` +
    `<c:roundedCorners val="0"/><c:chart>` +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${CHART_TITLE_POINTS * 100}" b="1"/></a:pPr><a:r><a:rPr lang="en-US" sz="${CHART_TITLE_POINTS * 100}" b="1"/><a:t>${xml(chart.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    `<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${plot}${axisXml}</c:plotArea>` +
    // bars of one series need no legend: the title says what they count
    (bars && columns.length === 1
      ? ""
      : `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>`) +
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>` +
    `</c:chart>` +
    // the chart's other text (axis labels, legend) at a small chart's size
    `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${CHART_TEXT_POINTS * 100}"/></a:pPr><a:endParaRPr lang="en-US"/></a:p></c:txPr>` +
    `</c:chartSpace>`
  );
}

function anchorXml(chart: ReportChart, index: number): string {
  const p = chart.position;
  const marker = (tag: string, column: number, row: number) =>
    `<xdr:${tag}><xdr:col>${column}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<xdr:twoCellAnchor editAs="oneCell">${marker("from", p.column, p.row)}${marker("to", p.column + p.columns, p.row + p.rows)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${index + 2}" name="${xml(chart.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${NS.c}"><c:chart xmlns:c="${NS.c}" r:id="rIdChart${index + 1}"/></a:graphicData></a:graphic>` +
    `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

const METADATA_XML =
  XML_DECLARATION +
  `<metadata xmlns="${NS.main}" xmlns:xda="${NS.xda}">` +
  `<metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes>` +
  `<futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}"><xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata>` +
  `<cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>`;

/** The parts of a package, by path, in its order: XML parts as text, any other as bytes. */
type Parts = Map<string, string | Uint8Array>;

/** The parts of the (stored) package ExcelJS wrote. */
async function packageParts(bytes: Buffer): Promise<Parts> {
  const zip = await JSZip.loadAsync(bytes);
  const parts: Parts = new Map();
  for (const file of Object.values(zip.files)) {
    if (file.dir) continue;
    parts.set(
      file.name,
      /\.(xml|rels)$/.test(file.name) ? await file.async("string") : await file.async("uint8array")
    );
  }
  return parts;
}

function text(parts: Parts, path: string): string {
  const part = parts.get(path);
  if (typeof part !== "string") throw new Error(`the workbook has no ${path}`);
  return part;
}

/**
 * The tables ExcelJS wrote over their first rows (the others are streamed) set to their whole
 * range: the table's `ref` and its filter's.
 */
function widenTables(parts: Parts, tables: readonly TableRef[]): void {
  for (const { name, ref } of tables) {
    const path = [...parts.keys()].find(
      (p) =>
        /^xl\/tables\/table\d+\.xml$/.test(p) &&
        (parts.get(p) as string).includes(` name="${name}"`)
    );
    if (!path) throw new Error(`the workbook has no table ${name}`);
    parts.set(
      path,
      text(parts, path)
        .replace(/(<table\b[^>]*? ref=")[^"]*"/, `$1${ref}"`)
        .replace(/(<autoFilter ref=")[^"]*"/, `$1${ref}"`)
    );
  }
}

/**
 * A sheet part with its runs' rows put in (bulkRows.ts), in pieces: ExcelJS's text up to each
 * run, the run's rows, and so on; never the whole sheet as one string.
 */
function* sheetWithRuns(
  sheetXml: string,
  runs: readonly BulkRun[],
  fitText: (text: string, row: number, column: number) => string
): Generator<string> {
  const templates = runs.map((run) => rowTemplate(sheetXml, run.template));
  const pieces = splitSheetPart(sheetXml, runs);
  for (const [k, run] of runs.entries()) {
    yield pieces[k]!;
    yield* bulkRowsXml(run, templates[k]!, fitText);
  }
  yield pieces[runs.length]!;
}

function addRelationship(rels: string | undefined, relation: string): string {
  return rels
    ? rels.replace("</Relationships>", `${relation}</Relationships>`)
    : `${XML_DECLARATION}<Relationships xmlns="${NS.rel}">${relation}</Relationships>`;
}

/**
 * Adds the charts (a drawing on each report sheet that has charts; ExcelJS writes the i-th
 * sheet as sheet{i+1}.xml) and, for spills, the dynamic-array metadata, to an ExcelJS-written
 * package. Chart and drawing parts are numbered across the workbook.
 */
function finishPackage(parts: Parts, sheets: readonly ReportModel[]): void {
  const overrides: string[] = [];
  let chartNumber = 0;
  let drawingNumber = 0;
  let anySpill = false;

  for (const [index, model] of sheets.entries()) {
    const spills = model.mode === "formulas" && model.spills.length > 0;
    if (model.charts.length === 0 && !spills) continue;
    const sheetPath = `xl/worksheets/sheet${index + 1}.xml`;
    let sheetXml = text(parts, sheetPath);

    if (model.charts.length > 0) {
      if (/<drawing\b/.test(sheetXml)) throw new Error("the report sheet already has a drawing");
      const drawing = ++drawingNumber;
      const drawingPath = `xl/drawings/drawing${drawing}.xml`;
      const drawingRels: string[] = [];
      const anchors: string[] = [];
      model.charts.forEach((chart, i) => {
        const n = ++chartNumber;
        parts.set(`xl/charts/chart${n}.xml`, chartXml(model, chart));
        drawingRels.push(
          `<Relationship Id="rIdChart${i + 1}" Type="${NS.chartRel}" Target="../charts/chart${n}.xml"/>`
        );
        anchors.push(anchorXml(chart, i));
        overrides.push(
          `<Override PartName="/xl/charts/chart${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`
        );
      });
      parts.set(
        drawingPath,
        `${XML_DECLARATION}<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">${anchors.join("")}</xdr:wsDr>`
      );
      parts.set(
        `xl/drawings/_rels/drawing${drawing}.xml.rels`,
        `${XML_DECLARATION}<Relationships xmlns="${NS.rel}">${drawingRels.join("")}</Relationships>`
      );
      overrides.push(
        `<Override PartName="/${drawingPath}" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>`
      );

      const relsPath = `xl/worksheets/_rels/sheet${index + 1}.xml.rels`;
      const relId = "rIdCrmDrawing";
      const rels = parts.get(relsPath);
      parts.set(
        relsPath,
        addRelationship(
          typeof rels === "string" ? rels : undefined,
          `<Relationship Id="${relId}" Type="${NS.drawingRel}" Target="../drawings/drawing${drawing}.xml"/>`
        )
      );
      // <drawing> in CT_Worksheet order: after conditionalFormatting … pageSetup, headerFooter,
      // rowBreaks, colBreaks, customProperties, cellWatches, ignoredErrors, smartTags; before
      // legacyDrawing, legacyDrawingHF, drawingHF, picture, oleObjects, controls,
      // webPublishItems, tableParts, extLst.
      const start = /<worksheet\b[^>]*>/.exec(sheetXml);
      if (start && !start[0].includes(`xmlns:r="${NS.r}"`)) {
        sheetXml = sheetXml.replace("<worksheet ", `<worksheet xmlns:r="${NS.r}" `);
      }
      const after = [
        "<legacyDrawing",
        "<drawingHF",
        "<picture",
        "<oleObjects",
        "<controls",
        "<webPublishItems",
        "<tableParts",
        "<extLst",
        "</worksheet>",
      ];
      const at = Math.min(...after.map((tag) => sheetXml.indexOf(tag)).filter((i) => i >= 0));
      sheetXml = `${sheetXml.slice(0, at)}<drawing r:id="${relId}"/>${sheetXml.slice(at)}`;
    }

    if (spills) {
      // Array formulas (only the spills are) are dynamic arrays: cm="1" → cellMetadata 1 → XLDAPR.
      sheetXml = sheetXml.replace(/<c ([^>]*[^/>])><f t="array"/g, '<c $1 cm="1"><f t="array"');
      anySpill = true;
    }
    parts.set(sheetPath, sheetXml);
  }

  if (anySpill) {
    parts.set("xl/metadata.xml", METADATA_XML);
    const workbookRels = "xl/_rels/workbook.xml.rels";
    parts.set(
      workbookRels,
      addRelationship(
        text(parts, workbookRels),
        `<Relationship Id="rIdCrmMetadata" Type="${NS.metadataRel}" Target="metadata.xml"/>`
      )
    );
    overrides.push(
      `<Override PartName="/xl/metadata.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml"/>`
    );
  }

  const types = text(parts, "[Content_Types].xml");
  parts.set("[Content_Types].xml", types.replace("</Types>", `${overrides.join("")}</Types>`));
}
