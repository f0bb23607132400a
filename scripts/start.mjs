#!/usr/bin/env node
/**
 * `npm start`: builds the add-in in development mode, serves it on https://localhost:3000 and
 * says how to sideload manifest.xml into Excel.
 *
 *   node scripts/start.mjs [--port N] [--no-build] [--desktop | --web]
 *
 *   --port N     serve on port N (default: package.json config.dev_server_port, else 3000).
 *                manifest.xml points at port 3000, so Excel only finds the add-in there.
 *   --no-build   serve the existing dist/ as it is (no webpack compile, no watching).
 *   --desktop    on Windows or macOS, also sideload into desktop Excel and open it
 *                (office-addin-debugging); `npm run stop` undoes that.
 *   --web        (`npm run start:web`) print the steps for Excel on the web only: trust the
 *                certificate, open a workbook, upload manifest.xml.
 *
 * The build is the development one: readable code and source maps, rebuilt and reloaded on every
 * change (webpack watches src/), and manifest URLs left on localhost. `npm run build` makes the
 * production bundle for deployment.
 *
 * Certificates: Office only loads add-ins over https. On Windows and macOS, office-addin-dev-certs
 * makes a developer CA and adds it to the trusted store. Where it cannot (Linux without sudo, CI,
 * or it fails), a CA and a localhost certificate are generated into .certs/ (git-ignored) and
 * reused on later runs; the browser must then be told to trust .certs/ca.crt (printed below).
 */
import { spawn } from "node:child_process";
import { X509Certificate } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DIST = path.join(ROOT, "dist");
const MANIFEST = path.join(ROOT, "manifest.xml");
const CERT_DIR = path.join(ROOT, ".certs");
/** One small JSON file per running server (pid and port), read by scripts/stop.mjs. */
const RUN_DIR = path.join(ROOT, "node_modules", ".cache", "crm-retention-dev-server");
const MANIFEST_PORT = 3000;
const DOMAINS = ["localhost", "127.0.0.1", "::1"];
const DAY_MS = 24 * 60 * 60 * 1000;

function parseOptions() {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      "no-build": { type: "boolean", default: false },
      desktop: { type: "boolean", default: false },
      web: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log("usage: node scripts/start.mjs [--port N] [--no-build] [--desktop | --web]");
    process.exit(0);
  }
  const port = Number(
    values.port ?? process.env.npm_package_config_dev_server_port ?? MANIFEST_PORT
  );
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`--port must be a whole number from 1 to 65535, got "${values.port}"`);
  }
  if (values.web && values.desktop) throw new Error("--web and --desktop exclude each other");
  return { port, build: !values["no-build"], desktop: values.desktop, web: values.web };
}

// ---------------------------------------------------------------------------------------------
// Certificates

/**
 * The https key, certificate and CA, and a note on trusting the CA. Tries office-addin-dev-certs
 * first (it installs its CA where the OS lets it), unless CI is set, then falls back to .certs/.
 */
async function obtainCertificates() {
  if (!process.env.CI) {
    try {
      if (process.platform === "linux") {
        console.log(
          "Asking office-addin-dev-certs for a trusted developer certificate " +
            "(it may ask for your password to run sudo)..."
        );
      }
      const devCerts = require("office-addin-dev-certs");
      const options = await devCerts.getHttpsServerOptions();
      const caPath = path.join(os.homedir(), ".office-addin-dev-certs", "ca.crt");
      return {
        key: options.key,
        cert: options.cert,
        ca: options.ca,
        source: `office-addin-dev-certs (CA: ${caPath}, added to the system's trusted store)`,
        caPath,
        // Browsers on Linux keep their own certificate stores (NSS), so say how to trust it there.
        trusted: process.platform !== "linux",
      };
    } catch (error) {
      console.log(
        `office-addin-dev-certs could not install a trusted certificate: ${firstLine(error)}`
      );
      console.log(
        `Using a self-signed development CA in ${path.relative(ROOT, CERT_DIR)}/ instead.`
      );
    }
  }
  return selfSignedCertificates();
}

function firstLine(error) {
  return String(error instanceof Error ? error.message : error).split("\n")[0];
}

/** True when `pemFile` holds a certificate valid for at least another day. */
function stillValid(pemFile) {
  try {
    const certificate = new X509Certificate(fs.readFileSync(pemFile));
    return Date.parse(certificate.validTo) - Date.now() > DAY_MS;
  } catch {
    return false;
  }
}

