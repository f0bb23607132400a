/**
 * Reading files (issue 14, parts 1 and 5): whole processes from a CSV file, each in a child
 * process of its own so that its time and peak memory (maxRSS) are its own.
 *
 * - `crm-report` on a generated CSV to a finished workbook, the columnar path (columnarRead.ts)
 *   and the row path (CRM_REPORT_ROW_PATH=1) side by side;
 * - CSV → monthly cohort matrix (customers measure, as of the last date): read, detect the
 *   columns, read the transactions, group into histories, cohortRetention. It prints the
 *   matrix's fingerprint (SHA-256 of `yyyy-mm,offset,customers` lines of the elapsed cells with
 *   customers > 0), which bench/pandas_cohort.py prints for pandas' read_csv + groupby on the
 *   same file.
 *
 * Use: `nice -n 10 node bench/ioBench.mjs [--rows 100000,1000000]` (bundles this file with
 * esbuild; also runs pandas when python3 has it). Or import {@link ioCases} (a list of
 * `{ name, run() }`, the CSV written in setup, outside `run`) into the shared runner.
 */
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateTransactions } from "./generate";
import { readTableFile } from "../src/cli/readTable";
import { materializeTable, readColumns } from "../src/cli/columnarRead";
import { detectColumns } from "../src/core/input/mapping";
import { auditTransactions, type Transactions } from "../src/core/input/input";
import { buildHistories } from "../src/core/input/history";
import { cohortRetention } from "../src/core/metrics/cohorts";
import { ymdFromSerial } from "../src/core/input/dates";

/** A seeded transactions CSV of `rows` rows (the shape scripts/bench.mjs's CLI case writes). */
export function writeTransactionsCsv(rows: number, dir: string, days = 730): string {
  const columns = generateTransactions(rows, Math.max(100, Math.round(rows / 5)), days);
  const iso = (serial: number) =>
    new Date(Date.UTC(1899, 11, 30) + serial * 86400000).toISOString().slice(0, 10);
  const parts: string[] = ["customer_id,order_date,amount\n"];
  for (let i = 0; i < rows; i++)
    parts.push(
      `${String(columns.customerIds[i]![0])},${iso(columns.dates[i]![0] as number)},${String(columns.amounts[i]![0])}\n`
    );
  const file = path.join(dir, `transactions-${rows}.csv`);
  writeFileSync(file, parts.join(""));
  return file;
}

export interface ProcessFigures {
  readonly ms: number;
  /** CPU time (user + system) of the process: steadier than `ms` on a loaded machine */
  readonly cpuMs: number;
  readonly peakMB: number;
  readonly result: string;
}

/** Runs this bundle as a child (`--io-child mode file [row]`) and reads its figures. */
export function runChild(bundle: string, args: readonly string[]): ProcessFigures {
  const run = spawnSync(
    process.execPath,
    ["--max-old-space-size=8192", bundle, "--io-child", ...args],
    {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    }
  );
  if (run.status !== 0) throw new Error(`io child ${args.join(" ")} failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as ProcessFigures;
}

/** The fingerprint of a monthly cohort matrix (see the module comment). */
export function cohortFingerprint(transactions: Transactions): { hash: string; cells: number } {
  const histories = buildHistories(transactions);
  const table = cohortRetention(histories, { period: "month", asOf: histories.lastDay });
  const lines: string[] = [];
  for (const row of table.rows) {
    const { year, month } = ymdFromSerial(row.cohort.first);
    const label = `${year}-${String(month).padStart(2, "0")}`;
    row.values.forEach((value, k) => {
      if (value === null) return;
      const customers = Math.round(value * row.size);
      if (customers > 0) lines.push(`${label},${k},${customers}\n`);
    });
  }
  return { hash: createHash("sha256").update(lines.join("")).digest("hex"), cells: lines.length };
}

/** CSV → transactions, the columnar path or (rowPath) the row path. */
async function transactionsOf(file: string, rowPath: boolean): Promise<Transactions> {
  let table = await readTableFile(file, { deferRows: !rowPath });
  const detected = detectColumns(table.rows);
  const m = detected.mapping;
  const columns = { customerId: m.customerId!, date: m.date!, amount: m.amount! };
  const pre = table.deferred ? readColumns(table.deferred, columns, detected.hasHeader) : undefined;
  if (pre) return pre;
  table = materializeTable(table);
  const from = detected.hasHeader ? 1 : 0;
  const pick = (c: number) => table.rows.slice(from).map((row) => row[c]);
  return auditTransactions({
    customerIds: pick(columns.customerId),
    dates: pick(columns.date),
    amounts: pick(columns.amount),
  }).transactions;
}

/** The child: one whole process, its time and peak memory as JSON on stdout. */
export async function ioChild(argv: readonly string[]): Promise<void> {
  const [mode, file, path_] = argv;
  const rowPath = path_ === "row";
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  let result = "";
  if (mode === "report") {
    // Loaded here only, so the cohort child does not load the CLI's writer (ExcelJS).
    const { main: cliMain } = await import("../src/cli/main");
    const sink = { write: () => true };
    const output = file!.replace(/\.csv$/, rowPath ? ".row.xlsx" : ".xlsx");
    const code = await cliMain([file!, "-o", output, "--quiet", "--force"], {
      stdout: sink,
      stderr: sink,
      env: rowPath ? { CRM_REPORT_ROW_PATH: "1" } : {},
    });
    result = `exit ${code}, ${(statSync(output).size / 2 ** 20).toFixed(1)} MB workbook`;
  } else {
    const { hash, cells } = cohortFingerprint(await transactionsOf(file!, rowPath));
    result = `${hash.slice(0, 16)} (${cells} cells)`;
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  const peakMB = process.resourceUsage().maxRSS / 1024;
  const figures: ProcessFigures = { ms, cpuMs, peakMB, result };
  process.stdout.write(JSON.stringify(figures));
}

/**
 * Cases for a shared runner: each `run()` is a whole child process (the bundle of this file
 * given as `bundle`); the CSV is written once, in setup. `dataDir` is unused (generated data).
 */
export function ioCases(
  _dataDir: string,
  bundle: string,
  rows = 1_000_000
): { name: string; run(): ProcessFigures }[] {
  const csv = writeTransactionsCsv(rows, mkdtempSync(path.join(os.tmpdir(), "crm-io-")));
  return [
    {
      name: `crm-report ${rows} rows, columnar path`,
      run: () => runChild(bundle, ["report", csv]),
    },
    {
      name: `crm-report ${rows} rows, row path`,
      run: () => runChild(bundle, ["report", csv, "row"]),
    },
    {
      name: `CSV → cohort matrix ${rows} rows, columnar`,
      run: () => runChild(bundle, ["cohort", csv]),
    },
    {
      name: `CSV → cohort matrix ${rows} rows, row path`,
      run: () => runChild(bundle, ["cohort", csv, "row"]),
    },
  ];
}

// A child process runs this module (bundled by bench/ioBench.mjs) with `--io-child`.
const childAt = process.argv.indexOf("--io-child");
if (childAt >= 0) void ioChild(process.argv.slice(childAt + 1));
