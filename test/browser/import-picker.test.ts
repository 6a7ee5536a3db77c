import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { bootstrapWorld, fakeHostName, signIn, startBrowserWorld, type BrowserWorld } from "./support/browser-world.ts";
import { browserSkipReason } from "./support/chromium.ts";
import { tabTo } from "./support/keyboard.ts";
import { saveScreenshot } from "./support/screenshots.ts";
import { seriousViolations } from "./support/axe.ts";

const BULK = 2000;

describe("web UI: step 5 picks from what the token reaches, imports the choice and checks it at once", { skip: browserSkipReason }, () => {
  let world: BrowserWorld;
  let token: string;
  before(async () => {
    world = await startBrowserWorld();
    const admin = await bootstrapWorld(world);
    await world.fake.addRepo({ owner: "octocat", name: "hello", private: true });
    for (const name of ["tools", "toolbox"])
      await world.fake.addRepo({ owner: "octocat", name, private: true, shareGitWith: "octocat/hello" });
    await world.fake.addRepo({ owner: "octocat", name: "attic", private: true, archived: true, shareGitWith: "octocat/hello" });
    for (let i = 0; i < BULK; i++)
      await world.fake.addRepo({
        owner: "octocat",
        name: `bulk-${String(i).padStart(4, "0")}`,
        private: true,
        shareGitWith: "octocat/hello",
      });
    token = world.fake.addToken({ login: "octocat" });
    const credential = { name: "other", type: "token", host: fakeHostName, username: "octocat", secret: token, validate: false };
    assert.equal((await world.call("POST", "/api/v1/credentials", credential, admin)).status, 201);
    const registered = await world.call(
      "POST",
      "/api/v1/repositories",
      { url: `${world.fake.url}/octocat/hello.git`, credential: "other" },
      admin,
    );
    assert.equal(registered.status, 201);
  });
  after(async () => world?.close());

  it("search, archived unselected, select none shown, import of a selection, live progress to done — by keyboard only", async () => {
    const { page } = await world.newPage({ bypassCSP: true });
    await signIn(page);
    const kb = page.keyboard;
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Connect GitHub" }).click();
    await page.getByRole("radio", { name: /ghe\.test/ }).check();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("button", { name: "I have copied my token" }).click();
    await page.getByLabel("Personal access token").fill(world.fake.addToken({ login: "octocat" }));
    await page.getByLabel("Credential name").fill("picker");
    await page.getByRole("button", { name: "Check and save token" }).click();
    await page.getByRole("button", { name: "Continue to repositories" }).click();
    await page.getByRole("heading", { name: /Step 5: Connect repositories/ }).waitFor();

    const picker = page.getByRole("form", { name: "Choose repositories to import" });
    // Every repository listed: 2,004 rows, the registered one marked and not choosable, the archived one unselected.
    await picker.getByText(`Showing ${BULK + 4} of ${BULK + 4} · ${BULK + 2} selected`).waitFor({ timeout: 60_000 });
    assert.equal(await picker.getByRole("checkbox").count(), BULK + 4);
    const attic = picker.getByRole("checkbox", { name: /octocat\/attic/ });
    assert.match((await attic.locator("xpath=..").textContent()) ?? "", /archived/);
    assert.equal(await attic.isChecked(), false, "an archived repository starts unselected");
    const hello = picker.getByRole("checkbox", { name: /octocat\/hello/ });
    assert.equal(await hello.isDisabled(), true);
    assert.match((await hello.locator("xpath=..").textContent()) ?? "", /already registered/);
    assert.equal(await picker.getByRole("button", { name: /^Import/ }).isDisabled(), true, "more than one import's worth is not sent");
    await saveScreenshot(page, "40-import-picker");

    await tabTo(page, /^Search repositories/, { max: 60 });
    await kb.type("bulk");
    await picker.getByText(`Showing ${BULK} of ${BULK + 4} · ${BULK + 2} selected`).waitFor();
    await tabTo(page, /^Select none shown$/);
    await kb.press("Enter");
    await picker.getByText(`Showing ${BULK} of ${BULK + 4} · 2 selected`).waitFor();

    await tabTo(page, /^Search repositories/, { backwards: true });
    await kb.press("ControlOrMeta+A");
    await kb.type("ATTIC");
    await picker.getByText(`Showing 1 of ${BULK + 4} · 2 selected`).waitFor();
    await tabTo(page, /octocat\/attic/);
    await kb.press("Space");
    await picker.getByText(`Showing 1 of ${BULK + 4} · 3 selected`).waitFor();
    assert.deepEqual(await seriousViolations(page), [], "the picker");

    // Every answer of GitHub comes late now, so the check's progress is seen before it ends.
    world.fake.setLatency(400);
    try {
      await tabTo(page, /^Import 3 repositories and check them$/);
      await kb.press("Enter");
      const section = page.getByRole("region", { name: /Importing and checking|Import finished/ });
      await page.getByRole("heading", { name: "Importing and checking…" }).waitFor({ timeout: 60_000 });
      await section.getByRole("progressbar", { name: "Repositories checked" }).waitFor();
      await saveScreenshot(page, "41-import-progress");
      await page.getByRole("heading", { name: "Import finished" }).waitFor({ timeout: 90_000 });
    } finally {
      world.fake.setLatency(0);
    }
    const result = page.getByRole("region", { name: "Import finished" });
    await result.getByText("Registered 2, skipped 1.").waitFor();
    await result.getByText(/Checked 2 of 2 · 2 connected · 0 degraded · 0 failing/).waitFor();
    await result
      .getByRole("region", { name: "Skipped" })
      .getByText(/octocat\/attic.*archived/)
      .waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Import finished", "focus moves to the result");
    await page.getByRole("status").filter({ hasText: "Check finished: 2 of 2 checked, 0 failing." }).waitFor();
    await saveScreenshot(page, "42-import-finished");
    assert.deepEqual(await seriousViolations(page), [], "the import's result");

    await tabTo(page, /Finish: go to the dashboard/);
    await kb.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
    await page.getByText(/3 registered · 3 connected/).waitFor();
  });
});
