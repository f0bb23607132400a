/**
 * Debian's Chromium for the browser tests (/usr/bin/chromium, or CHROMIUM_PATH), launched with
 * the flags this machine needs (no sandbox as root, no background network: every request
 * other than the test's own is blocked). Without Chromium the tests are skipped with a loud
 * banner; under CI that is an error, since .ci/run installs it.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Whether Chromium is there; if not, prints the SKIPPED banner naming `what` (throws under CI). */
export function requireChromium(what: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  const banner = "!".repeat(78);
  console.warn(
    `\n${banner}\n!! SKIPPED: ${what} need Chromium at ${CHROMIUM}.\n` +
      "!! Install it (apt-get install -y chromium) or set CHROMIUM_PATH; .ci/run does.\n" +
      `${banner}\n`
  );
  if (process.env.CI)
    throw new Error(`CI: Chromium not found at ${CHROMIUM}; .ci/run must install it.`);
  return false;
}

/** Headless Chromium with the flags of the developers' guide. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
