/**
 * The wizard computes the report in a Web Worker (issue 14 part 4; SPEC §4 "Generate":
 * progress shown, cancellable, nothing half-written), in the built pane in headless Chromium
 * with the office.js stand-in (see pane.ts):
 * - the report is computed in dist/report.worker.js (Chromium reports the worker; the pane says
 *   `data-computed-in="worker"`), and the pane's thread stays responsive meanwhile: a timer
 *   keeps ticking while a 20,000-row report computes, where without a worker it stalls;
 * - Cancel while the report computes ends the worker at once and leaves the workbook as it was
 *   (no request sent to Excel at all);
 * - without Worker, or when the worker's script cannot load, the pane computes on its own
 *   thread and the report is still made.
 *
 * Needs Debian's chromium (test/support/chromium.ts); skipped with a loud warning without it,
 * except under CI.
 */
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "../support/expect";
import type { Browser, Page } from "playwright-core";
import { launchChromium, requireChromium } from "../support/chromium";
import { DIST, OUTPUT, ORIGIN, openPane } from "./pane";

const haveChromium = requireChromium("the report worker browser tests");

/** What the pane shows while the report computes, and once cancelled (taskpane.strings.ts). */
const COMPUTING = "Computing the report…";
const CANCELLED = "Cancelled. Nothing was left in the workbook.";

let browser: Browser;
const blocked: string[] = [];

/**
 * `rows` purchases of `customers` customers over two years from 2023-03-17 (serial 45000), on
 * "Sales" at A1 and selected: ids and dates as numbers, as Excel gives them. Generated in the
 * page (a fixed LCG) so the stand-in's script stays small.
 */
function seedSales(rows: number, customers: number) {
  return (workbook: string) =>
    `${workbook}.seed("Sales", "A1", (function () {
      const rows = [["Customer", "Date", "Amount"]];
      let s = 7;
      const next = () => (s = (s * 48271) % 2147483647) / 2147483647;
      for (let i = 0; i < ${rows}; i++) {
        const c = Math.floor(next() * ${customers});
        const span = 730 * (0.3 + (0.7 * (c % 7)) / 6);
        rows.push([10000 + c, 45000 + Math.floor(next() * span), Math.round(next() * 20000) / 100]);
      }
      return rows;
    })());`;
}

/** Large enough that computing the report takes a second or more (the predictive fit). */
const LARGE = seedSales(20_000, 4_000);
const SMALL = seedSales(300, 40);

/** The dedicated workers the page starts, and those that ended (terminated). */
function watchWorkers(page: Page): { started: string[]; closed: string[] } {
  const seen = { started: [] as string[], closed: [] as string[] };
  page.on("worker", (worker) => {
    seen.started.push(worker.url());
    worker.on("close", () => seen.closed.push(worker.url()));
  });
  return seen;
}

/** Data (the selection) → columns (as detected) → options: the pane ready to generate. */
async function toOptions(page: Page): Promise<void> {
  await page.locator("#use-data").click();
  await page.locator("#step-mapping").waitFor({ state: "visible", timeout: 60_000 });
  expect(await page.locator("#map-customerId").inputValue()).toBe("0");
  expect(await page.locator("#map-date").inputValue()).toBe("1");
  expect(await page.locator("#map-amount").inputValue()).toBe("2");
  await page.locator("#mapping-next").click();
  await page.locator("#step-options").waitFor({ state: "visible" });
}

/**
 * Starts a timer (every 10 ms) in the page that measures, while the pane says it is computing,
 * the longest wait between ticks: what a user feels as a frozen pane.
 */
async function startTicking(page: Page): Promise<void> {
  await page.evaluate((computing) => {
    const status = document.querySelector("#generate-status")!;
    const record = { maxGap: 0, from: -1, to: -1, ticks: 0, last: performance.now(), was: false };
    (window as unknown as { __ticks: typeof record }).__ticks = record;
    setInterval(() => {
      const now = performance.now();
      const is = status.textContent === computing;
      if (record.was) {
        record.maxGap = Math.max(record.maxGap, now - record.last);
        record.ticks++;
        record.to = now;
      }
      if (is && record.from < 0) record.from = now;
      record.was = is;
      record.last = now;
    }, 10);
  }, COMPUTING);
}

async function ticks(page: Page): Promise<{ maxGap: number; computingMs: number; ticks: number }> {
  return page.evaluate(() => {
    const r = (
      window as unknown as { __ticks: { maxGap: number; from: number; to: number; ticks: number } }
    ).__ticks;
    return { maxGap: r.maxGap, computingMs: r.to - r.from, ticks: r.ticks };
  });
}

interface Book {
  names: string[];
  syncs: number;
  snapshot: unknown;
}

async function book(page: Page): Promise<Book> {
  return page.evaluate(() => {
    const workbook = (
      window as unknown as {
        __workbook: { snapshot(): { name: string }[]; syncCount: number };
      }
    ).__workbook;
    const snapshot = workbook.snapshot();
    return { names: snapshot.map((s) => s.name), syncs: workbook.syncCount, snapshot };
  });
}

function shot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: path.join(OUTPUT, `${name}.png`), fullPage: true });
}

