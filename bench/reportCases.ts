/**
 * The task pane's report (issue 6): from the rows of a sheet, as the wizard reads them (one
 * 2-D array, header first), to the report model. Measured in two steps: prepareReportData
 * (read and audit the rows, the data-quality report) and buildReport (every section of the
 * sheet, the predictive CLV fit included).
 */
import {
  buildReport,
  defaultReportOptions,
  prepareReportData,
  type ReportSource,
} from "../src/core/report";
import { generateTransactions } from "./generate";

export interface ReportBenchInput {
  readonly source: ReportSource;
}

export function reportSetup(rows: number, customers: number, days: number): ReportBenchInput {
  const columns = generateTransactions(rows, customers, days);
  const sheet: unknown[][] = new Array(rows + 1);
  sheet[0] = ["Customer ID", "Order date", "Amount"];
  for (let i = 0; i < rows; i++) {
    sheet[i + 1] = [columns.customerIds[i]![0], columns.dates[i]![0], columns.amounts[i]![0]];
  }
  return {
    source: {
      rows: sheet,
      hasHeader: true,
      columnNames: ["Customer ID", "Order date", "Amount"],
      mapping: { customerId: 0, date: 1, amount: 2, cost: null, score: null },
      location: { sheetName: "Orders", row: 0, column: 0, address: `Orders!A1:C${rows + 1}` },
    },
  };
}

export function reportRun(input: ReportBenchInput) {
  const t0 = performance.now();
  const data = prepareReportData(input.source);
  const t1 = performance.now();
  const workbook = buildReport(data, defaultReportOptions(data, "en"));
  const t2 = performance.now();
  // every sheet of the report workbook (summary, actions, value, model)
  const blocks = workbook.sheets.flatMap((sheet) => sheet.blocks);
  let cells = 0;
  for (const block of blocks) cells += block.values.length * (block.values[0]?.length ?? 0);
  return {
    prepareMs: t1 - t0,
    buildMs: t2 - t1,
    totalMs: t2 - t0,
    customers: data.audit.transactions.customerIds.length,
    blocks: blocks.length,
    cells,
    clv: blocks.some((b) => b.id === "fit.figures"),
  };
}
