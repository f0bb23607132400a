/**
 * The report's input (SPEC §4 "Data", "Mapping"): the source range as the wizard read it,
 * read and audited once so the wizard can show the data-quality report before anything is
 * computed ({@link prepareReportData}); the rest of the report reads {@link PreparedData}.
 */

import { DEFAULT_INACTIVE_DAYS } from "../metrics/customerBase";
import { CrmError, isCrmError } from "../errors";
import { buildHistories, type PurchaseHistories } from "../input/history";
import {
  auditTransactions,
  countReturns,
  isBlank,
  readNumberInColumn,
  sourceRowOf,
  type TransactionAudit,
  type Transactions,
} from "../input/input";
import { suggestInactiveDays } from "../metrics/interPurchase";
import type { ColumnMapping } from "../input/mapping";
import { inferColumnConvention } from "../input/numberConvention";
import type { ReportValue } from "./reportModel";

/** Where the source data lives, for the subtitle and for live formulas. */
export interface SourceLocation {
  readonly sheetName: string;
  /** 0-based sheet row and column of the source range's top-left cell (the header, if any) */
  readonly row: number;
  readonly column: number;
  /** the source's address as Excel shows it, e.g. `Sales!A1:D1001` */
  readonly address: string;
  /** set when the source is a named table: formulas then use structured references */
  readonly tableName?: string;
}

/** The source range as the wizard read it, and how its columns map to fields. */
export interface ReportSource {
  /** every row of the range, the header row first when `hasHeader` */
  readonly rows: readonly (readonly unknown[])[];
  readonly hasHeader: boolean;
  /** a name per column (the header text, or "Column A" …), used in messages */
  readonly columnNames: readonly string[];
  readonly mapping: ColumnMapping;
  readonly location?: SourceLocation;
}

/** A problem in an optional column (cost, score): the row is kept, the cell is ignored. */
export interface OptionalColumnProblem {
  readonly field: "cost" | "score";
  /** 1-based data row (header excluded) */
  readonly row: number;
  readonly message: string;
}

/** The source read and audited: what the wizard's preview and data-quality report show. */
export interface PreparedData {
  readonly source: ReportSource;
  /** data rows (header excluded), blank rows included */
  readonly dataRows: number;
  /** the rows read as transactions, and every bad cell of the id, date and amount columns */
  readonly audit: TransactionAudit;
  readonly histories: PurchaseHistories;
  /** per kept row (as in audit.transactions), the cost; NaN where empty or unreadable */
  readonly costs: Float64Array | undefined;
  /** per kept row, the satisfaction score; NaN where empty or unreadable */
  readonly scores: Float64Array | undefined;
  readonly optionalProblems: readonly OptionalColumnProblem[];
  /**
   * first purchase day and last day (returns included: the default as-of) of the kept rows;
   * NaN when there are none (firstDay also when every row is a return)
   */
  readonly firstDay: number;
  readonly lastDay: number;
  /** the inactive-days option suggested from the gaps between purchases */
  readonly suggestedInactiveDays: number;
  /** 1 − cost ÷ revenue when a cost column is mapped (clamped to 0 … 1), else undefined */
  readonly suggestedMargin: number | undefined;
  /**
   * Set when the transactions were read from text straight into columns (crm-report's
   * columnar path, src/cli/columnarRead.ts): `source.rows` then holds only the first rows,
   * and every id is shown as its text (which is how a CSV holds it).
   */
  readonly preRead?: true;
}

/**
 * Transactions already read into columns from a text file (every cell text), with no problem
 * and no blank row: the columnar path's result ({@link prepareReportData}'s second argument).
 */
export interface PreReadColumns {
  readonly transactions: Transactions;
  /** data rows in the file (header excluded) */
  readonly dataRows: number;
}