describe("the built worker (dist/report.worker.js)", () => {
  const read = (name: string) => readFileSync(path.join(DIST, name), "utf8");

  it("is one standalone script, with the core and no Office API, started by the pane alone", () => {
    const worker = read("report.worker.js");
    // the core's report (buildReport's sheets) is in it; nothing loads more code
    expect(worker).toContain("Retention summary");
    expect(worker).not.toMatch(/importScripts|webpackChunk|__webpack_require__\.e\b/);
    // Excel.run exists only on the pane's thread: the worker never touches the workbook
    expect(worker).not.toMatch(/Excel\.run|Office\.context|CustomFunctions/);
    // the page does not load it as a script; taskpane.js starts it, by a URL relative to itself
    expect(read("taskpane.html")).not.toContain("report.worker");
    expect(read("taskpane.js")).toMatch(/new Worker\(new URL\(/);
    expect(read("functions.js")).not.toContain("new Worker");
  });
});

describe("the report's Web Worker in headless Chromium", () => {
  before(function () {
    if (!haveChromium) this.skip();
  });
  before(async function () {
    this.timeout(60_000);
    mkdirSync(OUTPUT, { recursive: true });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
  });

  it("computes the report in the worker while the pane stays responsive", async function () {
    this.timeout(180_000);
    const page = await openPane(browser, { language: "en-US", seed: LARGE, blocked });
    const workers = watchWorkers(page);
    await toOptions(page);
    await startTicking(page);
    await page.locator("#generate").click();
    await page.locator("#generate-status.success").waitFor({ timeout: 120_000 });
    await shot(page, "worker-en-4-done");

    // computed in dist/report.worker.js, same origin, and the worker ended with the job
    expect(workers.started).toEqual([`${ORIGIN}/report.worker.js`]);
    expect(await page.locator("#step-generate").getAttribute("data-computed-in")).toBe("worker");
    await expect.poll(() => workers.closed.length, { timeout: 10_000 }).toBe(1);
    expect((await book(page)).names).toEqual([
      "Sales",
      "Retention summary",
      "Customers to act on",
      "Customer value",
      "Model",
    ]);

    // the timer kept ticking all along the computation (a frozen pane would stall it for its
    // whole length; see the no-Worker case below)
    const measured = await ticks(page);
    const seen = JSON.stringify(measured);
    expect(measured.computingMs, seen).toBeGreaterThan(500);
    expect(measured.maxGap, seen).toBeLessThan(400); // ~80 ms seen on a loaded 2-core machine
    expect(measured.ticks, seen).toBeGreaterThan(measured.computingMs / 100);
    expect(blocked).toEqual([]);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it("Cancel while the report computes ends the worker at once; the workbook is untouched", async function () {
    this.timeout(180_000);
    const page = await openPane(browser, { language: "en-US", seed: LARGE, blocked });
    const workers = watchWorkers(page);
    await toOptions(page);
    const before = await book(page);
    await page.locator("#generate").click();
    // the worker has read the rows and is computing the metrics (progress at its "build" stage)
    await page.waitForFunction(
      () => (document.querySelector("#progress") as HTMLProgressElement).value === 8,
      undefined,
      { timeout: 60_000 }
    );
    expect(await page.locator("#generate-status").textContent()).toBe(COMPUTING);
    expect(workers.started).toHaveLength(1);
    expect(workers.closed).toEqual([]);

    const elapsed = await page.evaluate(async (cancelled) => {
      const status = document.querySelector("#generate-status")!;
      const start = performance.now();
      (document.querySelector("#cancel") as HTMLButtonElement).click();
      while (status.textContent !== cancelled) await new Promise((r) => setTimeout(r, 1));
      return performance.now() - start;
    }, CANCELLED);
    // at once: no waiting for the computation to finish
    expect(elapsed, `${elapsed} ms`).toBeLessThan(250); // ~20 ms seen; computing takes seconds
    await expect.poll(() => workers.closed.length, { timeout: 5_000 }).toBe(1);
    await shot(page, "worker-en-4-cancelled");
    expect(await page.locator("#cancel").isHidden()).toBe(true);
    expect(await page.locator("#start-again").isVisible()).toBe(true);

    // nothing written, then or later: not one request reached Excel
    await page.waitForTimeout(1_000);
    const after = await book(page);
    expect(after.syncs).toBe(before.syncs);
    expect(after.snapshot).toEqual(before.snapshot);
    expect(await page.locator("#generate-status").textContent()).toBe(CANCELLED);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it("without Worker, computes on the pane's thread (which then stalls) and still makes the report", async function () {
    this.timeout(180_000);
    const page = await openPane(browser, {
      language: "en-US",
      seed: LARGE,
      blocked,
      initScript: () => {
        delete (window as { Worker?: unknown }).Worker;
      },
    });
    const workers = watchWorkers(page);
    await toOptions(page);
    await startTicking(page);
    await page.locator("#generate").click();
    await page.locator("#generate-status.success").waitFor({ timeout: 120_000 });
    expect(await page.locator("#step-generate").getAttribute("data-computed-in")).toBe(
      "main thread"
    );
    expect(workers.started).toEqual([]);
    // the contrast that makes the responsive case above mean something: the timer stalls
    const measured = await ticks(page);
    expect(measured.maxGap, JSON.stringify(measured)).toBeGreaterThan(500);
    expect((await book(page)).names).toContain("Retention summary");
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it("when the worker's script cannot load, computes on the pane's thread instead", async function () {
    this.timeout(120_000);
    const page = await openPane(browser, {
      language: "zh-CN",
      seed: SMALL,
      blocked,
      missing: ["/report.worker.js"],
    });
    await toOptions(page);
    await page.locator("#generate").click();
    await page.locator("#generate-status.success").waitFor({ timeout: 60_000 });
    expect(await page.locator("#step-generate").getAttribute("data-computed-in")).toBe(
      "main thread"
    );
    expect((await book(page)).names).toEqual([
      "Sales",
      "留存分析摘要",
      "需跟进的客户",
      "客户价值",
      "模型",
    ]);
    expect(blocked).toEqual([]);
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
