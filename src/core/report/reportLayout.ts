/**
 * Column widths and row heights of a report sheet measured from the text it holds, so that no
 * cell is clipped, no number shows `#####`, and wrapped text never runs into the next row, in
 * Excel, Excel on the web and LibreOffice alike (SPEC §4 "Generate": every sheet looks right).
 *
 * Pure: a {@link ReportModel} in, the same sheet with `columnWidths`, `rowHeights` (and, for
 * text longer than the cap, `wrapText`) out. Both writers then apply them as they are.
 *
 * How text is measured (Calibri 11, Excel's default font, at 96 dpi; LibreOffice renders it
 * with the metric-compatible Carlito):
 * - each character has a width in "units" of {@link PX_PER_UNIT} px, about Calibri's average
 *   narrow character (digits are 7.4 px): thin characters (`i l . , : ;` …, space) half a unit,
 *   `m w M W` one and a half, other capitals 1.2, every other narrow character one;
 * - East Asian wide and full-width characters (CJK ideographs, kana, hangul, full-width forms;
 *   Unicode's East_Asian_Width W and F) are two units: their fallback font draws them one em,
 *   14.7 px, wide at 11 pt;
 * - the font size scales it (`fontSize / 11`), bold adds {@link BOLD_FACTOR};
 * - a column is its widest text plus {@link PADDING_PX} (Excel's 2 px margins each side, the
 *   gridline, and the rounding of other renderers), a table header also the filter button's
 *   {@link FILTER_BUTTON_PX}; pixels become points at 72/96.
 * Values are measured as displayed: numbers through their number format (`#,##0.00`,
 * `0.0%`, dates as `yyyy-mm-dd`), booleans as TRUE/FALSE. Cells under a chart are not text.
 */

import type {
  ReportModel,
  ReportValue,
  ReportWorkbook,
  SheetRange,
  StyledRange,
} from "./reportModel";

/** Pixels of one unit of text width: about one narrow Calibri 11 character (digits are 7.4 px). */
export const PX_PER_UNIT = 7.5;
/** Pixels added to a column's widest text: 2 px margins each side, the gridline, and slack. */
export const PADDING_PX = 12;
/** Pixels of a table header's filter button (the drop-down arrow Excel draws in the cell). */
export const FILTER_BUTTON_PX = 18;
/** A column is never made wider than this many units (narrow characters) of text… */
export const MAX_COLUMN_UNITS = 60;
/** …nor narrower than Excel's default width (8.43 characters, 64 px = 48 pt). */
export const MIN_COLUMN_POINTS = 48;
/** Excel's tallest row, points: text needing more is cut (and {@link layoutOverflows} says so). */
export const MAX_ROW_POINTS = 409;
/** Height of one line of Calibri 11 text, points (Excel's default row height). */
export const LINE_HEIGHT_POINTS = 15;
/** Bold Calibri is about this much wider than regular. */
export const BOLD_FACTOR = 1.08;
/** Excel's default font size, points. */
export const DEFAULT_FONT_SIZE = 11;

const POINTS_PER_PX = 72 / 96;

// ─── Characters ────────────────────────────────────────────────────────────────────────

/**
 * Whether a code point is East Asian wide or full-width (Unicode UAX #11, East_Asian_Width W
 * or F): CJK ideographs and punctuation, kana, hangul, full-width forms, and emoji.
 */
export function isWideCodePoint(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) || // Hangul Jamo initials
    (code >= 0x2e80 && code <= 0x303e) || // CJK radicals, Kangxi, CJK symbols and punctuation
    (code >= 0x3041 && code <= 0x33ff) || // kana, bopomofo, CJK compatibility
    (code >= 0x3400 && code <= 0x4dbf) || // CJK extension A
    (code >= 0x4e00 && code <= 0x9fff) || // CJK unified ideographs
    (code >= 0xa000 && code <= 0xa4cf) || // Yi
    (code >= 0xac00 && code <= 0xd7a3) || // Hangul syllables
    (code >= 0xf900 && code <= 0xfaff) || // CJK compatibility ideographs
    (code >= 0xfe30 && code <= 0xfe4f) || // CJK compatibility forms
    (code >= 0xff00 && code <= 0xff60) || // full-width forms
    (code >= 0xffe0 && code <= 0xffe6) || // full-width signs
    (code >= 0x1f300 && code <= 0x1f64f) || // emoji
    (code >= 0x1f900 && code <= 0x1f9ff) ||
    (code >= 0x20000 && code <= 0x3fffd) // CJK extensions B…
  );
}

