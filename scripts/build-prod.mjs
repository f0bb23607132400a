#!/usr/bin/env node
/**
 * `ADDIN_URL=https://… npm run build:prod`: the deployable build. Like `npm run build`'s
 * webpack step, but every URL of the manifest, functions.json (help links) and the function
 * reference points at ADDIN_URL, and the source maps carry no sources. It refuses to run
 * (exit code 1) without ADDIN_URL, or with one that is not https or that points at this machine
 * or at the placeholder host (scripts/addin-url.cjs). After building it checks every file of
 * the output for a leftover localhost or placeholder URL and fails if it finds one.
 *
 *   ADDIN_URL=https://addins.your-company.com/crm-retention/ node scripts/build-prod.mjs [--output-path DIR]
 *
 *   --output-path DIR   write the build to DIR instead of dist/ (the tests use a temporary folder)
 *
 * Host the output folder's contents at ADDIN_URL and give users the manifest.xml in it (README:
 * "Deploying for a team"). The command-line tool (dist/cli, `npm run build`) is not part of it.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { deploymentUrl } = require("./addin-url.cjs");

/** What must not be left in a deployable build. */
const LEFTOVERS = [/localhost/i, /127\.0\.0\.1/, /contoso/i];

function fail(message) {
  console.error(`build:prod: ${message}`);
  process.exit(1);
}

function filesUnder(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/** Files under `dir` holding a localhost or placeholder URL, each with what was found. */
export function leftoverUrls(dir) {
  const found = [];
  for (const file of filesUnder(dir)) {
    const text = fs.readFileSync(file, "latin1");
    for (const pattern of LEFTOVERS) {
      const match = pattern.exec(text);
      if (match) found.push(`${path.relative(dir, file)}: "${match[0]}"`);
    }
  }
  return found;
}

function compile(webpack, config) {
  return new Promise((resolve, reject) => {
    webpack(config, (error, stats) => {
      if (error) return reject(error);
      resolve(stats);
    });
  });
}

async function main() {
  const { values } = parseArgs({
    options: { "output-path": { type: "string" }, help: { type: "boolean", short: "h" } },
    strict: true,
  });
  if (values.help) {
    console.log(
      "usage: ADDIN_URL=https://host/path/ node scripts/build-prod.mjs [--output-path DIR]"
    );
    return;
  }
  let addinUrl;
  try {
    addinUrl = deploymentUrl(process.env.ADDIN_URL);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const outputPath = path.resolve(values["output-path"] ?? path.join(ROOT, "dist"));
  const shown = outputPath.startsWith(ROOT + path.sep)
    ? path.relative(ROOT, outputPath)
    : outputPath;
  console.log(`Building the add-in for ${addinUrl} into ${shown}/`);

  const webpack = require("webpack");
  const config = require(path.join(ROOT, "webpack.config.js"))(
    { addinUrl, outputPath },
    { mode: "production" }
  );
  const stats = await compile(webpack, config);
  if (stats.hasErrors()) {
    console.error(stats.toString({ all: false, errors: true, colors: false }));
    fail("webpack reported errors (above).");
  }
  const leftovers = leftoverUrls(outputPath);
  if (leftovers.length > 0) {
    fail(`the build still holds development or placeholder URLs:\n  ${leftovers.join("\n  ")}`);
  }
  console.log(
    [
      `Done. Deploy it:`,
      `  1. Copy everything in ${shown}/ to ${addinUrl} (any static https host).`,
      `  2. Check that ${addinUrl}taskpane.html opens in a browser (it says to open it in Excel).`,
      `  3. Give ${path.join(shown, "manifest.xml")} to your Microsoft 365 admin`,
      `     (Integrated apps) or put it in your add-in catalog; see README, "Deploying for a team".`,
    ].join("\n")
  );
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
