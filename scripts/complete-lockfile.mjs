#!/usr/bin/env node
/**
 * Adds rollup's per-platform packages that are missing from package-lock.json.
 *
 * Why: `npm ci` refuses a lock file that lacks any optional dependency of a locked package, and
 * the registry mirror this project is developed against serves only the Linux builds of
 * @rollup/rollup-* (rollup comes with vitest). `npm install` then leaves the other platforms out
 * of the lock, and `npm ci` fails with "Missing: @rollup/rollup-darwin-arm64@ from lock file".
 * The entries added here carry the os/cpu/libc that each package declares (read from its name),
 * so npm skips them on other platforms without downloading anything; where one is needed, npm
 * fetches it by version (there is no integrity hash to add offline).
 *
 *   node scripts/complete-lockfile.mjs     (after an `npm install` that changed rollup's version)
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const LOCK = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../package-lock.json");

/** os, cpu and libc of a rollup platform package, from its name (rollup-<os>-<cpu>[-<abi>]). */
function platformOf(name) {
  const match = /^@rollup\/rollup-([a-z0-9]+)-([a-z0-9]+)(?:-([a-z0-9]+))?$/.exec(name);
  if (!match) return undefined;
  const [, os, cpu, abi] = match;
  const libc = os !== "linux" ? undefined : abi?.startsWith("musl") ? "musl" : "glibc";
  return { os, cpu, libc };
}

const lock = JSON.parse(fs.readFileSync(LOCK, "utf8"));
const packages = lock.packages;
const rollup = packages["node_modules/rollup"];
if (!rollup) {
  console.log("rollup is not in package-lock.json; nothing to do.");
  process.exit(0);
}

const added = [];
for (const name of Object.keys(rollup.optionalDependencies ?? {})) {
  const key = `node_modules/${name}`;
  const platform = platformOf(name);
  if (packages[key] || !platform) continue;
  packages[key] = {
    version: rollup.version,
    cpu: [platform.cpu],
    dev: true,
    ...(platform.libc ? { libc: [platform.libc] } : {}),
    license: "MIT",
    optional: true,
    os: [platform.os],
  };
  added.push(name);
}

// npm keeps the entries sorted this way; sorting keeps the next `npm install` diff empty.
const [rootKey, ...rest] = Object.keys(packages);
const sorted = { [rootKey]: packages[rootKey] };
for (const key of rest.sort((a, b) => a.localeCompare(b, "en"))) sorted[key] = packages[key];
lock.packages = sorted;

fs.writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
console.log(added.length ? `added ${added.join(", ")}` : "package-lock.json already complete.");
