/**
 * The .xlsx writer alone (issue 14, first target, writer half): the report workbook of a
 * generated file of `rows` transactions (rows / 5 customers, 730 days; the "Customer value"
 * sheet has a row per customer, "Customers to act on" about a third of them) written by
 * reportWorkbookFile (src/cli/xlsxWriter.ts) to bytes.
 *
 * Setup (when {@link xlsxWriterCases} is called, outside `run`) builds each report model with
 * the wizard's defaults and saves it with v8.serialize to a temporary file. Each `run()` is a
 * whole child process (this file bundled, `--xlsx-writer-child <model file>`): it reads the
 * model back, collects garbage, notes its resident memory, writes the workbook once and prints
 * its figures, so the time and peak memory are the writer's own:
 * `{ ms, cpuMs, rssBeforeMB, writingPeakMB, maxRssMB, workbookMB, load }` (cpuMs: user +
 * system time of the process, zlib's thread pool included, steadier than ms on a loaded
 * machine; rssBeforeMB: resident memory before writing, the model included; writingPeakMB:
 * the most sampled every 10 ms while writing; maxRssMB: the process's peak, reading the model
 * back included).
 *
 * Use: bundle this file with esbuild (platform node, format esm, packages external), then
 * `xlsxWriterCases(dataDir, bundlePath)` and call `run()` of each case. `dataDir` is unused
 * (generated data).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { buildReport, defaultReportOptions, prepareReportData } from "../src/core/report";
import type { ReportWorkbook } from "../src/core/report/reportModel";
import { reportSetup } from "./reportCases";

export interface XlsxWriterFigures {
  readonly ms: number;
  readonly cpuMs: number;
  readonly rssBeforeMB: number;
  readonly writingPeakMB: number;
  readonly maxRssMB: number;
  readonly workbookMB: number;
  /** the machine's load (1, 5, 15 min) when the child finished */
  readonly load: string;
}

/** The report model of `rows` generated transactions, saved to a file in `dir`. */
export function saveReportModel(rows: number, dir: string): string {
  const input = reportSetup(rows, Math.max(100, Math.round(rows / 5)), 730);
  const data = prepareReportData(input.source);
  const workbook = buildReport(data, defaultReportOptions(data, "en"));
  const file = path.join(dir, `report-model-${rows}.bin`);
  writeFileSync(file, serialize(workbook));
  return file;
}

/** The cases: one per size, each run a child process of `bundle` (this file, bundled). */
export function xlsxWriterCases(
  _dataDir: string,
  bundle: string,
  sizes: readonly number[] = [100_000, 1_000_000]
): { name: string; run(): XlsxWriterFigures }[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), "crm-xlsx-writer-"));
  return sizes.map((rows) => {
    const model = saveReportModel(rows, dir);
    return {
      name: `xlsx writer, report of ${rows.toLocaleString("en-US")} rows`,
      run: () => {
        const child = spawnSync(
          process.execPath,
          ["--expose-gc", bundle, "--xlsx-writer-child", model],
          { encoding: "utf8", maxBuffer: 1 << 20 }
        );
        if (child.status !== 0) throw new Error(`xlsx writer child failed: ${child.stderr}`);
        return JSON.parse(child.stdout) as XlsxWriterFigures;
      },
    };
  });
}

/** The child: the writer once on a saved model, its figures as JSON on stdout. */
async function writerChild(modelFile: string): Promise<void> {
  const { reportWorkbookFile } = await import("../src/cli/xlsxWriter");
  const model = deserialize(readFileSync(modelFile)) as ReportWorkbook;
  (globalThis as { gc?: () => void }).gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const file = await reportWorkbookFile(model);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const used = process.cpuUsage(cpu);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const figures: XlsxWriterFigures = {
    ms: Math.round(ms),
    cpuMs: Math.round((used.user + used.system) / 1000),
    rssBeforeMB: Math.round(rssBefore / 2 ** 20),
    writingPeakMB: Math.round(peak / 2 ** 20),
    maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    workbookMB: Math.round((file.bytes.length / 2 ** 20) * 100) / 100,
    load: readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" "),
  };
  process.stdout.write(JSON.stringify(figures));
}

const childAt = process.argv.indexOf("--xlsx-writer-child");
if (childAt >= 0) void writerChild(process.argv[childAt + 1]!);
