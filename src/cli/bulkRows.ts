/**
 * The rows of a sheet written as XML text streamed into the package instead of through ExcelJS
 * (issue 14: the report of a 1,000,000-row file has ~200,000-row "Customer value" and
 * ~70,000-row "Customers to act on" tables, every customer (SPEC §4); ExcelJS's in-memory
 * workbook made an object per cell and took ~97 s and 3.3 GB to write them).
 *
 * A sheet's rows are cut into runs of rows that look alike: rows of one block that no other
 * block shares, with no formula, spill or row height, and covered by the same number formats,
 * styles and tables (every range's first and last row is a cut, and a table's header row is a
 * run of its own). ExcelJS writes the first row of each run, the *template*, with everything
 * else of the sheet; the run's other rows are written here as the template is (its row
 * attributes, each column's style index `s`), their values as ExcelJS would write them:
 * numbers as `<v>` (shortest round-trip text), booleans as `t="b"`, text as an inline string
 * (`t="inlineStr"`, so the shared-string table need not grow), empty cells as nothing or, where
 * the column is styled, an empty styled cell; the template's styled cells beside the block (a
 * style wider than its block) are repeated on every row. The rows are made in pieces of about
 * 16 K characters, so a sheet is never one string (and each piece is garbage young: longer
 * ones reached V8's old generation and raised the writer's peak memory; xlsxPackage.ts
 * encodes several to a buffer).
 *
 * Pure text functions; xlsxWriter.ts plans, splits the sheet part and streams.
 */
import { columnLetters, type ReportModel } from "../core/report/reportModel";
import { ooxmlText } from "./cellText";

/** Rows of a sheet streamed after a template row ExcelJS writes. All rows 0-based. */
export interface BulkRun {
  /** the row ExcelJS writes, whose row attributes and cell styles the streamed rows copy */
  readonly template: number;
  /** the streamed rows: `template + 1` … `last` */
  readonly last: number;
  /** the column of each row's first value */
  readonly column: number;
  /** the widest row's number of values */
  readonly columns: number;
  /** the values of a streamed row, from `column` on */
  readonly rowValues: (row: number) => readonly unknown[];
}

/** Row intervals `[from, to)` merged and sorted. */
function merged(intervals: [number, number][]): [number, number][] {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const lastOne = out[out.length - 1];
    if (lastOne && a <= lastOne[1]) lastOne[1] = Math.max(lastOne[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** Whether `row` is inside one of the merged intervals (binary search). */
function inside(intervals: readonly [number, number][], row: number): boolean {
  let lo = 0;
  let hi = intervals.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = intervals[mid]!;
    if (row < a) hi = mid - 1;
    else if (row >= b) lo = mid + 1;
    else return true;
  }
  return false;
}

/**
 * The runs of a report sheet (see the module comment): for each block, its rows cut at every
 * number format's, style's and table's first and last row (a table's header alone), without
 * rows another block shares, rows with a row height, spill rows and (formulas mode) rows with a
 * formula; each piece of at least `minRows` rows is a run whose first row is the template.
 * Cost O(B² + R log R + F) for B blocks, R ranges and F formula cells.
 *
 * @example a 200-row table under a title: one run, template = the first data row.
 */
export function reportBulkRuns(model: ReportModel, minRows = 2): BulkRun[] {
  const cuts = new Set<number>();
  const cut = (row: number, rows: number) => {
    cuts.add(row);
    cuts.add(row + rows);
  };
  for (const { range } of model.numberFormats) cut(range.row, range.rows);
  for (const { range } of model.styles) cut(range.row, range.rows);
  for (const { range } of model.tables) {
    cut(range.row, range.rows);
    cuts.add(range.row + 1);
  }
  const excluded: [number, number][] = [];
  for (const { range } of model.spills) excluded.push([range.row, range.row + range.rows]);
  for (const { row } of model.rowHeights ?? []) excluded.push([row, row + 1]);
  model.blocks.forEach((a, i) =>
    model.blocks.forEach((b, j) => {
      if (i === j) return;
      const from = Math.max(a.row, b.row);
      const to = Math.min(a.row + a.values.length, b.row + b.values.length);
      if (from < to) excluded.push([from, to]);
    })
  );
  if (model.mode === "formulas")
    for (const block of model.blocks)
      block.formulas?.forEach((row, r) => {
        if (row.some((f) => typeof f === "string"))
          excluded.push([block.row + r, block.row + r + 1]);
      });
  const skip = merged(excluded);
  for (const [a, b] of skip) cut(a, b - a);
  const sortedCuts = [...cuts].sort((a, b) => a - b);

  const runs: BulkRun[] = [];
  for (const block of model.blocks) {
    const end = block.row + block.values.length;
    // the widest row, not the first: a row wider than the first would have no cell text for
    // its last values (`undefined2undefined` in the XML, a file Excel cannot open)
    let columns = 0;
    for (const row of block.values) columns = Math.max(columns, row.length);
    if (columns === 0) continue;
    const rowValues = (row: number) => block.values[row - block.row]!;
    let from = block.row;
    const pieceEnds = sortedCuts.filter((c) => c > block.row && c < end);
    pieceEnds.push(end);
    for (const to of pieceEnds) {
      if (to - from >= minRows && !inside(skip, from))
        runs.push({ template: from, last: to - 1, column: block.column, columns, rowValues });
      from = to;
    }
  }
  return runs.sort((a, b) => a.template - b.template);
}

/** Whether ExcelJS would write the value as the streamed rows do (not a Date or an object). */
function plain(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    typeof value === "string" ||
    typeof value === "number" ||
    typeof value === "boolean"
  );
}

/**
 * The runs of a sheet of raw rows (the formulas mode's data sheet, no styles): each stretch of
 * rows whose values are all plain (text, numbers, booleans, empty) after its first row.
 * Cost O(cells).
 */
export function rawBulkRuns(rows: readonly (readonly unknown[])[], minRows = 2): BulkRun[] {
  const runs: BulkRun[] = [];
  const rowValues = (row: number) => rows[row]!;
  let from = 0;
  let columns = 0;
  const close = (to: number) => {
    if (to - from >= minRows)
      runs.push({ template: from, last: to - 1, column: 0, columns, rowValues });
  };
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    if (!row.every(plain)) {
      close(r);
      from = r + 1;
      columns = 0;
    } else columns = Math.max(columns, row.length);
  }
  close(rows.length);
  return runs;
}

