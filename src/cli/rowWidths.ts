/**
 * Rows of delimited text whose number of fields is not the header's (QA: `A,2024-01-05,1,234.50`
 * under `customer_id,date,amount` was cut to the amount 1, `12,50` to 12 and `Smith, John` to
 * "Smith", silently, exit 0). Every data row must have the header's number of fields (without
 * a header, the file's most common number), except that
 * - extra fields that are all empty are trailing delimiters (`A,2024-01-05,10,`), and
 * - a row may end early when every missing field is of an unused column (a trailing empty
 *   note), since a delimited file cannot tell a missing trailing field from an empty one.
 * Any other row is refused by line (exit 4) or left out with --skip-bad-rows, with the likely
 * cause: a thousands separator or decimal comma in an amount, or the delimiter inside a text.
 */

/** Why a row has more fields than the header, as far as its fields show. */
export type RaggedCause = "thousands" | "decimalComma" | "insideText" | "fewer" | "generic";

export interface RaggedRow {
  /** the row's index in the table's rows */
  readonly index: number;
  readonly fields: number;
  readonly expected: number;
  readonly cause: RaggedCause;
}

const blank = (cell: unknown) => cell === undefined || cell === null || String(cell).trim() === "";
const text = (cell: unknown) => (cell === undefined || cell === null ? "" : String(cell).trim());

/** Digits before a thousands separator (`1`, `$12`, `-123`), and the group after it. */
const THOUSANDS_HEAD = /^[-+(]?[$€£¥]?\d{1,3}$/;
const THOUSANDS_TAIL = /^\d{3}(?:[.,]\d*)?\)?$/;
/** The whole part of a number before a decimal comma, and its decimals. */
const WHOLE = /^[-+(]?[$€£¥]?\d+$/;
const DECIMALS = /^\d{1,2}\)?$/;
const LETTERS = /\p{L}/u;

/** The likely cause of a row with more fields than expected (see {@link RaggedCause}). */
export function raggedCause(row: readonly unknown[], delimiter: string): RaggedCause {
  const cells = row.map(text);
  const pairs = cells.slice(1).map((tail, i) => [cells[i]!, tail] as const);
  if (delimiter === ",") {
    if (pairs.some(([head, tail]) => THOUSANDS_HEAD.test(head) && THOUSANDS_TAIL.test(tail)))
      return "thousands";
    if (pairs.some(([head, tail]) => WHOLE.test(head) && DECIMALS.test(tail)))
      return "decimalComma";
  }
  if (pairs.some(([head, tail]) => LETTERS.test(head) && LETTERS.test(tail))) return "insideText";
  return "generic";
}

/**
 * The rows (after the header, when there is one) whose number of fields does not fit (see the
 * module comment). `usedColumns` are the 0-based columns the report reads. Cost O(cells).
 *
 * @example raggedRows([["id","date","amount"],["A","2024-01-05","1","234.50"]], true, [0,1,2], ",")
 *   //=> { expected: 3, rows: [{ index: 1, fields: 4, expected: 3, cause: "thousands" }] }
 */
export function raggedRows(
  rows: readonly (readonly unknown[])[],
  hasHeader: boolean,
  usedColumns: readonly number[],
  delimiter: string
): { expected: number; rows: RaggedRow[] } {
  const expected = hasHeader ? headerWidth(rows) : mostCommonWidth(rows);
  const lastUsed = usedColumns.reduce((most, column) => Math.max(most, column), -1);
  const ragged: RaggedRow[] = [];
  for (let index = hasHeader ? 1 : 0; index < rows.length; index++) {
    const row = rows[index]!;
    const fields = row.length;
    if (fields > expected && !row.slice(expected).every(blank)) {
      ragged.push({ index, fields, expected, cause: raggedCause(row, delimiter) });
    } else if (fields < expected && lastUsed >= fields) {
      ragged.push({ index, fields, expected, cause: "fewer" });
    }
  }
  return { expected, rows: ragged };
}

/**
 * The header's number of fields, without trailing unnamed fields (`id,date,amount,`) that the
 * data leaves empty in most rows: there, a value in the unnamed column is a row cut in two
 * (QA round 2: `A,2024-01-05,1,234` under `customer_id,date,amount,`), not a column of its own.
 */
function headerWidth(rows: readonly (readonly unknown[])[]): number {
  const header = rows[0] ?? [];
  let named = header.length;
  while (named > 0 && blank(header[named - 1])) named--;
  if (named === header.length) return named;
  const data = rows.length - 1;
  const filled = rows.slice(1).filter((row) => !row.slice(named).every(blank)).length;
  return filled * 2 <= data ? named : header.length;
}

/** The most common number of fields (the larger on a tie). */
function mostCommonWidth(rows: readonly (readonly unknown[])[]): number {
  const counts = new Map<number, number>();
  for (const row of rows) counts.set(row.length, (counts.get(row.length) ?? 0) + 1);
  let width = 0;
  let times = 0;
  for (const [w, n] of counts)
    if (n > times || (n === times && w > width)) {
      width = w;
      times = n;
    }
  return width;
}
