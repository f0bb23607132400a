/**
 * The report tests' common input: the function reference's sample table (scripts/reference.cjs,
 * the table every `@example` is evaluated over) as a wizard source on sheet "Sales" at A1, and
 * the report the core builds from it as of 2024-06-30, by quarter, with a 45-day rule: the
 * settings under which the reference's own CHURNTREND, RFMALERT and GRADE examples hold.
 */
import { createRequire } from "node:module";
import { serialFromYmd } from "../../src/core/input/dates";
import {
  buildReport,
  defaultReportOptions,
  prepareReportData,
  type ReportOptions,
  type ReportSource,
} from "../../src/core/report";
import type { ReportModel, ReportWorkbook } from "../../src/core/report/reportModel";

const require = createRequire(import.meta.url);

/** customer_id, date, amount: 11 purchases of customers 1001–1005 in the first half of 2024. */
export const SAMPLE_SALES = (
  require("../../scripts/reference.cjs") as { SAMPLE_TABLE: (string | number)[][] }
).SAMPLE_TABLE;

export const SAMPLE_MAPPING = { customerId: 0, date: 1, amount: 2, cost: null, score: null };

export const JUNE_30 = serialFromYmd(2024, 6, 30);

/** A table of id, date and amount columns with a header, as the wizard reads it from `sheetName`. */
export function sampleSource(
  rows: readonly (readonly unknown[])[] = SAMPLE_SALES,
  where: { sheetName?: string; tableName?: string } = {}
): ReportSource {
  const sheetName = where.sheetName ?? "Sales";
  return {
    rows,
    hasHeader: true,
    columnNames: rows[0]!.map(String),
    mapping: SAMPLE_MAPPING,
    location: {
      sheetName,
      row: 0,
      column: 0,
      address: `${sheetName}!A1:C${rows.length}`,
      ...(where.tableName ? { tableName: where.tableName } : {}),
    },
  };
}

/** The report workbook of a source as of 2024-06-30, by quarter, 45-day rule, English, unless overridden. */
export function sampleWorkbook(
  overrides: Partial<ReportOptions> = {},
  source: ReportSource = sampleSource()
): ReportWorkbook {
  const data = prepareReportData(source);
  return buildReport(data, {
    ...defaultReportOptions(data, "en"),
    asOf: JUNE_30,
    period: "quarter",
    inactiveDays: 45,
    ...overrides,
  });
}

/** The summary sheet (the workbook's first) of {@link sampleWorkbook}. */
export function sampleReport(
  overrides: Partial<ReportOptions> = {},
  source: ReportSource = sampleSource()
): ReportModel {
  return sampleWorkbook(overrides, source).sheets[0]!;
}
