/**
 * QA of the wizard's Generate step in headless Chromium with the built pane (dist/), the
 * report worker (dist/report.worker.js) and the Office stand-in (SPEC §4 "Generate": progress
 * shown, cancellable, on failure or cancel nothing half-written, the source never modified):
 * the timings a user can hit — Cancel in the same moment as Generate, Cancel while the sheets
 * are being written, the worker failing after it started — each leaving the workbook as it was.
 */
import { mkdirSync } from "node:fs";
import { expect } from "../support/expect";
import type { Browser, Page } from "playwright-core";
import { launchChromium, requireChromium } from "../support/chromium";
import { OUTPUT, openPane } from "./pane";

const haveChromium = requireChromium("the QA report worker browser tests");

const CANCELLED = "Cancelled. Nothing was left in the workbook.";

let browser: Browser;
const blocked: string[] = [];

/** `rows` purchases of `customers` customers on a seeded generator (as the worker test seeds). */
function seedSales(rows: number, customers: number) {
  return (workbook: string) =>
    `${workbook}.seed("Sales", "A1", (function () {
      const rows = [["Customer", "Date", "Amount"]];
      let s = 11;
      const next = () => (s = (s * 48271) % 2147483647) / 2147483647;
      for (let i = 0; i < ${rows}; i++) {
        const c = Math.floor(next() * ${customers});
        const span = 730 * (0.3 + (0.7 * (c % 7)) / 6);
        rows.push([10000 + c, 45000 + Math.floor(next() * span), Math.round(next() * 20000) / 100]);
      }
      return rows;
    })());`;
}

const MEDIUM = seedSales(12_000, 3_000);
const SMALL = seedSales(300, 40);

function watchWorkers(page: Page): { started: string[]; closed: string[] } {
  const seen = { started: [] as string[], closed: [] as string[] };
  page.on("worker", (worker) => {
    seen.started.push(worker.url());
    worker.on("close", () => seen.closed.push(worker.url()));
  });
  return seen;
}

async function toOptions(page: Page): Promise<void> {
  await page.locator("#use-data").click();
  await page.locator("#step-mapping").waitFor({ state: "visible", timeout: 60_000 });
  await page.locator("#mapping-next").click();
  await page.locator("#step-options").waitFor({ state: "visible" });
}

/** The stand-in workbook's sheets and their cells. */
async function snapshot(page: Page): Promise<{ names: string[]; cells: unknown }> {
  return page.evaluate(() => {
    const workbook = (window as unknown as { __workbook: { snapshot(): { name: string }[] } })
      .__workbook;
    const cells = workbook.snapshot();
    return { names: cells.map((s) => s.name), cells };
  });
}

describe("Generate's races in headless Chromium", () => {
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

  it("Cancel in the same moment as Generate: cancelled, the worker ended, nothing written", async function () {
    this.timeout(120_000);
    const page = await openPane(browser, { language: "en-US", seed: SMALL, blocked });
    const workers = watchWorkers(page);
    await toOptions(page);
    const before = await snapshot(page);
    await page.evaluate(() => {
      (document.querySelector("#generate") as HTMLButtonElement).click();
      (document.querySelector("#cancel") as HTMLButtonElement).click();
    });
    await page
      .locator("#generate-status")
      .filter({ hasText: CANCELLED })
      .waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1_000);
    expect(await page.locator("#generate-status").textContent()).toBe(CANCELLED);
    expect(workers.closed.length).toBe(workers.started.length);
    expect(await snapshot(page)).toEqual(before);
    expect(await page.locator("#start-again").isVisible()).toBe(true);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it("Cancel while the sheets are written: cancelled, every sheet written so far removed", async function () {
    this.timeout(180_000);
    const page = await openPane(browser, { language: "en-US", seed: MEDIUM, blocked });
    await toOptions(page);
    const before = await snapshot(page);
    // Cancel pressed at the first "Writing the sheets" the pane shows
    await page.evaluate(() => {
      const status = document.querySelector("#generate-status")!;
      const observer = new MutationObserver(() => {
        if (status.textContent?.startsWith("Writing the sheets")) {
          observer.disconnect();
          (window as unknown as { __cancelledAt: string }).__cancelledAt = status.textContent;
          (document.querySelector("#cancel") as HTMLButtonElement).click();
        }
      });
      observer.observe(status, { childList: true, characterData: true, subtree: true });
      (document.querySelector("#generate") as HTMLButtonElement).click();
    });
    await page
      .locator("#generate-status.info, #generate-status.success, #generate-status.error")
      .filter({ hasNotText: "Computing" })
      .filter({ hasNotText: "Writing" })
      .waitFor({ timeout: 120_000 });
    const cancelledAt = await page.evaluate(
      () => (window as unknown as { __cancelledAt?: string }).__cancelledAt
    );
    expect(cancelledAt, "the pane said it was writing").toMatch(/^Writing the sheets/);
    expect(await page.locator("#generate-status").textContent()).toBe(CANCELLED);
    await page.waitForTimeout(500);
    expect(await snapshot(page)).toEqual(before);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it("the worker failing after it started: the failure said, no sheet written, no second computation", async function () {
    this.timeout(120_000);
    const page = await openPane(browser, {
      language: "en-US",
      seed: SMALL,
      blocked,
      // the worker starts (says ready), then breaks as an out-of-memory worker would
      initScript: () => {
        const Original = window.Worker;
        (window as unknown as { Worker: typeof Worker }).Worker = class extends Original {
          constructor(url: string | URL, options?: WorkerOptions) {
            super(url, options);
            this.addEventListener(
              "message",
              () =>
                setTimeout(() =>
                  this.dispatchEvent(new ErrorEvent("error", { message: "QA: the worker broke" }))
                ),
              { once: true }
            );
          }
        };
      },
    });
    await toOptions(page);
    const before = await snapshot(page);
    await page.locator("#generate").click();
    await page.locator("#generate-status.error").waitFor({ timeout: 60_000 });
    expect(await page.locator("#generate-status").textContent()).toContain("QA: the worker broke");
    expect(await page.locator("#step-generate").getAttribute("data-computed-in")).toBeNull();
    expect(await snapshot(page)).toEqual(before);
    expect(await page.locator("#cancel").isHidden()).toBe(true);
    expect(await page.locator("#start-again").isVisible()).toBe(true);
    await page.close();
  });
});
