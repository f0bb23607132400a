#!/usr/bin/env node
/**
 * nice -n 10 node bench/ioBench.mjs [--rows 100000,1000000] [--runs 1] [--skip-report] [--skip-cohort]
 *                                     [--skip-row-path] [--json-out FILE]
 *
 * Bundles bench/ioCases.ts with esbuild and runs its whole-process cases (crm-report and
 * CSV → monthly cohort matrix, columnar path vs row path) on generated CSV files, each in its
 * own child process; then bench/pandas_cohort.py on the same file when python3 has pandas.
 * Prints each figure with the machine's load (1, 5, 15 min) at the time. Asserts nothing.
 */
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outdir = path.join(root, "node_modules", ".cache", "crm-bench", "io");
const bundle = path.join(outdir, "ioCases.js");
const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
};
const load = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

mkdirSync(outdir, { recursive: true });
await build({
  entryPoints: [path.join(root, "bench", "ioCases.ts")],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outdir,
  splitting: true, // the CLI (and ExcelJS) in a chunk of its own, loaded by the report case only
  packages: "external",
  logLevel: "warning",
});
const io = await import(pathToFileURL(bundle).href);
const runs = Number(option("runs", "1"));
const dir = mkdtempSync(path.join(os.tmpdir(), "crm-io-"));
/** Figures per row count, for the growth line at the end: `bySize[rows][case name]`. */
const bySize = {};
console.log(
  `node ${process.version}, ${os.cpus().length} cores; median of ${runs} run(s) per figure`
);
for (const rows of option("rows", "100000,1000000").split(",").map(Number)) {
  const csv = io.writeTransactionsCsv(rows, dir);
  console.log(`\n${rows.toLocaleString("en-US")} rows (${csv})`);
  const measured = {};
  bySize[rows] = measured;
  const cases = [
    ["crm-report, columnar path", ["report", csv]],
    ["crm-report, row path", ["report", csv, "row"]],
    ["CSV → cohort matrix, columnar path", ["cohort", csv]],
    ["CSV → cohort matrix, row path", ["cohort", csv, "row"]],
  ];
  for (const [name, args] of cases) {
    if (process.argv.includes("--skip-row-path") && args[2] === "row") continue;
    if (process.argv.includes("--skip-report") && args[0] === "report") continue;
    if (process.argv.includes("--skip-cohort") && args[0] === "cohort") continue;
    const figures = [];
    for (let r = 0; r < runs; r++) figures.push(io.runChild(bundle, args));
    figures.sort((a, b) => a.ms - b.ms);
    const f = figures[Math.floor(figures.length / 2)];
    measured[name] = f;
    console.log(
      `  ${name.padEnd(36)} ${(f.ms / 1000).toFixed(2).padStart(6)} s (cpu ${(f.cpuMs / 1000).toFixed(2)} s)  ${f.peakMB.toFixed(0).padStart(5)} MB peak  ${f.result}  [load ${load()}]`
    );
  }
  const python =
    ["/usr/bin/python3", "python3"].find(
      (p) => spawnSync(p, ["-c", "import pandas"]).status === 0
    ) ?? "python3";
  const py = spawnSync(python, [path.join(root, "bench", "pandas_cohort.py"), csv], {
    encoding: "utf8",
  });
  if (py.status === 0) {
    const f = JSON.parse(py.stdout);
    measured["CSV → cohort matrix, pandas"] = f;
    console.log(
      `  ${"CSV → cohort matrix, pandas".padEnd(36)} ${(f.ms / 1000).toFixed(2).padStart(6)} s (cpu ${(f.cpuMs / 1000).toFixed(2)} s)  ${f.peakMB.toFixed(0).padStart(5)} MB peak  ${f.result}  [load ${load()}]`
    );
    const ours = measured["CSV → cohort matrix, columnar path"];
    if (ours)
      console.log(
        `  columnar ÷ pandas: time ${(ours.ms / f.ms).toFixed(2)}× (cpu ${(ours.cpuMs / f.cpuMs).toFixed(2)}×), ` +
          `peak memory ${(ours.peakMB / f.peakMB).toFixed(2)}×  (target ≤ 0.5× time, ≤ 1× memory)`
      );
  } else console.log(`  pandas: not run (${(py.stderr || "").trim().split("\n").pop()})`);
  const report = measured["crm-report, columnar path"];
  if (report && rows === 1_000_000)
    console.log(
      `  crm-report 1M: ${(report.ms / 1000).toFixed(1)} s, ${report.peakMB.toFixed(0)} MB  (target ≤ 4 s, ≤ 300 MB peak)`
    );
}

// Growth with the data (issue 14 target: ≤ 3.3× from 1M to 3M rows, i.e. linear). Each size is
// one process, so a ratio of times at different loads is only a rough guide: the CPU time ratio
// is printed beside it.
const sizes = Object.keys(bySize)
  .map(Number)
  .sort((a, b) => a - b);
if (sizes.length >= 2) {
  const [small, large] = [sizes[0], sizes[sizes.length - 1]];
  console.log(
    `\nGrowth ${small.toLocaleString("en-US")} → ${large.toLocaleString("en-US")} rows (${(large / small).toFixed(1)}× the rows):`
  );
  for (const name of Object.keys(bySize[large])) {
    const a = bySize[small][name];
    const b = bySize[large][name];
    if (!a || !b) continue;
    console.log(
      `  ${name.padEnd(36)} time ${(b.ms / a.ms).toFixed(2)}×, cpu ${(b.cpuMs / a.cpuMs).toFixed(2)}×, peak memory ${(b.peakMB / a.peakMB).toFixed(2)}×` +
        (large === 3 * small ? "  (target ≤ 3.3×)" : "")
    );
  }
}

// For scripts/bench.mjs's targets table: every figure, by row count and case name.
const jsonOut = option("json-out", undefined);
if (jsonOut !== undefined) {
  const { writeFileSync } = await import("node:fs");
  writeFileSync(jsonOut, JSON.stringify(bySize));
}
