import assert from "node:assert/strict";
import type { Page } from "playwright-core";

/** What has focus: its label, accessible name and text, and whether a focus ring is drawn. */
async function focused(page: Page): Promise<{ name: string; visible: boolean } | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const label = (el as HTMLInputElement).labels?.[0]?.textContent ?? "";
    const style = getComputedStyle(el);
    const name = `${label} ${el.getAttribute("aria-label") ?? ""} ${el.innerText ?? ""}`.replace(/\s+/g, " ").trim();
    return { name, visible: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0 };
  });
}

/**
 * Presses Tab (or Shift+Tab) until the focused element's name matches, as a keyboard user
 * would; fails when it is not reached, or when it shows no visible focus ring.
 */
export async function tabTo(page: Page, name: RegExp, options: { backwards?: boolean; max?: number } = {}): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < (options.max ?? 40); i++) {
    await page.keyboard.press(options.backwards ? "Shift+Tab" : "Tab");
    const info = await focused(page);
    seen.push(info?.name ?? "(body)");
    if (info && name.test(info.name)) {
      assert.ok(info.visible, `the focus on "${info.name}" is visible`);
      return;
    }
  }
  assert.fail(`Tab never reached ${name}; it went through: ${seen.join(" | ")}`);
}
