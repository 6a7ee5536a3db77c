import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** Debian's Chromium, installed by `.ci/run`. */
export const chromiumPath = "/usr/bin/chromium";

/**
 * Why the browser tests are skipped, or false to run them. They are skipped only when Chromium
 * is missing outside CI; in CI a missing browser is a failure, not a skip.
 */
export const browserSkipReason: string | false =
  !existsSync(chromiumPath) && !process.env.CI ? `browser tests skipped: ${chromiumPath} is missing (apt-get install chromium); in CI they always run` : false;

/** Launches headless Chromium with everything that would reach the internet turned off. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
