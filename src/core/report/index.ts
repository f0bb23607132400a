/**
 * The retention report (SPEC §4 "Generate", §5), a folder that reads like the report:
 * - data.ts — the source read and audited ({@link prepareReportData}), for the wizard's preview;
 * - options.ts — the wizard's options, their defaults and checks;
 * - computed.ts — every metric the report shows, computed once from the core's metric modules;
 * - summary/ — the Retention summary sheet: kpis.ts, status.ts, breakdown.ts (grades and
 *   segments), trend.ts, cohorts.ts, laid out by index.ts;
 * - actions.ts, value.ts, model.ts — the Customers to act on, Customer value and Model sheets;
 * - layout.ts (SheetLayout, colours, formats) and formulas.ts (live-formula references);
 * - build.ts — {@link buildReport}, the workbook of the four sheets.
 * The sheets' text is in src/i18n/report.strings.ts; the model types in ../reportModel.ts.
 */

export {
  generatedAtText,
  prepareReportData,
  sheetRowOf,
  type OptionalColumnProblem,
  type PreparedData,
  type ReportSource,
  type SourceLocation,
} from "./data";
export {
  defaultReportOptions,
  REPORT_OPTION_LIMITS,
  type ReportMode,
  type ReportOptions,
} from "./options";
export { buildReport } from "./build";
