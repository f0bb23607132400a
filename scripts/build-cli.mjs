#!/usr/bin/env node
/**
 * Bundles the command line (src/cli/crm-report.ts and the core it uses) into
 * dist/cli/crm-report.mjs with esbuild; npm packages stay external (exceljs is a dependency).
 * Run by `npm run build` and by `npm run report`.
 */
import { build } from "esbuild";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
await build({
  entryPoints: [path.join(root, "src", "cli", "crm-report.ts")],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  outfile: path.join(root, "dist", "cli", "crm-report.mjs"),
  logLevel: process.argv.includes("--quiet") ? "warning" : "info",
});
