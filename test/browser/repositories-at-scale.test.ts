import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { seededCredential, seededStatus, seedRepositories } from "../support/seed-repositories.ts";
import { seriousViolations } from "./support/axe.ts";
import { bootstrapWorld, fakeHostName, signIn, startBrowserWorld, type BrowserWorld } from "./support/browser-world.ts";
import { browserSkipReason } from "./support/chromium.ts";
import { tabTo } from "./support/keyboard.ts";

const SEEDED = 10_000;
const ON_FAKE = 12;
const TOTAL = SEEDED + ON_FAKE;
const indexes = Array.from({ length: SEEDED }, (_, i) => i);
const seededName = (i: number) => `org-${String(i % 20).padStart(2, "0")}/service-${String(i).padStart(5, "0")}`;
const fakeName = (i: number) => `scale-team/app-${String(i).padStart(2, "0")}`;
const allNames = [...indexes.map(seededName), ...Array.from({ length: ON_FAKE }, (_, i) => fakeName(i))].sort();

/** The names in the table's rows, in order. */
const rowNames = (page: Page) =>
  page
    .locator("table tbody th[scope=row] a")
    .allTextContents()
    .then((names) => names.map((n) => n.trim()));

/** Waits until the summary says `count` match (the page shows the answer to the latest filter). */
const matching = (page: Page, count: number) =>
  page
    .getByRole("status")
    .filter({ hasText: new RegExp(`^${count} matching`) })
    .waitFor();