const THIN = new Set([..."iljI.,:;'|!`()[]{}", " "]);
const WIDE_LATIN = new Set([..."mwMW@%"]);

/** Width of one character in units (see the module's doc). */
function charUnits(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  if (isWideCodePoint(code)) return 2;
  if (THIN.has(char)) return 0.5;
  if (WIDE_LATIN.has(char)) return 1.5;
  if (char >= "A" && char <= "Z") return 1.2;
  return 1;
}

/**
 * Width of a line of text in units: one per narrow character (half for thin ones, 1.5 for
 * `m w M W`, 1.2 for other capitals), two per East Asian wide or full-width character.
 *
 * @example textUnits("abc") //=> 3
 * @example textUnits("客户") //=> 4
 */
export function textUnits(text: string): number {
  // charUnits by UTF-16 unit for ASCII (a table), by code point beyond; summed in the same
  // order, so the same sum (a report's 200,000-row tables measure millions of cells)
  let units = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      units += ASCII_UNITS[code]!;
    } else if (code >= 0xd800 && code <= 0xdbff && i + 1 < n) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        units += isWideCodePoint((code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000) ? 2 : 1;
        i++;
      } else units += isWideCodePoint(code) ? 2 : 1;
    } else units += isWideCodePoint(code) ? 2 : 1;
  }
  return units;
}

/** {@link charUnits} of each ASCII character. */
const ASCII_UNITS = Float64Array.from({ length: 128 }, (_, code) =>
  charUnits(String.fromCharCode(code))
);

// ─── Values as displayed ───────────────────────────────────────────────────────────────

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A number as Excel's General format shows it in a default-width column: up to 11 characters. */
function generalText(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e11) return String(value);
  if (Math.abs(value) >= 1e-4 && Math.abs(value) < 1e11) {
    for (let digits = 10; digits >= 1; digits--) {
      const text = String(Number(value.toPrecision(digits)));
      if (text.length <= 11 && !text.includes("e")) return text;
    }
  }
  return value.toExponential(5).replace("e+", "E+").replace("e-", "E-");
}

function dateText(serial: number, format: string): string {
  const date = new Date(EXCEL_EPOCH_MS + Math.round(serial * 86_400_000));
  const pad = (n: number) => String(n).padStart(2, "0");
  return format.replace(/yyyy|yy|mmmm|mmm|mm|m|dd|d|hh|h|ss|s/gi, (token) => {
    switch (token.toLowerCase()) {
      case "yyyy":
        return String(date.getUTCFullYear());
      case "yy":
        return pad(date.getUTCFullYear() % 100);
      case "mmmm":
        return "September"; // the longest month name
      case "mmm":
        return MONTHS[date.getUTCMonth()]!;
      case "mm":
        return pad(date.getUTCMonth() + 1);
      case "m":
        return String(date.getUTCMonth() + 1);
      case "dd":
        return pad(date.getUTCDate());
      case "d":
        return String(date.getUTCDate());
      default:
        return "00";
    }
  });
}

/**
 * A number as a number format shows it (en-US codes; the first section of the format):
 * `General`, `0`, `0.00`, `#,##0`, `#,##0.00`, `0.0%`, `0.0000`, dates such as `yyyy-mm-dd`.
 * Literal text in quotes and `$`, `¥`, `€` are kept; colours and conditions are dropped.
 *
 * @example displayNumber(1234.5, "#,##0.00") //=> "1,234.50"
 * @example displayNumber(0.1234, "0.0%") //=> "12.3%"
 * @example displayNumber(35431, "yyyy-mm-dd") //=> "1997-01-01"
 */
export function displayNumber(value: number, format?: string): string {
  return numberFormatter(format)(value);
}

/** Number formats read once ({@link numberFormatter}); a report uses a dozen. */
const FORMATTERS = new Map<string | undefined, CompiledFormat>();

/**
 * A number format read once, and how the width of what it shows grows with the value, so a
 * column of numbers can be measured by its extreme values alone (fitLayout):
 * - `fixed`: for |value| < 1e21 the text is sign, currency, whole digits (grouped or not), a
 *   fixed number of decimals and a suffix, whose characters all measure a multiple of half a
 *   unit (so widths add up exactly in any order): its width never shrinks as |value| grows on
 *   either side of 0, and is at most `widestUnits`;
 * - `general`: the General format, which for whole numbers below 1e11 shows their digits;
 * - `other`: no such rule (dates, text in the format).
 */
interface CompiledFormat {
  readonly format: (value: number) => string;
  readonly growth: "fixed" | "general" | "other";
  /** `fixed`: the rule holds for |value| below this */
  readonly limit: number;
  readonly widestUnits: number;
}

