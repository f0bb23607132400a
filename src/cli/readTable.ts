/**
 * Reading a transactions file for the command line (SPEC §5): CSV (and other delimited text)
 * or .xlsx, into the same 2-D array of cells the task pane reads from a range, so the rest of
 * the way (column mapping, data-quality audit, report model) is the wizard's own.
 *
 * CSV: RFC 4180 quoting (delimiters, quotes and line breaks inside quotes, `""` for a quote),
 * CRLF or LF, blank lines skipped; the delimiter is detected by parsing the first records with
 * each candidate (comma, semicolon, tab, pipe) and keeping the most consistent, else runs of
 * spaces as in CDNOW_master.txt, unless given or named by Excel's `sep=X` first line (which is
 * then no row, though line numbers count it); the encoding is a byte-order mark's, else the
 * best-scoring of UTF-8, UTF-16 LE/BE, GB18030 and Big5 (encoding.ts), unless given; a file that
 * two encodings read equally well is refused (the user gives `--encoding`). Cells stay text:
 * the input layer reads numbers (by their column's decimal separator, numberConvention.ts) and
 * text dates, and keeps ids such as `00123` as they are.
 *
 * .xlsx: the archive's declared and actual unpacked sizes are checked against a budget
 * (zipBounds.ts) before ExcelJS reads it; a damaged or foreign file is refused as `notXlsx`.
 * Every failure is a {@link TableFileError} whose `reason` the command line words.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { dayToExcelSerial } from "../core/input/dates";
import { AMBIGUITY_MARGIN, detectEncoding } from "./encoding";
import { checkZipBounds } from "./zipBounds";
import { clipList } from "./clip";
import { deferDelimited, type DeferredText } from "./columnarRead";

export interface ReadTableOptions {
  /** "utf-8", "utf-16le", "gb18030", … (default: detected) */
  readonly encoding?: string;
  /** one character, or "whitespace" (default: detected) */
  readonly delimiter?: string;
  /** the worksheet of an .xlsx file (default: the first) */
  readonly sheet?: string;
  /** internal: the unpacked-size budget of an .xlsx file (default: zipBounds.ts) */
  readonly maxUnpackedBytes?: number;
  /**
   * Read a large delimited file's first records only, deferring the rest to the columnar
   * path (columnarRead.ts: `deferred`), when its shape allows; default false (every row).
   */
  readonly deferRows?: boolean;
}

export interface TableFile {
  readonly rows: unknown[][];
  /**
   * Per row of `rows`, the 1-based line of the file it starts on (a CSV's blank lines and line
   * breaks inside quotes make the two differ) or the sheet row of an .xlsx, for messages.
   */
  readonly lines: readonly number[];
  /** the file name, or `file.xlsx!Sheet1` */
  readonly source: string;
  readonly sheetName: string;
  readonly encoding?: string;
  readonly delimiter?: string;
  /**
   * Set (with `deferRows`) when `rows` and `lines` are only the first records of a large
   * delimited file: the rest is read by columnarRead.ts (readColumns, or materializeTable).
   */
  readonly deferred?: DeferredText;
}

/**
 * Why a file cannot be read, as data: the command line words each reason in the user's
 * language (src/i18n/cli.strings.ts); `TableFileError.message` is the English wording.
 */
export type TableFileReason =
  | { readonly kind: "cannotOpen"; readonly file: string; readonly code: string }
  | { readonly kind: "oldXls" }
  | { readonly kind: "unknownEncoding"; readonly encoding: string }
  | {
      readonly kind: "invalidEncoding";
      readonly encoding: string;
      readonly line: number;
      /** the 0-based byte offset of the first bad byte (UTF-8) */
      readonly offset?: number;
    }
  | { readonly kind: "ambiguousEncoding"; readonly candidates: readonly string[] }
  | { readonly kind: "badDelimiter" }
  | { readonly kind: "unclosedQuote"; readonly line: number }
  | { readonly kind: "notXlsx" }
  | { readonly kind: "xlsxTooLarge"; readonly entry: string; readonly limit: number }
  | { readonly kind: "noSheet"; readonly sheet: string; readonly sheets: string }
  | { readonly kind: "noSheets" };

