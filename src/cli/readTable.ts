/**
 * Reading a transactions file for the command line (SPEC §5): CSV (and other delimited text)
 * or .xlsx, into the same 2-D array of cells the task pane reads from a range, so the rest of
 * the way (column mapping, data-quality audit, report model) is the wizard's own.
 *
 * CSV: RFC 4180 quoting (delimiters, quotes and line breaks inside quotes, `""` for a quote),
 * CRLF or LF, blank lines skipped; the delimiter is detected (comma, semicolon, tab, pipe, or
 * runs of spaces as in CDNOW_master.txt) unless given; the encoding is detected from a byte-order
 * mark (UTF-8, UTF-16 LE/BE), else UTF-8 when the bytes are valid UTF-8, else GB18030 (Chinese
 * Excel's "CSV" export), unless given. Cells stay text: the input layer reads numbers written
 * with thousands separators or currency signs and text dates, and keeps ids such as `00123` as
 * they are.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { dayToExcelSerial } from "../core/dates";

export interface ReadTableOptions {
  /** "utf-8", "utf-16le", "gb18030", … (default: detected) */
  readonly encoding?: string;
  /** one character, or "whitespace" (default: detected) */
  readonly delimiter?: string;
  /** the worksheet of an .xlsx file (default: the first) */
  readonly sheet?: string;
}

export interface TableFile {
  readonly rows: unknown[][];
  /** the file name, or `file.xlsx!Sheet1` */
  readonly source: string;
  readonly sheetName: string;
  readonly encoding?: string;
  readonly delimiter?: string;
}

export class TableFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TableFileError";
  }
}

// ─── Encoding ───────────────────────────────────────────────────────────────────────────

/** Decodes a text file's bytes: BOM, else strict UTF-8, else GB18030. */
export function decodeText(
  bytes: Uint8Array,
  encoding?: string
): { text: string; encoding: string } {
  if (encoding) {
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(encoding, { fatal: true });
    } catch {
      throw new TableFileError(`unknown encoding "${encoding}".`);
    }
    try {
      return { text: stripBom(decoder.decode(bytes)), encoding: decoder.encoding };
    } catch {
      throw new TableFileError(`the file is not valid ${decoder.encoding}.`);
    }
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8 (BOM)" };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("gb18030").decode(bytes), encoding: "gb18030" };
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

// ─── Delimited text ─────────────────────────────────────────────────────────────────────

const CANDIDATES = [",", ";", "\t", "|"];

/** Counts each candidate outside quotes on the first lines; the one most consistently present wins. */
export function detectDelimiter(text: string): string {
  const lines = firstLines(text, 20);
  let best = "";
  let bestScore = 0;
  for (const candidate of CANDIDATES) {
    const counts = lines.map((line) => countOutsideQuotes(line, candidate));
    const min = Math.min(...counts);
    const consistent = counts.filter((c) => c === counts[0]).length;
    const score = min > 0 ? consistent * 1000 + min : 0;
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best === "" ? "whitespace" : best;
}

function firstLines(text: string, count: number): string[] {
  const lines: string[] = [];
  let start = 0;
  while (lines.length < count && start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).replace(/\r$/, "");
    if (line.trim() !== "") lines.push(line);
    start = end + 1;
  }
  return lines.length > 0 ? lines : [""];
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) count++;
  }
  return count;
}

/**
 * Parses delimited text into rows of text cells (RFC 4180). Blank lines are skipped. With the
 * delimiter "whitespace", fields are separated by runs of spaces or tabs and leading or trailing
 * ones are ignored (no quoting). Cost O(characters).
 *
 * @example parseDelimited('id,amount\n"00123","1,234.50"\n', ",") //=> [["id", "amount"], ["00123", "1,234.50"]]
 */
