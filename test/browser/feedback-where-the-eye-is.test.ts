import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Locator, Page } from "playwright-core";
import { bootstrapWorld, fakeHostName, signIn, startBrowserWorld, type BrowserWorld } from "./support/browser-world.ts";
import { browserSkipReason } from "./support/chromium.ts";

/** Whether the element is inside the visible part of the page (not 6,000 px above it). */
async function inViewport(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize();
  return box !== null && viewport !== null && box.y >= 0 && box.y + box.height <= viewport.height;
}

describe("web UI: results appear where the eye is, and focus stays on the acted-on row", { skip: browserSkipReason }, () => {
  let world: BrowserWorld;
  const last = "zz-last-credential";
  before(async () => {
    world = await startBrowserWorld();
    const admin = await bootstrapWorld(world);
    await world.fake.addRepo({ owner: "octocat", name: "hello", private: true });
    // Enough credentials that the last row is far below the top of the page.
    for (let i = 0; i < 40; i++) {
      const secret = world.fake.addToken({ login: "octocat" });
      const name = i === 39 ? last : `ci-${String(i).padStart(2, "0")}`;
      const created = await world.call(
        "POST",
        "/api/v1/credentials",
        { name, type: "token", host: fakeHostName, username: "octocat", secret, validate: false },
        admin,
      );
      assert.equal(created.status, 201, JSON.stringify(created.body));
    }
    const repository = await world.call(
      "POST",
      "/api/v1/repositories",
      { url: `${world.fake.url}/octocat/hello.git`, credential: last },
      admin,
    );
    assert.equal(repository.status, 201, JSON.stringify(repository.body));
  });
  after(async () => {
    await world?.close();
  });

  it("Check on the last row: the result shows in view as a toast and the focus stays on the button", async () => {
    const { page } = await world.newPage();
    await signIn(page);
    await page.goto("/credentials");
    const row = page.getByRole("row", { name: new RegExp(last) });
    const check = row.getByRole("button", { name: `Check ${last}` });
    await check.scrollIntoViewIfNeeded();
    await check.focus();
    await page.keyboard.press("Enter");
    const toast = page.getByRole("status").filter({ hasText: new RegExp(`Checked ${last}`) });
    await toast.waitFor();
    assert.ok(await inViewport(page, toast), "the result is out of view");
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), `Check ${last}`);
  });

  it("Delete of a credential in use: the refusal shows next to its row, with the way on", async () => {
    const { page } = await world.newPage();
    await signIn(page);
    await page.goto("/credentials");
    const row = page.getByRole("row", { name: new RegExp(last) });
    const remove = row.getByRole("button", { name: `Delete ${last}` });
    await remove.scrollIntoViewIfNeeded();
    page.once("dialog", (dialog) => void dialog.accept());
    await remove.click();
    const refusal = page.getByRole("alert").filter({ hasText: /in use|used by/i });
    await refusal.getByRole("link", { name: "1 repository" }).waitFor();
    assert.ok(await inViewport(page, refusal), "the refusal is out of view");
  });

  it("a successful rotation says so in view and gives the focus back to the row's Update button", async () => {
    const { page } = await world.newPage();
    await signIn(page);
    await page.goto("/credentials");
    await page.getByRole("button", { name: `Update ${last}` }).click();
    await page.getByLabel("New token").fill(world.fake.addToken({ login: "octocat" }));
    await page.getByText(/checksum is valid/).waitFor();
    await page.getByRole("button", { name: "Update secret" }).click();
    const toast = page.getByRole("status").filter({ hasText: new RegExp(`${last} updated to version 2`) });
    await toast.waitFor({ timeout: 30_000 });
    assert.ok(await inViewport(page, toast), "the confirmation is out of view");
    await page.waitForFunction((name) => document.activeElement?.textContent?.trim() === `Update ${name}`, last);
  });
});
