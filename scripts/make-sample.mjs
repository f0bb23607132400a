#!/usr/bin/env node
/**
 * Writes the sample workbook, samples/cdnow-sample.xlsx: the retention report of the CDNOW
 * sample (../shared/data/cdnow/CDNOW_sample.txt, 2,357 customers, 6,919 purchases, 1997-01 to
 * 1998-06) made by `crm-report --formulas`, so its cells hold live `CRM.*` formulas (stored as
 * Excel stores them, src/cli/storedFormula.ts) that recalculate when the workbook is opened in
 * Excel with the add-in, each with the report's value cached for a reader without it. A
 * "Functions" sheet is added before the transactions (scripts/sample-functions.mjs): every
 * worksheet function of the add-in, live, on the same transactions, each with the value the
 * built functions bundle (dist/functions.js) gives it cached.
 *
 *   npm run sample                          build the add-in and the command line, then write the sample
 *   node scripts/make-sample.mjs --out DIR  write DIR/cdnow-sample.xlsx instead
 *   node scripts/make-sample.mjs --no-build use dist/ as it is (test/cli/sample.test.ts)
 *
 * Building writes dist/: while other work shares the checkout, run it under the dist lock
 * (`flock /tmp/dist.lock npm run sample`). The workbook holds the time it was made, so two
 * runs differ in that cell only.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { addFunctionsSheet, FUNCTIONS_SHEET } from "./sample-functions.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const INPUT = path.resolve(root, "../shared/data/cdnow/CDNOW_sample.txt");
const NAME = "cdnow-sample.xlsx";
/** The report's options: the CDNOW holdout's end as the as-of date, English sheets. */
const SAMPLE_ARGS = ["--formulas", "--lang", "en", "--as-of", "1998-06-30"];

function fail(message) {
  process.stderr.write(`make-sample: ${message}\n`);
  process.exit(1);
}

const args = process.argv.slice(2);
let outDir = path.join(root, "samples");
let build = true;
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--out" && args[i + 1]) outDir = path.resolve(args[++i]);
  else if (args[i] === "--no-build") build = false;
  else fail(`unknown option ${args[i]} (use --out DIR, --no-build)`);
}
if (!existsSync(INPUT)) fail(`the CDNOW sample is not at ${INPUT}`);

const run = (argv) => spawnSync(process.execPath, argv, { cwd: root, stdio: "inherit" });
const webpack = path.join(root, "node_modules", "webpack-cli", "bin", "cli.js");
if (build && run([webpack, "--mode", "production"]).status !== 0)
  fail("building the add-in failed");
if (build && run([path.join(root, "scripts", "build-cli.mjs"), "--quiet"]).status !== 0)
  fail("building the command line failed");

mkdirSync(outDir, { recursive: true });
const output = path.join(outDir, NAME);
const result = run([
  path.join(root, "bin", "crm-report.mjs"),
  INPUT,
  ...SAMPLE_ARGS,
  "-o",
  output,
  "--force",
  "--quiet",
]);
// crm-report says "Wrote <file> (sheets …)." on stdout itself
if (result.status !== 0) fail(`crm-report stopped with exit code ${result.status}`);
try {
  const placed = await addFunctionsSheet(output, { root });
  process.stdout.write(
    `Added sheet "${FUNCTIONS_SHEET}": the ${placed.length} worksheet functions, live.\n`
  );
} catch (error) {
  fail(
    `adding the ${FUNCTIONS_SHEET} sheet failed: ${error instanceof Error ? error.message : error}`
  );
}
