/**
 * The built command (bin/crm-report.mjs running dist/cli, made by scripts/build-cli.mjs: run
 * this file under the dist lock after the build) as a user runs it: exit codes and one-line
 * messages from a real process, and Ctrl+C leaving nothing behind.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "../support/expect";
import { CDNOW_DIR } from "../support/cdnowCells";

const BIN = path.resolve("bin/crm-report.mjs");

describe("bin/crm-report.mjs", () => {
  it("a damaged .xlsx: exit 3, one line, no stack trace", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "crm-bin-"));
    const input = path.join(dir, "broken.xlsx");
    writeFileSync(input, "PK\u0003\u0004 not really a zip");
    const result = spawnSync(process.execPath, [BIN, input, "--quiet"], { encoding: "utf8" });
    expect(result.status).toBe(3);
    expect(result.stderr).toBe(
      "crm-report: the file is not a readable .xlsx workbook (damaged, or another kind of file).\n"
    );
  });

  it("shared/cases big5-traditional.csv → a workbook, exit 0", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "crm-bin-"));
    const output = path.join(dir, "big5.xlsx");
    const result = spawnSync(
      process.execPath,
      [BIN, "../shared/cases/big5-traditional.csv", "-o", output, "--quiet"],
      { encoding: "utf8" }
    );
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(readdirSync(dir)).toEqual(["big5.xlsx"]);
  });

  it("Ctrl+C: exit 130, no workbook and no temporary file left", async function () {
    this.timeout(60_000);
    const dir = mkdtempSync(path.join(os.tmpdir(), "crm-bin-"));
    const output = path.join(dir, "cdnow.xlsx");
    const child = spawn(process.execPath, [
      BIN,
      path.join(CDNOW_DIR, "CDNOW_master.txt"),
      "-o",
      output,
    ]);
    let stderr = "";
    const ended = await new Promise<{ status: number | null; signal: string | null }>((resolve) => {
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes("checking rows")) child.kill("SIGINT");
      });
      child.on("close", (status, signal) => resolve({ status, signal }));
    });
    // While the report is computed, Node's own SIGINT handling stops the process at once (a
    // shell shows exit 130); while it is written, the command's handler removes the temporary
    // file and exits 130 itself (QA round 2: a handler installed from the start held Ctrl+C
    // back until a long computation had ended).
    expect(ended.status === 130 || ended.signal === "SIGINT").toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });
});
