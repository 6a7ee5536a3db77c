import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { bootstrapWorld, fakeHostName, signIn, startBrowserWorld, type BrowserWorld } from "./support/browser-world.ts";
import { browserSkipReason } from "./support/chromium.ts";
import { mistype } from "./support/mistype.ts";
import { saveScreenshot } from "./support/screenshots.ts";

async function openWizardAtPasteStep(page: Page): Promise<void> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Connect GitHub" }).click();
  await page.getByRole("heading", { level: 1, name: "Connect GitHub" }).waitFor();
  await page.getByRole("radio", { name: new RegExp(fakeHostName.replace(".", "\\.")) }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("heading", { name: /Step 2: Create a personal access token/ }).waitFor();
  await page.getByRole("button", { name: "I have copied my token" }).click();
  await page.getByRole("heading", { name: /Step 3: Paste the token/ }).waitFor();
}

/**
 * Makes the page send one more request and waits until Playwright reports it: requests are
 * reported in the order the page sends them, so every request started before is seen by then.
 */
async function requestsSeen(page: Page): Promise<void> {
  const marker = `requests-seen-${Math.random().toString(36).slice(2)}`;
  const seen = page.waitForRequest((request) => request.url().includes(marker));
  await page.evaluate((query) => fetch(`/?${query}`, { method: "HEAD" }).then(() => undefined), marker);
  await seen;
}