/**
 * {@link displayNumber} for one format, the format read once: what every cell of a column
 * shares. Cost per value O(digits).
 */
export function numberFormatter(format?: string): (value: number) => string {
  return compiledFormat(format).format;
}

function compiledFormat(format?: string): CompiledFormat {
  let compiled = FORMATTERS.get(format);
  if (compiled === undefined) {
    compiled = compileNumberFormat(format);
    if (FORMATTERS.size < 1000) FORMATTERS.set(format, compiled);
  }
  return compiled;
}

function compileNumberFormat(format?: string): CompiledFormat {
  const section = (format ?? "General").split(";")[0]!.replace(/\[[^\]]*\]/g, "");
  if (section === "" || /^general$/i.test(section) || section === "@")
    return { format: generalText, growth: "general", limit: 1e11, widestUnits: 12 };
  const unquoted = section.replace(/"[^"]*"/g, "");
  if (/[yd]/i.test(unquoted) || /^[hms:\s]+$/i.test(unquoted))
    return {
      format: (value) => dateText(value, section),
      growth: "other",
      limit: 0,
      widestUnits: 0,
    };
  const percent = unquoted.includes("%");
  const decimals = /\.([0#?]+)/.exec(unquoted)?.[1]?.length ?? 0;
  const grouped = unquoted.includes(",");
  const literals = (section.match(/"([^"]*)"/g) ?? []).map((q) => q.slice(1, -1)).join("");
  const currency = (unquoted.match(/[$¥€£]/g) ?? []).join("");
  const suffix = `${percent ? "%" : ""}${literals}`;
  const fixedText = (value: number) => {
    const shown = percent ? value * 100 : value;
    const fixed = Math.abs(shown).toFixed(decimals);
    const dot = fixed.indexOf(".");
    const whole = dot < 0 ? fixed : fixed.slice(0, dot);
    const fraction = dot < 0 ? undefined : fixed.slice(dot + 1);
    const integer = grouped ? groupThousands(whole) : whole;
    const sign = shown < 0 && Number(fixed) !== 0 ? "-" : "";
    return `${sign}${currency}${integer}${fraction ? `.${fraction}` : ""}${suffix}`;
  };
  // toFixed rounds monotonically, so below 1e21 (where it stops writing digits) more whole
  // digits, commas and the sign only come with a larger |value|
  const halfUnits = [...`${currency}${suffix}`].every(
    (char) => char !== "\n" && Number.isInteger(textUnits(char) * 2)
  );
  return {
    format: fixedText,
    growth: halfUnits ? "fixed" : "other",
    limit: percent ? 1e19 : 1e21,
    widestUnits:
      1 +
      textUnits(currency) +
      21 +
      (grouped ? 3 : 0) +
      (decimals > 0 ? 0.5 + decimals : 0) +
      textUnits(suffix),
  };
}

/** Thousands separators: `1234567` → `1,234,567` (what `#,##0` shows). */
function groupThousands(whole: string): string {
  const n = whole.length;
  if (n <= 3) return whole;
  for (let i = 0; i < n; i++) {
    const code = whole.charCodeAt(i);
    // not all digits (toFixed's exponent form for 1e21 and more): the general rule
    if (code < 48 || code > 57) return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }
  let head = n % 3 || 3;
  let out = whole.slice(0, head);
  for (; head < n; head += 3) out += `,${whole.slice(head, head + 3)}`;
  return out;
}

/** A cell's value as the sheet shows it (see {@link displayNumber}). */
export function displayValue(value: ReportValue, format?: string): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") return displayNumber(value, format);
  return value;
}

// ─── The sheet's cells ──────────────────────────────────────────────────────────────────

function contains(range: SheetRange, row: number, column: number): boolean {
  return (
    row >= range.row &&
    row < range.row + range.rows &&
    column >= range.column &&
    column < range.column + range.columns
  );
}

/** A text cell as measured: where it is, its displayed text, its font and whether it wraps. */
export interface MeasuredCell {
  readonly row: number;
  readonly column: number;
  readonly text: string;
  /** width of its widest line, in px */
  readonly widthPx: number;
  readonly wrap: boolean;
  /** font size, points */
  readonly fontSize: number;
  readonly bold: boolean;
  /** the header of a native table (which has a filter button) */
  readonly header: boolean;
  /**
   * Text that Excel draws across the empty cells to its right (left-aligned, not wrapped, not
   * in a table); numbers never do (they show `#####`).
   */
  readonly mayOverflow: boolean;
}

