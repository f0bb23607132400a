/**
 * What `npm run build` leaves in dist/: everything the manifest points at, the task pane page
 * loading Office.js and both bundles (shared runtime), and the manifest rewritten for production.
 * `npm test` builds before running these.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { expect } from "./support/expect";
import { pngSize } from "./support/png";

const ROOT = path.resolve(import.meta.dirname, "..");
const DIST = path.join(ROOT, "dist");
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const require = createRequire(import.meta.url);
const { URL_DEV, URL_PROD } = require("../webpack.config.js") as {
  URL_DEV: string;
  URL_PROD: string;
};

function distFile(name: string): string {
  return path.join(DIST, name);
}

function readDist(name: string): string {
  return fs.readFileSync(distFile(name), "utf8");
}

describe("the build in dist/", () => {
  before(() => {
    if (!fs.existsSync(DIST)) throw new Error("dist/ does not exist: run `npm run build` first.");
  });

  it("has functions.json with at least one function", () => {
    const metadata = JSON.parse(readDist("functions.json")) as { functions?: unknown[] };
    expect(Array.isArray(metadata.functions)).toBe(true);
    expect(metadata.functions?.length).toBeGreaterThan(0);
  });

  it("has a self-contained functions.js (no chunks to load)", () => {
    const code = readDist("functions.js");
    expect(code.length).toBeGreaterThan(0);
    expect(code).toContain("CustomFunctions.associate");
    expect(code).not.toMatch(/webpackChunk|importScripts|__webpack_require__\.e\b/);
    expect(
      fs
        .readdirSync(DIST)
        .filter((f) => f.endsWith(".js"))
        .sort()
    ).toEqual(["functions.js", "report.worker.js", "taskpane.js"]); // + the pane's report worker
  });

  it("has a task pane page that loads Office.js first, then taskpane.js and functions.js", () => {
    const html = readDist("taskpane.html");
    const scripts = [...html.matchAll(/<script\b[^>]*\bsrc=["']?([^"' >]+)/g)].map((m) => m[1]);
    expect(scripts[0]).toBe(OFFICE_JS);
    expect(scripts).toContain("taskpane.js");
    expect(scripts).toContain("functions.js");
    expect(html).toMatch(/href=["']?taskpane\.css/);
    expect(fs.existsSync(distFile("taskpane.js"))).toBe(true);
    expect(fs.existsSync(distFile("taskpane.css"))).toBe(true);
  });

  it("has no separate functions.html or commands.html (one shared runtime page)", () => {
    expect(fs.existsSync(distFile("functions.html"))).toBe(false);
    expect(fs.existsSync(distFile("commands.html"))).toBe(false);
  });

  it("has the icons", () => {
    for (const size of [16, 32, 64, 80]) {
      const file = distFile(`assets/icon-${size}.png`);
      expect(fs.existsSync(file), file).toBe(true);
      expect(pngSize(file)).toEqual({ width: size, height: size });
    }
  });

  it("has manifest.xml: the source manifest with the production origin, or unchanged (dev build)", () => {
    const built = readDist("manifest.xml");
    const source = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
    expect(built.split(URL_PROD).join(URL_DEV)).toBe(source);
    if (built !== source) expect(built).not.toContain(URL_DEV);
  });
});
