/**
 * Column matching for the report wizard (SPEC §4 "match the columns"): given the whole source
 * range, guess whether its first row is a header, and which column holds each field. Pure: no
 * Office, only the 2-D array of cell values (strings, numbers, booleans, null, `""`).
 *
 * Two passes, both deterministic:
 *
 * 1. **By header** (when there is one). Header text is normalised (see {@link normalizeHeader})
 *    and compared with each field's synonyms in English, simplified and traditional Chinese.
 *    For one field, an exact synonym match anywhere beats a substring match; among equals the
 *    synonym earlier in the list wins, then the leftmost column. A substring match needs a
 *    synonym of at least 4 letters (ASCII) or 2 characters (CJK), so "id" never matches
 *    "Paid", and it never takes a column whose header is an exact synonym of another field.
 *    Fields are assigned in {@link FIELD_KEYS} order; a column serves at most one field.
 * 2. **By values**, for the fields the header did not settle (all of them without a header),
 *    over the first `sampleRows` (default 200) data rows and the columns still free:
 *    - date: the leftmost column where ≥ 80 % of the non-blank cells are dates: whole numbers
 *      10000 … 80000 (Excel serials, 1927 … 2119), eight-digit yyyymmdd numbers
 *      (19000101 … 99991231, a real date), or text {@link parseTextDate} reads;
 *    - amount: among the columns where ≥ 80 % of the non-blank cells are numbers or numeric
 *      text (`1,234.50`, `¥12.5`, `$5`, `12元`), the leftmost with a fractional value, else the
 *      leftmost;
 *    - customerId: the leftmost column whose non-blank values repeat (fewer distinct values than
 *      cells) or are mostly (≥ 80 %) text that is no number.
 *    Cost and score are matched by header only.
 *
 * Known limits of the value pass: numeric customer ids between 10000 and 80000 look like
 * Excel dates, and integer ids look like amounts; the wizard shows the guess for the user to
 * correct.
 */
import { isValidYmd, normalizeText, parseTextDate } from "./dates";
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
  /** header text per column (trimmed; blank header → "Column B" etc.), or "Column A", "Column B", … without header */
  readonly columnNames: readonly string[];
  readonly mapping: ColumnMapping;
  readonly reasons: { readonly [K in FieldKey]: MappingReason };
}

/** A problem with a mapping, for the wizard to show before it reads any data. */
export interface MappingProblem {
  /** the field concerned: for a duplicate, the later of the two in {@link FIELD_KEYS} order */
  readonly field: FieldKey | null;
  readonly kind: "missing" | "duplicate" | "outOfRange";
  readonly column?: number;
}

// ─── Synonyms ────────────────────────────────────────────────────────────────────────────

/** Header synonyms per field, in order of preference (normalised when the module loads). */
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
    // "price" before "line total": a table with both maps amount to Price
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
  cost: ["cost", "cogs", "cost of goods", "成本", "服务成本", "成本金额", "服務成本", "成本金額"],
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

/** A trailing unit in brackets: `(元)`, `（元）` (NFKC makes it ASCII), `[¥]`, `【元】`. */
const TRAILING_UNIT = /\s*[([【][^()[\]【】]*[)\]】]\s*$/;

/** Spaces, `_`, `-`, `.` and the full-width space, removed from headers. */
const SEPARATORS = /[\s_\-.\u3000]+/g;

/**
 * A header as matching sees it: NFKC-normalised, trailing bracketed units removed, lower case,
 * without spaces, `_`, `-` and `.`.
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
  readonly text: string;
  readonly rank: number;
  /** whether a substring match may use it */
  readonly partial: boolean;
}

const NORMALISED: { readonly [K in FieldKey]: readonly Synonym[] } = {
  customerId: normaliseList(SYNONYMS.customerId),
  date: normaliseList(SYNONYMS.date),
  amount: normaliseList(SYNONYMS.amount),
  cost: normaliseList(SYNONYMS.cost),
  score: normaliseList(SYNONYMS.score),
};

function normaliseList(list: readonly string[]): Synonym[] {
  return list.map((synonym, rank) => {
    const text = normalizeHeader(synonym);
    const ascii = [...text].every((ch) => ch.charCodeAt(0) < 0x80);
    return { text, rank, partial: text.length >= (ascii ? 4 : 2) };
  });
}

/** How well a normalised header matches a field: exact or partial, and the synonym's rank. */
interface HeaderMatch {
  readonly exact: boolean;
  readonly rank: number;
}

