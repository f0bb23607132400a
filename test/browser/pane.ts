/**
 * Opens the built task pane (dist/taskpane.html with its bundles and the report worker) in
 * headless Chromium for the browser tests: Office.js is replaced by office-stand-in.js (the
 * workbook in memory, seeded by the test), every other request is answered from dist/ or
 * refused and recorded, so the tests need no network.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const DIST = path.join(ROOT, "dist");
export const OUTPUT = path.join(ROOT, "test-output", "browser");
const STAND_IN = path.join(import.meta.dirname, "office-stand-in.js");
export const ORIGIN = "https://localhost:3000";
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".xml": "application/xml",
};

export interface PaneOptions {
  /** Office's display language, e.g. "en-US" (also the browser's locale) */
  readonly language: string;
  /** JavaScript seeding the stand-in's workbook, given the expression naming it */
  readonly seed: (workbook: string) => string;
  readonly theme?: "light" | "dark";
  readonly width?: number;
  /** requests refused from outside dist/ are added here */
  readonly blocked: string[];
  /** a dist/ file answered 404 instead (e.g. "/report.worker.js"), to model a failed load */
  readonly missing?: readonly string[];
  /** runs in the page before any of its scripts (page.addInitScript) */
  readonly initScript?: () => void;
}

/** A page with the pane, once the wizard shows; its uncaught errors are collected in `errors`. */
export type PanePage = Page & { errors: string[] };

export async function openPane(browser: Browser, options: PaneOptions): Promise<PanePage> {
  const page = (await browser.newPage({
    viewport: { width: options.width ?? 360, height: 900 },
    locale: options.language,
  })) as PanePage;
  page.errors = [];
  page.on("pageerror", (error) => page.errors.push(String(error)));
  if (options.initScript) await page.addInitScript(options.initScript);
  await page.route("**/*", async (route) => {
    const url = route.request().url();
    if (url.startsWith(OFFICE_JS)) {
      const body = `${readFileSync(STAND_IN, "utf8")}\n;${options.seed("window.__workbook")}`;
      return route.fulfill({ status: 200, contentType: CONTENT_TYPES[".js"], body });
    }
    if (url.startsWith(`${ORIGIN}/`)) {
      const name = decodeURIComponent(new URL(url).pathname);
      const file = path.join(DIST, name);
      if (!options.missing?.includes(name) && file.startsWith(DIST) && existsSync(file)) {
        return route.fulfill({
          status: 200,
          contentType: CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream",
          body: readFileSync(file),
        });
      }
      return route.fulfill({ status: 404, body: "not found" });
    }
    options.blocked.push(url);
    return route.abort("blockedbyclient");
  });
  await page.goto(
    `${ORIGIN}/taskpane.html?lang=${options.language}&theme=${options.theme ?? "light"}`
  );
  await page.locator("#app").waitFor({ state: "visible" });
  return page;
}
