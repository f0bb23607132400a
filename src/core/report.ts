/**
 * The retention summary report (SPEC §4 "Generate", §5): from a transactions table and the
 * wizard's options to a {@link ReportModel}, the pure description of the summary sheet that the
 * Excel writer and the .xlsx writer apply. Every number comes from the metric modules (churn
 * trend, cohorts, RFM alerts, grading, segments, BG/NBD, Gamma-Gamma); this module only chooses
 * which, lays them out and formats them.
 *
 * Two steps, so the wizard can show the data-quality report before anything is computed:
 * {@link prepareReportData} reads and audits the rows, {@link buildReport} lays out the sheet.
 */

import {
  checkActivityRule,
  customPeriod,
  DEFAULT_INACTIVE_DAYS,
  type PeriodKind,
} from "./customerBase";
import { requireFraction } from "./validate";
import { cohortRetention, type CohortTable } from "./cohorts";
import { csat } from "./csat";
import { isoFromSerial } from "./dates";
import { CrmError, isCrmError } from "./errors";
import { fitBgnbd, expectedPurchases, probabilityAlive } from "./bgnbd";
import { customerSummary } from "./customerSummary";
import {
  discountedExpectedPurchases,
  expectedAverageSpend,
  fitGammaGamma,
  populationMeanSpend,
} from "./gammaGamma";
import { DEFAULT_GRADE_THRESHOLDS, GRADES, gradeCustomers, type GradeThresholds } from "./grading";
import { buildHistories, returnsBetween, type PurchaseHistories } from "./history";
import { auditTransactions, isBlank, readNumberInColumn, type TransactionAudit } from "./input";
import { inferColumnConvention } from "./numberConvention";
import { suggestInactiveDays } from "./interPurchase";
import type { ColumnMapping } from "./mapping";
import { netPromoterScore } from "./nps";
import { repeatPurchaseRateFromHistories } from "./repeatPurchase";
import {
  ALERT_LEVEL_LABELS,
  ALERT_LEVELS,
  compareCustomerIds,
  DEFAULT_ALERT_THRESHOLDS,
  rfmAlertTable,
  type AlertLevel,
  type AlertThresholds,
} from "./rfmAlert";
import { RFM_SEGMENTS, rfmScoreTable, summarizeSegments } from "./rfmScores";
import { churnTrend, type TrendRow } from "./trend";
import {
  cellAddress,
  rangeAddress,
  sheetPrefix,
  type CellStyle,
  type ConditionalFormat,
  type NumberFormatRange,
  type ReportBlock,
  type ReportChart,
  type ReportModel,
  type ReportSpill,
  type ReportTable,
  type ReportValue,
  type SheetRange,
  type StyledRange,
} from "./reportModel";
import { REPORT_STRINGS, type ReportLanguage, type ReportStrings } from "../i18n/report.strings";

// ─── Input ──────────────────────────────────────────────────────────────────────────────

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
 * @throws CrmError `value` when customer id, date or amount is not mapped
 */