/** Reuses .certs/ when its CA and localhost certificate still fit together; else makes them. */
async function selfSignedCertificates() {
  const files = {
    caCert: path.join(CERT_DIR, "ca.crt"),
    caKey: path.join(CERT_DIR, "ca.key"),
    cert: path.join(CERT_DIR, "localhost.crt"),
    key: path.join(CERT_DIR, "localhost.key"),
  };
  const { createCA, createCert } = await import("mkcert");
  fs.mkdirSync(CERT_DIR, { recursive: true });

  let madeCa = false;
  if (!(stillValid(files.caCert) && fs.existsSync(files.caKey))) {
    const ca = await createCA({
      organization: "CRM Retention Analytics development CA",
      countryCode: "US",
      state: "Local",
      locality: "Local",
      validity: 825,
    });
    fs.writeFileSync(files.caCert, ca.cert);
    fs.writeFileSync(files.caKey, ca.key, { mode: 0o600 });
    madeCa = true;
  }
  const caPem = fs.readFileSync(files.caCert);
  if (
    madeCa ||
    !stillValid(files.cert) ||
    !issuedBy(files.cert, caPem) ||
    !fs.existsSync(files.key)
  ) {
    const leaf = await createCert({
      ca: { cert: caPem.toString(), key: fs.readFileSync(files.caKey, "utf8") },
      domains: DOMAINS,
      validity: 365,
    });
    fs.writeFileSync(files.cert, leaf.cert);
    fs.writeFileSync(files.key, leaf.key, { mode: 0o600 });
  }
  return {
    key: fs.readFileSync(files.key),
    cert: fs.readFileSync(files.cert),
    ca: caPem,
    source: `self-signed development CA ${path.relative(ROOT, files.caCert)}${madeCa ? " (new)" : ""}`,
    caPath: files.caCert,
    trusted: false,
  };
}

