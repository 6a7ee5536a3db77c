import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** Debian's Chromium, installed by `.ci/run`. */
export const chromiumPath = "/usr/bin/chromium";

/**
 * Why the browser tests are skipped, or false to run them: they are skipped only when
 * REPOLINK_TEST_SKIP_BROWSER=1 says so. Otherwise a missing Chromium fails them.
 */
export const browserSkipReason: string | false = process.env.REPOLINK_TEST_SKIP_BROWSER === "1" ? "REPOLINK_TEST_SKIP_BROWSER=1" : false;

/** Throws, saying how to install Chromium or skip the browser tests, when it is missing. */
export function requireChromium(): void {
  if (!existsSync(chromiumPath))
    throw new Error(`${chromiumPath} is missing: apt-get install chromium, or set REPOLINK_TEST_SKIP_BROWSER=1 to skip the browser tests.`);
}

/** Launches headless Chromium with everything that would reach the internet turned off. */
export function launchChromium(): Promise<Browser> {
  requireChromium();
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