describe("web UI: the Connect GitHub wizard against the GitHub fake", { skip: browserSkipReason }, () => {
  let world: BrowserWorld;
  before(async () => {
    world = await startBrowserWorld();
    await bootstrapWorld(world);
    await world.fake.addRepo({ owner: "octocat", name: "hello", private: true, branches: ["dev"] });
  });
  after(async () => {
    await world?.close();
  });

  it("a mistyped token is caught as it is pasted, and nothing is sent", async () => {
    const { page } = await world.newPage();
    await signIn(page);
    await openWizardAtPasteStep(page);
    const credentialPosts: string[] = [];
    page.on("request", (r) => r.method() === "POST" && r.url().includes("/api/v1/credentials") && credentialPosts.push(r.url()));

    const field = page.getByLabel("Personal access token");
    await field.focus();
    await page.keyboard.insertText(mistype(world.fake.addToken({ login: "octocat" })));
    await page.getByText(/built-in checksum does not match/).waitFor();
    assert.equal(await field.getAttribute("aria-invalid"), "true");
    const submit = page.getByRole("button", { name: "Check and save token" });
    assert.equal(await submit.isDisabled(), true, "the submit button stays disabled");
    await field.press("Enter");
    await saveScreenshot(page, "05-connect-mistyped-token");

    await field.fill(world.fake.addToken({ login: "octocat" }).slice(0, 30));
    await page.getByText(/shorter than one: part of it was probably cut off/).waitFor();
    assert.equal(await submit.isDisabled(), true);
    await requestsSeen(page);
    assert.deepEqual(credentialPosts, [], "no request was sent for a mistyped token");
  });

  it("a valid token is checked, saved, and a repository registered with it is connected", async () => {
    const { page } = await world.newPage();
    await signIn(page);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Connect GitHub" }).click();
    await page.getByRole("radio", { name: /ghe\.test/ }).check();
    await saveScreenshot(page, "04-connect-step1-host");
    await page.getByRole("button", { name: "Continue" }).click();

    const link = page.getByRole("link", { name: /Create token on GitHub/ });
    const href = (await link.getAttribute("href")) ?? "";
    assert.ok(href.startsWith(`${world.fake.url}/settings/tokens/new?`), href);
    assert.equal(new URL(href).searchParams.get("scopes"), "repo");
    assert.equal(await link.getAttribute("target"), "_blank");
    assert.match((await link.getAttribute("rel")) ?? "", /noopener/);
    await saveScreenshot(page, "04-connect-step2-create-token");
    await page.getByRole("button", { name: "I have copied my token" }).click();

    const token = world.fake.addToken({
      login: "octocat",
      scopes: ["repo", "read:org"],
      expiresAt: new Date(Date.now() + 90 * 86_400_000),
    });
    const field = page.getByLabel("Personal access token");
    await field.focus();
    await page.keyboard.insertText(`  ${token}\n`);
    await page.getByText(/Looks like a GitHub personal access token \(classic\); its checksum is valid/).waitFor();
    await page.getByLabel("Credential name").fill("octocat-ghe");
    await saveScreenshot(page, "04-connect-step3-paste-token");
    await page.getByRole("button", { name: "Check and save token" }).click();

    await page.getByRole("heading", { name: /Step 4: Token checked and saved/ }).waitFor();
    const facts = page.locator("dl.facts");
    await facts.getByText("octocat").waitFor();
    await facts.locator("code.scope-needed", { hasText: "repo" }).waitFor();
    await page.getByText("No authorization needed").waitFor();
    assert.ok(!(await page.content()).includes(token), "the token is not in the page after submission");
    await saveScreenshot(page, "06-connect-step4-token-checked");
    await page.getByRole("button", { name: "Continue to repositories" }).click();

    await page.getByRole("heading", { name: /Step 5: Connect repositories/ }).waitFor();
    await page.getByLabel("Repository URL").fill(`${world.fake.url}/octocat/hello.git`);
    await page.getByRole("button", { name: "Register and check" }).click();
    const result = page.locator(".check-result");
    await result.locator(".badge-connected").waitFor({ timeout: 30_000 });
    const steps = result.locator(".check-steps li");
    assert.equal(await steps.count(), 4);
    assert.deepEqual(await result.locator(".step-icon").allTextContents(), ["✓", "✓", "✓", "✓"]);
    await page.getByRole("status").filter({ hasText: "octocat/hello: connected." }).waitFor();
    await saveScreenshot(page, "07-connect-step5-repository-connected");

    await page.getByRole("link", { name: "Finish: go to the dashboard" }).click();
    await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
    await page.getByText(/1 registered · 1 connected/).waitFor();
    await saveScreenshot(page, "08-dashboard-connected");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Repositories" }).click();
    const row = page.getByRole("row", { name: /octocat\/hello/ });
    await row.locator(".badge-connected").waitFor();

    await row.getByRole("link", { name: "octocat/hello" }).click();
    await page.getByRole("heading", { level: 1, name: "octocat/hello" }).waitFor();
    await page.getByRole("region", { name: "Branches" }).getByText("dev").waitFor();
    await page.getByRole("button", { name: "Check connection now" }).click();
    await page.getByRole("status").filter({ hasText: "Check finished: connected." }).waitFor({ timeout: 30_000 });
    await page.getByRole("region", { name: "Check history" }).getByRole("row").nth(2).waitFor();
    await saveScreenshot(page, "09-repository-detail");
  });

  it("a token without the `repo` scope is refused with the remedy, and nothing is saved", async () => {
    const { page } = await world.newPage();
    await signIn(page);
    await openWizardAtPasteStep(page);
    await page.getByLabel("Personal access token").fill(world.fake.addToken({ login: "octocat", scopes: ["read:user"] }));
    await page.getByLabel("Credential name").fill("no-repo-scope");
    await page.getByRole("button", { name: "Check and save token" }).click();
    await page.getByRole("heading", { name: /Step 4: The token cannot be used yet/ }).waitFor();
    await page
      .getByRole("alert")
      .filter({ hasText: /Nothing was saved/ })
      .waitFor();
    const problem = page.locator(".problem-error").filter({ hasText: "GITHUB_TOKEN_SCOPE_MISSING" });
    await problem.getByText(/lacks the repo scope/).waitFor();
    await problem.getByText(/select the repo scope \(the first box under Select scopes\)/).waitFor();
    await saveScreenshot(page, "10-connect-token-without-repo");
    const list = await world.call("GET", "/api/v1/credentials", undefined, await adminToken(world));
    assert.ok(!(list.body.items as { name: string }[]).some((c) => c.name === "no-repo-scope"));

    await page.getByRole("button", { name: "Paste a corrected token" }).click();
    await page.getByRole("heading", { name: /Step 3: Paste the token/ }).waitFor();
    assert.equal(await page.getByLabel("Personal access token").inputValue(), "", "the refused token is not kept in the field");
  });

  it("a repository renamed on GitHub shows where it went after a check, and Follow the move adopts it", async () => {
    // octocat/hello was registered and connected by the wizard test above.
    const { page } = await world.newPage();
    await signIn(page);
    await world.fake.moveRepo("octocat/hello", { name: "hello-renamed" });
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Repositories" }).click();
    await page.getByRole("link", { name: "octocat/hello" }).click();
    await page.getByRole("heading", { level: 1, name: "octocat/hello" }).waitFor();
    await page.getByRole("button", { name: "Check connection now" }).click();
    await page.getByRole("status").filter({ hasText: "Check finished: degraded." }).waitFor({ timeout: 30_000 });
    const moved = page.getByRole("region", { name: "Moved on GitHub" });
    await moved.getByText(`${world.fake.url}/octocat/hello-renamed.git`).waitFor();
    await saveScreenshot(page, "11-repository-moved");
    await moved.getByRole("button", { name: "Follow the move to octocat/hello-renamed" }).click();
    await page.getByRole("heading", { level: 1, name: "octocat/hello-renamed" }).waitFor({ timeout: 30_000 });
    await page.getByRole("status").filter({ hasText: "Check finished: connected." }).waitFor({ timeout: 30_000 });
    assert.equal(await page.getByRole("region", { name: "Moved on GitHub" }).count(), 0);
  });
});

async function adminToken(world: BrowserWorld): Promise<string> {
  const login = await world.call("POST", "/api/v1/auth/token", {
    username: "admin",
    password: "correct horse battery staple",
    name: "check",
  });
  return String(login.body.token);
}
