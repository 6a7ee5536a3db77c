import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { bootstrapWorld, signIn, startBrowserWorld, type BrowserWorld } from "./support/browser-world.ts";
import { browserSkipReason } from "./support/chromium.ts";
import { saveScreenshot } from "./support/screenshots.ts";

describe("web UI: admin pages — hosts, users, API tokens, audit log, repositories", { skip: browserSkipReason }, () => {
  let world: BrowserWorld;
  before(async () => {
    world = await startBrowserWorld();
    await bootstrapWorld(world);
  });
  after(async () => {
    await world?.close();
  });

  it("lists hosts, adds a user, issues an API token shown once, and shows the audit log", async () => {
    const { page } = await world.newPage();
    await signIn(page);
    const nav = page.getByRole("navigation", { name: "Main" });

    await nav.getByRole("link", { name: "Hosts" }).click();
    await page
      .getByRole("row", { name: /ghe\.test/ })
      .getByText("Allowed")
      .waitFor();
    await page
      .getByRole("row", { name: /github\.com/ })
      .getByText("built in")
      .waitFor();
    await saveScreenshot(page, "16-hosts");

    await nav.getByRole("link", { name: "Users" }).click();
    await page.getByLabel("Username").fill("alice");
    await page.getByLabel("Initial password").fill("alice password 123");
    await page.getByRole("button", { name: "Add user" }).click();
    await page.getByRole("row", { name: /alice/ }).getByText("member").waitFor();
    await saveScreenshot(page, "17-users");

    await nav.getByRole("link", { name: "API tokens" }).click();
    await page.getByLabel("Name").fill("release pipeline");
    await page.getByRole("button", { name: "Create token" }).click();
    const shown = page.locator("code.token-once");
    await shown.waitFor();
    const token = (await shown.textContent()) ?? "";
    assert.ok(token.length > 20);
    await saveScreenshot(page, "18-api-token-created");
    await page.getByRole("button", { name: "I have stored it" }).click();
    await page.getByRole("row", { name: /release pipeline/ }).waitFor();
    assert.ok(!(await page.content()).includes(token), "the API token is gone from the page once dismissed");
    assert.equal((await world.call("GET", "/api/v1/tokens", undefined, token)).status, 200, "the shown token works");

    await nav.getByRole("link", { name: "Webhooks" }).click();
    await page.getByRole("heading", { name: "Add a webhook" }).waitFor();
    await saveScreenshot(page, "21-webhooks");

    await nav.getByRole("link", { name: "Audit log" }).click();
    await page
      .getByRole("row", { name: /user\.create/ })
      .first()
      .waitFor();
    await saveScreenshot(page, "19-audit-log");

    await nav.getByRole("link", { name: "Repositories" }).click();
    await page.getByRole("heading", { name: "Register a repository" }).waitFor();
    await saveScreenshot(page, "20-repositories");
  });
});
