/**
 * The built task pane (dist/taskpane.html) with the REAL Office.js, opened outside Office, as a
 * user who opens the page straight in a browser sees it. The page keeps loading office.js from
 * Microsoft's CDN (store validation requires it); here every request for the CDN's
 * /lib/1/hosted/ folder is answered from the npm package @microsoft/office-js
 * (node_modules/@microsoft/office-js/dist/, the same files), dist/ is served as
 * https://localhost:3000/ and every other request is refused, so the test needs no network.
 *
 * What the real library does outside Office (observed with @microsoft/office-js 1.1.110): it
 * loads o15apptofilemappingtable.js, logs "Warning: Office.js is loaded outside of Office
 * client" and resolves Office.onReady with { host: null, platform: null }. The pane must then
 * say, in words and in the browser's language, that it is to be opened in Excel, rather than
 * fail silently or wait forever; and it must say so too when office.js cannot be loaded at all.
 * The Excel-driven steps are tested with the stand-in (taskpane.browser.test.ts).
 *
 * Needs Debian's chromium (/usr/bin/chromium, or CHROMIUM_PATH). Without it the tests are
 * skipped with a loud warning, except under CI, where .ci/run installs it and a missing browser
 * is a failure.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "../support/expect";
import type { Browser, Page } from "playwright-core";
import { launchChromium, requireChromium } from "../support/chromium";
import { TASKPANE_STRINGS } from "../../src/i18n/taskpane.strings";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DIST = path.join(ROOT, "dist");
const OFFICE_JS_PACKAGE = path.join(ROOT, "node_modules", "@microsoft", "office-js", "dist");
const OUTPUT = path.join(ROOT, "test-output", "browser");
const ORIGIN = "https://localhost:3000";
/** The folder of Microsoft's CDN that taskpane.html loads office.js from. */
const CDN_FOLDER = "https://appsforoffice.microsoft.com/lib/1/hosted/";
/** How long the pane may take to say where it works (it takes well under a second). */
const ANSWER_WITHIN_MS = 15_000;

const haveChromium = requireChromium("the real-Office.js browser tests");

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
};

/** Answers `url` from the file under `folder` that its path (after `prefix`) names, or 404. */
function fileFor(folder: string, prefix: string, url: string): string | undefined {
  const relative = decodeURIComponent(new URL(url).pathname).slice(prefix.length);
  const file = path.join(folder, relative);
  return file.startsWith(folder + path.sep) && existsSync(file) ? file : undefined;
}

interface Visit {
  readonly page: Page;
  /** CDN files office.js asked for, each with whether the package had it. */
  readonly officeFiles: { url: string; found: boolean }[];
  /** Requests refused because they would have left the machine. */
  readonly blocked: string[];
  readonly pageErrors: string[];
  readonly console: string[];
}

let browser: Browser;

/**
 * Opens dist/taskpane.html in a browser whose language is `locale`. With `officeJs` false, the
 * CDN is unreachable (as offline or behind a proxy that blocks it).
 */
async function visit(locale: string, officeJs = true): Promise<Visit> {
  const page = await browser.newPage({ viewport: { width: 360, height: 700 }, locale });
  const result: Visit = { page, officeFiles: [], blocked: [], pageErrors: [], console: [] };
  page.on("pageerror", (error) => result.pageErrors.push(String(error)));
  page.on("console", (message) => result.console.push(message.text()));
  await page.route("**/*", async (route) => {
    const url = route.request().url();
    if (url.startsWith(CDN_FOLDER) && officeJs) {
      const file = fileFor(OFFICE_JS_PACKAGE, new URL(CDN_FOLDER).pathname, url);
      result.officeFiles.push({ url, found: file !== undefined });
      if (!file) return route.fulfill({ status: 404, body: "not in @microsoft/office-js" });
      return route.fulfill({
        status: 200,
        contentType: CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream",
        body: readFileSync(file),
      });
    }
    if (url.startsWith(`${ORIGIN}/`)) {
      const file = fileFor(DIST, "/", url);
      if (!file) return route.fulfill({ status: 404, body: "not found" });
      return route.fulfill({
        status: 200,
        contentType: CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream",
        body: readFileSync(file),
      });
    }
    result.blocked.push(url);
    return route.abort("blockedbyclient");
  });
  await page.goto(`${ORIGIN}/taskpane.html`);
  return result;
}