/** The English wording of a {@link TableFileReason}. */
function reasonText(reason: TableFileReason): string {
  switch (reason.kind) {
    case "cannotOpen":
      return `cannot read ${reason.file}: ${reason.code}.`;
    case "oldXls":
      return "old .xls files are not read: save the file as .xlsx or CSV.";
    case "unknownEncoding":
      return `unknown encoding "${reason.encoding}".`;
    case "invalidEncoding":
      return `the file is not valid ${reason.encoding} (line ${reason.line}${reason.offset === undefined ? "" : `, byte offset ${reason.offset}`}).`;
    case "ambiguousEncoding":
      return `the encoding cannot be told: the file reads as ${reason.candidates.join(" or ")}; give it with --encoding.`;
    case "badDelimiter":
      return "the delimiter must be one character other than a quote or line break.";
    case "unclosedQuote":
      return `the quoted field opened on line ${reason.line} is not closed before the end of the file.`;
    case "notXlsx":
      return "the file is not a valid .xlsx workbook (damaged, or another kind of file).";
    case "xlsxTooLarge":
      return `the workbook's part ${reason.entry} unpacks to more than ${reason.limit} bytes; it is refused as unsafe.`;
    case "noSheet":
      return `no sheet "${reason.sheet}" (sheets: ${reason.sheets}).`;
    case "noSheets":
      return "the workbook has no sheet.";
  }
}

export class TableFileError extends Error {
  constructor(readonly reason: TableFileReason) {
    super(reasonText(reason));
    this.name = "TableFileError";
  }
}

// ─── Encoding ───────────────────────────────────────────────────────────────────────────

/** Strict decoding; on failure, the line (and for UTF-8 the byte offset) of the first bad byte. */
function decodeStrict(bytes: Uint8Array, decoder: TextDecoder, bomLength = 0): string {
  try {
    return decoder.decode(bytes);
  } catch {
    const loose = new TextDecoder(decoder.encoding, { ignoreBOM: true }).decode(bytes);
    const at = loose.indexOf("\uFFFD");
    const line = at < 0 ? 1 : loose.slice(0, at).split("\n").length;
    // The text before the first bad byte is valid UTF-8, so its length in bytes is the offset.
    const offset =
      decoder.encoding === "utf-8" && at >= 0
        ? bomLength + new TextEncoder().encode(loose.slice(0, at)).length
        : undefined;
    throw new TableFileError({
      kind: "invalidEncoding",
      encoding: decoder.encoding,
      line,
      ...(offset === undefined ? {} : { offset }),
    });
  }
}

/**
 * Share of decoding errors under which a Chinese encoding that reads the rest of the file well
 * is still named in the message (a damaged GB18030 file), rather than UTF-8.
 */
const FEW_ERRORS = 0.05;

/**
 * Decodes a text file's bytes: in the encoding given (any WHATWG label: utf-8, utf-16le,
 * utf-16be, gb18030, big5, gbk, …), else in the one its byte-order mark names, else in the
 * best-scoring of UTF-8, UTF-16 LE/BE, GB18030 and Big5 (see encoding.ts). Strict: bytes that
 * are not valid in that encoding are refused, never replaced.
 *
 * @throws TableFileError `unknownEncoding` for a name TextDecoder does not know;
 *   `invalidEncoding` (with the line) for bytes the encoding cannot decode; `ambiguousEncoding`
 *   when two encodings read the file differently and equally well.
 */
