import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { browserSkipReason } from "./support/chromium.ts";
import { startBrowserWorld, type BrowserWorld } from "./support/browser-world.ts";
import { saveScreenshot } from "./support/screenshots.ts";

describe("web UI: first run, sign out and sign in", { skip: browserSkipReason }, () => {
  let world: BrowserWorld;
  before(async () => {
    world = await startBrowserWorld();
  });
  after(async () => {
    await world?.close();
  });

  it("serves the UI with a strict CSP and answers unknown paths with the app, API paths with JSON", async () => {
    const page = await fetch(`${world.baseUrl}/credentials`);
    assert.equal(page.status, 200);
    const csp = page.headers.get("content-security-policy") ?? "";
    assert.match(csp, /default-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    // Forms may post to the registered GitHub hosts only (the App manifest flow); nothing else leaves the origin.
    const directives = csp.split(";").map((d) => d.trim());
    const formAction = directives.find((d) => d.startsWith("form-action")) ?? "";
    assert.equal(formAction, "form-action 'self' https://github.com", "the one host a fresh install knows");
    assert.doesNotMatch(directives.filter((d) => d !== formAction).join(";"), /https?:/);
    const html = await page.text();
    assert.match(html, /<div id="root">/);
    assert.doesNotMatch(html, /<script>(?!<\/)/, "no inline script");
    assert.doesNotMatch(html, /https?:\/\//, "no external URL (CDN) in the page");
    const api = await fetch(`${world.baseUrl}/api/v1/nothing-here`);
    assert.equal(api.status, 404);
    assert.equal(((await api.json()) as { error: { code: string } }).error.code, "ROUTE_NOT_FOUND");
  });

  it("creates the first admin with the setup code, signs out and back in", async () => {
    const { page } = await world.newPage();
    const consoleErrors: string[] = [];
    page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
    await page.goto("/");
    await page.getByRole("heading", { name: "Welcome to Repolink" }).waitFor();
    await saveScreenshot(page, "01-first-run-setup");

    await page.getByLabel("Setup code").fill("wrong-code");
    await page.getByLabel("Administrator username").fill("admin");
    await page.getByLabel("Password", { exact: true }).fill("a long enough password");
    await page.getByLabel("Password again").fill("a long enough password");
    await page.getByRole("button", { name: "Create administrator" }).click();
    await page
      .getByRole("alert")
      .filter({ hasText: /setup code is wrong/i })
      .waitFor();

    await page.getByLabel("Setup code").fill(world.setupCode);
    await page.getByRole("button", { name: "Create administrator" }).click();
    await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
    await page.getByText("No credentials yet").waitFor();
    await saveScreenshot(page, "02-dashboard-empty");

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in to Repolink" }).waitFor();
    await page.getByText("You are signed out.").waitFor();
    await saveScreenshot(page, "03-sign-in");

    await page.getByLabel("Username").fill("admin");
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").waitFor();

    await page.getByLabel("Password").fill("a long enough password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
    const setupAgain = await world.call("GET", "/api/v1/setup");
    assert.equal(setupAgain.body.setupRequired, false);
    assert.deepEqual(
      consoleErrors.filter((e) => !/401|403|Failed to load resource/.test(e)),
      [],
      "no CSP violations or script errors",
    );
  });
});
