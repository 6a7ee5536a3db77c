import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { seriousViolations } from "./support/axe.ts";
import { bootstrapWorld, fakeHostName, signIn, startBrowserWorld, type BrowserWorld } from "./support/browser-world.ts";
import { browserSkipReason } from "./support/chromium.ts";
import { tabTo } from "./support/keyboard.ts";
import { saveScreenshot } from "./support/screenshots.ts";

/** What has focus now: the page's body (focus lost) or an element's text. */
const focusedText = (page: Page) =>
  page.evaluate(() =>
    !document.activeElement || document.activeElement === document.body ? "(body)" : (document.activeElement as HTMLElement).innerText,
  );

/** axe on the page in light and dark mode (the page must bypass the CSP to take axe's script). */
async function axeLightAndDark(page: Page, where: string): Promise<string[]> {
  const found: string[] = [];
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    for (const v of await seriousViolations(page)) found.push(`${where} (${colorScheme}): ${v}`);
  }
  await page.emulateMedia({ colorScheme: "light" });
  return found;
}

/** Step 5: registers a repository by URL with the wizard's credential and waits for its check. */
async function registerInWizard(page: Page, world: BrowserWorld, fullName: string): Promise<void> {
  await page.getByRole("heading", { name: /Step 5: Connect repositories/ }).waitFor();
  await page.getByLabel("Repository URL").fill(`${world.fake.url}/${fullName}.git`);
  await page.getByRole("button", { name: "Register and check" }).click();
}

