#!/usr/bin/env node
/**
 * `npm run stop`: stops the dev servers that `npm start` (scripts/start.mjs) started and, on
 * Windows and macOS, removes the add-in sideloaded into desktop Excel by office-addin-debugging
 * (`npm run start:desktop` or `npm start -- --desktop`).
 *
 * On Linux nothing is sideloaded locally (there is no desktop Excel): an add-in uploaded to Excel
 * on the web stays in that browser until its cache is cleared.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** Written by scripts/start.mjs: one `<port>.json` ({ pid, port }) per running server. */
const RUN_DIR = path.join(ROOT, "node_modules", ".cache", "crm-retention-dev-server");

function isRunning(pid) {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // Guard against a recycled pid where the OS lets us check (Linux).
  const cmdline = `/proc/${pid}/cmdline`;
  return !fs.existsSync(cmdline) || fs.readFileSync(cmdline, "utf8").includes("start.mjs");
}

function stopDevServers() {
  const runFiles = fs.existsSync(RUN_DIR)
    ? fs.readdirSync(RUN_DIR).filter((f) => f.endsWith(".json"))
    : [];
  let stopped = 0;
  for (const name of runFiles) {
    const file = path.join(RUN_DIR, name);
    try {
      const { pid, port } = JSON.parse(fs.readFileSync(file, "utf8"));
      if (Number.isInteger(pid) && isRunning(pid)) {
        process.kill(pid, "SIGTERM");
        console.log(`Stopped the dev server on https://localhost:${port}/ (process ${pid}).`);
        stopped++;
      }
    } catch (error) {
      console.log(
        `Could not stop the server recorded in ${name}: ${error instanceof Error ? error.message : error}`
      );
    }
    fs.rmSync(file, { force: true });
  }
  if (stopped === 0) console.log("No dev server started by `npm start` is running.");
}

function removeDesktopSideload() {
  if (process.platform !== "win32" && process.platform !== "darwin") {
    console.log(
      "Nothing is sideloaded on this platform. To remove the add-in from Excel on the web, clear " +
        "the browser's cache (or remove it under Home > Add-ins > My Add-ins)."
    );
    return;
  }
  const cli = require.resolve("office-addin-debugging/cli.js");
  const result = spawnSync(process.execPath, [cli, "stop", path.join(ROOT, "manifest.xml")], {
    cwd: ROOT,
    stdio: "inherit",
  });
  if (result.status !== 0) process.exitCode = result.status ?? 1;
}

stopDevServers();
removeDesktopSideload();