export function decodeText(
  bytes: Uint8Array,
  encoding?: string
): { text: string; encoding: string } {
  if (encoding) {
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(encoding, { fatal: true });
    } catch {
      throw new TableFileError({ kind: "unknownEncoding", encoding });
    }
    return { text: stripBom(decodeStrict(bytes, decoder)), encoding: decoder.encoding };
  }
  const detected = detectEncoding(bytes);
  // QA: a Latin-1/cp1252 file, or ASCII with one stray byte, was offered as "utf-16be or
  // utf-16le". When no candidate reads the file without decoding errors, it is refused as not
  // valid UTF-8 with the line and byte offset of the first bad byte (the message suggests
  // re-saving as UTF-8 or --encoding windows-1252), unless a Chinese encoding reads all but a
  // few characters (then it is named). Node's Big5 decoder reads a stray 0xFF as the
  // private-use U+F8F8 rather than failing, so private-use characters count as errors here.
  const best = detected.kind === "bom" ? undefined : detected.scores[0]!;
  const bad = best === undefined ? 0 : best.errors + best.privateUse;
  if (best !== undefined && bad > 0) {
    const cjk = best.encoding === "gb18030" || best.encoding === "big5";
    const notable = [...best.text].filter((ch) => ch.charCodeAt(0) >= 0x80).length;
    if (!cjk || bad > FEW_ERRORS * notable)
      decodeStrict(bytes, new TextDecoder("utf-8", { fatal: true }));
    else if (best.errors > 0) decodeStrict(bytes, new TextDecoder(best.encoding, { fatal: true }));
  }
  if (detected.kind === "ambiguous") {
    const best = detected.scores[0]!;
    const rivals = detected.scores.filter(
      (s) => s.text !== best.text && best.score - s.score < AMBIGUITY_MARGIN
    );
    throw new TableFileError({
      kind: "ambiguousEncoding",
      candidates: [best.encoding, ...rivals.map((s) => s.encoding)],
    });
  }
  const decoder = new TextDecoder(detected.encoding, { fatal: true, ignoreBOM: true });
  if (detected.kind === "bom") {
    const text = decodeStrict(bytes.subarray(detected.bomLength), decoder, detected.bomLength);
    return { text, encoding: detected.encoding === "utf-8" ? "utf-8 (BOM)" : detected.encoding };
  }
  return { text: decodeStrict(bytes, decoder), encoding: detected.encoding };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

// ─── Delimited text ─────────────────────────────────────────────────────────────────────

const CANDIDATES = [",", ";", "\t", "|"];

/** Records each candidate delimiter is tried on. */
const DETECTION_RECORDS = 50;

/** One parse of delimited text: its records, and signs of quoting that does not fit. */
export interface ParseResult {
  readonly rows: string[][];
  /** the 1-based line each row starts on */
  readonly lines: number[];
  /** fields with a quote inside unquoted text or text after a closing quote */
  readonly strayQuotes: number;
  /** the line a quoted field opened on, when the text ended inside it */
  readonly unclosedQuoteLine?: number;
  /** where the parse stopped: after the last record's line break, or the end of the text */
  readonly end: number;
}

/**
 * The RFC 4180 parser behind {@link parseDelimited} and {@link detectDelimiter}: stops after
 * `maxRecords` records; never throws (an unclosed quote is reported in the result). `from`
 * starts it at a record's first character (columnarRead.ts reads its records with quotes
 * this way); line numbers then count from that record.
 */
export function parseRecords(
  text: string,
  delimiter: string,
  maxRecords: number,
  from = 0
): ParseResult {
  const rows: string[][] = [];
  const lines: number[] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let fieldStarted = false;
  let closedQuote = false;
  let rowLine = 1;
  let strayQuotes = 0;
  let line = 1;
  let quoteLine = 0;
  const d = delimiter.charCodeAt(0);
  const endField = () => {
    row.push(field);
    field = "";
    closedQuote = false;
  };
  const endRow = () => {
    endField();
    if (row.length > 1 || row[0] !== "" || fieldStarted) {
      rows.push(row);
      lines.push(rowLine);
    }
    row = [];
    fieldStarted = false;
  };
  let i = from;
  for (; i < text.length && rows.length < maxRecords; i++) {
    const ch = text.charCodeAt(i);
    if (quoted) {
      if (ch === 34) {
        if (text.charCodeAt(i + 1) === 34) {
          field += '"';
          i++;
        } else {
          quoted = false;
          closedQuote = true;
        }
      } else {
        if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) line++;
        field += text[i];
      }
    } else if (ch === 34 && field === "" && !closedQuote) {
      quoted = true;
      quoteLine = line;
      fieldStarted = true;
    } else if (ch === d) {
      endField();
      fieldStarted = true;
    } else if (ch === 10) {
      endRow();
      rowLine = ++line;
    } else if (ch === 13) {
      if (text.charCodeAt(i + 1) !== 10) {
        endRow();
        rowLine = ++line;
      }
    } else {
      // A quote inside unquoted text, or text after a closing quote: kept as written, but a
      // sign that this delimiter does not fit the file's quoting.
      if (closedQuote) {
        strayQuotes++;
        closedQuote = false;
      } else if (ch === 34) strayQuotes++;
      field += text[i];
    }
  }
  if (quoted) return { rows, lines, strayQuotes, unclosedQuoteLine: quoteLine, end: i };
  if (rows.length < maxRecords && (field !== "" || row.length > 0 || fieldStarted)) endRow();
  return { rows, lines, strayQuotes, end: i };
}

