#!/usr/bin/env node
/**
 * npm run bench [-- --rows N --customers N --days N --runs N --only TEXT]
 *
 * Bundles bench/entry.ts with esbuild, then runs every case in its own child process (so each
 * one's memory is measured alone): the child generates the seeded data, collects garbage, notes
 * its resident memory, runs the case `runs` times and reports the median time and the growth of
 * peak resident memory (maxRSS) over that starting point. Prints a table; asserts nothing.
 */
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import os from "node:os";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bundle = path.join(root, "node_modules", ".cache", "crm-bench", "entry.mjs");

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

const settings = {
  rows: Number(option("rows", 1_000_000)),
  customers: Number(option("customers", 200_000)),
  days: Number(option("days", 730)),
  runs: Number(option("runs", 5)),
};

async function child(caseIndex) {
  const { generateTransactions, transactionCases } = await import(pathToFileURL(bundle).href);
  const benchCase = transactionCases[caseIndex];
  const columns = generateTransactions(settings.rows, settings.customers, settings.days);
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const times = [];
  for (let run = 0; run < settings.runs; run++) {
    const started = process.hrtime.bigint();
    const result = benchCase.run(columns);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (result === undefined) throw new Error(`${benchCase.name} returned nothing`);
  }
  const peakGrowth = process.resourceUsage().maxRSS * 1024 - rssBefore;
  times.sort((a, b) => a - b);
  process.stdout.write(
    JSON.stringify({
      name: benchCase.name,
      median: times[Math.floor(times.length / 2)],
      min: times[0],
      peakGrowth,
    })
  );
}

async function main() {
  const childIndex = option("child", undefined);
  if (childIndex !== undefined) return child(Number(childIndex));
  mkdirSync(path.dirname(bundle), { recursive: true });
  await build({
    entryPoints: [path.join(root, "bench", "entry.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile: bundle,
    logLevel: "warning",
  });

  const { transactionCases } = await import(pathToFileURL(bundle).href);
  const only = option("only", "");
  console.log(
    `Transaction functions: ${settings.rows.toLocaleString("en-US")} rows, ${settings.customers.toLocaleString("en-US")} customers, ` +
      `${settings.days} days; median of ${settings.runs} runs; node ${process.version}, ${os.cpus().length} cores`
  );
  const results = [];
  for (let i = 0; i < transactionCases.length; i++) {
    if (only && i !== 0 && !transactionCases[i].name.includes(only)) continue;
    const args = [
      "--expose-gc",
      "--max-old-space-size=8192",
      fileURLToPath(import.meta.url),
      "--child",
      String(i),
      "--rows",
      String(settings.rows),
      "--customers",
      String(settings.customers),
      "--days",
      String(settings.days),
      "--runs",
      String(settings.runs),
    ];
    const run = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 20 });
    if (run.status !== 0) {
      console.error(run.stderr);
      throw new Error(`${transactionCases[i].name} failed`);
    }
    results.push(JSON.parse(run.stdout));
  }
  const baseline = results[0].median;
  const rows = results.map((r) => ({
    function: r.name,
    "median ms": r.median.toFixed(1),
    "min ms": r.min.toFixed(1),
    "× baseline": (r.median / baseline).toFixed(2),
    "peak memory growth MB": (Math.max(0, r.peakGrowth) / 2 ** 20).toFixed(0),
  }));
  console.table(rows);
  console.log(
    "Targets (issue 3): each function ≤ 1000 ms and ≤ 10× baseline on 1,000,000 rows; peak memory growth ≤ 400 MB."
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
