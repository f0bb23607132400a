/**
 * Column matching for the report wizard (SPEC §4 "match the columns"): given the whole source
 * range, guess whether its first row is a header, and which column holds each field. Pure: no
 * Office, only the 2-D array of cell values (strings, numbers, booleans, null, `""`).
 *
 * Two passes, both deterministic:
 *
 * 1. **By header** (when there is one). Header text is normalised (see {@link normalizeHeader})
 *    and compared with each field's synonyms in English, simplified and traditional Chinese.
 *    Each header names at most one field:
 *    - the field it is a synonym of, exactly (`Transaction date`, `消费金额`, `Amount (USD)`);
 *    - else the field of a synonym it contains (`Customer name`, `Net amount`, `订单总金额`).
 *      When it contains synonyms of several fields, the one ending last wins, as the last word
 *      of a name says what it is (`Total cost` is a cost, `Customer satisfaction` a score);
 *      at equal ends, the longer synonym. Only synonyms of at least 4 letters (ASCII) or 2
 *      characters (CJK) count here, so `id` never matches `Paid` or `Order ID`.
 *
 *    Each field takes the leftmost column whose header names it exactly, else the leftmost whose
 *    header contains one of its synonyms. So a column serves at most one field.
 * 2. **By values**, for the required fields the header did not settle (all of them without a
 *    header), over the first `sampleRows` (default 200) data rows that are not entirely blank
 *    and the columns still free. Shares are of a column's non-blank cells in those rows:
 *    - date: the column with the largest share of dates, if at least 80 %, leftmost on ties.
 *      Dates are whole numbers 10000 … 80000 (Excel serials of 1927-05-18 … 2119-01-10, as
 *      numbers or numeric text), eight-digit yyyymmdd numbers 19000101 … 99991231 that
 *      {@link parseTextDate} reads (`19970101` in the CDNOW data: no Excel serial, which ends at
 *      2958465), and text {@link parseTextDate} reads (`2024/3/1`, `2024年3月1日`);
 *    - amount: among the columns with at least 80 % numbers (numbers or numeric text such as
 *      `1,234.50`, `¥12.5`, `$5`, `12元`), one with a fractional value first, then the widest
 *      relative spread (coefficient of variation, standard deviation over |mean|: amounts
 *      vary widely, ids such as 100231 and serial dates hardly), then the leftmost;
 *    - customerId: among the columns with no fractional number, under 80 % dates and at least
 *      80 % text or whole numbers, one whose values repeat (customers come back) first, then the
 *      most distinct values (more customers than regions or quantities), then the leftmost.
 *      A column of unique numbers (row numbers) is never an id; unique text is, last.
 *
 *    Cost and score are matched by header only: by value they look like amounts.
 *
 * Known limits of the value pass: numeric customer ids between 10000 and 80000 look like
 * Excel dates, and with whole-number amounts a quantity column can look like the amount; the
 * wizard shows the guess for the user to correct.
 */
import { normalizeText, parseTextDate } from "./dates";
import { isBlank } from "./input";

export type FieldKey = "customerId" | "date" | "amount" | "cost" | "score";

/** Every field, in the order fields are matched and shown. */
export const FIELD_KEYS: readonly FieldKey[] = ["customerId", "date", "amount", "cost", "score"];

/** The fields a report cannot do without. */
export const REQUIRED_FIELDS: readonly FieldKey[] = ["customerId", "date", "amount"];

/** 0-based column within the source of each field, or null when unmapped. */
export type ColumnMapping = { readonly [K in FieldKey]: number | null };

/** How a field was matched: by its header, by its values, or not at all. */
export type MappingReason = "header" | "values" | null;

export interface DetectedColumns {
  readonly hasHeader: boolean;
  /**
   * One display name per column: the trimmed header text when there is a header (a blank
   * header cell gets its letter, "Column B"), else "Column A", "Column B", … (letters counted
   * from the source's first column).
   */
  readonly columnNames: readonly string[];
  readonly mapping: ColumnMapping;
  readonly reasons: { readonly [K in FieldKey]: MappingReason };
}

/** A problem with a mapping, for the wizard to show before it reads any data. */
export interface MappingProblem {
  /** the field concerned: for a duplicate, the later of the two in {@link FIELD_KEYS} order */
  readonly field: FieldKey | null;
  readonly kind: "missing" | "duplicate" | "outOfRange";
  /** the column, for `duplicate` and `outOfRange` */
  readonly column?: number;
}