export function parseDelimited(text: string, delimiter: string): string[][] {
  if (delimiter === "whitespace") {
    const rows: string[][] = [];
    for (const line of text.split(/\r?\n/)) {
      const trimmed = line.trim();
      if (trimmed !== "") rows.push(trimmed.split(/[ \t]+/));
    }
    return rows;
  }
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === "\n" || delimiter === "\r") {
    throw new TableFileError(
      `the delimiter must be one character other than a quote or line break.`
    );
  }
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let fieldStarted = false;
  const d = delimiter.charCodeAt(0);
  const endRow = () => {
    row.push(field);
    if (row.length > 1 || row[0] !== "" || fieldStarted) rows.push(row);
    row = [];
    field = "";
    fieldStarted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (quoted) {
      if (ch === 34) {
        if (text.charCodeAt(i + 1) === 34) {
          field += '"';
          i++;
        } else quoted = false;
      } else field += text[i];
    } else if (ch === 34 && field === "") {
      quoted = true;
      fieldStarted = true;
    } else if (ch === d) {
      row.push(field);
      field = "";
      fieldStarted = true;
    } else if (ch === 10) {
      endRow();
    } else if (ch === 13) {
      if (text.charCodeAt(i + 1) !== 10) endRow();
    } else {
      field += text[i];
    }
  }
  if (quoted) throw new TableFileError("a quoted field is not closed before the end of the file.");
  if (field !== "" || row.length > 0 || fieldStarted) endRow();
  return rows;
}

// ─── .xlsx ──────────────────────────────────────────────────────────────────────────────

const MS_PER_DAY = 86_400_000;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** A cell of an .xlsx file as Excel would pass it: dates as serial numbers, results of formulas. */
function xlsxCell(value: unknown): unknown {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    const days = Math.floor((value.getTime() - EXCEL_EPOCH) / MS_PER_DAY);
    return dayToExcelSerial(days) ?? days;
  }
  if (typeof value === "object") {
    const v = value as {
      result?: unknown;
      richText?: { text: string }[];
      text?: string;
      error?: string;
    };
    if ("result" in v) return xlsxCell(v.result);
    if (v.richText) return v.richText.map((part) => part.text).join("");
    if (typeof v.text === "string") return v.text;
    if (v.error) return v.error;
  }
  return value;
}

async function readXlsx(file: string, sheetName: string | undefined): Promise<TableFile> {
  const ExcelJS = (await import("exceljs")).default;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = sheetName ? workbook.getWorksheet(sheetName) : workbook.worksheets[0];
  if (!sheet) {
    const names = workbook.worksheets.map((w) => w.name).join(", ");
    throw new TableFileError(
      sheetName ? `no sheet "${sheetName}" (sheets: ${names}).` : "the workbook has no sheet."
    );
  }
  const rows: unknown[][] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: unknown[] = [];
    for (let c = 1; c <= width; c++) cells.push(xlsxCell(row.getCell(c).value));
    if (cells.some((cell) => cell !== "")) rows.push(cells);
  });
  return { rows, source: `${path.basename(file)}!${sheet.name}`, sheetName: sheet.name };
}

// ─── Entry ──────────────────────────────────────────────────────────────────────────────

/** Reads a CSV, delimited text or .xlsx file into rows of cells (see the module comment). */
export async function readTableFile(
  file: string,
  options: ReadTableOptions = {}
): Promise<TableFile> {
  if (/\.xlsx$/i.test(file)) return readXlsx(file, options.sheet);
  if (/\.xls$/i.test(file))
    throw new TableFileError("old .xls files are not read: save the file as .xlsx or CSV.");
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new TableFileError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`
    );
  }
  const { text, encoding } = decodeText(bytes, options.encoding);
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const rows = parseDelimited(text, delimiter === "\\t" || delimiter === "tab" ? "\t" : delimiter);
  const sheetName = path.basename(file).replace(/\.[^.]*$/, "");
  return { rows, source: path.basename(file), sheetName, encoding, delimiter };
}