function matchField(header: string, field: FieldKey): HeaderMatch | null {
  if (header.length === 0) return null;
  let partial: HeaderMatch | null = null;
  for (const synonym of NORMALISED[field]) {
    if (synonym.text === header) return { exact: true, rank: synonym.rank };
    if (partial === null && synonym.partial && header.includes(synonym.text)) {
      partial = { exact: false, rank: synonym.rank };
    }
  }
  return partial;
}

function exactField(header: string): FieldKey | null {
  for (const field of FIELD_KEYS) {
    if (matchField(header, field)?.exact) return field;
  }
  return null;
}

// ─── Cells ───────────────────────────────────────────────────────────────────────────────

/** Currency signs or codes before a number, and 元/円 after it. */
const CURRENCY_PREFIX = /^([-+]?)\s*(?:[¥$€£]|(?:rmb|cny|usd|hkd|twd|hk\$|nt\$)\s*)/i;
const CURRENCY_SUFFIX = /\s*(?:元|円|rmb|cny|usd)$/i;
const NUMERIC = /^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$/;

/**
 * The number a cell holds, as a number or as numeric text (`1,234.50`, `¥12.5`, `$5`), or
 * undefined.
 */
function numericValue(cell: unknown): number | undefined {
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : undefined;
  if (typeof cell !== "string") return undefined;
  const s = normalizeText(cell).replace(CURRENCY_PREFIX, "$1").replace(CURRENCY_SUFFIX, "");
  if (!NUMERIC.test(s) || !/\d/.test(s)) return undefined;
  const value = Number(s.replace(/,/g, ""));
  return Number.isFinite(value) ? value : undefined;
}

/** Whether a cell reads as a date: an Excel-serial-like whole number, yyyymmdd, or date text. */
function isDateLike(cell: unknown): boolean {
  if (typeof cell === "number") {
    if (!Number.isInteger(cell)) return false;
    if (cell >= 10000 && cell <= 80000) return true;
    if (cell >= 19000101 && cell <= 99991231) {
      return isValidYmd(Math.floor(cell / 10000), Math.floor(cell / 100) % 100, cell % 100);
    }
    return false;
  }
  return typeof cell === "string" && parseTextDate(cell) !== undefined;
}