export function prepareReportData(source: ReportSource): PreparedData {
  const { mapping, columnNames, rows } = source;
  for (const field of ["customerId", "date", "amount"] as const) {
    if (mapping[field] === null) {
      throw new CrmError("value", `the ${field} column is not mapped.`, field);
    }
  }
  const from = source.hasHeader ? 1 : 0;
  const name = (index: number | null) => (index === null ? "" : (columnNames[index] ?? ""));
  const audit = auditTransactions({
    customerIds: column(rows, mapping.customerId, from),
    dates: column(rows, mapping.date, from),
    amounts: column(rows, mapping.amount, from),
    names: {
      customerIds: name(mapping.customerId),
      dates: name(mapping.date),
      amounts: name(mapping.amount),
    },
    // Text amounts (a CSV, or text cells) are read by the convention their column shows.
    inferAmountConvention: true,
  });
  const { transactions } = audit;
  const optionalProblems: OptionalColumnProblem[] = [];
  const readOptional = (field: "cost" | "score"): Float64Array | undefined => {
    const index = mapping[field];
    if (index === null) return undefined;
    const values = new Float64Array(transactions.sourceRows.length);
    // Text numbers are read by the decimal separator the column's own values show.
    const convention = inferColumnConvention(column(rows, index, from));
    for (let k = 0; k < values.length; k++) {
      const row = transactions.sourceRows[k]!;
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
    dataRows: rows.length - from,
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

// ─── Options ────────────────────────────────────────────────────────────────────────────

export type ReportMode = "values" | "formulas";

/** The wizard's options (SPEC §4 "Options"); {@link defaultReportOptions} gives the defaults. */
export interface ReportOptions {
  readonly language: ReportLanguage;
  /** the as-of date (day serial); default: the last date in the data */
  readonly asOf: number;
  readonly period: PeriodKind;
  readonly inactiveDays: number;
  /** profit margin, a fraction (1 = revenue) */
  readonly margin: number;
  /** yearly discount rate, a fraction, for predictive CLV */
  readonly discountRate: number;
  /** years of the simple CLV KPI */
  readonly lifespanYears: number;
  /** months ahead for predictive CLV */
  readonly horizonMonths: number;
  readonly alertThresholds: AlertThresholds;
  readonly gradeThresholds: GradeThresholds;
  readonly mode: ReportMode;
  /** shown in the subtitle, e.g. `2026-11-23 14:05`; omitted: no "generated" text */
  readonly generatedAt?: string;
  /**
   * most rows in the list of customers to act on (default 5,000, the most urgent first: a
   * summary sheet, not a dump; the counts per level cover everyone, CRM.RFMALERT lists all)
   */
  readonly maxAlertRows?: number;
  /** rows in the predictive CLV top list (default 20) */
  readonly topCustomers?: number;
  /** the highest cohort offset shown (default 24 months, 12 quarters or 10 years) */
  readonly maxCohortOffset?: number;
}

/** Default options for the data: as-of = last date, month, suggested inactive days, … */
export function defaultReportOptions(data: PreparedData, language: ReportLanguage): ReportOptions {
  return {
    language,
    asOf: data.lastDay,
    period: "month",
    inactiveDays: data.suggestedInactiveDays,
    margin: data.suggestedMargin ?? 1,
    discountRate: 0.1,
    lifespanYears: 3,
    horizonMonths: 12,
    alertThresholds: DEFAULT_ALERT_THRESHOLDS,
    gradeThresholds: DEFAULT_GRADE_THRESHOLDS,
    mode: "values",
  };
}

const DEFAULT_MAX_ALERT_ROWS = 5000;

const DEFAULT_MAX_OFFSET: Readonly<Record<PeriodKind, number>> = {
  month: 24,
  quarter: 12,
  year: 10,
};

/** Checks the options against the data; problems are CrmErrors naming the option. */
function checkOptions(data: PreparedData, options: ReportOptions): void {
  if (data.audit.transactions.days.length === 0) {
    throw new CrmError("na", "no row of the table could be read as a transaction.", "data");
  }
  if (Number.isNaN(data.firstDay)) {
    throw new CrmError(
      "na",
      'every amount is negative: returns only, no purchase (SPEC §2 "Returns").',
      "amount"
    );
  }
  const wholeAtLeast = (value: number, least: number, argument: string) => {
    if (!Number.isInteger(value) || value < least) {
      throw new CrmError(
        "num",
        `${argument} must be a whole number of at least ${least}.`,
        argument
      );
    }
  };
  if (!Number.isInteger(options.asOf) || options.asOf < data.firstDay) {
    throw new CrmError("num", "the as-of date must be on or after the first purchase.", "as_of");
  }
  checkActivityRule(options);
  wholeAtLeast(options.lifespanYears, 1, "lifespan_years");
  wholeAtLeast(options.horizonMonths, 1, "horizon_months");
  requireFraction(options.margin, "margin");
  requireFraction(options.discountRate, "discount_rate");
  if (options.mode === "formulas" && data.audit.rowsWithProblems > 0) {
    throw new CrmError(
      "value",
      `live formulas read every row, and ${data.audit.rowsWithProblems} rows have unreadable cells; fix them or choose values.`,
      "mode"
    );
  }
  if (options.mode === "formulas" && !data.source.location) {
    throw new CrmError("value", "live formulas need to know where the source data is.", "mode");
  }
}

// ─── Layout helpers ─────────────────────────────────────────────────────────────────────

const COLORS = {
  title: "#1F3864",
  accent: "#0F6CBD",
  muted: "#605E5C",
  tileFill: "#EFF6FC",
  tileBorder: "#C7E0F4",
  sectionBorder: "#0F6CBD",
  red: "#F8D7DA",
  redText: "#9C0006",
  orange: "#FCE4CC",
  orangeText: "#8A3B00",
  yellow: "#FFF4C2",
  yellowText: "#6B5300",
  heatLow: "#F8696B",
  heatMid: "#FFEB84",
  heatHigh: "#63BE7B",
} as const;

const FORMAT = {
  date: "yyyy-mm-dd",
  integer: "#,##0",
  percent: "0.0%",
  money: "#,##0.00",
  decimal: "0.00",
  parameter: "0.0000",
} as const;

/** Columns in the report's grid: tables start in A; the KPI tiles span A … L. */
const KPI_COLUMNS = 12;
const CHART_COLUMN = 14;
const CHART_COLUMNS = 8;
const CHART_ROWS = 16;

const LEVEL_FILL: Readonly<Partial<Record<AlertLevel, { fill: string; font: string }>>> = {
  red: { fill: COLORS.red, font: COLORS.redText },
  orange: { fill: COLORS.orange, font: COLORS.orangeText },
  yellow: { fill: COLORS.yellow, font: COLORS.yellowText },
};

function levelLabel(level: AlertLevel, language: ReportLanguage): string {
  const labels = ALERT_LEVEL_LABELS[level];
  return language === "en" ? labels.en : language === "zh-CN" ? labels.zhCN : labels.zhTW;
}

function segmentName(index: number, language: ReportLanguage): string {
  const segment = RFM_SEGMENTS[index]!;
  return language === "en" ? segment.name : language === "zh-CN" ? segment.zhCN : segment.zhTW;
}

function percentText(value: number): string {
  return `${Math.round(value * 1000) / 10}%`;
}

/** Collects blocks, formats and objects while laying the sheet out from the top. */
class SheetLayout {
  readonly blocks: ReportBlock[] = [];
  readonly numberFormats: NumberFormatRange[] = [];
  readonly styles: StyledRange[] = [];
  readonly tables: ReportTable[] = [];
  readonly charts: ReportChart[] = [];
  readonly conditionalFormats: ConditionalFormat[] = [];
  readonly spills: ReportSpill[] = [];
  /** the next free row */
  row = 0;
  columns = 1;
  private lowestChartRow = 0;

  constructor(readonly formulas: boolean) {}

  /** Adds a block at (row, column); returns its range. */
  block(
    id: string,
    row: number,
    columnIndex: number,
    values: ReportValue[][],
    formulas?: (string | null)[][]
  ): SheetRange {
    const columns = values.reduce((most, r) => Math.max(most, r.length), 0);
    for (const r of values) while (r.length < columns) r.push(null);
    if (formulas) for (const r of formulas) while (r.length < columns) r.push(null);
    this.blocks.push(
      formulas && this.formulas
        ? { id, row, column: columnIndex, values, formulas }
        : { id, row, column: columnIndex, values }
    );
    this.columns = Math.max(this.columns, columnIndex + columns);
    this.row = Math.max(this.row, row + values.length);
    return { row, column: columnIndex, rows: values.length, columns };
  }

  /** A section title on its own row, then the cursor one row below. */
  section(id: string, title: string): number {
    const row = this.row;
    const range = this.block(`${id}.title`, row, 0, [[title]]);
    this.style(
      { ...range, columns: KPI_COLUMNS },
      {
        bold: true,
        fontSize: 13,
        fontColor: COLORS.title,
      }
    );
    return row;
  }

  note(id: string, text: string): void {
    const range = this.block(id, this.row, 0, [[text]]);
    this.style(range, { italic: true, fontColor: COLORS.muted });
  }

  gap(rows = 1): void {
    this.row = Math.max(this.row, this.lowestRowInUse()) + rows;
  }

  style(range: SheetRange, style: CellStyle): void {
    if (range.rows > 0 && range.columns > 0) this.styles.push({ range, style });
  }

  format(range: SheetRange, format: string): void {
    if (range.rows > 0 && range.columns > 0) this.numberFormats.push({ range, format });
  }

  chart(chart: ReportChart): void {
    this.charts.push(chart);
    this.lowestChartRow = Math.max(this.lowestChartRow, chart.position.row + chart.position.rows);
    this.columns = Math.max(this.columns, chart.position.column + chart.position.columns);
  }

  /** Keeps the next section below a chart that reaches further down than its table. */
  lowestRowInUse(): number {
    return Math.max(this.row, this.lowestChartRow);
  }

  /**
   * A header row and data rows as a table: a native table in values mode (or whenever the
   * block holds no spill), the header styled, columns formatted.
   */
  table(
    id: string,
    header: readonly string[],
    rows: ReportValue[][],
    options: {
      formats?: readonly (string | null)[];
      formulas?: (string | null)[][];
      spill?: string;
      tableName?: string;
    } = {}
  ): SheetRange {
    const top = this.row;
    const values: ReportValue[][] = [[...header], ...rows];
    const formulas =
      options.formulas && this.formulas
        ? [header.map(() => null), ...options.formulas]
        : options.spill && this.formulas
          ? [
              header.map(() => null),
              ...rows.map((r, i) => r.map((_, c) => (i === 0 && c === 0 ? options.spill! : null))),
            ]
          : undefined;
    const range = this.block(id, top, 0, values, formulas);
    const body: SheetRange = { row: top + 1, column: 0, rows: rows.length, columns: range.columns };
    const spilled = Boolean(options.spill && this.formulas && rows.length > 0);
    if (spilled) {
      this.spills.push({ range: body, formula: options.spill! });
      this.style(
        { ...range, rows: 1 },
        { bold: true, fill: COLORS.tileFill, border: COLORS.tileBorder }
      );
    } else if (options.tableName && rows.length > 0) {
      this.tables.push({ name: options.tableName, range, style: "TableStyleMedium2" });
    } else {
      this.style(
        { ...range, rows: 1 },
        { bold: true, fill: COLORS.tileFill, border: COLORS.tileBorder }
      );
    }
    options.formats?.forEach((format, c) => {
      if (format) this.format({ row: body.row, column: c, rows: body.rows, columns: 1 }, format);
    });
    return range;
  }

  notAvailable(id: string, strings: ReportStrings, error: unknown): void {
    if (!isCrmError(error)) throw error;
    const range = this.block(id, this.row, 0, [[strings.notAvailable(error.message)]]);
    this.style(range, { italic: true, fontColor: COLORS.redText });
  }
}

// ─── Formulas ───────────────────────────────────────────────────────────────────────────

/** References to the source columns and the settings cells, for formulas mode. */
interface FormulaRefs {
  readonly ids: string;
  readonly dates: string;
  readonly amounts: string;
  readonly scores: string | undefined;
  readonly asOf: string;
  readonly period: string;
  readonly inactiveDays: string;
  readonly margin: string;
  readonly lifespan: string;
  readonly gradeThresholds: string;
  readonly alertThresholds: string;
}

/** `Sales!$B$2:$B$1001`, or for a named table the structured reference `Sales[Amount]`. */
function columnReference(data: PreparedData, index: number): string {
  const { source } = data;
  const location = source.location!;
  if (location.tableName && source.hasHeader) {
    const header = String(source.columnNames[index] ?? "").replace(/(['#[\]@])/g, "'$1");
    return `${location.tableName}[${header}]`;
  }
  const first = location.row + (source.hasHeader ? 1 : 0);
  const range: SheetRange = {
    row: first,
    column: location.column + index,
    rows: Math.max(1, data.dataRows),
    columns: 1,
  };
  return `${sheetPrefix(location.sheetName)}${rangeAddress(range, true)}`;
}

function excelText(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

// ─── The report ─────────────────────────────────────────────────────────────────────────

interface Computed {
  readonly trend: TrendRow[] | CrmError;
  readonly cohorts: CohortTable | CrmError;
}

function attempt<T>(compute: () => T): T | CrmError {
  try {
    return compute();
  } catch (error) {
    if (isCrmError(error)) return error;
    throw error;
  }
}

/**
 * Lays out the retention summary sheet (SPEC §4 "Generate"), top to bottom:
 * 1. title, source, as-of, rows read / used / skipped, and what the sheet holds (values or live
 *    formulas);
 * 2. **settings**: as-of, period, inactive days, margin, discount rate, lifespan, horizon,
 *    grade and alert thresholds (live formulas read these cells);
 * 3. **KPI tiles**: customers (bought by as-of), active, new and lost (the last complete
 *    period of the churn trend), churn and retention rate (same period), repeat rate (by
 *    as-of), average order value and purchases per year (the 365 days to as-of; a purchase is
 *    a customer's purchase day), simple CLV = order value × purchases per year × lifespan ×
 *    margin, and CSAT (scores 1–5) or NPS (scores 0–10) when a score column is mapped;
 * 4. **churn trend** table and a line chart of churn and retention rate;
 * 5. **cohort retention** heatmap (a colour scale; periods not yet complete stay empty);
 * 6. **RFM early warning**: customers per level, then the red, orange and yellow customers,
 *    coloured by level (lost and normal customers are counted, not listed);
 * 7. **grades** A/B/C/D with a column chart;
 * 8. **RFM segments**;
 * 9. **predictive CLV**: BG/NBD and Gamma-Gamma fitted in months, totals, parameters and the
 *    top customers.
 * A block whose metric cannot be computed (no complete period yet, nobody bought twice, a fit
 * that does not converge) shows why instead of numbers; the rest of the sheet is still made.
 *
 * In formulas mode a block that one `CRM.*` function gives (trend, cohorts) is that function,
 * spilled; counts per grade, level and segment and most KPIs are formulas over `CRM.*`
 * functions; lists and the predictive CLV block stay values and say so.
 *
 * Cost: the metrics' own, O(n) over the rows plus O(C) per block, and O(C × horizon) for the
 * predictive CLV; 100,000 rows take well under 2 s (`npm run bench`).
 *
 * @throws CrmError for options that do not fit the data (naming the option), or formulas mode
 *   with unreadable rows
 */
export function buildReport(data: PreparedData, options: ReportOptions): ReportModel {
  checkOptions(data, options);
  const strings = REPORT_STRINGS[options.language];
  const formulasMode = options.mode === "formulas";
  const layout = new SheetLayout(formulasMode);
  const { histories, audit } = data;
  const asOf = options.asOf;
  const period = options.period;

  // 1. Title
  layout.block("title", 0, 0, [[strings.title]]);
  layout.style(
    { row: 0, column: 0, rows: 1, columns: 1 },
    {
      bold: true,
      fontSize: 18,
      fontColor: COLORS.title,
    }
  );
  const subtitle = [
    data.source.location ? strings.source(data.source.location.address) : null,
    strings.asOf(isoFromSerial(asOf)),
    strings.periodWord[period],
    strings.inactiveAfter(options.inactiveDays),
    options.generatedAt ? strings.generated(options.generatedAt) : null,
  ]
    .filter((part): part is string => part !== null)
    .join(" · ");
  const skipped = audit.rowsWithProblems;
  const blank = audit.transactions.skippedBlankRows;
  layout.block("subtitle", 1, 0, [
    [subtitle],
    [
      strings.rowsLine(data.dataRows, audit.transactions.days.length, skipped, blank) +
        (audit.returnRows > 0
          ? ` ${strings.returnsLine(audit.returnRows, audit.returnOnlyDays)}`
          : ""),
    ],
    [formulasMode ? strings.formulasNote : strings.valuesNote],
  ]);
  layout.style({ row: 1, column: 0, rows: 3, columns: 1 }, { fontColor: COLORS.muted });
  layout.gap();

  // 2. Settings
  const settingsRow = layout.section("settings", strings.settingsTitle);
  const s = strings.settings;
  const periodCell = options.language === "en" ? period : strings.periodWord[period];
  const settingsTop = settingsRow + 1;
  const settings = layout.block("settings", settingsTop, 0, [
    [s.asOf, asOf],
    [s.period, periodCell],
    [s.inactiveDays, options.inactiveDays],
    [s.margin, options.margin],
    [s.discountRate, options.discountRate],
    [s.lifespanYears, options.lifespanYears],
    [s.horizonMonths, options.horizonMonths],
  ]);
  layout.format({ row: settingsTop, column: 1, rows: 1, columns: 1 }, FORMAT.date);
  layout.format({ row: settingsTop + 3, column: 1, rows: 2, columns: 1 }, "0.0%");
  layout.style({ ...settings, columns: 1 }, { fontColor: COLORS.muted });
  layout.style(
    { ...settings, column: 1, columns: 1 },
    {
      bold: true,
      horizontalAlignment: "Right",
      fill: COLORS.tileFill,
      border: COLORS.tileBorder,
    }
  );
  const g = options.gradeThresholds;
  layout.block("settings.grades", settingsTop, 3, [[s.gradeThresholds, g.a, g.b, g.c]]);
  const t = options.alertThresholds;
  layout.block("settings.alerts", settingsTop + 2, 3, [
    [s.alertThresholds, ...s.alertThresholdColumns],
    [
      levelLabel("yellow", options.language),
      t.recencyDays[0],
      t.frequencyDecline[0],
      t.monetaryDecline[0],
    ],
    [
      levelLabel("orange", options.language),
      t.recencyDays[1],
      t.frequencyDecline[1],
      t.monetaryDecline[1],
    ],
    [levelLabel("red", options.language), t.recencyDays[2], null, null],
  ]);
  layout.style({ row: settingsTop, column: 3, rows: 1, columns: 1 }, { fontColor: COLORS.muted });
  layout.style({ row: settingsTop + 2, column: 3, rows: 1, columns: 4 }, { bold: true });
  layout.style(
    { row: settingsTop, column: 4, rows: 1, columns: 3 },
    {
      bold: true,
      fill: COLORS.tileFill,
      border: COLORS.tileBorder,
    }
  );
  layout.style(
    { row: settingsTop + 3, column: 4, rows: 3, columns: 3 },
    {
      fill: COLORS.tileFill,
      border: COLORS.tileBorder,
    }
  );
  layout.format({ row: settingsTop + 3, column: 5, rows: 2, columns: 2 }, "0%");
  layout.gap();

  const refs: FormulaRefs | undefined = formulasMode
    ? {
        ids: columnReference(data, data.source.mapping.customerId!),
        dates: columnReference(data, data.source.mapping.date!),
        amounts: columnReference(data, data.source.mapping.amount!),
        scores:
          data.source.mapping.score === null
            ? undefined
            : columnReference(data, data.source.mapping.score),
        asOf: cellAddress(settingsTop, 1, true),
        period: cellAddress(settingsTop + 1, 1, true),
        inactiveDays: cellAddress(settingsTop + 2, 1, true),
        margin: cellAddress(settingsTop + 3, 1, true),
        lifespan: cellAddress(settingsTop + 5, 1, true),
        gradeThresholds: rangeAddress({ row: settingsTop, column: 4, rows: 1, columns: 3 }, true),
        alertThresholds: rangeAddress(
          { row: settingsTop + 3, column: 4, rows: 3, columns: 3 },
          true
        ),
      }
    : undefined;

  const computed: Computed = {
    trend: attempt(() =>
      churnTrend(histories, { period, inactiveDays: options.inactiveDays, asOf })
    ),
    cohorts: attempt(() => {
      // As many offsets as the data spans, up to the cap (two years of months by default).
      const all = cohortRetention(histories, { period, measure: "customers", asOf });
      const cap = options.maxCohortOffset ?? DEFAULT_MAX_OFFSET[period];
      return all.maxOffset <= cap
        ? all
        : cohortRetention(histories, { period, measure: "customers", asOf, maxOffset: cap });
    }),
  };

  // The trend's place is known before the KPIs are laid out: KPI formulas point into it.
  const kpiTop = layout.row;
  const kpiRows = 5;
  const trendTitleRow = kpiTop + kpiRows + 1;
  const trendAnchor = cellAddress(trendTitleRow + 2, 0, false);

  // 3. KPI tiles
  writeKpis(layout, data, options, strings, computed, refs, trendAnchor);
  layout.row = trendTitleRow;

  // 4. Churn trend
  writeTrend(layout, strings, computed.trend, refs);
  layout.gap();

  // 5. Cohorts
  writeCohorts(layout, options, strings, computed.cohorts, refs);
  layout.gap();

  // 6. RFM early warning
  writeAlerts(layout, data, options, strings, refs);
  layout.gap();

  // 7. Grades
  writeGrades(layout, data, options, strings, refs);
  layout.gap();

  // 8. Segments
  writeSegments(layout, data, options, strings, refs);
  layout.gap();

  // 9. Predictive CLV
  writePredictiveClv(layout, data, options, strings);

  const columnWidths = [{ column: 0, width: 150 }];
  for (let c = 1; c < Math.max(layout.columns, KPI_COLUMNS); c++)
    columnWidths.push({ column: c, width: 84 });
  return {
    sheetName: strings.sheetName,
    mode: options.mode,
    blocks: layout.blocks,
    numberFormats: layout.numberFormats,
    styles: layout.styles,
    tables: layout.tables,
    charts: layout.charts,
    conditionalFormats: layout.conditionalFormats,
    spills: layout.spills,
    columnWidths,
    frozenRows: 1,
    extent: { rows: layout.lowestRowInUse(), columns: layout.columns },
  };
}

// ─── Sections ───────────────────────────────────────────────────────────────────────────

interface WindowFigures {
  readonly averageOrderValue: number;
  readonly purchasesPerYear: number;
}

/**
 * Order value and purchases per buyer over the 365 days to asOf (a purchase = a purchase day).
 * Average order value = net revenue ÷ purchase days (SPEC §2 "Returns"): the revenue includes
 * the return-only days in the window, of buyers and non-buyers alike, which add no purchase.
 */
function yearWindow(histories: PurchaseHistories, asOf: number): WindowFigures {
  const first = asOf - 364;
  const { start, days, totals } = histories;
  let purchases = 0;
  let buyers = 0;
  let revenue = 0;
  for (let c = 0; c < histories.customerIds.length; c++) {
    revenue += returnsBetween(histories, c, first, asOf);
    let mine = 0;
    for (let i = start[c]!; i < start[c + 1]! && days[i]! <= asOf; i++) {
      if (days[i]! >= first) {
        mine++;
        revenue += totals[i]!;
      }
    }
    purchases += mine;
    if (mine > 0) buyers++;
  }
  return {
    averageOrderValue: purchases === 0 ? Number.NaN : revenue / purchases,
    purchasesPerYear: buyers === 0 ? Number.NaN : purchases / buyers,
  };
}

function customersBy(histories: PurchaseHistories, asOf: number): number {
  let n = 0;
  for (let c = 0; c < histories.customerIds.length; c++) {
    if (
      histories.start[c + 1]! > histories.start[c]! &&
      histories.days[histories.start[c]!]! <= asOf
    )
      n++;
  }
  return n;
}

function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

function writeKpis(
  layout: SheetLayout,
  data: PreparedData,
  options: ReportOptions,
  strings: ReportStrings,
  computed: Computed,
  refs: FormulaRefs | undefined,
  trendAnchor: string
): void {
  const { histories } = data;
  const asOf = options.asOf;
  const trend = computed.trend;
  const last = Array.isArray(trend) ? trend[trend.length - 1] : undefined;
  const title = last ? strings.kpiTitle(last.period.label) : strings.kpiNoPeriod;
  const top = layout.section("kpis", title);
  const window = yearWindow(histories, asOf);
  const repeat = attempt(() =>
    repeatPurchaseRateFromHistories(histories, customPeriod(histories.firstDay, asOf))
  );
  const clv =
    window.averageOrderValue * window.purchasesPerYear * options.lifespanYears * options.margin;
  const k = strings.kpi;
  const spill = (col: number) => `=INDEX(${trendAnchor}#,ROWS(${trendAnchor}#),${col})`;
  const tiles: { label: string; value: number | null; format: string; formula?: string | null }[] =
    [
      {
        label: k.customers,
        value: customersBy(histories, asOf),
        format: FORMAT.integer,
        formula:
          refs &&
          `=ROWS(CRM.GRADE(${refs.ids},${refs.dates},${refs.asOf},${refs.gradeThresholds},FALSE,${refs.amounts}))`,
      },
      {
        label: k.active,
        value: last ? last.atEnd : null,
        format: FORMAT.integer,
        formula: last && refs ? spill(10) : null,
      },
      {
        label: k.newCustomers,
        value: last ? last.new : null,
        format: FORMAT.integer,
        formula: last && refs ? spill(5) : null,
      },
      {
        label: k.lost,
        value: last ? last.lost : null,
        format: FORMAT.integer,
        formula: last && refs ? spill(9) : null,
      },
      {
        label: k.churnRate,
        value: last ? finite(last.churnRate) : null,
        format: FORMAT.percent,
        formula: last && refs ? spill(11) : null,
      },
      {
        label: k.retentionRate,
        value: last ? finite(last.retentionRate) : null,
        format: FORMAT.percent,
        formula: last && refs ? spill(12) : null,
      },
      {
        label: k.repeatRate,
        value: typeof repeat === "number" ? repeat : null,
        format: FORMAT.percent,
        formula:
          refs && `=CRM.REPEATRATE.TX(${refs.ids},${refs.dates},1,${refs.asOf},${refs.amounts})`,
      },
      {
        label: refs ? `${k.averageOrderValue} ${strings.staticBlock}` : k.averageOrderValue,
        value: finite(window.averageOrderValue),
        format: FORMAT.money,
      },
      {
        label: refs ? `${k.purchaseFrequency} ${strings.staticBlock}` : k.purchaseFrequency,
        value: finite(window.purchasesPerYear),
        format: FORMAT.decimal,
      },
    ];
  const aovCell = cellAddress(top + 2, 7);
  const frequencyCell = cellAddress(top + 2, 8);
  tiles.push({
    label: k.clv,
    value: finite(clv),
    format: FORMAT.money,
    formula: refs && `=CRM.CLV(${aovCell},${frequencyCell},${refs.lifespan},${refs.margin})`,
  });
  const satisfaction = satisfactionTile(data, strings, refs);
  if (satisfaction) tiles.push(satisfaction);

  const labels = tiles.map((tile) => tile.label as ReportValue);
  const values = tiles.map((tile) => tile.value as ReportValue);
  const formulas = tiles.map((tile) => tile.formula ?? null);
  const range = layout.block(
    "kpis",
    top + 1,
    0,
    [labels, values],
    [labels.map(() => null), formulas]
  );
  layout.style(
    { ...range, rows: 1 },
    {
      fontColor: COLORS.muted,
      fill: COLORS.tileFill,
      wrapText: true,
      verticalAlignment: "Top",
    }
  );
  layout.style(
    { ...range, row: range.row + 1, rows: 1 },
    {
      bold: true,
      fontSize: 16,
      fontColor: COLORS.accent,
      fill: COLORS.tileFill,
      horizontalAlignment: "Left",
    }
  );
  layout.style(range, { border: COLORS.tileBorder });
  tiles.forEach((tile, c) =>
    layout.format({ row: range.row + 1, column: c, rows: 1, columns: 1 }, tile.format)
  );
  layout.note("kpis.note", strings.kpiNotes.window);
  layout.note(
    "kpis.clvNote",
    strings.kpiNotes.clv(options.lifespanYears, percentText(options.margin))
  );
}

/** CSAT (scores 1–5, satisfied from 4) or NPS (scores 0–10) when a score column is mapped. */
function satisfactionTile(
  data: PreparedData,
  strings: ReportStrings,
  refs: FormulaRefs | undefined
): { label: string; value: number | null; format: string; formula?: string | null } | undefined {
  const scores = data.scores;
  if (!scores) return undefined;
  let lowest = Infinity;
  let highest = -Infinity;
  const given: number[] = [];
  for (const score of scores) {
    if (score !== score) continue;
    given.push(score);
    lowest = Math.min(lowest, score);
    highest = Math.max(highest, score);
  }
  if (given.length === 0) return undefined;
  if (lowest >= 1 && highest <= 5) {
    return {
      label: strings.kpi.csat,
      value: attemptNumber(() => csat(given)),
      format: FORMAT.percent,
      formula: refs?.scores && `=CRM.CSAT(${refs.scores})`,
    };
  }
  if (lowest >= 0 && highest <= 10) {
    let promoters = 0;
    let passives = 0;
    let detractors = 0;
    for (const score of given) {
      if (score >= 9) promoters++;
      else if (score >= 7) passives++;
      else detractors++;
    }
    const s = refs?.scores;
    return {
      label: strings.kpi.nps,
      value: attemptNumber(() => netPromoterScore(promoters, passives, detractors)),
      format: "0.0",
      formula:
        s && `=CRM.NPS(COUNTIF(${s},">=9"),COUNTIFS(${s},">=7",${s},"<9"),COUNTIF(${s},"<7"))`,
    };
  }
  return undefined;
}

function attemptNumber(compute: () => number): number | null {
  const value = attempt(compute);
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function writeTrend(
  layout: SheetLayout,
  strings: ReportStrings,
  trend: TrendRow[] | CrmError,
  refs: FormulaRefs | undefined
): void {
  const titleRow = layout.section("trend", strings.trendTitle);
  layout.row = titleRow + 1;
  if (!Array.isArray(trend)) {
    layout.notAvailable("trend.error", strings, trend);
    return;
  }
  const rows: ReportValue[][] = trend.map((r) => [
    r.period.label,
    r.period.first,
    r.period.last,
    r.atStart,
    r.new,
    r.reactivated,
    r.lostFromStart,
    r.lapsed,
    r.lost,
    r.atEnd,
    finite(r.churnRate),
    finite(r.retentionRate),
  ]);
  const I = FORMAT.integer;
  const range = layout.table("trend", strings.trendHeader, rows, {
    formats: [null, FORMAT.date, FORMAT.date, I, I, I, I, I, I, I, FORMAT.percent, FORMAT.percent],
    spill: refs
      ? `=CRM.CHURNTREND(${refs.ids},${refs.dates},${refs.period},${refs.inactiveDays},${refs.asOf},FALSE,${refs.amounts})`
      : undefined,
    tableName: "CrmChurnTrend",
  });
  layout.chart({
    id: "trend.chart",
    kind: "line",
    title: strings.trendChartTitle,
    data: range,
    seriesColumns: [10, 11],
    position: { row: titleRow, column: CHART_COLUMN, rows: CHART_ROWS, columns: CHART_COLUMNS },
    valueAxisFormat: "0%",
  });
}

function writeCohorts(
  layout: SheetLayout,
  options: ReportOptions,
  strings: ReportStrings,
  cohorts: CohortTable | CrmError,
  refs: FormulaRefs | undefined
): void {
  layout.section("cohorts", strings.cohortTitle);
  layout.note("cohorts.note", strings.cohortNote);
  if (!("rows" in cohorts)) {
    layout.notAvailable("cohorts.error", strings, cohorts);
    return;
  }
  const offsets = cohorts.maxOffset + 1;
  const header = [...strings.cohortHeader];
  for (let k = 0; k < offsets; k++) header.push(strings.cohortOffset(k));
  const rows: ReportValue[][] = cohorts.rows.map((row) => [
    row.cohort.label,
    row.cohort.first,
    row.size,
    ...row.values.map((v) => (v === null ? null : finite(v))),
  ]);
  const maxOffset = cohorts.maxOffset;
  const range = layout.table("cohorts", header, rows, {
    formats: [null, FORMAT.date, FORMAT.integer, ...new Array<string>(offsets).fill("0%")],
    spill: refs
      ? `=CRM.COHORTS(${refs.ids},${refs.dates},${refs.amounts},${refs.period},"customers",${maxOffset},${refs.asOf},FALSE)`
      : undefined,
    tableName: "CrmCohorts",
  });
  if (rows.length > 0 && offsets > 1) {
    layout.conditionalFormats.push({
      kind: "colorScale",
      range: { row: range.row + 1, column: 4, rows: rows.length, columns: offsets - 1 },
      minColor: COLORS.heatLow,
      midColor: COLORS.heatMid,
      maxColor: COLORS.heatHigh,
    });
  }
}

function displayIds(data: PreparedData): Map<string, ReportValue> {
  const { transactions } = data.audit;
  const from = data.source.hasHeader ? 1 : 0;
  const index = data.source.mapping.customerId!;
  const ids = new Map<string, ReportValue>();
  transactions.customerIds.forEach((id, c) => {
    const cell = data.source.rows[transactions.customerFirstRow[c]! - 1 + from]?.[index];
    ids.set(id, typeof cell === "number" || typeof cell === "string" ? cell : id);
  });
  return ids;
}

function writeAlerts(
  layout: SheetLayout,
  data: PreparedData,
  options: ReportOptions,
  strings: ReportStrings,
  refs: FormulaRefs | undefined
): void {
  layout.section("alerts", strings.alertTitle);
  layout.row += 0;
  const table = attempt(() =>
    rfmAlertTable(data.histories, { asOf: options.asOf, thresholds: options.alertThresholds })
  );
  if (table instanceof CrmError) {
    layout.notAvailable("alerts.error", strings, table);
    return;
  }
  const counts = new Array<number>(ALERT_LEVELS.length).fill(0);
  for (const level of table.levels) counts[level]!++;
  const order: AlertLevel[] = ["red", "orange", "yellow", "normal", "lost"];
  const total = table.customers.length;
  const levelsTop = layout.row;
  const call = refs
    ? `CRM.RFMALERT(${refs.ids},${refs.dates},${refs.amounts},${refs.asOf},${refs.alertThresholds},FALSE)`
    : "";
  const countRange = `${cellAddress(levelsTop + 1, 1, true)}:${cellAddress(levelsTop + order.length, 1, true)}`;
  const range = layout.table(
    "alerts.levels",
    strings.alertLevelHeader,
    order.map((level) => [
      levelLabel(level, options.language),
      counts[ALERT_LEVELS.indexOf(level)]!,
      counts[ALERT_LEVELS.indexOf(level)]! / total,
    ]),
    {
      formats: [null, FORMAT.integer, FORMAT.percent],
      formulas: refs
        ? order.map((level, i) => [
            null,
            `=SUM(--(INDEX(${call},0,9)=${excelText(level)}))`,
            `=${cellAddress(levelsTop + 1 + i, 1)}/SUM(${countRange})`,
          ])
        : undefined,
      tableName: "CrmAlertLevels",
    }
  );
  order.forEach((level, i) => {
    const colors = LEVEL_FILL[level];
    if (colors) {
      layout.style(
        { row: range.row + 1 + i, column: 0, rows: 1, columns: 1 },
        {
          fill: colors.fill,
          fontColor: colors.font,
          bold: true,
        }
      );
    }
  });
  layout.gap();

  // The list: red, orange and yellow customers, most severe first (rfmAlertTable's order).
  const listTitle = refs
    ? `${strings.alertListTitle} ${strings.staticBlock}`
    : strings.alertListTitle;
  const titleRange = layout.block("alerts.listTitle", layout.row, 0, [[listTitle]]);
  layout.style(titleRange, { bold: true });
  const ids = displayIds(data);
  const rows: ReportValue[][] = [];
  const maxRows = options.maxAlertRows ?? DEFAULT_MAX_ALERT_ROWS;
  let actionable = 0;
  for (let i = 0; i < table.customers.length; i++) {
    const level = ALERT_LEVELS[table.levels[i]!]!;
    if (level === "normal" || level === "lost") continue;
    if (++actionable > maxRows) continue;
    const id = table.customers[i]!;
    rows.push([
      ids.get(id) ?? id,
      levelLabel(level, options.language),
      table.recencyDays[i]!,
      table.frequencyRecent[i]!,
      table.frequencyPrevious[i]!,
      table.frequencyDecline[i]!,
      table.monetaryRecent[i]!,
      table.monetaryPrevious[i]!,
      table.monetaryDecline[i]!,
    ]);
  }
  if (rows.length === 0) {
    layout.note("alerts.none", strings.alertListNone);
    return;
  }
  if (actionable > rows.length)
    layout.note("alerts.capped", strings.alertListCapped(rows.length, actionable));
  const I = FORMAT.integer;
  const list = layout.table("alerts.list", strings.alertHeader, rows, {
    formats: [null, null, I, I, I, FORMAT.percent, FORMAT.money, FORMAT.money, FORMAT.percent],
    tableName: "CrmAlertList",
  });
  const body: SheetRange = {
    row: list.row + 1,
    column: 0,
    rows: rows.length,
    columns: list.columns,
  };
  for (const level of ["red", "orange", "yellow"] as const) {
    const colors = LEVEL_FILL[level]!;
    layout.conditionalFormats.push({
      kind: "formula",
      range: body,
      formula: `=$B${body.row + 1}=${excelText(levelLabel(level, options.language))}`,
      fill: colors.fill,
      fontColor: colors.font,
    });
  }
}

function writeGrades(
  layout: SheetLayout,
  data: PreparedData,
  options: ReportOptions,
  strings: ReportStrings,
  refs: FormulaRefs | undefined
): void {
  const titleRow = layout.section("grades", strings.gradeTitle);
  const grading = attempt(() =>
    gradeCustomers(data.histories, { asOf: options.asOf, thresholds: options.gradeThresholds })
  );
  if (grading instanceof CrmError) {
    layout.notAvailable("grades.error", strings, grading);
    return;
  }
  const total = grading.customers.length;
  const top = layout.row;
  const call = refs
    ? `CRM.GRADE(${refs.ids},${refs.dates},${refs.asOf},${refs.gradeThresholds},FALSE,${refs.amounts})`
    : "";
  const countRange = `${cellAddress(top + 1, 1, true)}:${cellAddress(top + GRADES.length, 1, true)}`;
  const range = layout.table(
    "grades",
    strings.gradeHeader,
    GRADES.map((grade) => [grade, grading.counts[grade], grading.counts[grade] / total]),
    {
      formats: [null, FORMAT.integer, FORMAT.percent],
      formulas: refs
        ? GRADES.map((grade, i) => [
            null,
            `=SUM(--(INDEX(${call},0,3)=${excelText(grade)}))`,
            `=${cellAddress(top + 1 + i, 1)}/SUM(${countRange})`,
          ])
        : undefined,
      tableName: "CrmGrades",
    }
  );
  layout.chart({
    id: "grades.chart",
    kind: "columnClustered",
    title: strings.gradeChartTitle,
    data: { ...range, columns: 2 },
    seriesColumns: [1],
    position: { row: titleRow, column: 5, rows: 12, columns: 6 },
  });
}

function writeSegments(
  layout: SheetLayout,
  data: PreparedData,
  options: ReportOptions,
  strings: ReportStrings,
  refs: FormulaRefs | undefined
): void {
  layout.section("segments", strings.segmentTitle);
  const scores = attempt(() => rfmScoreTable(data.histories, { asOf: options.asOf }));
  if (scores instanceof CrmError) {
    layout.notAvailable("segments.error", strings, scores);
    return;
  }
  const summary = summarizeSegments(scores);
  const top = layout.row;
  const call = refs
    ? `CRM.RFMSEGMENTS(${refs.ids},${refs.dates},${refs.amounts},${refs.asOf},FALSE)`
    : "";
  const countRange = `${cellAddress(top + 1, 1, true)}:${cellAddress(top + summary.length, 1, true)}`;
  layout.table(
    "segments",
    strings.segmentHeader,
    summary.map((row, i) => [
      segmentName(i, options.language),
      row.customers,
      row.share,
      row.revenue,
    ]),
    {
      formats: [null, FORMAT.integer, FORMAT.percent, FORMAT.money],
      formulas: refs
        ? summary.map((row, i) => {
            const name = excelText(row.segment.name);
            return [
              null,
              `=SUM(--(INDEX(${call},0,9)=${name}))`,
              `=${cellAddress(top + 1 + i, 1)}/SUM(${countRange})`,
              `=LET(s,${call},SUM((INDEX(s,0,9)=${name})*INDEX(s,0,4)))`,
            ];
          })
        : undefined,
      tableName: "CrmSegments",
    }
  );
}

/** Monthly rate equivalent to a yearly one: (1 + d)^(1/12) − 1. */
function monthlyRate(yearly: number): number {
  return (1 + yearly) ** (1 / 12) - 1;
}

function writePredictiveClv(
  layout: SheetLayout,
  data: PreparedData,
  options: ReportOptions,
  strings: ReportStrings
): void {
  const title =
    options.mode === "formulas" ? `${strings.clvTitle} ${strings.staticBlock}` : strings.clvTitle;
  layout.section("clv", title);
  layout.note(
    "clv.note",
    strings.clvNote(options.horizonMonths, percentText(options.discountRate))
  );
  const { transactions } = data.audit;
  const result = attempt(() => {
    const summary = customerSummary(
      {
        customerIndex: transactions.customerIndex,
        customerIds: transactions.customerIds,
        days: transactions.days,
        amounts: transactions.amounts!,
      },
      { calibrationEnd: options.asOf, timeUnit: "month" }
    );
    const bgnbd = fitBgnbd(summary);
    // SPEC §2 "Spend model eligibility" (gammaGamma.ts, isInSpendFit): the fit leaves out repeat
    // buyers whose mean repeat spend is 0 or less and counts them; the sheet shows the count.
    const spend = fitGammaGamma(summary);
    // customers outside the spend fit are valued at the population mean spend: it must exist
    if (spend.customers < summary.x.length) populationMeanSpend(spend);
    return {
      summary,
      bgnbd,
      spend,
      excluded: spend.leftOut,
      repeatBuyers: spend.repeatBuyers,
    };
  });
  if (result instanceof CrmError) {
    layout.notAvailable("clv.error", strings, result);
    return;
  }
  const { summary, bgnbd, spend, excluded, repeatBuyers } = result;
  const horizon = options.horizonMonths;
  const rate = monthlyRate(options.discountRate);
  const n = summary.customerIds.length;
  const alive = new Float64Array(n);
  const purchases = new Float64Array(n);
  const spends = new Float64Array(n);
  const clv = new Float64Array(n);
  let totalPurchases = 0;
  let totalAlive = 0;
  let totalClv = 0;
  // A customer outside the spend fit (a one-time buyer, or a repeat buyer with repeat spend 0
  // or less) is expected to spend the population mean: expectedAverageSpend applies that rule.
  const byTriple = new Map<string, { alive: number; purchases: number; discounted: number }>();
  for (let i = 0; i < n; i++) {
    const x = summary.x[i]!;
    const customer = {
      x,
      tx: summary.tx[i]!,
      T: summary.T[i]!,
      monetary: summary.monetary[i]!,
    };
    // P(alive), expected and discounted purchases depend on (x, t_x, T) only: computed once per
    // distinct triple (many customers share one), then predicted CLV = margin × spend ×
    // discounted purchases, as predictedClv defines it.
    const key = `${customer.x}|${customer.tx}|${customer.T}`;
    let perTriple = byTriple.get(key);
    if (!perTriple) {
      perTriple = {
        alive: probabilityAlive(bgnbd, customer.x, customer.tx, customer.T),
        purchases: expectedPurchases(bgnbd, horizon, customer.x, customer.tx, customer.T),
        discounted: discountedExpectedPurchases(bgnbd, customer, {
          horizon,
          discountRatePerUnit: rate,
          timeUnit: "month",
        }),
      };
      byTriple.set(key, perTriple);
    }
    alive[i] = perTriple.alive;
    purchases[i] = perTriple.purchases;
    spends[i] = expectedAverageSpend(spend, customer.x, customer.monetary);
    clv[i] = options.margin * spends[i]! * perTriple.discounted;
    totalPurchases += purchases[i]!;
    totalAlive += alive[i]!;
    totalClv += clv[i]!;
  }
  const f = strings.clvFigures;
  const figures = layout.block("clv.figures", layout.row, 0, [
    [f.customers, n],
    [f.repeatBuyers, repeatBuyers],
    [f.expectedPurchases(horizon), totalPurchases],
    [f.averageAlive, totalAlive / n],
    [f.totalClv, totalClv],
    [f.averageClv, totalClv / n],
    [f.spendFitExcluded, excluded],
  ]);
  layout.style({ ...figures, columns: 1 }, { fontColor: COLORS.muted, wrapText: true });
  layout.style(
    { ...figures, column: 1, columns: 1 },
    { bold: true, fill: COLORS.tileFill, border: COLORS.tileBorder }
  );
  const r = figures.row;
  layout.format({ row: r, column: 1, rows: 2, columns: 1 }, FORMAT.integer);
  layout.format({ row: r + 2, column: 1, rows: 1, columns: 1 }, FORMAT.money);
  layout.format({ row: r + 3, column: 1, rows: 1, columns: 1 }, FORMAT.percent);
  layout.format({ row: r + 4, column: 1, rows: 2, columns: 1 }, FORMAT.money);
  layout.format({ row: r + 6, column: 1, rows: 1, columns: 1 }, FORMAT.integer);
  const params = layout.block("clv.parameters", r, 3, [
    [...strings.clvParamsHeader],
    ["r", bgnbd.r],
    ["α", bgnbd.alpha],
    ["a", bgnbd.a],
    ["b", bgnbd.b],
    ["p", spend.p],
    ["q", spend.q],
    ["γ", spend.gamma],
  ]);
  layout.style(
    { ...params, rows: 1 },
    { bold: true, fill: COLORS.tileFill, border: COLORS.tileBorder }
  );
  layout.format({ row: r + 1, column: 4, rows: 7, columns: 1 }, FORMAT.parameter);
  layout.row = Math.max(layout.row, r + 8);
  layout.gap();

  const topCount = Math.min(options.topCustomers ?? 20, n);
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (i, j) =>
      clv[j]! - clv[i]! || compareCustomerIds(summary.customerIds[i]!, summary.customerIds[j]!)
  );
  const ids = displayIds(data);
  const listTitle = layout.block("clv.topTitle", layout.row, 0, [[strings.clvTopTitle(topCount)]]);
  layout.style(listTitle, { bold: true });
  layout.table(
    "clv.top",
    strings.clvTopHeader,
    order.slice(0, topCount).map((i) => {
      const id = summary.customerIds[i]!;
      return [ids.get(id) ?? id, summary.x[i]!, alive[i]!, purchases[i]!, spends[i]!, clv[i]!];
    }),
    {
      formats: [null, FORMAT.integer, FORMAT.percent, FORMAT.decimal, FORMAT.money, FORMAT.money],
      tableName: "CrmPredictedClv",
    }
  );
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