// ─── The sheet part ─────────────────────────────────────────────────────────────────────

/** What the streamed rows copy from their template row as ExcelJS wrote it. */
export interface RowTemplate {
  /** the row's attributes but `r` and `spans` (e.g. ` x14ac:dyDescent="0.25"`) */
  readonly attributes: string;
  /** each cell's ` s="n"`, by 0-based column; "" where unstyled or absent */
  readonly styles: readonly string[];
}

const ROW_START = /<row r="(\d+)"/g;

/**
 * The template row `row` (0-based) of a sheet part ExcelJS wrote: its attributes and its
 * cells' styles. A row ExcelJS left out (nothing in it) has none.
 */
export function rowTemplate(sheetXml: string, row: number): RowTemplate {
  const start = sheetXml.indexOf(`<row r="${row + 1}"`);
  if (start < 0) return { attributes: "", styles: [] };
  const openEnd = sheetXml.indexOf(">", start);
  const selfClosing = sheetXml[openEnd - 1] === "/";
  const open = sheetXml.slice(start + 4, selfClosing ? openEnd - 1 : openEnd);
  const attributes = open.replace(/\s(?:r|spans)="[^"]*"/g, "");
  const styles: string[] = [];
  if (!selfClosing) {
    const body = sheetXml.slice(openEnd + 1, sheetXml.indexOf("</row>", openEnd));
    for (const m of body.matchAll(/<c r="([A-Z]+)\d+"([^>]*?)\/?>/g)) {
      const style = / s="\d+"/.exec(m[2]!);
      styles[columnIndex(m[1]!)] = style ? style[0] : "";
    }
  }
  return { attributes, styles: Array.from(styles, (s) => s ?? "") };
}

/** 0-based column of column letters: A → 0, AA → 26. */
function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}

/**
 * The sheet part cut where each run's rows go: `pieces[k]` comes before run k's rows, the last
 * piece after the last run (`pieces.length === runs.length + 1`). Each run goes before the first
 * row ExcelJS wrote below its template, or at the end of `<sheetData>`. The `<dimension>` is
 * widened to the streamed rows.
 */