/** Whether a cell is text that is no number and no date. */
function isPlainText(cell: unknown): boolean {
  return (
    typeof cell === "string" &&
    numericValue(cell) === undefined &&
    parseTextDate(cell) === undefined
  );
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

// ─── Detection ───────────────────────────────────────────────────────────────────────────

/**
 * Whether the first row is a header: every non-blank cell of row 0 is text, and either some
 * cell matches a known header synonym (exactly, or as a substring when the header holds no
 * digit, so "customer_1" is no header), or some column holds plain text in row 0 (no number,
 * no date) but a number or a readable date in row 1. A first row of numbers or dates is data.
 *
 * @example detectHeaderRow([["Customer", "Date"], ["a", 45352]]) //=> true
 * @example detectHeaderRow([["a", 45352], ["b", 45353]]) //=> false
 */
export function detectHeaderRow(rows: readonly (readonly unknown[])[]): boolean {
  const first = rows[0];
  if (first === undefined) return false;
  let texts = 0;
  for (const cell of first) {
    if (isBlank(cell)) continue;
    if (typeof cell !== "string") return false;
    texts++;
  }
  if (texts === 0) return false;
  for (const cell of first) {
    if (isBlank(cell)) continue;
    const header = normalizeHeader(cell as string);
    const digits = /\d/.test(header);
    for (const field of FIELD_KEYS) {
      const match = matchField(header, field);
      if (match !== null && (match.exact || !digits)) return true;
    }
  }
  const second = rows[1];
  if (second === undefined) return false;
  for (let c = 0; c < first.length; c++) {
    const top = first[c];
    if (isBlank(top) || !isPlainText(top)) continue;
    const below = second[c];
    if (isBlank(below)) continue;
    if (numericValue(below) !== undefined || isDateLike(below)) return true;
  }
  return false;
}

/** What the value pass knows about one column. */
interface ColumnStats {
  readonly nonBlank: number;
  readonly dates: number;
  readonly numbers: number;
  readonly fractions: number;
  readonly texts: number;
  readonly distinct: number;
}

function columnStats(
  rows: readonly (readonly unknown[])[],
  column: number,
  from: number,
  to: number
): ColumnStats {
  let nonBlank = 0;
  let dates = 0;
  let numbers = 0;
  let fractions = 0;
  let texts = 0;
  const seen = new Set<string>();
  for (let r = from; r < to; r++) {
    const cell = rows[r]?.[column];
    if (isBlank(cell)) continue;
    nonBlank++;
    if (isDateLike(cell)) dates++;
    const value = numericValue(cell);
    if (value !== undefined) {
      numbers++;
      if (!Number.isInteger(value)) fractions++;
    } else if (typeof cell === "string" && parseTextDate(cell) === undefined) {
      texts++;
    }
    seen.add(
      typeof cell === "string" ? `s${normalizeText(cell)}` : `${typeof cell}${String(cell)}`
    );
  }
  return { nonBlank, dates, numbers, fractions, texts, distinct: seen.size };
}

const SHARE = 0.8;

/**
 * Whether the first row is a header (see {@link detectHeaderRow}; `options.hasHeader`
 * overrides it), the name of each column, and which column holds each field, matched by
 * header first and by values second (see the module comment for the rules).
 *
 * Cost O(columns × (synonyms + sampleRows)).
 *
 * @example detectColumns([["客户ID", "交易日期", "消费金额"], ["a", 45352, 12.5]]).mapping
 *   //=> { customerId: 0, date: 1, amount: 2, cost: null, score: null }
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
  const normalized: string[] = [];
  for (let c = 0; c < columnCount; c++) {
    const cell = header[c];
    const text =
      hasHeader && !isBlank(cell) && cell !== undefined && cell !== null ? String(cell).trim() : "";
    columnNames.push(text.length > 0 ? text : `Column ${columnLetter(c)}`);
    normalized.push(text.length > 0 ? normalizeHeader(text) : "");
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

  if (hasHeader) {
    const exact = normalized.map(exactField);
    for (const field of FIELD_KEYS) {
      let best = -1;
      let bestKey = [Infinity, Infinity];
      for (let c = 0; c < columnCount; c++) {
        if (used.has(c)) continue;
        const match = matchField(normalized[c]!, field);
        if (match === null) continue;
        if (!match.exact && exact[c] !== null && exact[c] !== field) continue;
        const key = [match.exact ? 0 : 1, match.rank];
        if (key[0]! < bestKey[0]! || (key[0] === bestKey[0] && key[1]! < bestKey[1]!)) {
          best = c;
          bestKey = key;
        }
      }
      if (best >= 0) {
        mapping[field] = best;
        reasons[field] = "header";
        used.add(best);
      }
    }
  }

  if (mapping.date === null || mapping.amount === null || mapping.customerId === null) {
    const from = hasHeader ? 1 : 0;
    const to = Math.min(rows.length, from + sampleRows);
    const stats: ColumnStats[] = [];
    for (let c = 0; c < columnCount; c++) stats.push(columnStats(rows, c, from, to));
    const free = (c: number) => !used.has(c) && stats[c]!.nonBlank > 0;
    const assign = (field: FieldKey, column: number) => {
      mapping[field] = column;
      reasons[field] = "values";
      used.add(column);
    };

    if (mapping.date === null) {
      for (let c = 0; c < columnCount; c++) {
        if (free(c) && stats[c]!.dates >= SHARE * stats[c]!.nonBlank) {
          assign("date", c);
          break;
        }
      }
    }
    if (mapping.amount === null) {
      let pick = -1;
      for (let c = 0; c < columnCount; c++) {
        const s = stats[c]!;
        if (!free(c) || s.numbers < SHARE * s.nonBlank) continue;
        if (pick < 0 || (s.fractions > 0 && stats[pick]!.fractions === 0)) pick = c;
      }
      if (pick >= 0) assign("amount", pick);
    }
    if (mapping.customerId === null) {
      for (let c = 0; c < columnCount; c++) {
        const s = stats[c]!;
        if (free(c) && (s.distinct < s.nonBlank || s.texts >= SHARE * s.nonBlank)) {
          assign("customerId", c);
          break;
        }
      }
    }
  }

  return { hasHeader, columnNames, mapping, reasons };
}

/**
 * What is wrong with a mapping over `columnCount` columns: a required field without a column
 * (`missing`), a column outside 0 … columnCount − 1 (`outOfRange`), and a column used by two
 * fields (`duplicate`, reported on the later field in {@link FIELD_KEYS} order). Empty when
 * the mapping can be used.
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