/**
 * The delimiter of a delimited text: each candidate (comma, semicolon, tab, pipe) parses the
 * first records properly (RFC 4180: quoted fields may hold delimiters, doubled quotes and line
 * breaks); a candidate counts when its most common number of fields is at least 2, and the one
 * whose records most consistently have that number wins, less its stray quotes (quotes its
 * parse finds inside unquoted text), then the one giving more fields. Runs of spaces
 * ("whitespace", as in CDNOW_master.txt) when no candidate counts.
 *
 * @example detectDelimiter('id,date,amount\n"multi\nline",2024-01-05,10\n') //=> ","
 */
export function detectDelimiter(text: string): string {
  let best = "whitespace";
  let bestScore = 0;
  let bestFields = 0;
  for (const candidate of CANDIDATES) {
    const { rows, strayQuotes, unclosedQuoteLine } = parseRecords(
      text,
      candidate,
      DETECTION_RECORDS
    );
    if (rows.length === 0) continue;
    const frequency = new Map<number, number>();
    for (const row of rows) frequency.set(row.length, (frequency.get(row.length) ?? 0) + 1);
    let fields = 0;
    let count = 0;
    for (const [length, times] of frequency)
      if (times > count || (times === count && length > fields)) {
        fields = length;
        count = times;
      }
    if (fields < 2) continue;
    const records = rows.length + (unclosedQuoteLine === undefined ? 0 : 1);
    const score = (count - strayQuotes) / records;
    if (score > bestScore || (score === bestScore && fields > bestFields)) {
      best = candidate;
      bestScore = score;
      bestFields = fields;
    }
  }
  return best;
}

/**
 * Parses delimited text into rows of text cells (RFC 4180). Blank lines are skipped. With the
 * delimiter "whitespace", fields are separated by runs of spaces or tabs and leading or trailing
 * ones are ignored (no quoting). Cost O(characters).
 *
 * @throws TableFileError `unclosedQuote` naming the line the quoted field opened on;
 *   `badDelimiter` for a delimiter that is not one character other than a quote or line break.
 * @example parseDelimited('id,amount\n"00123","1,234.50"\n', ",") //=> [["id", "amount"], ["00123", "1,234.50"]]
 */
export function parseDelimited(text: string, delimiter: string): string[][] {
  return parseDelimitedLines(text, delimiter).rows;
}

/** {@link parseDelimited}, with the 1-based line each row starts on. */
export function parseDelimitedLines(
  text: string,
  delimiter: string
): { rows: string[][]; lines: number[] } {
  if (delimiter === "whitespace") {
    const rows: string[][] = [];
    const lines: number[] = [];
    text.split(/\r?\n/).forEach((line, i) => {
      const trimmed = line.trim();
      if (trimmed !== "") {
        rows.push(trimmed.split(/[ \t]+/));
        lines.push(i + 1);
      }
    });
    return { rows, lines };
  }
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === "\n" || delimiter === "\r") {
    throw new TableFileError({ kind: "badDelimiter" });
  }
  const { rows, lines, unclosedQuoteLine } = parseRecords(
    text,
    delimiter,
    Number.POSITIVE_INFINITY
  );
  if (unclosedQuoteLine !== undefined)
    throw new TableFileError({ kind: "unclosedQuote", line: unclosedQuoteLine });
  return { rows, lines };
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

