import { copyFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";

/** Where every run's screenshots go. */
export const screenshotDir = join(tmpdir(), "repolink-screenshots");
const docsDir = fileURLToPath(new URL("../../../docs/screenshots", import.meta.url));

/** Saves a full-page screenshot; with REPOLINK_SAVE_SCREENSHOTS=1 also into docs/screenshots/. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  if (process.env.REPOLINK_SAVE_SCREENSHOTS === "1") {
    mkdirSync(docsDir, { recursive: true });
    copyFileSync(path, join(docsDir, `${name}.png`));
  }
  return path;
}
