import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { adminPassword, bootstrapWorld, startBrowserWorld, type BrowserWorld } from "./support/browser-world.ts";
import { browserSkipReason } from "./support/chromium.ts";
import { tabTo } from "./support/keyboard.ts";
import { mistype } from "./support/mistype.ts";
import { saveScreenshot } from "./support/screenshots.ts";

describe("web UI with the keyboard alone (Tab, arrows, Enter, typing — no mouse)", { skip: browserSkipReason }, () => {
  let world: BrowserWorld;
  before(async () => {
    world = await startBrowserWorld();
    await bootstrapWorld(world);
    await world.fake.addRepo({ owner: "octocat", name: "tools", private: true });
  });
  after(async () => {
    await world?.close();
  });

  it("signs in, connects GitHub, registers a repository and rotates the token", async () => {
    const { page } = await world.newPage();
    const credentialPosts: string[] = [];
    page.on("request", (r) => r.method() === "POST" && r.url().endsWith("/api/v1/credentials") && credentialPosts.push(r.url()));
    const kb = page.keyboard;
    await page.goto("/");
    await page.getByRole("heading", { name: "Sign in to Repolink" }).waitFor();
    await tabTo(page, /^Username/);
    await kb.type("admin");
    await tabTo(page, /^Password/);
    await kb.type(adminPassword);
    await kb.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();

    // The skip link comes first in the focus order, before the navigation.
    await tabTo(page, /^Skip to main content$/, { backwards: true });
    await page.keyboard.press("Shift+Tab");
    assert.equal(
      await page.evaluate(() => document.activeElement === document.body || document.activeElement === null),
      true,
      "nothing precedes the skip link",
    );

    await tabTo(page, /^Connect GitHub$/);
    await kb.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Connect GitHub" }).waitFor();

    // Step 1: the radio group takes one Tab; arrows choose within it.
    await tabTo(page, /^github\.com/);
    await kb.press("ArrowDown");
    assert.equal(await page.getByRole("radio", { name: /ghe\.test/ }).isChecked(), true);
    await tabTo(page, /^Continue$/);
    await kb.press("Enter");

    // Step 2: the prefilled link is reachable; the user goes on once the token is copied.
    await page.getByRole("heading", { name: /Step 2/ }).waitFor();
    await tabTo(page, /Create token on GitHub/);
    await tabTo(page, /I have copied my token/);
    await kb.press("Enter");

    // Step 3: a mistyped token is refused as typed; Enter sends nothing.
    await page.getByRole("heading", { name: /Step 3/ }).waitFor();
    await tabTo(page, /^Personal access token/);
    await kb.type(mistype(world.fake.addToken({ login: "octocat" })));
    await page.getByText(/checksum does not match/).waitFor();
    await kb.press("Enter");
    await kb.press("ControlOrMeta+A");
    await kb.type(world.fake.addToken({ login: "octocat" }));
    await page.getByText(/checksum is valid/).waitFor();
    assert.deepEqual(credentialPosts, [], "nothing was sent for the mistyped token");
    await tabTo(page, /^Credential name/);
    await kb.press("ControlOrMeta+A");
    await kb.type("keyboard-token");
    await tabTo(page, /^Check and save token$/);
    await kb.press("Enter");

    // Step 4 → 5.
    await page.getByRole("heading", { name: /Step 4: Token checked and saved/ }).waitFor();
    await tabTo(page, /Continue to repositories/);
    await kb.press("Enter");
    await page.getByRole("heading", { name: /Step 5/ }).waitFor();
    await tabTo(page, /^Repository URL/);
    await kb.type(`${world.fake.url}/octocat/tools.git`);
    await tabTo(page, /^Register and check$/);
    await kb.press("Enter");
    await page.locator(".check-result .badge-connected").waitFor({ timeout: 30_000 });
    await tabTo(page, /Finish: go to the dashboard/);
    await kb.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
    // The dashboard counts; the repository's row is on the Repositories page.
    await page.getByText(/1 registered · 1 connected/).waitFor();
    await tabTo(page, /^Repositories$/);
    await kb.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Repositories" }).waitFor();
    await page
      .getByRole("row", { name: /octocat\/tools/ })
      .locator(".badge-connected")
      .waitFor();

    // Rotation from the credentials page.
    await tabTo(page, /^Credentials$/, { backwards: true });
    await kb.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Credentials" }).waitFor();
    // As a person waits for the list to appear before tabbing to it (it loads after the heading).
    await page.getByRole("button", { name: /^Update keyboard-token/ }).waitFor();
    await tabTo(page, /^Update keyboard-token/);
    await kb.press("Enter");
    await page.getByRole("heading", { name: "Update keyboard-token" }).waitFor();
    await tabTo(page, /^New token/);
    await kb.type(world.fake.addToken({ login: "octocat" }));
    await tabTo(page, /^Update secret$/);
    await kb.press("Enter");
    await page
      .getByRole("status")
      .filter({ hasText: /keyboard-token updated to version 2/ })
      .waitFor({ timeout: 30_000 });
    await saveScreenshot(page, "15-keyboard-rotation-done");
  });
});
