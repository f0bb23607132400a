/**
 * The built task pane (dist/taskpane.html with its bundles) in headless Chromium, walked as a
 * user walks it: choose the data, correct a mapping, look at the data-quality report, press
 * Generate, in English and in Chinese. Office.js is replaced by test/browser/office-stand-in.js,
 * which keeps the workbook in memory; every other request is answered from dist/ or refused, so
 * the test needs no network. Screenshots go to test-output/browser/.
 *
 * Needs Debian's chromium (/usr/bin/chromium, or CHROMIUM_PATH). Without it the tests are
 * skipped with a loud warning, except under CI, where .ci/run installs it and a missing browser
 * is a failure.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { previewHtml, type PreviewSheet } from "./sheetPreview";

const ROOT = path.resolve(__dirname, "../..");
const DIST = path.join(ROOT, "dist");
const STAND_IN = path.join(__dirname, "office-stand-in.js");
const OUTPUT = path.join(ROOT, "test-output", "browser");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ORIGIN = "https://localhost:3000";
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  const banner = "!".repeat(78);
  console.warn(
    `\n${banner}\n!! SKIPPED: the task pane browser tests need Chromium at ${CHROMIUM}.\n` +
      "!! Install it (apt-get install -y chromium) or set CHROMIUM_PATH; .ci/run does.\n" +
      `${banner}\n`
  );
  if (process.env.CI)
    throw new Error(`CI: Chromium not found at ${CHROMIUM}; .ci/run must install it.`);
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".xml": "application/xml",
};

let browser: Browser;
const blocked: string[] = [];

async function openTaskpane(language: string, seed: (workbook: string) => string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 360, height: 900 }, locale: language });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  (page as Page & { errors?: string[] }).errors = errors;
  await page.route("**/*", async (route) => {
    const url = route.request().url();
    if (url.startsWith(OFFICE_JS)) {
      const body = `${readFileSync(STAND_IN, "utf8")}\n;${seed("window.__workbook")}`;
      return route.fulfill({ status: 200, contentType: CONTENT_TYPES[".js"], body });
    }
    if (url.startsWith(`${ORIGIN}/`)) {
      const file = path.join(DIST, decodeURIComponent(new URL(url).pathname));
      if (file.startsWith(DIST) && existsSync(file)) {
        return route.fulfill({
          status: 200,
          contentType: CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream",
          body: readFileSync(file),
        });
      }
      return route.fulfill({ status: 404, body: "not found" });
    }
    blocked.push(url);
    return route.abort("blockedbyclient");
  });
  await page.goto(`${ORIGIN}/taskpane.html?lang=${language}`);
  await page.locator("#app").waitFor({ state: "visible" });
  return page;
}

function shot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: path.join(OUTPUT, `${name}.png`), fullPage: true });
}

/** The in-memory workbook of the stand-in, as plain data. */
interface SheetSnapshot extends PreviewSheet {
  tables: { name: string; address: string }[];
}

/** Saves a picture of the generated sheet's model (see sheetPreview.ts). */
async function shotSheet(sheet: SheetSnapshot, name: string): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.route("**/*", (route) => route.abort("blockedbyclient"));
  await page.setContent(previewHtml(sheet));
  await page.screenshot({ path: path.join(OUTPUT, `${name}.png`), fullPage: true });
  await page.close();
}

async function sheets(page: Page): Promise<SheetSnapshot[]> {
  return page.evaluate(() =>
    (window as unknown as { __workbook: { snapshot(): unknown } }).__workbook.snapshot()
  ) as Promise<SheetSnapshot[]>;
}

function englishSales(): unknown[][] {
  const rows: unknown[][] = [
    ["Customer", "Order date", "Price", "Line total", "<img src=x onerror=alert(1)>"],
  ];
  const start = 45292; // 2024-01-01
  for (let i = 0; i < 60; i++) {
    const customer = 1001 + (i % 12);
    const day = start + Math.floor(i * 5.5);
    rows.push([
      customer,
      day,
      9.99,
      Math.round((20 + ((i * 37) % 90)) * 100) / 100,
      i === 3 ? "<b>not bold</b>" : "",
    ]);
  }
  rows[10]![1] = "next Tuesday"; // a row to skip: not a date
  return rows;
}

function chineseSales(): unknown[][] {
  const rows: unknown[][] = [["会员编号", "交易日期", "消费金额"]];
  const start = 45292;
  for (let i = 0; i < 80; i++) {
    rows.push([
      `VIP${String(1 + (i % 15)).padStart(3, "0")}`,
      `2024年${1 + Math.floor(i / 14)}月${1 + ((i * 3) % 27)}日`,
      50 + ((i * 13) % 200),
    ]);
  }
  void start;
  return rows;
}