function issuedBy(certFile, caPem) {
  try {
    const certificate = new X509Certificate(fs.readFileSync(certFile));
    const ca = new X509Certificate(caPem);
    return (
      certificate.checkIssued(ca) &&
      certificate.verify(ca.publicKey) &&
      certificate.checkHost("localhost") !== undefined
    );
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Dev server

/**
 * The webpack compiler the dev server drives, and the devServer options of webpack.config.js.
 * With --no-build the compiler has an empty entry: it compiles nothing, so the server only
 * serves dist/ from disk.
 */
function createCompiler(webpack, { build, port }) {
  const config = require(path.join(ROOT, "webpack.config.js"))({}, { mode: "development" });
  if (!build) {
    const nothing = {
      mode: "development",
      context: ROOT,
      entry: {},
      infrastructureLogging: { level: "warn" },
    };
    return { compiler: webpack(nothing), devServer: config.devServer };
  }
  // The live-reload client goes into the task pane only: webpack-dev-server would add it to
  // every entry, and functions.js (loaded on the same page in the shared runtime) needs none.
  const client = new URLSearchParams({
    protocol: "wss:",
    hostname: "localhost",
    port: String(port),
    pathname: "/ws",
    logging: "warn",
    overlay: "true",
    hot: "false",
    "live-reload": "true",
  });
  const clientEntry = `${require.resolve("webpack-dev-server/client/index.js")}?${client}`;
  config.entry = { ...config.entry, taskpane: [clientEntry, config.entry.taskpane] };
  return { compiler: webpack(config), devServer: config.devServer };
}

function writeRunFile(port) {
  fs.mkdirSync(RUN_DIR, { recursive: true });
  const file = path.join(RUN_DIR, `${port}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify({ pid: process.pid, port, started: new Date().toISOString() })
  );
  return file;
}

/** The steps for Excel on the web alone (`npm run start:web`). */
function webInstructions(origin) {
  return [
    "",
    "Sideload manifest.xml into Excel on the web:",
    "  1. In this browser, open " + `${origin}taskpane.html` + " once: it must load without a",
    "     certificate warning (it then says to open it in Excel). If it warns, trust the CA (below).",
    "  2. Open a workbook in Excel on the web (https://www.office.com > Excel, a workbook in",
    "     OneDrive or SharePoint; a new blank one will do).",
    "  3. Home > Add-ins > More Add-ins (or Insert > Add-ins > Office Add-ins) > My Add-ins >",
    "     Upload My Add-in > Browse, choose",
    `       ${MANIFEST}`,
    "     and select Upload.",
    "  4. Home > Retention report opens the task pane; type =CRM. in a cell for the functions.",
    "  The add-in stays until the browser's cache is cleared; reload the workbook after a rebuild.",
    "  Excel loads it from this machine (localhost), so it works in this browser only; for a team,",
    '  see README, "Deploying for a team".',
    "",
  ];
}

function printInstructions({ port, certificates, build, web }) {
  const origin = `https://localhost:${port}/`;
  const lines = [
    "",
    `CRM Retention Analytics is served at ${origin}${build ? " (development build, watching src/)" : " (dist/ as built)"}`,
    `  task pane:  ${origin}taskpane.html`,
    `  functions:  ${origin}functions.json`,
    `  https:      ${certificates.source}`,
  ];
  if (port !== MANIFEST_PORT) {
    lines.push(
      "",
      `Note: manifest.xml points at https://localhost:${MANIFEST_PORT}/; Excel will not find the add-in on port ${port}.`
    );
  }
  if (web) lines.push(...webInstructions(origin));
  else
    lines.push(
      "",
      "Sideload manifest.xml into Excel:",
      "  Excel on the web: open a workbook, then Home > Add-ins > More Add-ins (or Insert > Add-ins >",
      "    Office Add-ins) > My Add-ins > Upload My Add-in, and choose",
      `    ${MANIFEST}`,
      "    (remove it again by clearing the browser's cache).",
      "  Excel on Windows: npm run start:desktop (office-addin-debugging sideloads and opens Excel;",
      "    npm run stop removes it).",
      "  Excel on Mac: copy manifest.xml to ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/",
      "    (create the folder if needed), restart Excel, then Home > Add-ins; or npm run start:desktop.",
      "  Any desktop Excel: share a folder holding manifest.xml and add it as a Trusted Add-in Catalog",
      "    (File > Options > Trust Center > Trust Center Settings > Trusted Add-in Catalogs).",
      ""
    );
  if (!certificates.trusted) {
    lines.push(
      "The browser (or Excel's webview) must trust the development CA, or the add-in will not load:",
      `  CA certificate: ${certificates.caPath}`,
      "  Chrome/Edge on Linux: Settings > Privacy and security > Security > Manage certificates >",
      "    Authorities > Import, tick 'Trust this certificate for identifying websites'; or",
      `    certutil -d sql:$HOME/.pki/nssdb -A -t "C,," -n "CRM Retention dev CA" -i "${certificates.caPath}"`,
      "  Firefox: Settings > Privacy & Security > Certificates > View Certificates > Authorities > Import.",
      "  System-wide (Debian/Ubuntu): sudo cp the CA to /usr/local/share/ca-certificates/crm-retention-dev.crt",
      "    and run sudo update-ca-certificates.",
      "  Windows: certutil -user -addstore Root <CA file>.  macOS: security add-trusted-cert -r trustRoot",
      "    -k ~/Library/Keychains/login.keychain-db <CA file>.",
      `  Quick check: open ${origin}taskpane.html in the same browser; it must load without a warning.`,
      ""
    );
  }
  lines.push("Stop with Ctrl+C (or npm run stop).", "");
  console.log(lines.join("\n"));
}

/** Sideloads into desktop Excel through office-addin-debugging (Windows and macOS only). */
function sideloadToDesktop(port) {
  if (process.platform !== "win32" && process.platform !== "darwin") {
    console.log(
      "--desktop: there is no desktop Excel on this platform; use Excel on the web (above)."
    );
    return;
  }
  const cli = require.resolve("office-addin-debugging/cli.js");
  const child = spawn(
    process.execPath,
    [cli, "start", MANIFEST, "desktop", "--app", "excel", "--dev-server-port", String(port)],
    { cwd: ROOT, stdio: "inherit" }
  );
  child.on("exit", (code) => {
    if (code !== 0)
      console.log(`office-addin-debugging exited with code ${code}; sideload manually (above).`);
  });
}

async function main() {
  const options = parseOptions();
  if (!options.build && !fs.existsSync(path.join(DIST, "taskpane.html"))) {
    throw new Error(
      "--no-build: dist/ has no build. Run `npm run build` first, or drop --no-build."
    );
  }
  const certificates = await obtainCertificates();

  const webpack = require("webpack");
  const WebpackDevServer = require("webpack-dev-server");
  const { compiler, devServer } = createCompiler(webpack, options);
  const firstBuild = new Promise((resolve) => compiler.hooks.done.tap("crm-start", resolve));

  const server = new WebpackDevServer(
    {
      ...devServer,
      host: "localhost",
      port: options.port,
      server: {
        type: "https",
        options: { key: certificates.key, cert: certificates.cert, ca: certificates.ca },
      },
      open: false,
      hot: false,
      liveReload: options.build,
      // The client is added to the task pane entry by createCompiler, not to every entry.
      client: false,
      webSocketServer: options.build ? "ws" : false,
      // A build is served from memory; --no-build serves dist/ as it is on disk.
      static: options.build ? false : { ...devServer.static, watch: false },
    },
    compiler
  );

  let runFile;
  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => process.exit(0), 5000);
    force.unref();
    console.log(`\n${signal}: stopping the dev server...`);
    await server.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("exit", () => {
    if (runFile) fs.rmSync(runFile, { force: true });
  });

  await server.start();
  runFile = writeRunFile(options.port);
  await firstBuild;
  printInstructions({
    port: options.port,
    certificates,
    build: options.build,
    web: options.web,
  });
  if (options.desktop) sideloadToDesktop(options.port);
}

main().catch((error) => {
  console.error(`npm start failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
