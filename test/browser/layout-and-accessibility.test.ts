import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { bootstrapWorld, fakeHostName, signIn, startBrowserWorld, type BrowserWorld } from "./support/browser-world.ts";
import { seriousViolations } from "./support/axe.ts";
import { browserSkipReason } from "./support/chromium.ts";
import { saveScreenshot } from "./support/screenshots.ts";

/** The relative luminance of a CSS colour (0 black … 1 white). */
function luminance(color: string): number {
  const [r, g, b] = (color.match(/\d+(\.\d+)?/g) ?? ["0", "0", "0"]).slice(0, 3).map((c) => {
    const v = Number(c) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

describe("web UI: layout on narrow screens, dark mode, trailing slashes and accessibility", { skip: browserSkipReason }, () => {
  let world: BrowserWorld;
  let repositoryId = "";
  before(async () => {
    world = await startBrowserWorld();
    const token = await bootstrapWorld(world);
    await world.fake.addRepo({ owner: "octocat", name: "hello", private: true, files: { "README.md": "hello\n" } });
    const secret = world.fake.addToken({ login: "octocat" });
    const credential = await world.call(
      "POST",
      "/api/v1/credentials",
      { name: "release-bot", type: "token", username: "octocat", secret, host: fakeHostName },
      token,
    );
    assert.equal(credential.status, 201, JSON.stringify(credential.body));
    const repository = await world.call(
      "POST",
      "/api/v1/repositories",
      { url: `${world.fake.url}/octocat/hello.git`, credential: "release-bot" },
      token,
    );
    assert.equal(repository.status, 201, JSON.stringify(repository.body));
    repositoryId = String((repository.body.repository as { id: string }).id);
    const member = await world.call("POST", "/api/v1/users", { username: "alice", password: "alice password 123", role: "member" }, token);
    assert.equal(member.status, 201, JSON.stringify(member.body));
  });
  after(async () => {
    await world?.close();
  });

  const pages = () => [
    { path: "/", heading: "Dashboard" },
    { path: "/connect", heading: "Connect GitHub" },
    { path: "/credentials", heading: "Credentials" },
    { path: "/repositories", heading: "Repositories" },
    { path: `/repositories/${repositoryId}`, heading: "octocat/hello" },
    { path: "/admin/hosts", heading: "Hosts" },
    { path: "/admin/users", heading: "Users" },
    { path: "/admin/webhooks", heading: "Webhooks" },
    { path: "/tokens", heading: "API tokens" },
    { path: "/audit", heading: "Audit log" },
  ];

  for (const colorScheme of ["light", "dark"] as const) {
    it(`axe-core finds no serious or critical violation on any page (${colorScheme})`, async () => {
      const { page } = await world.newPage({ bypassCSP: true });
      await page.emulateMedia({ colorScheme });
      await page.goto("/");
      const found = (await seriousViolations(page)).map((v) => `sign-in: ${v}`);
      await signIn(page);
      for (const { path, heading } of pages()) {
        await page.goto(path);
        await page.getByRole("heading", { level: 1, name: heading }).waitFor();
        // Pages fill in from the API after the heading: wait until nothing is loading.
        await page.waitForLoadState("networkidle");
        for (const violation of await seriousViolations(page)) found.push(`${path}: ${violation}`);
      }
      assert.deepEqual(found, []);
    });
  }

  it("follows the system's dark mode: dark background, light text, and the pages stay readable", async () => {
    const { page } = await world.newPage();
    await page.emulateMedia({ colorScheme: "dark" });
    await signIn(page);
    const colors = await page.evaluate(() => {
      const style = getComputedStyle(document.body);
      return { background: getComputedStyle(document.documentElement).backgroundColor, text: style.color };
    });
    assert.ok(luminance(colors.background) < 0.05, `background ${colors.background} is not dark`);
    assert.ok(luminance(colors.text) > 0.6, `text ${colors.text} is not light`);
    await page.goto("/repositories");
    await page.getByRole("heading", { level: 1, name: "Repositories" }).waitFor();
    await saveScreenshot(page, "22-repositories-dark");
  });

  it("at 390 px the header is one short row with a Menu button that opens and closes the navigation, and tables fit", async () => {
    const { page } = await world.newPage({ bypassCSP: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page);
    const header = page.locator("header.site-header");
    const height = (await header.boundingBox())?.height ?? Infinity;
    assert.ok(height <= 80, `the header takes ${height} px`);
    const nav = page.getByRole("navigation", { name: "Main" });
    assert.equal(await nav.isVisible(), false, "the navigation is folded");
    const menu = page.getByRole("button", { name: "Menu" });
    assert.equal(await menu.getAttribute("aria-expanded"), "false");
    await menu.focus();
    await page.keyboard.press("Enter");
    assert.equal(await menu.getAttribute("aria-expanded"), "true");
    await nav.getByRole("link", { name: "Repositories" }).click();
    await page.getByRole("heading", { level: 1, name: "Repositories" }).waitFor();
    assert.equal(await nav.isVisible(), false, "the menu closes after choosing a page");
    await page.getByRole("link", { name: "octocat/hello" }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px`);
    const status = await page
      .locator(".table-wrap")
      .getByText(/Connected/)
      .first()
      .boundingBox();
    assert.ok(status && status.x + status.width <= 390, "the Status column is off-screen");
    assert.deepEqual(await seriousViolations(page), []);
    await saveScreenshot(page, "23-repositories-390px");
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto("/connect");
    await page.getByRole("heading", { level: 1, name: "Connect GitHub" }).waitFor();
    await saveScreenshot(page, "24-connect-390px-dark");
  });

  it("answers trailing-slash addresses with their page, not 'Page not found'", async () => {
    const { page } = await world.newPage();
    await signIn(page);
    for (const [path, heading] of [
      ["/repositories/", "Repositories"],
      ["/admin/hosts/", "Hosts"],
    ] as const) {
      await page.goto(path);
      await page.getByRole("heading", { level: 1, name: heading }).waitFor();
      assert.equal(await page.getByRole("heading", { name: "Page not found" }).count(), 0);
    }
  });

  it("offers no role or state change on the admin's own row (the server refuses it), but does on others", async () => {
    const { page } = await world.newPage();
    await signIn(page);
    await page.goto("/admin/users");
    const own = page.getByRole("row", { name: /admin/ }).filter({ hasText: "You" });
    await own.waitFor();
    assert.equal(await own.getByRole("button").count(), 0);
    const other = page.getByRole("row", { name: /alice/ });
    await other.getByRole("button", { name: /Disable/ }).waitFor();
    await other.getByRole("button", { name: /Make admin/ }).waitFor();
  });
});
