/**
 * The deployable build, `ADDIN_URL=https://… npm run build:prod` (scripts/build-prod.mjs):
 * without an https ADDIN_URL for a real host it stops before building and says what to set;
 * with one, every URL of its output (manifest.xml, functions*.json help links) points at that
 * host, no file holds a localhost or placeholder (contoso) URL, and the manifest names only
 * files the build made. It builds into a temporary folder, never into dist/ (which the other
 * tests read).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { expect } from "./support/expect";
import { each } from "./support/each";

const ROOT = path.resolve(import.meta.dirname, "..");
const SCRIPT = path.join(ROOT, "scripts", "build-prod.mjs");
const require = createRequire(import.meta.url);
const { deploymentUrl } = require("../scripts/addin-url.cjs") as {
  deploymentUrl(raw: string | undefined): string;
};
const { URL_DEV } = require("../webpack.config.js") as { URL_DEV: string };

const HOST_AS_TYPED = "https://Addins.Example.org/crm-retention"; // no trailing slash
const HOST = "https://addins.example.org/crm-retention/";
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

/**
 * Runs build-prod.mjs with ADDIN_URL set to `addinUrl` (or unset) into `output`. Asynchronously:
 * a synchronous child would block the test worker for the whole build.
 */
function buildProd(
  addinUrl: string | undefined,
  output: string
): Promise<{ status: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.ADDIN_URL;
  if (addinUrl !== undefined) env.ADDIN_URL = addinUrl;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SCRIPT, "--output-path", output], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let text = "";
    child.stdout.on("data", (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (text += chunk.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, output: text }));
  });
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

const temp = fs.mkdtempSync(path.join(os.tmpdir(), "crm-build-prod-"));
after(() => fs.rmSync(temp, { recursive: true, force: true }));

describe("ADDIN_URL (scripts/addin-url.cjs)", () => {
  it("is normalised to origin + folder with a trailing slash", () => {
    expect(deploymentUrl(HOST_AS_TYPED)).toBe(HOST);
    expect(deploymentUrl(`  ${HOST}  `)).toBe(HOST);
    expect(deploymentUrl("https://addins.example.org")).toBe("https://addins.example.org/");
    expect(deploymentUrl("https://addins.example.org:8443/a/b")).toBe(
      "https://addins.example.org:8443/a/b/"
    );
  });

  for (const testCase of each([
    [undefined, /ADDIN_URL is not set/],
    ["", /ADDIN_URL is not set/],
    ["addins.example.org/crm", /is not a URL/],
    ["http://addins.example.org/crm/", /must start with https:\/\//],
    ["https://localhost:3000/", /points at this machine/],
    ["https://127.0.0.1/crm/", /points at this machine/],
    ["https://[::1]:3000/", /points at this machine/],
    ["https://app.localhost/", /points at this machine/],
    ["https://www.contoso.com/crm-retention/", /placeholder host/],
    ["https://addins.example.org/crm/?v=1", /plain folder address/],
    ["https://user:secret@addins.example.org/crm/", /plain folder address/],
  ])) {
    it(
      testCase.name("refuses %j"),
      testCase.run((value, message) => {
        expect(() => deploymentUrl(value)).toThrow(message);
      })
    );
  }
});

describe("npm run build:prod refuses to run", () => {
  for (const testCase of each([
    [
      "without ADDIN_URL",
      undefined,
      /ADDIN_URL is not set[\s\S]*ADDIN_URL=https:\/\/.*npm run build:prod/,
    ],
    ["with an http ADDIN_URL", "http://addins.example.org/crm/", /must start with https/],
    ["with localhost", "https://localhost:3000/", /points at this machine/],
    ["with the placeholder host", "https://www.contoso.com/crm-retention/", /placeholder/],
  ])) {
    it(
      testCase.name("%s: exit code 1, a message, nothing built"),
      testCase.run(async (_, value, message) => {
        const output = path.join(temp, "refused");
        const run = await buildProd(value, output);
        expect(run.status).toBe(1);
        expect(run.output).toMatch(/^build:prod: /m);
        expect(run.output).toMatch(message);
        expect(fs.existsSync(output)).toBe(false);
      })
    );
  }
});

describe("npm run build:prod with ADDIN_URL", () => {
  const output = path.join(temp, "dist");
  let run: { status: number | null; output: string };
  const read = (name: string) => fs.readFileSync(path.join(output, name), "utf8");

  before(async function () {
    this.timeout(300_000);
    run = await buildProd(HOST_AS_TYPED, output);
  });

  it("builds", () => {
    expect(run.status, run.output).toBe(0);
    expect(run.output).toContain(`Building the add-in for ${HOST}`);
  });

  it("leaves no localhost or placeholder URL in any file", () => {
    const files = filesUnder(output);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = fs.readFileSync(file, "latin1");
      const name = path.relative(output, file);
      expect(text, name).not.toMatch(/localhost/i);
      expect(text, name).not.toMatch(/127\.0\.0\.1/);
      expect(text, name).not.toMatch(/contoso/i);
    }
  });

  it("writes the source manifest with every dev-server URL replaced by ADDIN_URL", () => {
    const source = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
    const built = read("manifest.xml");
    expect(built).toBe(source.split(URL_DEV).join(HOST));
    const urls = [...built.matchAll(/(?:DefaultValue|Value)="(https:\/\/[^"]+)"/g)].map(
      (m) => m[1]!
    );
    expect(urls.length).toBeGreaterThan(15);
    for (const url of urls) {
      expect(url.startsWith(HOST), url).toBe(true);
      // every URL names a file of this build
      const file = path.join(
        output,
        decodeURIComponent(new URL(url).pathname.slice(new URL(HOST).pathname.length))
      );
      expect(fs.existsSync(file), url).toBe(true);
    }
  });

  it("points every function's help link at ADDIN_URL's reference, in each language", () => {
    for (const [name, page] of [
      ["functions.json", "index.html"],
      ["functions.zh-CN.json", "zh-CN.html"],
      ["functions.zh-TW.json", "zh-TW.html"],
    ] as const) {
      const metadata = JSON.parse(read(name)) as { functions: { helpUrl?: string }[] };
      const links = metadata.functions.map((fn) => fn.helpUrl);
      expect(links.length, name).toBeGreaterThan(10);
      for (const link of links)
        expect(link, name).toMatch(new RegExp(`^${HOST}reference/${page}#`));
    }
  });

  it("keeps loading Office.js from Microsoft's CDN", () => {
    expect(read("taskpane.html")).toContain(OFFICE_JS);
  });

  it("publishes source maps without the sources", () => {
    for (const name of ["taskpane.js.map", "functions.js.map"]) {
      const map = JSON.parse(read(name)) as { sourcesContent?: unknown };
      expect(map.sourcesContent, name).toBeUndefined();
    }
  });
});
