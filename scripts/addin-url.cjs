/**
 * The host a deployable build is made for (`ADDIN_URL=https://… npm run build:prod`): checked
 * and normalised here, used by webpack.config.js and scripts/build-prod.mjs.
 *
 * Office loads add-ins only over https, and a manifest that points at localhost or at the
 * template's placeholder host (contoso) works on no one else's machine, so those are refused.
 * The result is the origin plus a path ending in "/", the form URL_DEV has, so that the
 * build's plain string replacement (URL_DEV → this) yields well-formed URLs.
 */
const PLACEHOLDER_HOSTS = /(^|\.)contoso\.com$/i;

/** True for names and addresses that only reach the machine itself. */
function isLoopback(hostname) {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    host === "::1" ||
    host === "0.0.0.0" ||
    /^127\.\d+\.\d+\.\d+$/.test(host)
  );
}

const EXAMPLE = "ADDIN_URL=https://addins.your-company.com/crm-retention/ npm run build:prod";

/**
 * `raw` (ADDIN_URL) as "https://host[:port]/path/", or an Error whose message says what to set.
 * @param {string | undefined} raw
 * @returns {string}
 */
function deploymentUrl(raw) {
  const value = (raw ?? "").trim();
  if (value === "") {
    throw new Error(
      "ADDIN_URL is not set. Set it to the https address where dist/ will be hosted, e.g.\n  " +
        EXAMPLE
    );
  }
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`ADDIN_URL="${value}" is not a URL. For example:\n  ${EXAMPLE}`);
  }
  if (url.protocol !== "https:") {
    throw new Error(
      `ADDIN_URL="${value}" must start with https:// (Office loads add-ins only over https).`
    );
  }
  if (isLoopback(url.hostname)) {
    throw new Error(
      `ADDIN_URL="${value}" points at this machine; a deployable build needs the address your ` +
        "users reach (use `npm run build` or `npm start` for local development)."
    );
  }
  if (PLACEHOLDER_HOSTS.test(url.hostname)) {
    throw new Error(`ADDIN_URL="${value}" is the placeholder host; set your own.`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new Error(
      `ADDIN_URL="${value}" must be a plain folder address, without user name, ?query or #fragment.`
    );
  }
  const path = url.pathname.endsWith("/") ? url.pathname : `${url.pathname}/`;
  return `${url.origin}${path}`;
}

module.exports = { deploymentUrl, isLoopback };