function column(
  rows: readonly (readonly unknown[])[],
  index: number | null,
  from: number
): unknown[] {
  if (index === null) return [];
  const values = new Array<unknown>(rows.length - from);
  for (let i = from; i < rows.length; i++) values[i - from] = rows[i]![index];
  return values;
}

/**
 * Reads the mapped columns of the source and audits them ({@link auditTransactions}): rows with
 * a blank or unreadable id, date or amount are left out and listed with the reason; cost and
 * score cells that are not numbers are listed and ignored (the purchase itself still counts).
 * Cost O(rows).
 *
 * With `preRead` (crm-report's columnar path), the transactions are those columns: the audit
 * is theirs (no problem; returns counted), and `source.rows` is only read for its header.
 * Cost and score columns must then be unmapped.
 *
 * @throws CrmError `value` when customer id, date or amount is not mapped, or (preRead) when
 *   a cost or score column is
 */
export function prepareReportData(source: ReportSource, preRead?: PreReadColumns): PreparedData {
  const { mapping, columnNames, rows } = source;
  for (const field of ["customerId", "date", "amount"] as const) {
    if (mapping[field] === null) {
      throw new CrmError("value", `the ${field} column is not mapped.`, field);
    }
  }
  const from = source.hasHeader ? 1 : 0;
  const name = (index: number | null) => (index === null ? "" : (columnNames[index] ?? ""));
  if (preRead !== undefined) return preparedFromColumns(source, preRead);
  const audit = auditTransactions({
    customerIds: column(rows, mapping.customerId, from),
    dates: column(rows, mapping.date, from),
    amounts: column(rows, mapping.amount, from),
    names: {
      customerIds: name(mapping.customerId),
      dates: name(mapping.date),
      amounts: name(mapping.amount),
    },
    // Text amounts (a CSV, or text cells) are read by the convention their column shows, and
    // day-or-month-first text dates (05.01.2024) by the order their column shows.
    inferAmountConvention: true,
    inferDateOrder: true,
  });
  const { transactions } = audit;
  const optionalProblems: OptionalColumnProblem[] = [];
  const readOptional = (field: "cost" | "score"): Float64Array | undefined => {
    const index = mapping[field];
    if (index === null) return undefined;
    const values = new Float64Array(transactions.days.length);
    // Text numbers are read by the decimal separator the column's own values show.
    const convention = inferColumnConvention(column(rows, index, from));
    for (let k = 0; k < values.length; k++) {
      const row = sourceRowOf(transactions, k);
      const cell = rows[row - 1 + from]![index];
      if (isBlank(cell)) {
        values[k] = Number.NaN;
        continue;
      }
      try {
        values[k] = readNumberInColumn(cell, { argument: name(index), row }, convention);
      } catch (error) {
        if (!isCrmError(error)) throw error;
        values[k] = Number.NaN;
        optionalProblems.push({ field, row, message: error.message });
      }
    }
    return values;
  };
  const costs = readOptional("cost");
  const scores = readOptional("score");
  return finishPrepared(source, rows.length - from, audit, costs, scores, optionalProblems);
}

/** {@link prepareReportData} of transactions read into columns already. */
function preparedFromColumns(source: ReportSource, preRead: PreReadColumns): PreparedData {
  if (source.mapping.cost !== null || source.mapping.score !== null)
    throw new CrmError("value", "pre-read columns hold no cost or score column.", "cost");
  const { transactions } = preRead;
  const audit: TransactionAudit = {
    transactions,
    problems: [],
    problemCount: 0,
    rowsWithProblems: 0,
    ...countReturns(transactions),
  };
  return {
    ...finishPrepared(source, preRead.dataRows, audit, undefined, undefined, []),
    preRead: true,
  };
}