export function splitSheetPart(sheetXml: string, runs: readonly BulkRun[]): string[] {
  let xml = sheetXml.replace("<sheetData/>", "<sheetData></sheetData>");
  const lastRow = Math.max(...runs.map((run) => run.last + 1));
  const lastColumn = Math.max(...runs.map((run) => run.column + run.columns));
  xml = xml.replace(/<dimension ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"\/>/, (_, c1, r1, c2, r2) => {
    const column = Math.max(columnIndex(c2 ?? c1) + 1, lastColumn);
    const row = Math.max(Number(r2 ?? r1), lastRow);
    return `<dimension ref="${c1}${r1}:${columnLetters(column - 1)}${row}"/>`;
  });
  const rows = [...xml.matchAll(ROW_START)].map((m) => ({ number: Number(m[1]), at: m.index }));
  const end = xml.indexOf("</sheetData>");
  if (end < 0) throw new Error("the sheet part has no <sheetData>");
  const cutsAt = runs.map((run) => rows.find((r) => r.number > run.template + 1)?.at ?? end);
  const pieces: string[] = [];
  let from = 0;
  for (const at of cutsAt) {
    pieces.push(xml.slice(from, at));
    from = at;
  }
  pieces.push(xml.slice(from));
  return pieces;
}

// ─── The rows ───────────────────────────────────────────────────────────────────────────

const XML_SPECIAL = /[&<>]/;

/**
 * A cell's text in the sheet XML: its ST_Xstring form (cellText.ts: a literal `_xHHHH_` and
 * the characters XML cannot hold as `_xHHHH_` escapes, as ExcelJS-written rows get them in
 * xlsxWriter.ts), then `&`, `<`, `>` escaped.
 */
function xmlText(text: string): string {
  const stored = ooxmlText(text);
  if (!XML_SPECIAL.test(stored)) return stored;
  return stored.replace(/[&<>]/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[ch]!);
}

/** Cuts a text over Excel's cell limit (and reports it); see xlsxWriter.ts. */
export type FitText = (text: string, row: number, column: number) => string;

/** About how many characters of XML each yielded piece holds. */
const CHUNK_CHARS = 1 << 14;

/**
 * The XML of a run's streamed rows, in pieces of about {@link CHUNK_CHARS} characters, so the
 * sheet is never one string. Numbers that are not finite (Excel stores none) are `#NUM!`.
 * Cost O(cells of the run).
 */
export function* bulkRowsXml(run: BulkRun, template: RowTemplate, fit: FitText): Generator<string> {
  // each cell's text before and after its row number: `<c r="B` + 12 + `" s="3"`
  const before: string[] = [];
  const after: string[] = [];
  for (let c = 0; c < run.columns; c++) {
    before.push(`<c r="${columnLetters(run.column + c)}`);
    after.push(`"${template.styles[run.column + c] ?? ""}`);
  }
  const rowOpen = `"${template.attributes}>`;
  // the template's styled empty cells left and right of the run's columns (a style range wider
  // than its block), repeated on every row
  const outside = (keep: (column: number) => boolean) => {
    const cells = template.styles.flatMap((s, column) =>
      s !== "" && keep(column) ? [[`<c r="${columnLetters(column)}`, `"${s}/>`] as const] : []
    );
    if (cells.length === 0) return () => "";
    return (n: string) => cells.map(([head, tail]) => head + n + tail).join("");
  };
  const left = outside((column) => column < run.column);
  const right = outside((column) => column >= run.column + run.columns);
  let chunk = "";
  for (let row = run.template + 1; row <= run.last; row++) {
    const values = run.rowValues(row);
    const n = String(row + 1);
    let xml = '<row r="' + n + rowOpen + left(n);
    for (let c = 0; c < values.length; c++) {
      const value = values[c];
      if (typeof value === "number") {
        xml +=
          before[c]! +
          n +
          after[c]! +
          (Number.isFinite(value) ? "><v>" + value + "</v></c>" : ' t="e"><v>#NUM!</v></c>');
      } else if (value === null || value === undefined) {
        // an empty cell is written only to hold its column's style
        if (after[c]!.length > 1) xml += before[c]! + n + after[c]! + "/>";
      } else if (typeof value === "string") {
        const text = xmlText(fit(value, row, run.column + c));
        xml +=
          before[c]! +
          n +
          after[c]! +
          (/^\s|\s$/.test(text)
            ? ' t="inlineStr"><is><t xml:space="preserve">'
            : ' t="inlineStr"><is><t>') +
          text +
          "</t></is></c>";
      } else if (typeof value === "boolean") {
        xml += before[c]! + n + after[c]! + ' t="b"><v>' + (value ? "1" : "0") + "</v></c>";
      } else {
        throw new Error(`a streamed row holds a value of type ${typeof value}`);
      }
    }
    chunk += xml + right(n) + "</row>";
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk !== "") yield chunk;
}