/** The bytes of a file, or TableFileError `cannotOpen`. */
function readBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new TableFileError({
      kind: "cannotOpen",
      file,
      code: (error as NodeJS.ErrnoException).code ?? String(error),
    });
  }
}

/**
 * An .xlsx file's first (or named) sheet. The archive is checked against the unpacked-size
 * budget (zipBounds.ts) before ExcelJS inflates it; anything ExcelJS cannot load is `notXlsx`.
 */
async function readXlsx(
  file: string,
  sheetName: string | undefined,
  maxUnpackedBytes: number | undefined
): Promise<TableFile> {
  const bytes = readBytes(file);
  const problem = await checkZipBounds(bytes, maxUnpackedBytes);
  if (problem?.kind === "notZip") throw new TableFileError({ kind: "notXlsx" });
  if (problem?.kind === "tooLarge")
    throw new TableFileError({ kind: "xlsxTooLarge", entry: problem.entry, limit: problem.limit });
  const ExcelJS = (await import("exceljs")).default;
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new TableFileError({ kind: "notXlsx" });
  }
  const sheet = sheetName ? workbook.getWorksheet(sheetName) : workbook.worksheets[0];
  if (!sheet) {
    // A workbook of hundreds of sheets lists its first 10 (clip.ts), in any language: "…, (+N)".
    const names = clipList(
      workbook.worksheets.map((w) => w.name),
      (shown, more) => `${shown}, … (+${more})`
    );
    throw new TableFileError(
      sheetName ? { kind: "noSheet", sheet: sheetName, sheets: names } : { kind: "noSheets" }
    );
  }
  const rows: unknown[][] = [];
  const lines: number[] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: unknown[] = [];
    for (let c = 1; c <= width; c++) cells.push(xlsxCell(row.getCell(c).value));
    if (cells.some((cell) => cell !== "")) {
      rows.push(cells);
      lines.push(row.number);
    }
  });
  return { rows, lines, source: `${path.basename(file)}!${sheet.name}`, sheetName: sheet.name };
}

// ─── Entry ──────────────────────────────────────────────────────────────────────────────

/**
 * Excel's delimiter line: `sep=;` (or `sep=,`, `sep=\t`, `sep=|`) alone on the first line. The
 * match stops before the line break, so the blanked line still counts in line numbers.
 */
const SEP_LINE = /^sep=([^\r\n"])(?=\r?\n|$)/i;

/** Reads a CSV, delimited text or .xlsx file into rows of cells (see the module comment). */
export async function readTableFile(
  file: string,
  options: ReadTableOptions = {}
): Promise<TableFile> {
  if (/\.xlsx$/i.test(file)) return readXlsx(file, options.sheet, options.maxUnpackedBytes);
  if (/\.xls$/i.test(file)) throw new TableFileError({ kind: "oldXls" });
  const bytes = readBytes(file);
  const decoded = decodeText(bytes, options.encoding);
  const { encoding } = decoded;
  // QA: Excel's `sep=;` first line names the delimiter (as Excel honours it) and is no row. It
  // is blanked, not cut, so that the line numbers of messages still count it. A --delimiter
  // given on the command line wins.
  const sep = SEP_LINE.exec(decoded.text);
  const text = sep ? decoded.text.slice(sep[0].length) : decoded.text;
  const delimiter = options.delimiter ?? (sep ? sep[1]! : detectDelimiter(text));
  const resolved = delimiter === "\\t" || delimiter === "tab" ? "\t" : delimiter;
  const sheetName = path.basename(file).replace(/\.[^.]*$/, "");
  const source = path.basename(file);
  const deferred = options.deferRows ? deferDelimited(text, resolved) : undefined;
  if (deferred !== undefined) return { ...deferred, source, sheetName, encoding, delimiter };
  const { rows, lines } = parseDelimitedLines(text, resolved);
  return { rows, lines, source, sheetName, encoding, delimiter };
}