/** What the pane shows once its script has run (it sets the page's title when it has). */
async function shown(page: Page, title: string) {
  await page.waitForFunction((expected) => document.title === expected, title, {
    timeout: ANSWER_WITHIN_MS,
  });
  const notice = page.locator("#outside-office");
  return {
    noticeVisible: await notice.isVisible(),
    notice: (await notice.innerText()).trim(),
    appVisible: await page.locator("#app").isVisible(),
    lang: await page.evaluate(() => document.documentElement.lang),
    reference: await page.locator("#reference-link").getAttribute("href"),
  };
}

describe("the task pane with the real Office.js, outside Office", () => {
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

  it("the built page loads office.js from Microsoft's CDN, which the package can stand for", () => {
    const html = readFileSync(path.join(DIST, "taskpane.html"), "utf8");
    // the build minifies the page, so the attribute may lose its quotes
    expect(html).toMatch(
      /<script src="?https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js"?>/
    );
    expect(existsSync(path.join(OFFICE_JS_PACKAGE, "office.js"))).toBe(true);
  });

  it("English: Office.onReady resolves with no host and the pane says to open it in Excel", async () => {
    const { page, officeFiles, blocked, pageErrors, console: logs } = await visit("en-US");
    const info = await page.evaluate(
      (ms) =>
        Promise.race([
          Office.onReady().then((ready) => ({ host: ready.host, platform: ready.platform })),
          new Promise<string>((resolve) => setTimeout(() => resolve("no answer"), ms)),
        ]),
      ANSWER_WITHIN_MS
    );
    // the real library, outside Office: no host, no platform
    expect(info).toEqual({ host: null, platform: null });
    expect(
      logs.some((line) => /outside of Office client/i.test(line)),
      logs.join("\n")
    ).toBe(true);

    const en = TASKPANE_STRINGS.en;
    const pane = await shown(page, en.appTitle);
    expect(pane.noticeVisible).toBe(true);
    expect(pane.notice).toBe(en.outsideOffice);
    expect(pane.notice).toMatch(/Open it from Excel/);
    expect(pane.appVisible).toBe(false);
    expect(pane.lang).toBe("en");
    expect(pane.reference).toBe(en.referencePage);

    // office.js itself and what it loaded came from the package; nothing left the machine
    expect(officeFiles[0]?.url).toBe(`${CDN_FOLDER}office.js`);
    expect(officeFiles.filter((f) => !f.found)).toEqual([]);
    expect(blocked).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.screenshot({ path: path.join(OUTPUT, "outside-office-en.png"), fullPage: true });
    await page.close();
  });

  it("Simplified Chinese: the same notice in the browser's language", async () => {
    const { page, officeFiles, blocked, pageErrors } = await visit("zh-CN");
    const zh = TASKPANE_STRINGS["zh-CN"];
    const pane = await shown(page, zh.appTitle);
    expect(pane.noticeVisible).toBe(true);
    expect(pane.notice).toBe(zh.outsideOffice);
    expect(pane.notice).toContain("请在 Excel 中打开");
    expect(pane.appVisible).toBe(false);
    expect(pane.lang).toBe("zh-CN");
    expect(pane.reference).toBe(zh.referencePage);
    expect(officeFiles.length).toBeGreaterThan(0);
    expect(officeFiles.filter((f) => !f.found)).toEqual([]);
    expect(blocked).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.screenshot({ path: path.join(OUTPUT, "outside-office-zh-CN.png"), fullPage: true });
    await page.close();
  });

  it("Traditional Chinese (zh-TW browser)", async () => {
    const { page, pageErrors } = await visit("zh-TW");
    const zh = TASKPANE_STRINGS["zh-TW"];
    const pane = await shown(page, zh.appTitle);
    expect(pane.noticeVisible).toBe(true);
    expect(pane.notice).toBe(zh.outsideOffice);
    expect(pane.lang).toBe("zh-TW");
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it("without office.js (CDN unreachable) it still says to open it in Excel, without an error", async () => {
    const { page, blocked, pageErrors } = await visit("en-US", false);
    expect(blocked).toContain(`${CDN_FOLDER}office.js`);
    const en = TASKPANE_STRINGS.en;
    const pane = await shown(page, en.appTitle);
    expect(pane.noticeVisible).toBe(true);
    expect(pane.notice).toBe(en.outsideOffice);
    expect(pane.appVisible).toBe(false);
    // The only error: functions.js (same page, shared runtime) cannot register the CRM.*
    // functions without Office.js; the task pane's own script raises none.
    expect(pageErrors.filter((e) => !/CustomFunctions is not defined/.test(e))).toEqual([]);
    await page.close();
  });
});