// ─── Synonyms ────────────────────────────────────────────────────────────────────────────

/**
 * Header synonyms per field in English, simplified and traditional Chinese (normalised by
 * {@link normalizeHeader} when the module loads). No text is a synonym of two fields.
 */
const SYNONYMS: { readonly [K in FieldKey]: readonly string[] } = {
  customerId: [
    "customer id",
    "customer",
    "customerid",
    "cust id",
    "client id",
    "client",
    "member id",
    "user id",
    "buyer",
    "account",
    "id",
    "customer no",
    "customer number",
    "customer code",
    "客户id",
    "客户编号",
    "客户",
    "会员编号",
    "会员id",
    "会员",
    "用户id",
    "用户",
    "顾客",
    "顾客编号",
    "客戶id",
    "客戶編號",
    "客戶",
    "會員編號",
    "會員id",
    "會員",
    "用戶id",
    "用戶",
    "顧客",
    "顧客編號",
  ],
  date: [
    "date",
    "order date",
    "transaction date",
    "purchase date",
    "invoice date",
    "time",
    "timestamp",
    "day",
    "日期",
    "交易日期",
    "购买日期",
    "订单日期",
    "下单日期",
    "消费日期",
    "时间",
    "交易时间",
    "購買日期",
    "訂單日期",
    "交易時間",
    "時間",
    "消費日期",
  ],
  amount: [
    "amount",
    "sales",
    "revenue",
    "value",
    "total",
    "price",
    "spend",
    "order value",
    "line total",
    "金额",
    "消费金额",
    "交易金额",
    "销售额",
    "订单金额",
    "实付金额",
    "收入",
    "金額",
    "消費金額",
    "交易金額",
    "銷售額",
    "訂單金額",
    "實付金額",
  ],
  cost: [
    "cost",
    "cogs",
    "cost of goods",
    "cost amount",
    "成本",
    "服务成本",
    "成本金额",
    "服務成本",
    "成本金額",
  ],
  score: [
    "score",
    "satisfaction",
    "csat",
    "rating",
    "nps",
    "满意度",
    "评分",
    "满意度评分",
    "滿意度",
    "評分",
    "滿意度評分",
  ],
};

/** A trailing unit in brackets: `(元)`, `（元）` (NFKC makes it ASCII), `(USD)`, `[¥]`, `【元】`. */
const TRAILING_UNIT = /\s*[([【][^()[\]【】]*[)\]】]\s*$/;

/** Spaces, `_`, `-`, `.` and the full-width space (NFKC makes it a space), removed from headers. */
const SEPARATORS = /[\s_\-.\u3000]+/g;

/**
 * A header as matching sees it: trimmed, NFKC-normalised (full-width letters, spaces and
 * brackets become ASCII), trailing bracketed units removed, lower case, without spaces, `_`,
 * `-` and `.`.
 *
 * @example normalizeHeader(" Customer_ID ") //=> "customerid"
 * @example normalizeHeader("金额（元）") //=> "金额"
 */
export function normalizeHeader(text: string): string {
  let s = normalizeText(text);
  for (;;) {
    const stripped = s.replace(TRAILING_UNIT, "");
    if (stripped === s || stripped.length === 0) break;
    s = stripped;
  }
  return s.toLowerCase().replace(SEPARATORS, "");
}

interface Synonym {
  readonly field: FieldKey;
  readonly text: string;
  /** whether a header containing it (rather than equal to it) may match */
  readonly partial: boolean;
}

/** Every synonym of every field, normalised, in {@link FIELD_KEYS} order. */
const NORMALISED: readonly Synonym[] = FIELD_KEYS.flatMap((field) =>
  SYNONYMS[field].map((synonym): Synonym => {
    const text = normalizeHeader(synonym);
    const ascii = [...text].every((ch) => ch.charCodeAt(0) < 0x80);
    return { field, text, partial: text.length >= (ascii ? 4 : 2) };
  })
);

/** The field a normalised header names, and whether exactly (see the module comment). */
interface HeaderMatch {
  readonly field: FieldKey;
  readonly exact: boolean;
}

