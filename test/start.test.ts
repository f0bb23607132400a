/**
 * `npm start` end to end, minus the build: scripts/start.mjs serves the existing dist/ over
 * https on a free port, and stops cleanly (with its process group) when told to.
 *
 * CI=true makes the script skip office-addin-dev-certs (which would try to install a CA) and use
 * the development CA in .certs/, which these tests also use to check the served certificate.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import net from "node:net";
import path from "node:path";
import { expect } from "./support/expect";

const ROOT = path.resolve(import.meta.dirname, "..");
const DIST = path.join(ROOT, "dist");
const CA_FILE = path.join(ROOT, ".certs", "ca.crt");
const RUN_DIR = path.join(ROOT, "node_modules", ".cache", "crm-retention-dev-server");
const STARTUP_TIMEOUT_MS = 45_000;
const distBuilt = fs.existsSync(path.join(DIST, "taskpane.html"));

interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A port nobody is listening on right now. */
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

/**
 * GET over https. `ca` set: the certificate must chain to it; unset: certificate checks are off
 * for this request only (the dev CA is not trusted by the test machine).
 */
function get(url: string, ca?: Buffer): Promise<Response> {
  return new Promise((resolve, reject) => {
    const request = https.get(
      url,
      { ...(ca ? { ca } : { rejectUnauthorized: false }), agent: false, timeout: 10_000 },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body })
        );
      }
    );
    request.on("timeout", () => request.destroy(new Error(`timed out: ${url}`)));
    request.on("error", reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Signals the server's whole process group; SIGKILL if it has not exited within 5 s. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || exited(child)) return;
  const done = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return; // already gone
  }
  const timedOut = await Promise.race([done.then(() => false), sleep(5_000).then(() => true)]);
  if (timedOut) {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
    await Promise.race([done, sleep(2_000)]);
  }
}

if (!distBuilt) console.warn("start.test: dist/ is not built (npm run build), so it is skipped.");

describe("scripts/start.mjs --no-build", () => {
  before(function () {
    if (!distBuilt) this.skip();
  });
  let server: ChildProcess;
  let port: number;
  let output = "";

  before(async function () {
    this.timeout(STARTUP_TIMEOUT_MS + 5_000);
    port = await freePort();
    server = spawn(process.execPath, ["scripts/start.mjs", "--no-build", "--port", String(port)], {
      cwd: ROOT,
      env: { ...process.env, CI: "true" },
      detached: true, // its own process group, so the whole group can be stopped
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    server.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));

    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    for (;;) {
      if (exited(server)) throw new Error(`start.mjs exited early:\n${output}`);
      const ready = await get(`https://localhost:${port}/functions.json`).then(
        (response) => response.status === 200,
        () => false
      );
      if (ready) break;
      if (Date.now() > deadline) throw new Error(`start.mjs did not listen in time:\n${output}`);
      await sleep(250);
    }
  });

  after(async function () {
    this.timeout(15_000);
    if (server) await stopGroup(server);
  });

  it("serves the task pane page", async () => {
    const response = await get(`https://localhost:${port}/taskpane.html`);
    expect(response.status).toBe(200);
    expect(response.body).toContain("office.js");
  });

  it("serves functions.json to any origin (Excel fetches it cross-origin)", async () => {
    const response = await get(`https://localhost:${port}/functions.json`);
    expect(response.status).toBe(200);
    expect(response.headers["access-control-allow-origin"]).toBe("*");
    expect(() => JSON.parse(response.body) as unknown).not.toThrow();
  });

  it("presents a localhost certificate issued by the development CA in .certs/", async () => {
    const response = await get(`https://localhost:${port}/taskpane.html`, fs.readFileSync(CA_FILE));
    expect(response.status).toBe(200);
  });

  it("prints how to sideload the manifest and trust the CA", () => {
    expect(output).toContain("Upload My Add-in");
    expect(output).toContain("manifest.xml");
    expect(output).toContain(CA_FILE);
  });

  it("stops on SIGTERM and removes its run file", async function () {
    this.timeout(15_000);
    const runFile = path.join(RUN_DIR, `${port}.json`);
    expect(fs.existsSync(runFile)).toBe(true);
    await stopGroup(server);
    expect(exited(server)).toBe(true);
    expect(fs.existsSync(runFile)).toBe(false);
  });
});
