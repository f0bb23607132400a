/**
 * The report model (issue 14, "Fast where users wait"): `buildReport` alone — every metric, the
 * predictive fits and the four sheets with their layout — on the data `crm-report` hands it for
 * a generated CSV of 100,000 and 1,000,000 rows (a customer per 5 rows), read the command's
 * way (the columnar path, src/cli/columnarRead.ts) in setup, outside `run`.
 *
 * Each `run()` returns its wall and CPU time, the heap after it, and the sizes of the lists
 * (every customer on Customer value, every alerted customer on Customers to act on: SPEC §4).
 * Use: `reportModelCases(dataDir)` from the shared runner (`dataDir` is unused: generated data);
 * `rows` picks the sizes. Prints nothing, asserts nothing.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeTransactionsCsv } from "./ioCases";
import { deferDelimited, readColumns } from "../src/cli/columnarRead";
import { detectColumns } from "../src/core/input/mapping";
import {
  buildReport,
  defaultReportOptions,
  prepareReportData,
  type PreparedData,
  type ReportOptions,
} from "../src/core/report";

export interface ReportModelFigures {
  readonly ms: number;
  /** CPU time of the process during the run (steadier than `ms` on a shared machine) */
  readonly cpuMs: number;
  readonly heapMB: number;
  readonly customers: number;
  /** data rows of the Customers to act on and Customer value tables */
  readonly actionsRows: number;
  readonly valueRows: number;
}

/**
 * A CSV of `rows` rows (more than columnarRead.ts's sample) read as crm-report reads it — the
 * first records parsed for the column mapping, the rest straight into columns (the generated
 * file is ASCII with commas, which readTable.ts would detect) — and the report's default options.
 */
export function reportModelSetup(
  rows: number,
  dir = mkdtempSync(path.join(os.tmpdir(), "crm-report-model-"))
): { data: PreparedData; options: ReportOptions } {
  const file = writeTransactionsCsv(rows, dir);
  const table = deferDelimited(readFileSync(file, "utf8"), ",");
  if (!table) throw new Error("the generated CSV left the columnar path");
  const detected = detectColumns(table.rows);
  const m = detected.mapping;
  const { deferred } = table;
  const transactions = readColumns(
    deferred,
    { customerId: m.customerId!, date: m.date!, amount: m.amount! },
    detected.hasHeader
  );
  if (!transactions) throw new Error("the generated CSV left the columnar path");
  const data = prepareReportData(
    {
      rows: table.rows,
      hasHeader: detected.hasHeader,
      columnNames: detected.columnNames,
      mapping: m,
      location: { sheetName: "transactions", row: 0, column: 0, address: file },
    },
    { transactions, dataRows: deferred.records - (detected.hasHeader ? 1 : 0) }
  );
  return { data, options: { ...defaultReportOptions(data, "en"), generatedAt: "bench" } };
}

/** buildReport once, with its figures. */
export function reportModelRun(data: PreparedData, options: ReportOptions): ReportModelFigures {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const workbook = buildReport(data, options);
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const tableRows = (kind: string, id: string) =>
    Math.max(
      0,
      (workbook.sheets.find((s) => s.kind === kind)?.blocks.find((b) => b.id === id)?.values
        .length ?? 1) - 1
    );
  return {
    ms,
    cpuMs: (used.user + used.system) / 1000,
    heapMB: process.memoryUsage().heapUsed / 2 ** 20,
    customers: data.histories.customerIds.length,
    actionsRows: tableRows("actions", "actions"),
    valueRows: tableRows("value", "value"),
  };
}

/** Cases for the shared runner: buildReport at each size, the data read in setup. */
export function reportModelCases(
  _dataDir: string,
  sizes: readonly number[] = [100_000, 1_000_000]
): { name: string; run(): ReportModelFigures }[] {
  const cases: { name: string; run(): ReportModelFigures }[] = [];
  for (const rows of sizes) {
    const { data, options } = reportModelSetup(rows);
    cases.push({
      name: `buildReport ${rows.toLocaleString("en-US")} rows (columnar CSV)`,
      run: () => reportModelRun(data, options),
    });
  }
  return cases;
}
