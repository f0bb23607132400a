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
  let units = 0;
  for (const char of text) units += charUnits(char);
  return units;
}

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
  const section = (format ?? "General").split(";")[0]!.replace(/\[[^\]]*\]/g, "");
  if (section === "" || /^general$/i.test(section) || section === "@") return generalText(value);
  const unquoted = section.replace(/"[^"]*"/g, "");
  if (/[yd]/i.test(unquoted) || /^[hms:\s]+$/i.test(unquoted)) return dateText(value, section);
  const percent = unquoted.includes("%");
  const shown = percent ? value * 100 : value;
  const decimals = /\.([0#?]+)/.exec(unquoted)?.[1]?.length ?? 0;
  const grouped = unquoted.includes(",");
  const fixed = Math.abs(shown).toFixed(decimals);
  const [whole = "0", fraction] = fixed.split(".");
  const integer = grouped ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",") : whole;
  const literals = (section.match(/"([^"]*)"/g) ?? []).map((q) => q.slice(1, -1)).join("");
  const currency = (unquoted.match(/[$¥€£]/g) ?? []).join("");
  const sign = shown < 0 && Number(fixed) !== 0 ? "-" : "";
  return `${sign}${currency}${integer}${fraction ? `.${fraction}` : ""}${percent ? "%" : ""}${literals}`;
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
 * Every non-empty cell of the sheet with its displayed text and measured width, skipping cells
 * under a chart. Cost O(cells × formats per column).
 */
export function measureCells(sheet: ReportModel): MeasuredCell[] {
  const columns = Math.max(
    sheet.extent.columns,
    ...sheet.blocks.map((b) => b.column + (b.values[0]?.length ?? 0))
  );
  const formats = byColumn(sheet.numberFormats, columns);
  const styles = byColumn(sheet.styles, columns);
  const headers = sheet.tables.map((t) => ({ ...t.range, rows: 1 }));
  const inTable = (row: number, column: number) =>
    sheet.tables.some((t) => contains(t.range, row, column));
  const cells: MeasuredCell[] = [];
  for (const block of sheet.blocks) {
    block.values.forEach((values, r) => {
      const row = block.row + r;
      values.forEach((value, c) => {
        const column = block.column + c;
        if (value === null || value === "") return;
        if (sheet.charts.some((chart) => contains(chart.position, row, column))) return;
        const format = lastAt(formats[column], row, column)?.format;
        const style = (key: keyof StyledRange["style"]) =>
          lastAt(styles[column], row, column, (s) => s.style[key] !== undefined)?.style;
        const fontSize = style("fontSize")?.fontSize ?? DEFAULT_FONT_SIZE;
        const bold = style("bold")?.bold ?? false;
        const wrap = style("wrapText")?.wrapText ?? false;
        const header = headers.some((h) => contains(h, row, column));
        const text = displayValue(value, format);
        const widthPx = Math.max(
          ...text.split("\n").map((line) => linePx(line, fontSize, bold || header))
        );
        const align = style("horizontalAlignment")?.horizontalAlignment ?? "Left";
        const mayOverflow =
          typeof value === "string" && !wrap && align === "Left" && !inTable(row, column);
        cells.push({
          row,
          column,
          text,
          widthPx,
          wrap,
          fontSize,
          bold: bold || header,
          header,
          mayOverflow,
        });
      });
    });
  }
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
  private readonly taken = new Set<string>();
  readonly lastColumn: number;

  constructor(
    private readonly sheet: ReportModel,
    cells: readonly MeasuredCell[]
  ) {
    for (const cell of cells) this.taken.add(`${cell.row},${cell.column}`);
    const area = sheet.pageSetup?.printArea;
    this.lastColumn = (area ? area.column + area.columns : sheet.extent.columns) - 1;
  }

  isFree(row: number, column: number): boolean {
    return (
      !this.taken.has(`${row},${column}`) &&
      !this.sheet.charts.some((chart) => contains(chart.position, row, column))
    );
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
  const occupancy = new Occupancy(sheet, cells);
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
  const cells = measureCells(sheet);
  const occupancy = new Occupancy(sheet, cells);
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
  for (const cell of cells) {
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