/** For each column, the ranges that apply to it, so a cell's format is found fast. */
function byColumn<T extends { readonly range: SheetRange }>(
  items: readonly T[],
  columns: number
): T[][] {
  const lists = Array.from({ length: columns }, (): T[] => []);
  for (const item of items) {
    for (let c = item.range.column; c < item.range.column + item.range.columns; c++) {
      lists[c]?.push(item);
    }
  }
  return lists;
}

/** The last item (later ones win, as the writers apply them in order) whose range holds the cell. */
function lastAt<T extends { readonly range: SheetRange }>(
  items: readonly T[] | undefined,
  row: number,
  column: number,
  keep: (item: T) => boolean = () => true
): T | undefined {
  if (!items) return undefined;
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i]!;
    if (contains(item.range, row, column) && keep(item)) return item;
  }
  return undefined;
}

/** px of a line of text in a font (size in points, bold or not). */
function linePx(text: string, fontSize: number, bold: boolean): number {
  return textUnits(text) * PX_PER_UNIT * (fontSize / DEFAULT_FONT_SIZE) * (bold ? BOLD_FACTOR : 1);
}

/**
 * What every cell of a run of rows in one column of a block shares: its number format, font,
 * wrapping, alignment, and whether it is a table's header, in a table, or under a chart.
 */
interface CellContext {
  /** the sheet column */
  readonly column: number;
  readonly format: string | undefined;
  readonly formatter: (value: number) => string;
  readonly compiled: CompiledFormat;
  readonly fontSize: number;
  /** bold by its style or as a table's header */
  readonly bold: boolean;
  readonly wrap: boolean;
  readonly header: boolean;
  readonly leftAligned: boolean;
  readonly inTable: boolean;
  readonly underChart: boolean;
}

type CellVisitor = (
  row: number,
  column: number,
  value: string | number | boolean,
  context: CellContext
) => void;

/**
 * The numbers of one context's cells that a caller takes in bulk: those with |value| below
 * `limit` (whole numbers only, with `wholeOnly`). Only their lowest and highest are kept, and
 * such cells are not visited one by one.
 */
class NumberTally {
  low = Number.POSITIVE_INFINITY;
  high = Number.NEGATIVE_INFINITY;
  constructor(
    readonly context: CellContext,
    readonly limit: number,
    readonly wholeOnly: boolean
  ) {}
}

/**
 * Visits every non-empty cell of the sheet not under a chart, block by block, row by row, left
 * to right, with its {@link CellContext}. The formats, styles, tables and charts that apply to
 * a cell change only at their ranges' edges, so each column of a block is cut at those rows and
 * the context is found once per run of rows (as {@link lastAt} finds it for a cell: later ranges
 * win). Cost O(cells + blocks × columns × ranges).
 *
 * With `numbers`, the numbers of a context it gives a {@link NumberTally} for go to that
 * tally instead, and only the other cells are visited, in the same order as without it.
 */
