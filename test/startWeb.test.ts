/**
 * `npm run start:web` (scripts/start.mjs --web): serves like `npm start` and prints the steps
 * for Excel on the web only. Run here with --no-build on a free port, serving dist/ as built.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { expect } from "./support/expect";

const ROOT = path.resolve(import.meta.dirname, "..");
const distBuilt = fs.existsSync(path.join(ROOT, "dist", "taskpane.html"));
const TIMEOUT_MS = 45_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "localhost", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port"))
      );
    });
  });
}

if (!distBuilt)
  console.warn("startWeb.test: dist/ is not built (npm run build), so it is skipped.");

describe("npm run start:web", () => {
  before(function () {
    if (!distBuilt) this.skip();
  });
  let server: ChildProcess;
  let output = "";

  before(async function () {
    this.timeout(TIMEOUT_MS + 5_000);
    const port = await freePort();
    server = spawn(
      process.execPath,
      ["scripts/start.mjs", "--web", "--no-build", "--port", String(port)],
      { cwd: ROOT, env: { ...process.env, CI: "true" }, stdio: ["ignore", "pipe", "pipe"] }
    );
    server.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    server.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + TIMEOUT_MS;
    while (!output.includes("Stop with Ctrl+C")) {
      if (server.exitCode !== null) throw new Error(`start.mjs exited early:\n${output}`);
      if (Date.now() > deadline) throw new Error(`start.mjs printed no instructions:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });

  after(async function () {
    this.timeout(15_000);
    if (server?.exitCode === null) {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
  });

  it("is a package.json script running start.mjs --web", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts["start:web"]).toBe("node scripts/start.mjs --web");
    expect(pkg.scripts.watch).toBe("webpack --mode development --watch");
  });

  it("prints how to sideload manifest.xml into Excel on the web, step by step", () => {
    expect(output).toContain("Sideload manifest.xml into Excel on the web:");
    expect(output).toContain("Upload My Add-in");
    expect(output).toContain(path.join(ROOT, "manifest.xml"));
    expect(output).toMatch(/taskpane\.html once/);
    expect(output).toContain("Home > Retention report");
  });

  it("leaves out the desktop steps", () => {
    expect(output).not.toContain("npm run start:desktop");
    expect(output).not.toContain("Trusted Add-in Catalog");
  });
});
