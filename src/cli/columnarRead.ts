/**
 * The columnar path of `crm-report` (issue 14, part 1): a large delimited file read straight
 * into typed columns (ids interned to integer codes, dates as day serials, amounts as
 * Float64), with no array of strings per row and no string per cell for the usual cells.
 *
 * How it stays identical to the row path (readTable.ts → input.ts, which it never replaces):
 * - {@link deferDelimited} parses only the first records the row path's way (the column
 *   mapping reads no further: mapping.ts's sample), and scans the rest for its shape alone;
 *   it defers only a file whose records all have one number of fields (so no row is ragged,
 *   rowWidths.ts) and whose sample holds the whole of mapping.ts's sample;
 * - {@link readColumns} reads the mapped columns cell by cell through the fast readers of
 *   src/core/input/columns.ts. Records without a quote are cut at the delimiter in place;
 *   a record with a quote is handed to the row path's own RFC 4180 parser (parseRecords),
 *   so quoting, `""`, and delimiters or line breaks inside quotes read exactly as before.
 *   The first cell of a shape the fast readers do not take (a blank, a text date of another
 *   form, `1.234`, `12,50`, an id with spaces around it, …) ends the columnar path:
 *   the caller then parses the whole file into rows and audits it as before
 *   ({@link materializeTable}), so every rule, message and line number is the row path's.
 *
 * Cost: two passes over the decoded text, O(characters), allocating per customer (its id)
 * and per quoted record, not per row.
 */
import { ColumnBuilder, fastAmount, fastDay, fastIdNumber, SLOW_ID } from "../core/input/columns";
import type { Transactions } from "../core/input/input";
import { isBlank } from "../core/input/input";
import { parseDelimitedLines, parseRecords, type TableFile } from "./readTable";

/** A delimited file's text kept for the columnar pass, with its shape. */
export interface DeferredText {
  readonly text: string;
  /** one character, or "whitespace" */
  readonly delimiter: string;
  /** records (rows) in all, the header's included */
  readonly records: number;
  /** the number of fields of every record */
  readonly width: number;
}

/**
 * Records parsed the row path's way before the rest is deferred: the header and mapping.ts's
 * sample of 200 non-blank data rows, with room for blank ones.
 */
export const SAMPLE_RECORDS = 1001;
const SAMPLE_NONBLANK = 202;

type FieldVisitor = (column: number, s: string, start: number, end: number) => void;
/** Called at the end of each record with its number of fields; false stops the scan. */
type RecordVisitor = (fields: number) => boolean;

/**
 * Visits every record of delimited text as the row path parses it (readTable.ts:
 * parseDelimitedLines), fields as spans of the text where they can be. Returns false when a
 * visitor stopped it or a quoted field is not closed (the row path then words the error).
 */
export function scanRecords(
  text: string,
  delimiter: string,
  onField: FieldVisitor,
  onRecord: RecordVisitor
): boolean {
  return delimiter === "whitespace"
    ? scanWhitespace(text, onField, onRecord)
    : scanQuoted(text, delimiter, onField, onRecord);
}

function scanQuoted(
  text: string,
  delimiter: string,
  onField: FieldVisitor,
  onRecord: RecordVisitor
): boolean {
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  let cuts = new Int32Array(64);
  let pos = 0;
  while (pos < n) {
    let i = pos;
    let count = 0;
    let quote = false;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === d) {
        if (count === cuts.length) {
          const grown = new Int32Array(cuts.length * 2);
          grown.set(cuts);
          cuts = grown;
        }
        cuts[count++] = i;
      } else if (c === 10 || c === 13) break;
      else if (c === 34) {
        quote = true;
        break;
      }
    }
    if (quote) {
      // The row path's parser from this record's start (its state is clean there).
      const parsed = parseRecords(text, delimiter, 1, pos);
      if (parsed.unclosedQuoteLine !== undefined) return false;
      const row = parsed.rows[0];
      if (row !== undefined) {
        for (let k = 0; k < row.length; k++) onField(k, row[k]!, 0, row[k]!.length);
        if (!onRecord(row.length)) return false;
      }
      pos = parsed.end;
      continue;
    }
    if (count > 0 || i > pos) {
      let start = pos;
      for (let k = 0; k < count; k++) {
        onField(k, text, start, cuts[k]!);
        start = cuts[k]! + 1;
      }
      onField(count, text, start, i);
      if (!onRecord(count + 1)) return false;
    }
    pos = i < n && text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  }
  return true;
}