function visitCells(
  sheet: ReportModel,
  visit: CellVisitor,
  numbers?: (context: CellContext) => NumberTally | undefined
): void {
  const columns = Math.max(
    sheet.extent.columns,
    ...sheet.blocks.map((b) => b.column + (b.values[0]?.length ?? 0))
  );
  const formats = byColumn(sheet.numberFormats, columns);
  const styles = byColumn(sheet.styles, columns);
  const headers = sheet.tables.map((t) => ({ ...t.range, rows: 1 }));
  const contextAt = (row: number, column: number): CellContext => {
    const format = lastAt(formats[column], row, column)?.format;
    const style = (key: keyof StyledRange["style"]) =>
      lastAt(styles[column], row, column, (s) => s.style[key] !== undefined)?.style;
    const header = headers.some((h) => contains(h, row, column));
    const compiled = compiledFormat(format);
    return {
      column,
      format,
      formatter: compiled.format,
      compiled,
      fontSize: style("fontSize")?.fontSize ?? DEFAULT_FONT_SIZE,
      bold: (style("bold")?.bold ?? false) || header,
      wrap: style("wrapText")?.wrapText ?? false,
      header,
      leftAligned: (style("horizontalAlignment")?.horizontalAlignment ?? "Left") === "Left",
      inTable: sheet.tables.some((t) => contains(t.range, row, column)),
      underChart: sheet.charts.some((chart) => contains(chart.position, row, column)),
    };
  };
  for (const block of sheet.blocks) {
    const top = block.row;
    const bottom = block.row + block.values.length;
    const width = block.values.reduce((most, values) => Math.max(most, values.length), 0);
    // per column of the block: the rows where a range begins or ends, and the context from each
    const cuts: number[][] = [];
    const contexts: CellContext[][] = [];
    for (let c = 0; c < width; c++) {
      const column = block.column + c;
      const rows = new Set<number>([top]);
      const add = (range: SheetRange) => {
        if (column < range.column || column >= range.column + range.columns) return;
        if (range.row > top && range.row < bottom) rows.add(range.row);
        const end = range.row + range.rows;
        if (end > top && end < bottom) rows.add(end);
      };
      for (const item of formats[column] ?? []) add(item.range);
      for (const item of styles[column] ?? []) add(item.range);
      for (const header of headers) add(header);
      for (const table of sheet.tables) add(table.range);
      for (const chart of sheet.charts) add(chart.position);
      const sorted = [...rows].sort((a, b) => a - b);
      cuts.push(sorted);
      contexts.push(sorted.map((row) => contextAt(row, column)));
    }
    const tallies: (NumberTally | undefined)[][] = contexts.map((list) =>
      list.map((context) => (numbers && !context.underChart ? numbers(context) : undefined))
    );
    // per column: the run of rows the cells are in (k), and the row where the next begins
    const at = new Int32Array(width);
    const next = cuts.map((rowCuts) => (rowCuts.length > 1 ? rowCuts[1]! : bottom));
    const contextNow = contexts.map((list) => list[0]!);
    const tallyNow = tallies.map((list) => list[0]);
    for (let r = 0; r < block.values.length; r++) {
      const row = top + r;
      const values = block.values[r]!;
      for (let c = 0; c < values.length; c++) {
        const value = values[c];
        if (value === null || value === "" || value === undefined) continue;
        if (row >= next[c]!) {
          const rowCuts = cuts[c]!;
          let k = at[c]!;
          while (k + 1 < rowCuts.length && rowCuts[k + 1]! <= row) k++;
          at[c] = k;
          next[c] = k + 1 < rowCuts.length ? rowCuts[k + 1]! : bottom;
          contextNow[c] = contexts[c]![k]!;
          tallyNow[c] = tallies[c]![k];
        }
        const tally = tallyNow[c];
        if (
          tally !== undefined &&
          typeof value === "number" &&
          Math.abs(value) < tally.limit &&
          (!tally.wholeOnly || Number.isInteger(value))
        ) {
          if (value < tally.low) tally.low = value;
          if (value > tally.high) tally.high = value;
          continue;
        }
        const context = contextNow[c]!;
        if (context.underChart) continue;
        visit(row, block.column + c, value, context);
      }
    }
  }
}