describe("web UI: the Connect GitHub wizard with a GitHub App, and remedies that act", { skip: browserSkipReason }, () => {
  let world: BrowserWorld;
  before(async () => {
    world = await startBrowserWorld();
    await bootstrapWorld(world);
    world.fake.addUser({ login: "acme", type: "Organization", members: { octocat: "admin" } });
    await world.fake.addRepo({ owner: "octocat", name: "hello", private: true });
    await world.fake.addRepo({ owner: "octocat", name: "tools", private: true });
    await world.fake.addRepo({ owner: "acme", name: "platform", private: true });
    await world.fake.addRepo({ owner: "acme", name: "vault", private: true });
    await world.fake.addRepo({ owner: "acme", name: "docs" });
  });
  after(async () => {
    await world?.close();
  });

  it("connects a repository with an App entered by keyboard; the install remedy is one link and Check again turns it green", async () => {
    const app = world.fake.addApp({ owner: "octocat", name: "Repolink Keyboard" });
    const { page } = await world.newPage({ bypassCSP: true });
    const kb = page.keyboard;
    await signIn(page);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Connect GitHub" }).click();
    await page.getByRole("heading", { level: 1, name: "Connect GitHub" }).waitFor();

    // Step 1: host, then "Personal access token or GitHub App?" — radio groups, one Tab each, arrows choose.
    await page.getByRole("group", { name: "Personal access token or GitHub App?" }).waitFor();
    await tabTo(page, /^github\.com/);
    await kb.press("ArrowDown");
    await tabTo(page, /^Personal access token/);
    await kb.press("ArrowDown");
    assert.equal(await page.getByRole("radio", { name: /GitHub App/ }).isChecked(), true);
    await tabTo(page, /^Continue$/);
    await kb.press("Enter");

    // Step 2: what to grant, and the step is in the address.
    await page.getByRole("heading", { name: `Step 2: Create the GitHub App on ${fakeHostName}` }).waitFor();
    const url = new URL(page.url());
    assert.deepEqual([url.pathname, url.searchParams.get("step"), url.searchParams.get("method")], ["/connect", "2", "app"]);
    const permissions = page.getByRole("table", { name: "Permissions to grant the App" });
    await permissions.getByRole("row", { name: /Contents Read and write/ }).waitFor();
    await permissions.getByRole("row", { name: /Metadata Read-only/ }).waitFor();
    await page.getByRole("button", { name: "Create the App on GitHub" }).waitFor();
    assert.deepEqual(await axeLightAndDark(page, "step 2"), []);
    await saveScreenshot(page, "25-connect-app-step2");
    await page.setViewportSize({ width: 390, height: 844 });
    await saveScreenshot(page, "26-connect-app-step2-390px");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the App step scrolls sideways by ${overflow} px at 390 px`);
    await page.setViewportSize({ width: 1280, height: 900 });
    await tabTo(page, /I have an App: enter its key/);
    await kb.press("Enter");

    // Step 3; browser Back goes to step 2 and Forward returns.
    const step3 = page.getByRole("heading", { name: "Step 3: Enter the App's ID and private key" });
    await step3.waitFor();
    await page.goBack();
    await page.getByRole("heading", { name: /Step 2: Create the GitHub App/ }).waitFor();
    await page.goForward();
    await step3.waitFor();
    assert.deepEqual(await axeLightAndDark(page, "step 3"), []);
    await tabTo(page, /^App ID or Client ID/);
    await kb.type(String(app.id));
    await tabTo(page, /^Or paste the private key/);
    await kb.insertText(app.privateKey);
    await tabTo(page, /^Credential name/);
    await kb.press("ControlOrMeta+A");
    await kb.type("keyboard-app");
    await saveScreenshot(page, "27-connect-app-step3-key");
    await tabTo(page, /^Check and save App$/);
    await kb.press("Enter");

    // Step 4: the App as GitHub knows it; the key is nowhere in the page.
    await page.getByRole("heading", { name: "Step 4: App checked and saved" }).waitFor();
    await page.locator("dl.facts").getByText("Repolink Keyboard").waitFor();
    const keyLine = app.privateKey.split("\n")[3]!;
    assert.ok(!(await page.content()).includes(keyLine), "the private key is not in the page");
    assert.equal(await page.evaluate(() => (document.querySelector("#app-key-paste") as HTMLTextAreaElement | null)?.value ?? ""), "");
    assert.deepEqual(await axeLightAndDark(page, "step 4"), []);
    await tabTo(page, /Continue to repositories/);
    await kb.press("Enter");

    // Step 5: not installed yet — the remedy names the install page once, as a link, with Check again.
    await registerInWizard(page, world, "octocat/hello");
    const result = page.locator(".check-result").filter({ hasText: "octocat/hello" });
    await result.locator(".badge-failing").waitFor({ timeout: 30_000 });
    const install = `${world.fake.url}/apps/${app.slug}/installations/new`;
    await result.getByRole("link", { name: new RegExp(install.replace(/[.?/]/g, "\\$&")) }).waitFor();
    assert.equal(await page.locator(`a[href="${install}"]`).count(), 1, "the install link is shown once");
    assert.deepEqual(await axeLightAndDark(page, "step 5 remedy"), []);
    world.fake.installApp({ appId: app.id, account: "octocat", repositories: ["octocat/hello"] });
    await tabTo(page, /^Check again$/);
    await kb.press("Enter");
    await result.locator(".badge-connected").waitFor({ timeout: 30_000 });
    assert.notEqual(await focusedText(page), "(body)", "focus stays on the result, not the page's start");
    assert.equal(await page.getByRole("button", { name: "Check again" }).count(), 0);
  });

  it("creates the App on GitHub with the manifest flow and connects a repository with it", async () => {
    // No CSP bypass: the page's policy must let the form post to the host.
    const { page } = await world.newPage();
    await signIn(page);
    await page.goto(`/connect?step=2&host=${fakeHostName}&method=app`);
    await page.getByRole("heading", { name: /Step 2: Create the GitHub App/ }).waitFor();
    await page.getByLabel("Credential name").fill("made-on-github");
    const manifestPost = page.waitForRequest(
      (r) => r.method() === "POST" && r.url().startsWith(`${world.fake.url}/settings/apps/new?state=`),
    );
    await page.getByRole("button", { name: "Create the App on GitHub" }).click();
    const posted = await manifestPost;
    const manifest = JSON.parse(new URLSearchParams(posted.postData() ?? "").get("manifest") ?? "{}") as Record<string, unknown>;
    assert.deepEqual(manifest.default_permissions, { contents: "write", metadata: "read" });
    assert.equal(manifest.redirect_url, `${world.baseUrl}/connect/github-app/created`);

    await page.getByRole("heading", { name: "Step 4: App checked and saved" }).waitFor({ timeout: 30_000 });
    const at = new URL(page.url());
    assert.equal(at.pathname, "/connect");
    assert.ok(at.searchParams.get("credential"), "the stored credential is in the address");
    assert.ok(!at.searchParams.has("code"), "the used-up code is gone from the address");
    const created = world.fake.appsFromManifests().at(-1)!;
    assert.deepEqual(created.permissions, { contents: "write", metadata: "read" });
    await page.getByRole("link", { name: /Install the App on an account/ }).waitFor();

    // Reload keeps the step; the App's key was never in the page.
    await page.reload();
    await page.getByRole("heading", { name: "Step 4: App checked and saved" }).waitFor();
    world.fake.installApp({ appId: created.id, account: "octocat", repositories: ["octocat/tools"] });
    await page.getByRole("button", { name: "Continue to repositories" }).click();
    await registerInWizard(page, world, "octocat/tools");
    await page.locator(".check-result").filter({ hasText: "octocat/tools" }).locator(".badge-connected").waitFor({ timeout: 30_000 });
  });

  it("an SSO-pending token shows the authorize link once on the token step; Check again after authorizing turns it green", async () => {
    const token = world.fake.addToken({ login: "octocat", scopes: ["repo"], ssoRequired: ["acme"] });
    const { page } = await world.newPage({ bypassCSP: true });
    await signIn(page);
    await page.goto(`/connect?step=3&host=${fakeHostName}&method=token`);
    await page.getByLabel("Personal access token").fill(token);
    await page.getByLabel("Credential name").fill("sso-token");
    await page.getByRole("button", { name: "Check and save token" }).click();
    await page.getByRole("heading", { name: "Step 4: Token checked and saved" }).waitFor();

    const facts = page.locator("dl.facts");
    await facts.getByText(/Not authorized yet/).waitFor();
    assert.equal(await page.getByText("No authorization needed").count(), 0);
    const authorize = `${world.fake.url}/settings/tokens`;
    assert.equal(await page.locator(`a[href="${authorize}"]`).count(), 1, "the authorize link is shown once");
    await page.locator(".badge-warning").first().waitFor();
    assert.deepEqual(await axeLightAndDark(page, "token step, SSO pending"), []);
    await saveScreenshot(page, "28-connect-token-sso-pending");

    world.fake.authorizeSso(token, "acme");
    await page.getByRole("button", { name: "Check again" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("status").locator(".badge-valid").waitFor();
    await facts.getByText("No authorization needed").waitFor();
    assert.notEqual(await focusedText(page), "(body)", "focus stays in the step");
  });

  it("a fine-grained token waiting for the organization's approval says so with the approval page as a link", async () => {
    const token = world.fake.addToken({
      login: "octocat",
      fineGrained: { owner: "acme", repositories: "all", contents: "write", pendingApproval: true },
    });
    const { page } = await world.newPage();
    await signIn(page);
    await page.goto(`/connect?step=3&host=${fakeHostName}&method=token`);
    await page.getByLabel("Personal access token").fill(token);
    await page.getByLabel("Credential name").fill("fine-pending");
    await page.getByRole("button", { name: "Check and save token" }).click();
    await page.getByRole("button", { name: "Continue to repositories" }).click();
    await registerInWizard(page, world, "acme/vault");
    const result = page.locator(".check-result").filter({ hasText: "acme/vault" });
    await result.getByText(/Ask an owner of acme to approve the request/).waitFor({ timeout: 30_000 });
    const approvals = `${world.fake.url}/organizations/acme/settings/personal-access-token-requests`;
    assert.equal(await page.locator(`a[href="${approvals}"]`).count(), 1, "the approval page is linked once");
    await saveScreenshot(page, "29-connect-fine-grained-pending");
    world.fake.approveFineGrained(token);
    await result.getByRole("button", { name: "Check again" }).click();
    await result.locator(".badge-connected").waitFor({ timeout: 30_000 });
  });
});
