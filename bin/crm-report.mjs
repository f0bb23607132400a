#!/usr/bin/env node
// The crm-report command: runs the bundle that `npm run build` (or `npm run report`) makes
// from src/cli/ (scripts/build-cli.mjs).
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const bundle = fileURLToPath(new URL("../dist/cli/crm-report.mjs", import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write(
    "crm-report: not built yet; run `npm run build` (or use `npm run report -- <file>`).\n"
  );
  process.exit(1);
}
await import(pathToFileURL(bundle).href);