/** A cell's displayed text (see {@link displayValue}). */
function textOf(value: string | number | boolean, context: CellContext): string {
  if (typeof value === "number") return context.formatter(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return value;
}

/** px of a cell's widest line. */
function widestLinePx(text: string, context: CellContext): number {
  return text.includes("\n")
    ? Math.max(...text.split("\n").map((line) => linePx(line, context.fontSize, context.bold)))
    : linePx(text, context.fontSize, context.bold);
}

function measuredCell(
  row: number,
  column: number,
  value: string | number | boolean,
  context: CellContext,
  text: string,
  widthPx: number
): MeasuredCell {
  return {
    row,
    column,
    text,
    widthPx,
    wrap: context.wrap,
    fontSize: context.fontSize,
    bold: context.bold,
    header: context.header,
    mayOverflow:
      typeof value === "string" && !context.wrap && context.leftAligned && !context.inTable,
  };
}

/**
 * Every non-empty cell of the sheet with its displayed text and measured width, skipping cells
 * under a chart. Cost O(cells + blocks × columns × ranges).
 */
export function measureCells(sheet: ReportModel): MeasuredCell[] {
  const cells: MeasuredCell[] = [];
  visitCells(sheet, (row, column, value, context) => {
    const text = textOf(value, context);
    cells.push(measuredCell(row, column, value, context, text, widestLinePx(text, context)));
  });
  return cells;
}

// ─── Wrapping ───────────────────────────────────────────────────────────────────────────

/** Words for wrapping: runs of narrow characters, or single wide characters (breakable anywhere). */
const WORDS = /[^\s\u1100-\u115f\u2e80-\u9fff\uac00-\ud7a3\uf900-\ufaff\uff00-\uffe6]+|[^\s]/gu;

/**
 * Lines a text takes when wrapped in `availablePx`: greedy, breaking at spaces and between
 * East Asian wide characters, a word longer than the line broken where it must (as Excel does).
 */
export function wrappedLines(
  text: string,
  availablePx: number,
  fontSize = DEFAULT_FONT_SIZE,
  bold = false
): number {
  const space = linePx(" ", fontSize, bold);
  let lines = 0;
  for (const paragraph of text.split("\n")) {
    // Words: runs of narrow characters, or single wide characters (breakable anywhere).
    const words = paragraph.match(WORDS) ?? [];
    let line = 0;
    let used = 1;
    let previousWide = false;
    for (const word of words) {
      const wide = isWideCodePoint(word.codePointAt(0) ?? 0);
      const gap = line === 0 || (wide && previousWide) ? 0 : space;
      let width = linePx(word, fontSize, bold);
      if (line > 0 && line + gap + width > availablePx) {
        used++;
        line = 0;
      } else line += gap;
      while (width > availablePx && availablePx > 0) {
        // a word longer than a line fills lines of its own
        used++;
        width -= availablePx;
      }
      line += width;
      previousWide = wide;
    }
    lines += used;
  }
  return lines;
}

// ─── The layout ─────────────────────────────────────────────────────────────────────────

const pointsOf = (px: number) => Math.ceil(px * POINTS_PER_PX * 4) / 4;
const pxOf = (points: number) => points / POINTS_PER_PX;

/** A text cell that does not fit its column and does not wrap, or wraps into too low a row. */
export interface Overflow {
  readonly row: number;
  readonly column: number;
  readonly text: string;
  /** px the text needs (one line), or points of height for wrapped text */
  readonly needed: number;
  /** px of the column (and the empty cells it may run into), or points of the row */
  readonly available: number;
  readonly kind: "width" | "height";
}

/**
 * Where text can be drawn on the sheet: which cells are taken (a value, or under a chart),
 * and the last column text may run into (the sheet's extent, or the print area's edge).
 */
class Occupancy {
  readonly lastColumn: number;

  constructor(private readonly sheet: ReportModel) {
    const area = sheet.pageSetup?.printArea;
    this.lastColumn = (area ? area.column + area.columns : sheet.extent.columns) - 1;
  }

  /**
   * No value in the cell and no chart over it. (Read from the blocks, a few dozen, rather than
   * a set of every cell: only text that may run on asks, and a report's tables hold millions
   * of cells.)
   */
  isFree(row: number, column: number): boolean {
    if (this.sheet.charts.some((chart) => contains(chart.position, row, column))) return false;
    for (const block of this.sheet.blocks) {
      const values = block.values[row - block.row];
      if (values === undefined || column < block.column) continue;
      const value = values[column - block.column];
      if (value !== null && value !== "" && value !== undefined) return false;
    }
    return true;
  }

  /** px from the cell's left edge to the first taken cell on its right (or the last column). */
  spanPx(cell: MeasuredCell, columnPx: (column: number) => number): number {
    let px = columnPx(cell.column);
    if (!cell.mayOverflow) return px;
    for (let c = cell.column + 1; c <= this.lastColumn && this.isFree(cell.row, c); c++)
      px += columnPx(c);
    return px;
  }
}

/** Height a row needs for one of its cells, points. */
function cellHeight(cell: MeasuredCell, columnPoints: number): number {
  const line = LINE_HEIGHT_POINTS * (cell.fontSize / DEFAULT_FONT_SIZE);
  if (!cell.wrap) return line * cell.text.split("\n").length;
  const available = pxOf(columnPoints) - PADDING_PX - (cell.header ? FILTER_BUTTON_PX : 0);
  return line * wrappedLines(cell.text, available, cell.fontSize, cell.bold);
}

/** px a one-line cell needs: its text, the padding, and a header's filter button. */
const neededPx = (cell: MeasuredCell) =>
  cell.widthPx + PADDING_PX + (cell.header ? FILTER_BUTTON_PX : 0);

/**
 * The cells of a laid-out sheet whose text would be clipped or hidden: a one-line cell wider
 * than its column (plus, for left-aligned text outside tables, the empty cells to its right
 * within the sheet's extent or print area, which Excel draws it across), or a wrapped cell
 * whose lines need more height than its row. Unlisted columns are Excel's default 48 pt,
 * unlisted rows 15 pt. An empty list: nothing overflows.
 */
export function layoutOverflows(sheet: ReportModel): Overflow[] {
  const widths = new Map(sheet.columnWidths.map(({ column, width }) => [column, width]));
  const heights = new Map((sheet.rowHeights ?? []).map(({ row, height }) => [row, height]));
  const cells = measureCells(sheet);
  const occupancy = new Occupancy(sheet);
  const columnPx = (column: number) => pxOf(widths.get(column) ?? MIN_COLUMN_POINTS);
  const problems: Overflow[] = [];
  for (const cell of cells) {
    const columnPoints = widths.get(cell.column) ?? MIN_COLUMN_POINTS;
    const rowPoints = heights.get(cell.row) ?? LINE_HEIGHT_POINTS;
    if (!cell.wrap) {
      const needed = neededPx(cell);
      const available = occupancy.spanPx(cell, columnPx);
      if (needed > available + 0.5) {
        problems.push({ ...cellAt(cell), needed, available, kind: "width" });
        continue;
      }
    }
    const needed = cellHeight(cell, columnPoints);
    if (needed > rowPoints + 0.5)
      problems.push({ ...cellAt(cell), needed, available: rowPoints, kind: "height" });
  }
  return problems;
}

const cellAt = (cell: MeasuredCell) => ({ row: cell.row, column: cell.column, text: cell.text });

/**
 * The sheet with column widths and row heights that fit its text (see the module's doc):
 * - each column as wide as its widest one-line cell plus padding (a table header also its
 *   filter button), at least Excel's default and any width the model already gives, at most
 *   {@link MAX_COLUMN_UNITS} narrow characters, except a table header, which is never clipped;
 * - left-aligned text outside tables with empty cells to its right (a title, a note) is drawn
 *   across them, as Excel does, so it widens its column only by what those cells, within the
 *   sheet's extent or print area, do not give it;
 * - a cell wider than the cap is made to wrap (a `wrapText` style is added), and a wrapped
 *   cell (a table header too) widens its column only as far as its longest word;
 * - each row holding wrapped text or a larger font as tall as its tallest cell needs
 *   ({@link LINE_HEIGHT_POINTS} per line at 11 pt), at least any height the model gives, at
 *   most Excel's {@link MAX_ROW_POINTS}.
 * Cells under a chart are not measured. Pure; the input is not changed. Cost O(cells).
 */
export function fitLayout(sheet: ReportModel): ReportModel {
  const occupancy = new Occupancy(sheet);
  const capPx = MAX_COLUMN_UNITS * PX_PER_UNIT + PADDING_PX;
  const given = new Map(sheet.columnWidths.map(({ column, width }) => [column, width]));
  /** column widths in px, padding included */
  const widthPx = new Map<number, number>();
  const columnPx = (column: number) =>
    Math.max(widthPx.get(column) ?? 0, pxOf(Math.max(MIN_COLUMN_POINTS, given.get(column) ?? 0)));
  const grow = (column: number, px: number) =>
    widthPx.set(column, Math.max(widthPx.get(column) ?? 0, px));

  // 1. Cells that must fit their own column.
  const wrapAdded: MeasuredCell[] = [];
  const laidOut: MeasuredCell[] = [];
  const spilling: MeasuredCell[] = [];
  // A plain one-line cell at the default font that fits under the cap (most cells of a long
  // table) only widens its column: its widest such cell, per column, is all that is kept.
  const plainPx: number[] = [];
  // Numbers of such cells whose format's width only grows with |value| (see CompiledFormat)
  // are measured at their extremes: the widest is the largest or the smallest value.
  const tallies: NumberTally[] = [];
  const numbers = (context: CellContext): NumberTally | undefined => {
    const { compiled } = context;
    const measuredByExtremes =
      compiled.growth !== "other" &&
      !context.wrap &&
      !context.header &&
      context.fontSize <= DEFAULT_FONT_SIZE &&
      compiled.widestUnits *
        PX_PER_UNIT *
        (context.fontSize / DEFAULT_FONT_SIZE) *
        (context.bold ? BOLD_FACTOR : 1) +
        PADDING_PX <=
        capPx;
    if (!measuredByExtremes) return undefined;
    const tally = new NumberTally(context, compiled.limit, compiled.growth === "general");
    tallies.push(tally);
    return tally;
  };
  visitCells(
    sheet,
    (row, column, value, context) => {
      const text = textOf(value, context);
      const width = widestLinePx(text, context);
      if (
        !context.wrap &&
        !context.header &&
        context.fontSize <= DEFAULT_FONT_SIZE &&
        !(typeof value === "string" && context.leftAligned && !context.inTable) &&
        !text.includes("\n")
      ) {
        const needed = width + PADDING_PX;
        if (needed <= capPx) {
          if (!(needed <= (plainPx[column] ?? 0))) plainPx[column] = needed;
          return;
        }
      }
      layOut(measuredCell(row, column, value, context, text, width));
    },
    numbers
  );
  for (const { context, low, high } of tallies) {
    if (!(low <= high)) continue; // no number taken
    for (const value of [low, high]) {
      const needed = widestLinePx(textOf(value, context), context) + PADDING_PX;
      if (!(needed <= (plainPx[context.column] ?? 0))) plainPx[context.column] = needed;
    }
  }
  plainPx.forEach((px, column) => grow(column, px));
  function layOut(cell: MeasuredCell): void {
    if (cell.wrap) {
      // wrapped text breaks between words, never inside one: the longest word fits
      const extra = PADDING_PX + (cell.header ? FILTER_BUTTON_PX : 0);
      grow(cell.column, Math.min(capPx, longestWordPx(cell) + extra));
      laidOut.push(cell);
    } else if (cell.header) {
      grow(cell.column, neededPx(cell));
      laidOut.push(cell);
    } else if (cell.mayOverflow && occupancy.isFree(cell.row, cell.column + 1)) {
      spilling.push(cell);
    } else if (neededPx(cell) > capPx) {
      const wrapped = { ...cell, wrap: true };
      wrapAdded.push(wrapped);
      laidOut.push(wrapped);
      grow(cell.column, capPx);
    } else {
      grow(cell.column, neededPx(cell));
      laidOut.push(cell);
    }
  }

  // 2. Text drawn across the empty cells to its right: its column grows by what they lack.
  for (const cell of spilling) {
    const lacking = neededPx(cell) - occupancy.spanPx(cell, columnPx);
    if (lacking <= 0) {
      laidOut.push(cell);
    } else if (columnPx(cell.column) + lacking <= capPx) {
      grow(cell.column, columnPx(cell.column) + lacking);
      laidOut.push(cell);
    } else {
      const wrapped = { ...cell, wrap: true, mayOverflow: false };
      wrapAdded.push(wrapped);
      laidOut.push(wrapped);
      grow(cell.column, capPx);
    }
  }

  const columns = new Set([...given.keys(), ...widthPx.keys()]);
  const columnWidths = [...columns]
    .sort((a, b) => a - b)
    .map((column) => ({
      column,
      width: Math.max(
        MIN_COLUMN_POINTS,
        given.get(column) ?? 0,
        widthPx.has(column) ? pointsOf(widthPx.get(column)!) : 0
      ),
    }));
  const finalWidths = new Map(columnWidths.map(({ column, width }) => [column, width]));

  // 3. Row heights: wrapped text, larger fonts, line breaks.
  const heights = new Map((sheet.rowHeights ?? []).map(({ row, height }) => [row, height]));
  for (const cell of laidOut) {
    if (!cell.wrap && cell.fontSize <= DEFAULT_FONT_SIZE && !cell.text.includes("\n")) continue;
    const needed = Math.min(
      MAX_ROW_POINTS,
      Math.ceil(cellHeight(cell, finalWidths.get(cell.column) ?? MIN_COLUMN_POINTS))
    );
    if (needed > (heights.get(cell.row) ?? LINE_HEIGHT_POINTS)) heights.set(cell.row, needed);
  }
  const rowHeights = [...heights.entries()]
    .sort(([a], [b]) => a - b)
    .map(([row, height]) => ({ row, height }));

  return {
    ...sheet,
    styles: [...sheet.styles, ...wrapStyles(wrapAdded)],
    columnWidths,
    rowHeights,
  };
}

/** px of a cell's longest word (a run without spaces; a wide character is a word of its own). */
function longestWordPx(cell: MeasuredCell): number {
  const words = cell.text.match(WORDS) ?? [];
  return Math.max(0, ...words.map((word) => linePx(word, cell.fontSize, cell.bold)));
}

/** wrapText styles for cells made to wrap, one range per run of rows in a column. */
function wrapStyles(cells: readonly MeasuredCell[]): StyledRange[] {
  const sorted = [...cells].sort((a, b) => a.column - b.column || a.row - b.row);
  const styles: StyledRange[] = [];
  let run: { row: number; column: number; rows: number } | undefined;
  const flush = () => {
    if (run) styles.push({ range: { ...run, columns: 1 }, style: { wrapText: true } });
  };
  for (const cell of sorted) {
    if (run && run.column === cell.column && run.row + run.rows === cell.row) run.rows++;
    else {
      flush();
      run = { row: cell.row, column: cell.column, rows: 1 };
    }
  }
  flush();
  return styles;
}

// ─── Workbooks ──────────────────────────────────────────────────────────────────────────

/**
 * A report as a workbook: a {@link ReportWorkbook} as it is, a single {@link ReportModel} as a
 * workbook of that one sheet (what `buildReport` returned before the report had several
 * sheets), so the writers accept both.
 */
export function toReportWorkbook(report: ReportModel | ReportWorkbook): ReportWorkbook {
  return "sheets" in report ? report : { mode: report.mode, sheets: [report] };
}