function matchHeader(header: string): HeaderMatch | null {
  if (header.length === 0) return null;
  let best: Synonym | null = null;
  let bestEnd = -1;
  for (const synonym of NORMALISED) {
    if (synonym.text === header) return { field: synonym.field, exact: true };
    if (!synonym.partial) continue;
    const at = header.lastIndexOf(synonym.text);
    if (at < 0) continue;
    const end = at + synonym.text.length;
    if (end > bestEnd || (end === bestEnd && synonym.text.length > best!.text.length)) {
      best = synonym;
      bestEnd = end;
    }
  }
  return best === null ? null : { field: best.field, exact: false };
}

// ─── Cells ───────────────────────────────────────────────────────────────────────────────

/** Currency signs or codes before a number, and 元/円 or a code after it. */
const CURRENCY_PREFIX = /^([-+]?)\s*(?:[¥$€£]|(?:rmb|cny|usd|hkd|twd|hk\$|nt\$)\s*)/i;
const CURRENCY_SUFFIX = /\s*(?:元|円|rmb|cny|usd)$/i;
const NUMERIC = /^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$/;

/**
 * The number a cell holds, as a number or as numeric text (`1,234.50`, `¥12.5`, `$5`, `12元`),
 * or undefined.
 */
function numericValue(cell: unknown): number | undefined {
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : undefined;
  if (typeof cell !== "string") return undefined;
  const s = normalizeText(cell).replace(CURRENCY_PREFIX, "$1").replace(CURRENCY_SUFFIX, "");
  if (!NUMERIC.test(s) || !/\d/.test(s)) return undefined;
  const value = Number(s.replace(/,/g, ""));
  return Number.isFinite(value) ? value : undefined;
}

/** Whole numbers read as Excel serial dates: 1927-05-18 … 2119-01-10. */
const FIRST_TYPICAL_SERIAL = 10000;
const LAST_TYPICAL_SERIAL = 80000;

/** yyyymmdd numbers: 1900-01-01 … 9999-12-31 written as eight digits (as the input layer). */
const FIRST_COMPACT_DATE = 19000101;
const LAST_COMPACT_DATE = 99991231;

function isDateNumber(value: number): boolean {
  if (!Number.isInteger(value)) return false;
  if (value >= FIRST_TYPICAL_SERIAL && value <= LAST_TYPICAL_SERIAL) return true;
  return (
    value >= FIRST_COMPACT_DATE &&
    value <= LAST_COMPACT_DATE &&
    parseTextDate(String(value)) !== undefined
  );
}

const DIGITS = /^\d+$/;

/**
 * Whether a cell reads as a date: a typical Excel serial or a yyyymmdd number, as a number or
 * as digits, or date text.
 */
function isDateLike(cell: unknown): boolean {
  if (typeof cell === "number") return isDateNumber(cell);
  if (typeof cell !== "string") return false;
  const s = normalizeText(cell);
  return DIGITS.test(s) ? isDateNumber(Number(s)) : parseTextDate(s) !== undefined;
}

/** Whether a cell is text that reads as neither a number nor a date. */
function isPlainText(cell: unknown): boolean {
  return typeof cell === "string" && numericValue(cell) === undefined && !isDateLike(cell);
}

/** "A", "B", …, "Z", "AA", … for a 0-based column. */
function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

function columnCountOf(rows: readonly (readonly unknown[])[]): number {
  let count = 0;
  for (const row of rows) if (row.length > count) count = row.length;
  return count;
}

function isBlankRow(row: readonly unknown[] | undefined): boolean {
  return row === undefined || row.every(isBlank);
}

// ─── Detection ───────────────────────────────────────────────────────────────────────────

/**
 * Whether the first row of a range is a header. It is when every non-blank cell of it is text
 * that reads as neither a number nor a date, at least one is non-blank, and
 * - some cell names a field (see the module comment): exactly, or by containing a synonym
 *   when the cell holds no digit (so `customer_1` is data), or
 * - some column holds such text in the first row and a number or a date in the next row that
 *   is not entirely blank (`Who` over `a`, `When` over `45352`).
 *
 * A first row with a number, a boolean, numeric text (`12.5`, `¥30`) or a date (`2024/3/1`,
 * `20240301`) is data, even when another of its cells looks like a header.
 *
 * Cost O(columns × synonyms).
 *
 * @example detectHeaderRow([["Customer", "Date"], ["a", 45352]]) //=> true
 * @example detectHeaderRow([["Who", "When"], ["a", 45352]]) //=> true
 * @example detectHeaderRow([["a", 45352], ["b", 45353]]) //=> false
 */
