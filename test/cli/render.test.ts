/**
 * The workbook crm-report writes, opened by another spreadsheet program: LibreOffice (headless)
 * converts the CDNOW master report to PDF, and pdftoppm draws its first page as a PNG, saved
 * to test-output/cli/. A workbook LibreOffice cannot open gives no page.
 *
 * Needs Debian's libreoffice-calc and poppler-utils. Without them the test is skipped with a
 * loud warning, except under CI, where .ci/run installs them and their absence is a failure.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main";
import { CDNOW_DIR } from "../support/cdnowCells";

const OUTPUT = path.resolve(__dirname, "../../test-output/cli");

function which(command: string): string | undefined {
  try {
    return (
      execFileSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" }).trim() || undefined
    );
  } catch {
    return undefined;
  }
}

const soffice = which("soffice") ?? which("libreoffice");
const pdftoppm = which("pdftoppm");
const ready = Boolean(soffice && pdftoppm);
if (!ready) {
  const banner = "!".repeat(78);
  console.warn(
    `\n${banner}\n!! SKIPPED: the LibreOffice rendering check needs soffice and pdftoppm.\n` +
      "!! Install them (apt-get install -y libreoffice-calc poppler-utils); .ci/run does.\n" +
      `${banner}\n`
  );
  if (process.env.CI)
    throw new Error("CI: LibreOffice (soffice) or pdftoppm not found; .ci/run must install them.");
}

describe.skipIf(!ready)("the written workbook in LibreOffice", () => {
  it("converts to a PDF whose first page renders", async () => {
    const work = mkdtempSync(path.join(os.tmpdir(), "crm-render-"));
    const workbook = path.join(work, "cdnow-retention.xlsx");
    const code = await main([path.join(CDNOW_DIR, "CDNOW_master.txt"), "-o", workbook, "--quiet"], {
      stdout: { write: () => true },
      stderr: { write: () => true },
      env: {},
    });
    expect(code).toBe(0);
    execFileSync(
      soffice!,
      [
        `-env:UserInstallation=file://${work}/profile`,
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        work,
        workbook,
      ],
      { stdio: "pipe", timeout: 180_000 }
    );
    const pdf = path.join(work, "cdnow-retention.pdf");
    expect(existsSync(pdf)).toBe(true);
    execFileSync(
      pdftoppm!,
      ["-png", "-r", "60", "-f", "1", "-l", "1", pdf, path.join(work, "page")],
      { timeout: 60_000 }
    );
    const page = readdirSync(work).find((name) => /^page-0*1\.png$/.test(name));
    expect(page).toBeDefined();
    const png = path.join(work, page!);
    expect(statSync(png).size).toBeGreaterThan(5_000);
    mkdirSync(OUTPUT, { recursive: true });
    copyFileSync(png, path.join(OUTPUT, "cdnow-report-page-1.png"));
    copyFileSync(pdf, path.join(OUTPUT, "cdnow-report.pdf"));
  }, 240_000);
});