/** The histories and suggestions of audited transactions: what both ways of reading share. */
function finishPrepared(
  source: ReportSource,
  dataRows: number,
  audit: TransactionAudit,
  costs: Float64Array | undefined,
  scores: Float64Array | undefined,
  optionalProblems: OptionalColumnProblem[]
): PreparedData {
  const { transactions } = audit;
  const histories = buildHistories(transactions);

  let suggestedMargin: number | undefined;
  if (costs && transactions.amounts) {
    let revenue = 0;
    let cost = 0;
    for (let k = 0; k < costs.length; k++) {
      if (costs[k] === costs[k]) {
        revenue += transactions.amounts[k]!;
        cost += costs[k]!;
      }
    }
    if (revenue > 0) suggestedMargin = Math.min(1, Math.max(0, 1 - cost / revenue));
  }
  const hasRows = transactions.days.length > 0;
  return {
    source,
    dataRows,
    audit,
    histories,
    costs,
    scores,
    optionalProblems,
    // a table of nothing but returns has no purchase day (SPEC §2 "Returns")
    firstDay: Number.isFinite(histories.firstDay) ? histories.firstDay : Number.NaN,
    lastDay: hasRows ? histories.lastDay : Number.NaN,
    suggestedInactiveDays: hasRows ? suggestInactiveDays(histories).days : DEFAULT_INACTIVE_DAYS,
    suggestedMargin,
  };
}

/**
 * Each customer's id as the source sheet holds it (a number stays a number), by the id the
 * core uses (text): the lists show ids as the user typed them.
 */
export function displayIds(data: PreparedData): Map<string, ReportValue> {
  const { transactions } = data.audit;
  const from = data.source.hasHeader ? 1 : 0;
  const index = data.source.mapping.customerId!;
  const ids = new Map<string, ReportValue>();
  if (data.preRead) {
    // Read from text: each id's first cell is its text, which the fast readers keep as the id.
    for (const id of transactions.customerIds) ids.set(id, id);
    return ids;
  }
  transactions.customerIds.forEach((id, c) => {
    const cell = data.source.rows[transactions.customerFirstRow[c]! - 1 + from]?.[index];
    ids.set(id, typeof cell === "number" || typeof cell === "string" ? cell : id);
  });
  return ids;
}

/**
 * {@link displayIds} as a lookup: each id as the source holds it (the id itself when it is not
 * in the source). Read from text ({@link PreparedData.preRead}) every id is its own cell, so no
 * map of every customer is made.
 */
export function displayIdOf(data: PreparedData): (id: string) => ReportValue {
  if (data.preRead) return (id) => id;
  const ids = displayIds(data);
  return (id) => ids.get(id) ?? id;
}

/**
 * For each of the histories' customers (`customerIds`), its row in a metric's per-customer
 * table whose ids are `table`, or −1 when it has none: how the metrics' tables are joined.
 * Ids are distinct (the histories' customers). The metrics list customers in the histories'
 * order, leaving out some (no purchase by the as-of date), so the two lists are walked side by
 * side and no map is made; a table in another order is joined through a map. Cost O(C).
 */
export function rowsByCustomer(
  customerIds: readonly string[],
  table: readonly string[]
): Int32Array {
  const rows = new Int32Array(customerIds.length).fill(-1);
  let next = 0;
  for (let c = 0; c < customerIds.length && next < table.length; c++) {
    if (customerIds[c] === table[next]) rows[c] = next++;
  }
  if (next === table.length) return rows;
  const position = new Map<string, number>();
  table.forEach((id, row) => position.set(id, row));
  for (let c = 0; c < customerIds.length; c++) rows[c] = position.get(customerIds[c]!) ?? -1;
  return rows;
}

// ─── Small helpers for callers ──────────────────────────────────────────────────────────

/** The "generated" time shown on the sheet, as the wizard and the command line write it: `2026-11-23 09:30`. */
export function generatedAtText(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

/** The 1-based sheet row of a data row (1-based, header excluded) of the source. */
export function sheetRowOf(source: ReportSource, dataRow: number): number {
  return (source.location?.row ?? 0) + (source.hasHeader ? 1 : 0) + dataRow;
}