export function detectHeaderRow(rows: readonly (readonly unknown[])[]): boolean {
  const first = rows[0];
  if (first === undefined || isBlankRow(first)) return false;
  for (const cell of first) {
    if (!isBlank(cell) && !isPlainText(cell)) return false;
  }
  for (const cell of first) {
    if (isBlank(cell)) continue;
    const header = normalizeHeader(cell as string);
    const match = matchHeader(header);
    if (match !== null && (match.exact || !/\d/.test(header))) return true;
  }
  let next = 1;
  while (next < rows.length && isBlankRow(rows[next])) next++;
  const second = rows[next];
  if (second === undefined) return false;
  for (let c = 0; c < first.length; c++) {
    const below = second[c];
    if (isBlank(first[c]) || isBlank(below)) continue;
    if (numericValue(below) !== undefined || isDateLike(below)) return true;
  }
  return false;
}

/** What the value pass knows about one column over the sample rows. */
interface ColumnStats {
  readonly nonBlank: number;
  readonly dates: number;
  readonly numbers: number;
  readonly fractions: number;
  /** text that reads as neither a number nor a date */
  readonly texts: number;
  readonly distinct: number;
  /** coefficient of variation of the numbers (0 for fewer than two) */
  readonly spread: number;
}

function columnStats(sample: readonly (readonly unknown[])[], column: number): ColumnStats {
  let nonBlank = 0;
  let dates = 0;
  let numbers = 0;
  let fractions = 0;
  let texts = 0;
  let sum = 0;
  let sumOfSquares = 0;
  const seen = new Set<string>();
  for (const row of sample) {
    const cell = row[column];
    if (isBlank(cell)) continue;
    nonBlank++;
    const date = isDateLike(cell);
    if (date) dates++;
    const value = numericValue(cell);
    if (value !== undefined) {
      numbers++;
      sum += value;
      sumOfSquares += value * value;
      if (!Number.isInteger(value)) fractions++;
    } else if (!date && typeof cell === "string") {
      texts++;
    }
    seen.add(
      typeof cell === "string" ? `s${normalizeText(cell)}` : `${typeof cell}${String(cell)}`
    );
  }
  let spread = 0;
  if (numbers > 1) {
    const mean = sum / numbers;
    const deviation = Math.sqrt(Math.max(0, sumOfSquares / numbers - mean * mean));
    spread = mean === 0 ? (deviation > 0 ? Infinity : 0) : deviation / Math.abs(mean);
  }
  return { nonBlank, dates, numbers, fractions, texts, distinct: seen.size, spread };
}

/** The share of a column's non-blank cells that makes it a date or a number column. */
const SHARE = 0.8;

/**
 * The free column that is best by `better` (leftmost among equals), among those `eligible`,
 * or -1.
 */
function bestColumn(
  stats: readonly ColumnStats[],
  free: (column: number) => boolean,
  eligible: (s: ColumnStats) => boolean,
  better: (a: ColumnStats, b: ColumnStats) => boolean
): number {
  let pick = -1;
  for (let c = 0; c < stats.length; c++) {
    const s = stats[c]!;
    if (!free(c) || s.nonBlank === 0 || !eligible(s)) continue;
    if (pick < 0 || better(s, stats[pick]!)) pick = c;
  }
  return pick;
}

/**
 * Whether the first row is a header (see {@link detectHeaderRow}; `options.hasHeader`
 * overrides it), the name of each column, and which column holds each field, matched by
 * header first and by the values of the first `options.sampleRows` (default 200) non-blank
 * data rows second (the rules are in the module comment). `reasons` says which pass found each
 * field.
 *
 * Cost O(columns × (synonyms + sampleRows)); rows past the sample are never read.
 *
 * @example detectColumns([["客户ID", "交易日期", "消费金额"], ["a", 45352, 12.5]]).mapping
 *   //=> { customerId: 0, date: 1, amount: 2, cost: null, score: null }
 * @example detectColumns([["C001", "2024/3/1", 12.5], ["C001", 45360, 8]]).reasons.date
 *   //=> "values"
 */
