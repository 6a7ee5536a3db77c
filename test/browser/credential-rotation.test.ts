import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { bootstrapWorld, fakeHostName, signIn, startBrowserWorld, type BrowserWorld } from "./support/browser-world.ts";
import { browserSkipReason } from "./support/chromium.ts";
import { saveScreenshot } from "./support/screenshots.ts";

type View = { name: string; version: number; preview: string; status: string };

describe("web UI: credentials — rotation, refusal and delete with dependents", { skip: browserSkipReason }, () => {
  let world: BrowserWorld;
  let admin: string;
  let repoUrl: string;
  before(async () => {
    world = await startBrowserWorld();
    admin = await bootstrapWorld(world);
    await world.fake.addRepo({ owner: "octocat", name: "hello", private: true });
    repoUrl = `${world.fake.url}/octocat/hello.git`;
    const token = world.fake.addToken({ login: "octocat", expiresAt: new Date(Date.now() + 5 * 86_400_000) });
    const created = await world.call(
      "POST",
      "/api/v1/credentials",
      { name: "ci-token", type: "token", host: fakeHostName, username: "octocat", secret: token },
      admin,
    );
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const repo = await world.call("POST", "/api/v1/repositories", { url: repoUrl, credential: "ci-token" }, admin);
    assert.equal(repo.status, 201, JSON.stringify(repo.body));
  });
  after(async () => {
    await world?.close();
  });

  const current = async (): Promise<View> =>
    (await world.call("GET", "/api/v1/credentials/ci-token", undefined, admin)).body.credential as View;

  it("shows dependents when a credential in use cannot be deleted", async () => {
    const { page } = await world.newPage();
    await signIn(page);
    await page.getByRole("heading", { name: "Credentials expiring soon or with problems" }).waitFor();
    await page.getByText(/ci-token.*Expires in [45] days/).waitFor();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Credentials" }).click();
    const row = page.getByRole("row", { name: /ci-token/ });
    await row.getByRole("link", { name: "1 repository" }).waitFor();
    await saveScreenshot(page, "11-credentials-list");
    page.once("dialog", (dialog) => void dialog.accept());
    await row.getByRole("button", { name: "Delete ci-token" }).click();
    const alert = page.getByRole("alert").filter({ hasText: /in use|used by/i });
    await alert.getByRole("link", { name: "1 repository" }).waitFor();
    await saveScreenshot(page, "12-credential-delete-refused");
    assert.equal((await current()).version, 1);
  });

  it("rotates the secret in place: a refused token changes nothing, a good one becomes version 2", async () => {
    const { page } = await world.newPage();
    await signIn(page);
    await page.goto("/credentials");
    await page
      .getByRole("row", { name: /ci-token/ })
      .getByRole("button", { name: "Update ci-token" })
      .click();
    await page.getByRole("heading", { name: "Update ci-token" }).waitFor();
    const safeBox = page.getByLabel(/Safe rotation/);
    assert.equal(await safeBox.count(), 1, "the safe-rotation option is offered");
    assert.equal(await safeBox.isChecked(), true, "safe rotation is on unless the user turns it off");

    const field = page.getByLabel("New token");
    const refused = world.fake.addToken({ login: "octocat", scopes: ["read:user"] });
    await field.fill(refused);
    await page.getByRole("button", { name: "Update secret" }).click();
    await page
      .getByRole("alert")
      .filter({ hasText: /Nothing was changed/ })
      .waitFor();
    await page.locator(".problem-error").filter({ hasText: "GITHUB_TOKEN_SCOPE_MISSING" }).waitFor();
    assert.equal(await field.inputValue(), "", "the refused secret is cleared from the field");
    assert.equal((await current()).version, 1);

    const before = await current();
    const fresh = world.fake.addToken({ login: "octocat", expiresAt: new Date(Date.now() + 180 * 86_400_000) });
    await field.fill(fresh);
    await page.getByText(/checksum is valid/).waitFor();
    await saveScreenshot(page, "13-credential-rotation-form");
    await page.getByRole("button", { name: "Update secret" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: /ci-token updated to version 2/ })
      .waitFor({ timeout: 30_000 });
    const after = await current();
    assert.equal(after.version, 2);
    assert.notEqual(after.preview, before.preview);
    assert.equal(after.status, "valid");
    await page
      .getByRole("row", { name: /ci-token/ })
      .getByText("v2")
      .waitFor();
    // The safe rotation's report: every dependent repository checked with the new secret.
    const report = page.locator(".rotation-report");
    const helloRow = report.getByRole("row", { name: /octocat\/hello/ });
    await helloRow.waitFor();
    // Before (degraded: the old token expires within days) → connected with the new one: no worse.
    await helloRow.locator("td").nth(0).locator(".badge-degraded").waitFor();
    await helloRow.locator("td").nth(1).locator(".badge-connected").waitFor();
    await helloRow.getByText("No worse").waitFor();
    const html = await page.content();
    assert.ok(!html.includes(fresh) && !html.includes(refused), "no secret is rendered back");
    await saveScreenshot(page, "14-credential-rotated");

    const check = await world.call("POST", "/api/v1/repositories/octocat/hello/validate", undefined, admin);
    assert.equal((check.body.check as { status: string }).status, "connected", "the repository keeps working with the new secret");
  });

  it("a token that makes a repository worse is refused with before → after; the admin may rotate anyway", async () => {
    const { page } = await world.newPage();
    await signIn(page);
    await page.goto("/credentials");
    await page
      .getByRole("row", { name: /ci-token/ })
      .getByRole("button", { name: "Update ci-token" })
      .click();
    const blind = world.fake.addToken({ login: "octocat", fineGrained: { repositories: ["octocat/other"], contents: "write" } });
    await page.getByLabel("New token").fill(blind);
    await page.getByRole("button", { name: "Update secret" }).click();
    const helloRow = page.locator(".rotation-report").getByRole("row", { name: /octocat\/hello/ });
    await helloRow.getByText("Fails with it").waitFor();
    await helloRow.locator(".badge-failing").waitFor();
    assert.equal((await current()).version, 2, "nothing changed yet");
    await page.getByRole("button", { name: /Rotate anyway: 1 repository fails or gets worse/ }).click();
    await page
      .getByRole("status")
      .filter({ hasText: /ci-token updated to version 3.*1 failing or worse off, as you chose/ })
      .waitFor({ timeout: 30_000 });
    assert.equal((await current()).version, 3);
    assert.ok(!(await page.content()).includes(blind), "no secret is rendered back");
  });
});