describe(
  "Repositories page at 10,000 repositories: search, filters, sort, paging, bulk re-check, keyboard, axe",
  { skip: browserSkipReason },
  () => {
    let world: BrowserWorld;
    let token: string;
    before(async () => {
      world = await startBrowserWorld();
      // Seeded before any HTTP call: the seeding transaction holds the event loop for seconds, long enough for the
      // server to drop an idle keep-alive connection under the next request.
      const { credentialIds } = await seedRepositories(world.deps, SEEDED);
      token = await bootstrapWorld(world);
      // deploy-b expires in 5 days: its 5,000 repositories stand behind one alert, not 5,000 rows.
      await world.deps.store.credentials.updateMetadata(credentialIds["deploy-b"]!, {
        expiresAt: new Date(Date.now() + 5 * 86_400_000 + 3_600_000).toISOString(),
      });
      const secret = world.fake.addToken({ login: "octocat" });
      const credential = await world.call(
        "POST",
        "/api/v1/credentials",
        { name: "fake-bot", type: "token", username: "octocat", secret, host: fakeHostName },
        token,
      );
      assert.equal(credential.status, 201, JSON.stringify(credential.body));
      world.fake.addUser({ login: "scale-team", type: "Organization", members: { octocat: "admin" } });
      for (let i = 0; i < ON_FAKE; i++) {
        await world.fake.addRepo({ owner: "scale-team", name: `app-${String(i).padStart(2, "0")}`, files: { "README.md": "hi\n" } });
        const registered = await world.call(
          "POST",
          "/api/v1/repositories",
          { url: `${world.fake.url}/${fakeName(i)}.git`, credential: "fake-bot" },
          token,
        );
        assert.equal(registered.status, 201, JSON.stringify(registered.body));
      }
    });
    after(async () => {
      await world?.close();
    });

    it("searches, filters by status, credential and host, sorts, and pages forward and back", async () => {
      const { page } = await world.newPage();
      await signIn(page);
      await page.goto("/repositories");
      const filters = page.getByRole("search", { name: "Repositories" });
      await matching(page, TOTAL);
      assert.deepEqual(await rowNames(page), allNames.slice(0, 50));
      await page.getByText("Page 1 of 201").waitFor();

      await page.getByRole("button", { name: "Next" }).click();
      await page.getByText("Page 2 of 201").waitFor();
      await page.locator("table tbody th[scope=row] a", { hasText: allNames[50]! }).waitFor();
      assert.deepEqual(await rowNames(page), allNames.slice(50, 100));
      await page.getByRole("button", { name: "Previous" }).click();
      await page.getByText("Page 1 of 201").waitFor();
      await page.locator("table tbody th[scope=row] a", { hasText: allNames[0]! }).waitFor();

      await filters.getByLabel("Search by name").fill("service-0999");
      await matching(page, 10);
      assert.deepEqual(
        await rowNames(page),
        indexes
          .filter((i) => String(i).startsWith("999") && i >= 9990)
          .map(seededName)
          .sort(),
      );
      await filters.getByLabel("Search by name").fill("");

      const failing = indexes.filter((i) => seededStatus(i) === "failing").length;
      await filters.getByLabel("Status").selectOption("failing");
      await matching(page, failing);
      assert.equal(new URL(page.url()).searchParams.get("status"), "failing");
      await filters.getByLabel("Status").selectOption("");

      await filters.getByLabel("Credential").selectOption("deploy-a");
      await matching(page, indexes.filter((i) => seededCredential(i) === "deploy-a").length);
      await filters.getByLabel("Credential").selectOption("");

      await filters.getByLabel("Host").selectOption(fakeHostName);
      await matching(page, ON_FAKE);
      await filters.getByLabel("Order").selectOption("-name");
      await page
        .locator("table tbody th[scope=row] a", { hasText: fakeName(ON_FAKE - 1) })
        .first()
        .waitFor();
      assert.deepEqual(await rowNames(page), Array.from({ length: ON_FAKE }, (_, i) => fakeName(i)).reverse());
      // Each row carries its 30 days as a sparkline with the same facts in words.
      const sparkline = page.getByRole("img", { name: /^Last 30 days: / }).first();
      assert.match((await sparkline.getAttribute("aria-label")) ?? "", /1 day connected, 29 days no data/);
    });

    it("with the keyboard alone: search, a status filter, and Next and Previous", async () => {
      const { page } = await world.newPage();
      await signIn(page);
      await page.goto("/repositories");
      await matching(page, TOTAL);
      await tabTo(page, /Search by name/);
      await page.keyboard.type("service-0042");
      await matching(page, 10);
      await page.keyboard.press("Control+A");
      await page.keyboard.press("Backspace");
      await matching(page, TOTAL);
      await tabTo(page, /^Status/);
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("ArrowDown");
      await matching(page, indexes.filter((i) => seededStatus(i) === "failing").length);
      await tabTo(page, /^Next$/, { max: 200 });
      await page.keyboard.press("Enter");
      await page.getByText(/^Page 2 of /).waitFor();
      await tabTo(page, /^Previous$/, { backwards: true, max: 10 });
      await page.keyboard.press("Enter");
      await page.getByText(/^Page 1 of /).waitFor();
    });

    it("opening the page asks for the hosts once and for every row's sparkline in one request, after the rows", async () => {
      const { page } = await world.newPage();
      await signIn(page);
      const asked: string[] = [];
      page.on("request", (request) => {
        const url = new URL(request.url());
        if (url.pathname.startsWith("/api/v1/")) asked.push(`${url.pathname}${url.search}`);
      });
      await page.goto("/repositories");
      await matching(page, TOTAL);
      await page
        .getByRole("img", { name: /^Last 30 days: / })
        .nth(49)
        .waitFor();
      const count = (path: string) => asked.filter((a) => a.split("?")[0] === path).length;
      assert.equal(count("/api/v1/hosts"), 1, asked.join("\n"));
      assert.equal(count("/api/v1/credentials"), 1, asked.join("\n"));
      assert.equal(count("/api/v1/repositories/status-history"), 1, asked.join("\n"));
      const list = asked.findIndex((a) => a.startsWith("/api/v1/repositories?"));
      const history = asked.findIndex((a) => a.startsWith("/api/v1/repositories/status-history?"));
      assert.ok(list >= 0 && list < history, "the rows are asked for first");
      assert.doesNotMatch(asked[list]!, /history=true/);
      assert.equal(decodeURIComponent(asked[history]!).split("ids=")[1]!.split(",").length, 50, "one request for the page's 50 rows");
      assert.equal(await page.locator(".sparkline-pending").count(), 0, "every placeholder gave way to its sparkline");
    });

    it("the Credentials page says how many repositories use each credential and links to them", async () => {
      const { page } = await world.newPage();
      await signIn(page);
      await page.goto("/credentials");
      const row = page.getByRole("row", { name: /deploy-a/ });
      const link = row.getByRole("link", { name: "5000 repositories" });
      await link.waitFor();
      assert.match((await row.textContent()) ?? "", /Used by: 5000 repositories/);
      assert.equal(await row.getByRole("link").count(), 1, "one link, not 5,000 names");
      await link.click();
      await matching(page, indexes.filter((i) => seededCredential(i) === "deploy-a").length);
      assert.equal(new URL(page.url()).searchParams.get("credential"), "deploy-a");
      assert.equal(await page.getByRole("search", { name: "Repositories" }).getByLabel("Credential").inputValue(), "deploy-a");
    });

    it("a bulk re-check of every repository matching a filter really checks those repositories at the host", async () => {
      const { page } = await world.newPage();
      await signIn(page);
      const hits = () => Array.from({ length: ON_FAKE }, (_, i) => world.fake.repoHits.get(fakeName(i))?.git ?? 0);
      const before = hits();
      await page.goto(`/repositories?host=${fakeHostName}`);
      await matching(page, ON_FAKE);
      await page.getByLabel("Apply to").selectOption("filter");
      await page.getByLabel("Action").selectOption("recheck");
      await page.getByRole("button", { name: `Re-check ${ON_FAKE}` }).click();
      await page.getByRole("status").filter({ hasText: /12/ }).first().waitFor();
      // The page follows the started check to its end, then shows the statuses it found.
      await page
        .getByRole("status")
        .filter({ hasText: `Check finished: ${ON_FAKE} of ${ON_FAKE} checked · ${ON_FAKE} connected` })
        .waitFor({ timeout: 60_000 });
      assert.deepEqual(
        hits().map((n, i) => n > before[i]!),
        Array.from({ length: ON_FAKE }, () => true),
        "every repository of the filter was fetched from the fake again",
      );
      assert.equal(world.fake.repoHits.get(seededName(0)), undefined, "nothing outside the filter was checked");
    });

    it("an expiring credential is one alert on the Dashboard and the Repositories page, not 5,000 problem rows", async () => {
      const { page } = await world.newPage();
      await signIn(page);
      const attention = page.getByRole("region", { name: "Credentials expiring soon or with problems" });
      const alert = attention.getByRole("listitem").filter({ hasText: "deploy-b" });
      await alert.getByText(/Expires in 5 days · 5000 repositories affected/).waitFor();
      const time = alert.locator("time");
      assert.ok(await time.getAttribute("dateTime"));
      assert.ok(await time.getAttribute("title"));
      const problems = page.getByRole("table", { name: "Repositories with problems" });
      await problems.waitFor();
      const shown = await problems.locator("tbody tr").allTextContents();
      assert.ok(shown.length > 0);
      assert.ok(
        shown.every((row) => !row.includes("TOKEN_EXPIRING")),
        "no row repeats the credential's expiry",
      );
      await alert.getByRole("link", { name: /Show the 5000/ }).click();
      await matching(page, 5000);
      assert.equal(new URL(page.url()).searchParams.get("credential"), "deploy-b");
      await page.getByRole("region", { name: "Credentials about to expire" }).getByRole("link", { name: "Rotate deploy-b" }).click();
      await page.getByRole("heading", { level: 1, name: "Credentials" }).waitFor();
      await page
        .getByRole("form", { name: /deploy-b/ })
        .or(page.getByText(/Update deploy-b|Rotate deploy-b|New secret/).first())
        .first()
        .waitFor();
    });

    it("a repository's page charts its last 30 days, with the same days as a table", async () => {
      const { page } = await world.newPage();
      await signIn(page);
      await page.goto(`/repositories?q=${encodeURIComponent(fakeName(0))}`);
      await page.getByRole("link", { name: fakeName(0) }).click();
      await page.getByRole("heading", { name: "Health over the last 30 days" }).waitFor();
      await page.getByRole("img", { name: /days no data/ }).waitFor();
      await page.getByText("Show day by day as a table").click();
      const rows = page.getByRole("table", { name: "Status each day, oldest first" }).locator("tbody tr");
      assert.equal(await rows.count(), 30);
      assert.match((await rows.last().textContent()) ?? "", /connected/);
      const checked = page.locator("dd time").first();
      assert.match((await checked.textContent()) ?? "", /ago|now/);
    });

    it("edits and removes a host on the Hosts page", async () => {
      const added = await world.call("POST", "/api/v1/hosts", { name: "ghe.scale.test", url: "https://ghe.scale.test" }, token);
      assert.equal(added.status, 201, JSON.stringify(added.body));
      const { page } = await world.newPage();
      await signIn(page);
      await page.goto("/admin/hosts");
      await page.getByRole("button", { name: "Edit ghe.scale.test" }).click();
      const form = page.getByRole("form", { name: "Edit host ghe.scale.test" });
      await form.getByLabel("Web URL").fill("https://ghe2.scale.test");
      await form.getByRole("button", { name: "Save ghe.scale.test" }).click();
      await page.getByText(/Host ghe.scale.test saved: https:\/\/ghe2.scale.test/).waitFor();
      const stored = await world.call("GET", "/api/v1/hosts", undefined, token);
      const hosts = stored.body.items as { name: string; url: string }[];
      assert.equal(hosts.find((h) => h.name === "ghe.scale.test")?.url, "https://ghe2.scale.test");
      await page.getByRole("button", { name: "Edit ghe.scale.test" }).click();
      page.once("dialog", (dialog) => void dialog.accept());
      await page.getByRole("button", { name: "Remove ghe.scale.test" }).click();
      await page.getByText("Host ghe.scale.test removed.").waitFor();
      const after = (await world.call("GET", "/api/v1/hosts", undefined, token)).body.items as { name: string }[];
      assert.equal(
        after.some((h) => h.name === "ghe.scale.test"),
        false,
      );
    });

    for (const colorScheme of ["light", "dark"] as const) {
      it(`axe-core finds no serious or critical violation on Repositories (10,000) and Hosts (${colorScheme})`, async () => {
        const { page } = await world.newPage({ bypassCSP: true });
        await page.emulateMedia({ colorScheme });
        await signIn(page);
        const found: string[] = [];
        for (const path of ["/repositories", "/admin/hosts", "/"]) {
          await page.goto(path);
          await page.waitForLoadState("networkidle");
          for (const violation of await seriousViolations(page)) found.push(`${path}: ${violation}`);
        }
        assert.deepEqual(found, []);
      });
    }
  },
);