/** Runs of spaces or tabs separate fields; lines trimmed (parseDelimitedLines' "whitespace"). */
function scanWhitespace(text: string, onField: FieldVisitor, onRecord: RecordVisitor): boolean {
  const n = text.length;
  let lineStart = 0;
  for (;;) {
    let lineEnd = text.indexOf("\n", lineStart);
    const last = lineEnd < 0;
    if (last) lineEnd = n;
    // split(/\r?\n/) drops a \r only before a \n
    const contentEnd =
      !last && lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
    let plain = true;
    for (let i = lineStart; i < contentEnd; i++) {
      const c = text.charCodeAt(i);
      if ((c < 0x21 || c > 0x7e) && c !== 32 && c !== 9) {
        plain = false;
        break;
      }
    }
    let fields = 0;
    if (plain) {
      let i = lineStart;
      while (i < contentEnd) {
        while (i < contentEnd && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
        if (i === contentEnd) break;
        const start = i;
        while (i < contentEnd && text.charCodeAt(i) !== 32 && text.charCodeAt(i) !== 9) i++;
        onField(fields++, text, start, i);
      }
    } else {
      // Anything else (a stray \r, Unicode spaces that trim() removes): the row path's own code.
      const trimmed = text.slice(lineStart, contentEnd).trim();
      if (trimmed !== "") {
        for (const cell of trimmed.split(/[ \t]+/)) onField(fields++, cell, 0, cell.length);
      }
    }
    if (fields > 0 && !onRecord(fields)) return false;
    if (last) return true;
    lineStart = lineEnd + 1;
  }
}

/**
 * The sample (the first {@link SAMPLE_RECORDS} records, parsed the row path's way) and the
 * deferred rest of a delimited text, or undefined when the row path should read it all: a
 * small file, records of different widths, a first row ending in a blank field, a sample
 * short of mapping.ts's, an unclosed quote or a bad delimiter (the row path words those).
 */
export function deferDelimited(
  text: string,
  delimiter: string
): { rows: string[][]; lines: number[]; deferred: DeferredText } | undefined {
  if (
    delimiter !== "whitespace" &&
    (delimiter.length !== 1 || delimiter === '"' || delimiter === "\n" || delimiter === "\r")
  )
    return undefined;
  const shape = shapeOf(text, delimiter);
  if (shape === undefined || shape.records <= SAMPLE_RECORDS) return undefined;
  const { records, width } = shape;
  const sample = sampleRecords(text, delimiter);
  const first = sample.rows[0];
  if (first === undefined || first.length !== width || isBlank(first[first.length - 1]))
    return undefined;
  let nonBlank = 0;
  for (const row of sample.rows) if (!row.every(isBlank)) nonBlank++;
  if (nonBlank < SAMPLE_NONBLANK) return undefined;
  return { rows: sample.rows, lines: sample.lines, deferred: { text, delimiter, records, width } };
}

/**
 * The number of records and their one number of fields, or undefined when records differ in
 * width or a quote is not closed. {@link scanRecords} without a callback per field: records
 * without a quote are counted in place, others parsed by the row path's parser.
 */
export function shapeOf(
  text: string,
  delimiter: string
): { records: number; width: number } | undefined {
  let records = 0;
  let width = -1;
  const record = (fields: number) => {
    records++;
    if (width === -1) width = fields;
    return fields === width;
  };
  if (delimiter === "whitespace") {
    return scanRecords(text, delimiter, () => {}, record) ? { records, width } : undefined;
  }
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  let pos = 0;
  while (pos < n) {
    let i = pos;
    let fields = 1;
    let c = -1;
    while (i < n) {
      c = text.charCodeAt(i);
      if (c === d) fields++;
      else if (c === 10 || c === 13 || c === 34) break;
      i++;
    }
    if (c === 34 && i < n) {
      const parsed = parseRecords(text, delimiter, 1, pos);
      if (parsed.unclosedQuoteLine !== undefined) return undefined;
      pos = parsed.end;
      const row = parsed.rows[0];
      if (row !== undefined && !record(row.length)) return undefined;
      continue;
    }
    const blank = fields === 1 && i === pos;
    pos = i < n && text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
    if (!blank && !record(fields)) return undefined;
  }
  return { records, width };
}

/** The first records with their lines, exactly as parseDelimitedLines gives them. */
function sampleRecords(text: string, delimiter: string): { rows: string[][]; lines: number[] } {
  if (delimiter !== "whitespace") {
    const { rows, lines } = parseRecords(text, delimiter, SAMPLE_RECORDS);
    return { rows, lines };
  }
  const rows: string[][] = [];
  const lines: number[] = [];
  let lineStart = 0;
  for (let line = 1; rows.length < SAMPLE_RECORDS; line++) {
    const lineEnd = text.indexOf("\n", lineStart);
    const chunk = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
    const trimmed = (lineEnd >= 0 && chunk.endsWith("\r") ? chunk.slice(0, -1) : chunk).trim();
    if (trimmed !== "") {
      rows.push(trimmed.split(/[ \t]+/));
      lines.push(line);
    }
    if (lineEnd < 0) break;
    lineStart = lineEnd + 1;
  }
  return { rows, lines };
}

/** The columns the report reads: 0-based, as ColumnMapping holds them. */
export interface ColumnChoice {
  readonly customerId: number;
  readonly date: number;
  readonly amount: number;
}

/**
 * The deferred file's transactions read by the fast readers (see the module comment), or
 * undefined at the first cell they do not take: the caller then reads the file as rows.
 * Every data row is kept (a row the fast readers take has no problem and is not blank), so
 * `sourceRows` are 1 … rows and the audit has no problem.
 */
export function readColumns(
  deferred: DeferredText,
  columns: ColumnChoice,
  hasHeader: boolean
): Transactions | undefined {
  const { customerId, date, amount } = columns;
  const dataRows = deferred.records - (hasHeader ? 1 : 0);
  if (dataRows <= 0) return undefined;
  const builder = new ColumnBuilder(dataRows);
  if (deferred.delimiter !== "whitespace") {
    const complete = readQuotedColumns(
      deferred.text,
      deferred.delimiter,
      columns,
      hasHeader,
      builder
    );
    return complete && builder.rows === dataRows ? builder.finish() : undefined;
  }
  let header = hasHeader;
  let idKind = SLOW_ID;
  let idText = "";
  let idStart = 0;
  let idEnd = 0;
  let day = -1;
  let value = Number.NaN;
  const complete = scanRecords(
    deferred.text,
    deferred.delimiter,
    (column, s, start, end) => {
      if (header) return;
      if (column === customerId) {
        idKind = fastIdNumber(s, start, end);
        idText = s;
        idStart = start;
        idEnd = end;
      }
      if (column === date) day = fastDay(s, start, end);
      if (column === amount) value = fastAmount(s, start, end);
    },
    () => {
      if (header) {
        header = false;
        return true;
      }
      if (idKind === SLOW_ID || day < 0 || value !== value) return false;
      builder.add(idKind, idText, idStart, idEnd, day, value);
      idKind = SLOW_ID;
      day = -1;
      value = Number.NaN;
      return true;
    }
  );
  if (!complete || builder.rows !== dataRows) return undefined;
  return builder.finish();
}

/**
 * {@link readColumns} for a one-character delimiter: {@link scanQuoted} with the cells read in
 * the same loop (no callback per field). False at the first cell the fast readers do not take.
 */
function readQuotedColumns(
  text: string,
  delimiter: string,
  columns: ColumnChoice,
  hasHeader: boolean,
  builder: ColumnBuilder
): boolean {
  const { customerId, date, amount } = columns;
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  let header = hasHeader;
  let pos = 0;
  while (pos < n) {
    let idKind = SLOW_ID;
    let idText = text;
    let idStart = 0;
    let idEnd = 0;
    let day = -1;
    let value = Number.NaN;
    let field = 0;
    let start = pos;
    let i = pos;
    let quote = false;
    for (;;) {
      let c = -1;
      while (i < n) {
        c = text.charCodeAt(i);
        if (c === d || c === 10 || c === 13 || c === 34) break;
        i++;
      }
      if (c === 34 && i < n) {
        quote = true;
        break;
      }
      if (field === customerId) {
        idKind = fastIdNumber(text, start, i);
        idStart = start;
        idEnd = i;
      }
      if (field === date) day = fastDay(text, start, i);
      if (field === amount) value = fastAmount(text, start, i);
      field++;
      if (i >= n || c !== d) break;
      i++;
      start = i;
    }
    if (quote) {
      // The row path's parser from this record's start (its state is clean there).
      const parsed = parseRecords(text, delimiter, 1, pos);
      if (parsed.unclosedQuoteLine !== undefined) return false;
      pos = parsed.end;
      const row = parsed.rows[0];
      if (row === undefined) continue;
      const id = row[customerId] ?? "";
      idKind = fastIdNumber(id, 0, id.length);
      idText = id;
      idStart = 0;
      idEnd = id.length;
      const dateText = row[date] ?? "";
      day = fastDay(dateText, 0, dateText.length);
      const amountText = row[amount] ?? "";
      value = fastAmount(amountText, 0, amountText.length);
    } else {
      const blank = field === 1 && i === pos; // a blank line: no record
      pos = i < n && text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
      if (blank) continue;
    }
    if (header) {
      header = false;
      continue;
    }
    if (idKind === SLOW_ID || day < 0 || value !== value) return false;
    builder.add(idKind, idText, idStart, idEnd, day, value);
  }
  return true;
}

/** The table without its deferred text, once the columns are read (frees the text). */
export function withoutDeferred(table: TableFile): TableFile {
  const { deferred, ...rest } = table;
  void deferred;
  return rest;
}

/** The whole table as rows (the row path), for a table read with a deferred rest. */
export function materializeTable(table: TableFile): TableFile {
  if (table.deferred === undefined) return table;
  const { rows, lines } = parseDelimitedLines(table.deferred.text, table.deferred.delimiter);
  return { ...withoutDeferred(table), rows, lines };
}