export function detectColumns(
  rows: readonly (readonly unknown[])[],
  options: { readonly hasHeader?: boolean; readonly sampleRows?: number } = {}
): DetectedColumns {
  const hasHeader = options.hasHeader ?? detectHeaderRow(rows);
  const sampleRows = Math.max(0, Math.floor(options.sampleRows ?? 200));
  const columnCount = columnCountOf(rows);
  const header = hasHeader ? (rows[0] ?? []) : [];

  const columnNames: string[] = [];
  const matches: (HeaderMatch | null)[] = [];
  for (let c = 0; c < columnCount; c++) {
    const cell = header[c];
    const text = isBlank(cell) || cell === undefined || cell === null ? "" : String(cell).trim();
    columnNames.push(text.length > 0 ? text : `Column ${columnLetter(c)}`);
    matches.push(text.length > 0 ? matchHeader(normalizeHeader(text)) : null);
  }

  const mapping: { [K in FieldKey]: number | null } = {
    customerId: null,
    date: null,
    amount: null,
    cost: null,
    score: null,
  };
  const reasons: { [K in FieldKey]: MappingReason } = {
    customerId: null,
    date: null,
    amount: null,
    cost: null,
    score: null,
  };
  const used = new Set<number>();
  const assign = (field: FieldKey, column: number, reason: "header" | "values") => {
    mapping[field] = column;
    reasons[field] = reason;
    used.add(column);
  };

  for (const field of FIELD_KEYS) {
    const exact = matches.findIndex((m) => m?.field === field && m.exact);
    const column = exact >= 0 ? exact : matches.findIndex((m) => m?.field === field);
    if (column >= 0) assign(field, column, "header");
  }

  if (REQUIRED_FIELDS.some((field) => mapping[field] === null)) {
    const sample: (readonly unknown[])[] = [];
    for (let r = hasHeader ? 1 : 0; r < rows.length && sample.length < sampleRows; r++) {
      const row = rows[r]!;
      if (!isBlankRow(row)) sample.push(row);
    }
    const stats: ColumnStats[] = [];
    for (let c = 0; c < columnCount; c++) stats.push(columnStats(sample, c));
    const free = (c: number) => !used.has(c);

    if (mapping.date === null) {
      const column = bestColumn(
        stats,
        free,
        (s) => s.dates >= SHARE * s.nonBlank,
        (a, b) => a.dates * b.nonBlank > b.dates * a.nonBlank
      );
      if (column >= 0) assign("date", column, "values");
    }
    if (mapping.amount === null) {
      const column = bestColumn(
        stats,
        free,
        (s) => s.numbers >= SHARE * s.nonBlank,
        (a, b) => (a.fractions > 0 !== b.fractions > 0 ? a.fractions > 0 : a.spread > b.spread)
      );
      if (column >= 0) assign("amount", column, "values");
    }
    if (mapping.customerId === null) {
      const column = bestColumn(
        stats,
        free,
        (s) =>
          s.fractions === 0 &&
          s.dates < SHARE * s.nonBlank &&
          s.texts + s.numbers >= SHARE * s.nonBlank &&
          (s.distinct < s.nonBlank || s.texts >= SHARE * s.nonBlank),
        (a, b) => {
          const aRepeats = a.distinct < a.nonBlank;
          const bRepeats = b.distinct < b.nonBlank;
          return aRepeats !== bRepeats ? aRepeats : a.distinct > b.distinct;
        }
      );
      if (column >= 0) assign("customerId", column, "values");
    }
  }

  return { hasHeader, columnNames, mapping, reasons };
}

/**
 * What is wrong with a mapping over `columnCount` columns, in {@link FIELD_KEYS} order: a
 * required field without a column (`missing`), a column that is no whole number in
 * 0 … columnCount − 1 (`outOfRange`), and a column already taken by an earlier field
 * (`duplicate`, one problem per extra field). Empty when the mapping can be used.
 *
 * Cost O(fields).
 *
 * @example mappingProblems({ customerId: 0, date: 0, amount: null, cost: null, score: null }, 3)
 *   //=> [{ field: "date", kind: "duplicate", column: 0 }, { field: "amount", kind: "missing" }]
 */
export function mappingProblems(mapping: ColumnMapping, columnCount: number): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const owner = new Map<number, FieldKey>();
  for (const field of FIELD_KEYS) {
    const column = mapping[field];
    if (column === null || column === undefined) {
      if (REQUIRED_FIELDS.includes(field)) problems.push({ field, kind: "missing" });
      continue;
    }
    if (!Number.isInteger(column) || column < 0 || column >= columnCount) {
      problems.push({ field, kind: "outOfRange", column });
      continue;
    }
    if (owner.has(column)) problems.push({ field, kind: "duplicate", column });
    else owner.set(column, field);
  }
  return problems;
}