describe.skipIf(!haveChromium)("the task pane in headless Chromium", () => {
  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("English: selected region → corrected mapping → data quality → generate", async () => {
    const source = englishSales();
    const page = await openTaskpane(
      "en-US",
      (wb) => `${wb}.seed("Sales", "A1", ${JSON.stringify(source)}, { select: "B2" });`
    );
    expect(await page.locator("#step-data-title").textContent()).toBe("1. Choose the transactions");
    await shot(page, "en-1-data");

    // keyboard: move to the "region" choice and use the data
    await page.locator("#source-region").focus();
    await page.keyboard.press("Space");
    await page.locator("#use-data").click();
    await page.locator("#step-mapping").waitFor({ state: "visible" });
    expect(await page.locator("#data-status").textContent()).toContain("61 rows × 5 columns");

    // "Price" is an amount synonym, so the wizard guessed it; the user picks "Line total"
    expect(await page.locator("#map-customerId").inputValue()).toBe("0");
    expect(await page.locator("#map-date").inputValue()).toBe("1");
    expect(await page.locator("#map-amount").inputValue()).toBe("2");
    await page.locator("#map-amount").selectOption("3");
    // the hostile header and cell are shown as text, never as HTML
    expect(await page.locator("#preview img").count()).toBe(0);
    expect(await page.locator("#preview b").count()).toBe(0);
    expect(await page.locator("#preview thead").textContent()).toContain(
      "<img src=x onerror=alert(1)>"
    );
    expect(await page.locator("#preview tbody").textContent()).toContain("<b>not bold</b>");
    const quality = await page.locator("#quality").textContent();
    expect(quality).toContain("59 of 60 rows will be used; 1 will be skipped");
    expect(quality).toContain("Row 11, Order date: not a date");
    await shot(page, "en-2-mapping");

    await page.locator("#mapping-next").click();
    await page.locator("#step-options").waitFor({ state: "visible" });
    expect(await page.locator("#mode-formulas").isDisabled()).toBe(true); // a row is unreadable
    await page.locator("#opt-period").selectOption("quarter");
    await shot(page, "en-3-options");

    await page.locator("#generate").click();
    await page.locator("#generate-status.success").waitFor({ timeout: 30_000 });
    expect(await page.locator("#generate-status").textContent()).toBe(
      'Done: the report is on the new sheet "Retention summary".'
    );
    await shot(page, "en-4-done");

    const book = await sheets(page);
    const sales = book.find((s) => s.name === "Sales")!;
    expect(sales.values.slice(0, source.length)).toEqual(source); // the source is untouched
    const report = book.find((s) => s.name === "Retention summary")!;
    expect(report.values[0]![0]).toBe("Retention summary");
    await shotSheet(report, "en-5-sheet");
    expect(report.tables.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        "CrmChurnTrend",
        "CrmCohorts",
        "CrmAlertLevels",
        "CrmGrades",
        "CrmSegments",
      ])
    );
    expect(report.charts.length).toBe(2);
    expect(report.conditionalFormats.some((f) => /color/i.test(f.type))).toBe(true);
    expect(blocked).toEqual([]);
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
    await page.close();
  });

  it("中文: a named table, Chinese headers detected, an existing sheet kept", async () => {
    const source = chineseSales();
    const page = await openTaskpane(
      "zh-CN",
      (wb) =>
        `${wb}.seed("销售", "B3", ${JSON.stringify(source)}, { tableName: "订单表" });` +
        `${wb}.seed("留存分析摘要", "A1", [["别人的工作表"]]);`
    );
    expect(await page.locator("#step-data-title").textContent()).toBe("1. 选择交易数据");
    await page.locator("#source-table").check();
    await page.locator("#source-table-name").selectOption("订单表");
    await shot(page, "zh-1-data");
    await page.locator("#use-data").click();
    await page.locator("#step-mapping").waitFor({ state: "visible" });
    expect(await page.locator("#map-customerId").inputValue()).toBe("0");
    expect(await page.locator("#map-date").inputValue()).toBe("1");
    expect(await page.locator("#map-amount").inputValue()).toBe("2");
    expect(await page.locator("#quality").textContent()).toContain("所有行均可读取");
    await shot(page, "zh-2-mapping");

    await page.locator("#mapping-next").click();
    await page.locator("#mode-formulas").check();
    await shot(page, "zh-3-options");
    await page.locator("#generate").click();
    await page.locator("#generate-status.success").waitFor({ timeout: 30_000 });
    expect(await page.locator("#generate-status").textContent()).toBe(
      "完成：报告位于新工作表“留存分析摘要 (2)”。"
    );
    await shot(page, "zh-4-done");

    const book = await sheets(page);
    expect(book.find((s) => s.name === "留存分析摘要")!.values).toEqual([["别人的工作表"]]);
    const report = book.find((s) => s.name === "留存分析摘要 (2)")!;
    expect(report.values[0]![0]).toBe("客户留存分析摘要");
    await shotSheet(report, "zh-5-sheet");
    const formulas = (report.formulas ?? [])
      .flat()
      .filter((f): f is string => typeof f === "string" && f.startsWith("="));
    expect(
      formulas.some((f) => f.startsWith("=CRM.CHURNTREND(订单表[会员编号],订单表[交易日期],"))
    ).toBe(true);
    expect(blocked).toEqual([]);
    await page.close();
  });
});
