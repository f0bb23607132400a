/**
 * The workbook crm-report writes, opened by another spreadsheet program: LibreOffice (headless)
 * converts the CDNOW master report to PDF, and pdftoppm draws its first page as a PNG, saved
 * to test-output/cli/. A workbook LibreOffice cannot open gives no page.
 *
 * The summary sheet, in English and in Simplified Chinese, written alone to a workbook (the
 * model crm-report builds for CDNOW_master.txt): it prints on exactly one landscape page
 * (pdfinfo: 1 page, wider than tall), drawn to test-output/cli/cdnow-summary-<lang>.png, and
 * no text overflows its cell (reportLayout.ts's measure: every text cell fits its column's
 * width, or the empty cells to its right, or wraps in a row tall enough; and in the PDF's
 * text, no number LibreOffice had to show as ###).
 *
 * Needs Debian's libreoffice-calc and poppler-utils. Without them the test is skipped with a
 * loud warning, except under CI, where .ci/run installs them and their absence is a failure.
 */
import { execFileSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  statSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "../support/expect";
import { main, parseArguments, reportForFile } from "../../src/cli/main";
import { reportWorkbookBuffer } from "../../src/cli/xlsxWriter";
import { layoutOverflows, toReportWorkbook } from "../../src/core/report/reportLayout";
import { CDNOW_DIR } from "../support/cdnowCells";

const OUTPUT = path.resolve(import.meta.dirname, "../../test-output/cli");

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
const pdfinfo = which("pdfinfo");
const pdftotext = which("pdftotext");
const ready = Boolean(soffice && pdftoppm && pdfinfo && pdftotext);
if (!ready) {
  const banner = "!".repeat(78);
  console.warn(
    `\n${banner}\n!! SKIPPED: the LibreOffice rendering check needs soffice and poppler's pdftoppm, pdfinfo, pdftotext.\n` +
      "!! Install them (apt-get install -y libreoffice-calc poppler-utils); .ci/run does.\n" +
      `${banner}\n`
  );
  if (process.env.CI)
    throw new Error(
      "CI: LibreOffice (soffice) or poppler-utils (pdftoppm, pdfinfo, pdftotext) not found; .ci/run must install them."
    );
}

describe("the written workbook in LibreOffice", () => {
  before(function () {
    if (!ready) this.skip();
  });
  it("converts to a PDF whose first page renders", async function () {
    this.timeout(240_000);
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
  });
});

/** Converts a workbook to PDF with LibreOffice (its own profile in `work`); returns the PDF's path. */
function toPdf(work: string, workbook: string): string {
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
  const pdf = workbook.replace(/\.xlsx$/, ".pdf");
  expect(existsSync(pdf)).toBe(true);
  return pdf;
}

/** pdfinfo's page count and first page size (points). */
function pdfPages(pdf: string): { pages: number; width: number; height: number } {
  const info = execFileSync(pdfinfo!, [pdf], { encoding: "utf8" });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info);
  return { pages, width: Number(size?.[1]), height: Number(size?.[2]) };
}

describe("the CDNOW summary sheet in LibreOffice", () => {
  before(function () {
    if (!ready) this.skip();
  });
  for (const language of ["en", "zh-CN"] as const) {
    it(`prints on exactly one landscape page, no text overflowing (${language})`, async function () {
      this.timeout(300_000);
      const report = await reportForFile(
        parseArguments([path.join(CDNOW_DIR, "CDNOW_master.txt"), "--quiet", "--lang", language])
      );
      const workbook = toReportWorkbook(report.model);
      const summary = workbook.sheets.find((s) => s.kind === "summary") ?? workbook.sheets[0]!;
      expect(summary.pageSetup).toMatchObject({
        orientation: "landscape",
        fitToWidth: 1,
        fitToHeight: 1,
      });
      // every text cell fits its column, or wraps in a row tall enough (reportLayout.ts)
      expect(layoutOverflows(summary)).toEqual([]);

      const work = mkdtempSync(path.join(os.tmpdir(), "crm-summary-"));
      const file = path.join(work, `cdnow-summary-${language}.xlsx`);
      writeFileSync(file, await reportWorkbookBuffer({ mode: workbook.mode, sheets: [summary] }));
      const pdf = toPdf(work, file);
      const { pages, width, height } = pdfPages(pdf);
      expect(pages).toBe(1);
      expect(width).toBeGreaterThan(height); // landscape
      // as LibreOffice drew it: no number too wide for its column (shown as ###)
      const text = execFileSync(pdftotext!, ["-layout", pdf, "-"], { encoding: "utf8" });
      expect(text).not.toContain("###");
      expect(text).toContain(language === "en" ? "Retention summary" : "留存");

      execFileSync(
        pdftoppm!,
        ["-png", "-r", "110", "-singlefile", pdf, path.join(work, "summary")],
        {
          timeout: 60_000,
        }
      );
      const png = path.join(work, "summary.png");
      expect(statSync(png).size).toBeGreaterThan(5_000);
      mkdirSync(OUTPUT, { recursive: true });
      copyFileSync(png, path.join(OUTPUT, `cdnow-summary-${language}.png`));
      copyFileSync(pdf, path.join(OUTPUT, `cdnow-summary-${language}.pdf`));
    });
  }
});
