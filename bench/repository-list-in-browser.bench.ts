// The Repositories page at 10,000 repositories in Chromium against the real server: time from navigation, and from a
// filter change, to the page of 50 painted; and from navigation until the 50 sparklines (asked for after the rows) are
// painted too. Baseline: the same page's API request alone, fetched by the same page (what rendering adds on top of the
// network). Also the search the page sends, answered server-side.
import type { Page } from "playwright-core";
import type { BenchOptions, BenchResult } from "./bench-result.ts";
import { timedRequest } from "./repository-list-at-scale.bench.ts";
import { round, summarize } from "./stats.ts";
import { launchChromium } from "../test/browser/support/chromium.ts";
import { ensureWebBuild } from "../test/browser/support/ensure-web-build.ts";
import { startLiveServer } from "../test/support/live-server.ts";
import { seedRepositories } from "../test/support/seed-repositories.ts";

const RENDER_TARGET_MS = 300;
const SEARCH_TARGET_MS = 100;
const DAY = 86_400_000;

/** Three stored checks in the last 30 days for every repository, so each sparkline has days to read. */
async function seedHistory(options: { deps: Awaited<ReturnType<typeof startLiveServer>>["runtime"]["deps"] }): Promise<void> {
  const { deps } = options;
  const repositories = await deps.store.repositories.list();
  await deps.store.transaction(async (store) => {
    for (const r of repositories) {
      for (const [days, status] of [
        [25, "connected"],
        [9, "failing"],
        [8, r.status === "unchecked" ? "connected" : r.status],
      ] as const) {
        await store.repositories.addCheck({
          id: deps.newId(),
          repositoryId: r.id,
          at: new Date(Date.now() - days * DAY).toISOString(),
          status,
          reasonCode: null,
          steps: [],
        });
      }
    }
  });
}

// The in-page code is text: tsx would wrap functions passed to page.evaluate with a helper the page does not have.
const paintedRows = `new Promise((resolve) => {
  const painted = (t0) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
  const ready = () => document.querySelectorAll("table tbody tr").length === 50;
  if (ready()) return painted(0);
  const observer = new MutationObserver(() => {
    if (!ready()) return;
    observer.disconnect();
    painted(0);
  });
  observer.observe(document, { childList: true, subtree: true });
})`;

const filterPainted = (status: string) => `new Promise((resolve) => {
  const label = [...document.querySelectorAll("form[role=search] label")].find((l) => l.textContent.trim() === "Status");
  const control = document.getElementById(label.getAttribute("for"));
  const firstRow = () => document.querySelector("table tbody th a")?.getAttribute("href");
  const before = firstRow();
  const t0 = performance.now();
  const observer = new MutationObserver(() => {
    const first = firstRow();
    if (!first || first === before || document.querySelectorAll("table tbody tr").length !== 50) return;
    observer.disconnect();
    requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
  Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value").set.call(control, ${JSON.stringify(status)});
  control.dispatchEvent(new Event("change", { bubbles: true }));
})`;

/** Milliseconds from navigation start until `selector` matches 50 elements and a frame has been painted after them. */
const painted50 = (selector: string) => paintedRows.replace('"table tbody tr"', JSON.stringify(selector));

/** Milliseconds from navigation start until 50 rows, then until their 50 sparklines, are painted. */
async function navigationToRows(page: Page, path: string): Promise<{ rows: number; sparklines: number }> {
  await page.goto(path, { waitUntil: "commit" });
  const rows = await page.evaluate<number>(paintedRows);
  const sparklines = await page.evaluate<number>(painted50("table tbody svg.sparkline"));
  return { rows, sparklines };
}

/** Milliseconds from choosing a status in the filter until the new page of 50 is painted. */
async function filterToRows(page: Page, status: string): Promise<number> {
  return page.evaluate<number>(filterPainted(status));
}

/** Milliseconds the page's own fetch of one API page takes (the baseline: no rendering). */
async function fetchOnly(page: Page, path: string): Promise<number> {
  return page.evaluate<number>(`(async () => {
    const t0 = performance.now();
    const response = await fetch(${JSON.stringify(path)}, { credentials: "same-origin" });
    await response.json();
    return performance.now() - t0;
  })()`);
}

/** Seeds 10,000 repositories (2,000 quick) with history, then times each step `runs` times after a warm-up. */
export async function run(options: BenchOptions): Promise<BenchResult[]> {
  const count = options.quick ? 2_000 : 10_000;
  const runs = options.quick ? 5 : 15;
  await ensureWebBuild();
  const server = await startLiveServer({ REPOLINK_LOG_LEVEL: "silent" });
  const browser = await launchChromium();
  try {
    await seedRepositories(server.runtime.deps, count);
    await seedHistory({ deps: server.runtime.deps });
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto("/");
    await page.getByLabel("Username").fill("admin");
    await page.getByLabel("Password").fill("live server password");
    await page.getByLabel("Password").press("Enter");
    await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();

    const navigation: number[] = [];
    const sparklines: number[] = [];
    const filter: number[] = [];
    const baseline: number[] = [];
    const search: number[] = [];
    await navigationToRows(page, "/repositories");
    for (let i = 0; i < runs; i++) {
      const opened = await navigationToRows(page, "/repositories");
      navigation.push(round(opened.rows));
      sparklines.push(round(opened.sparklines));
      filter.push(round(await filterToRows(page, i % 2 === 0 ? "failing" : "degraded")));
      baseline.push(round(await fetchOnly(page, "/api/v1/repositories?limit=50")));
      search.push(round((await timedRequest(`${server.url}/api/v1/repositories?q=service-0912&limit=50`, server.adminToken)).ms));
    }
    const base = summarize(baseline);
    const row = (label: string, times: number[]): BenchResult => {
      const stats = summarize(times);
      return {
        metric: `Repositories page at ${count.toLocaleString("en")}: ${label} to a page of 50 painted, Chromium, real server`,
        target: `≤ ${RENDER_TARGET_MS} ms`,
        ...stats,
        unit: "ms",
        baseline: base.value,
        ratio: round(stats.value / base.value),
        met: stats.value <= RENDER_TARGET_MS,
        notes: `baseline: the page's API request alone, fetched in the page (${base.value} ms median); sparklines come after the rows`,
      };
    };
    const searchStats = summarize(search);
    const sparklineStats = summarize(sparklines);
    return [
      row("navigation", navigation),
      row("filter change", filter),
      {
        metric: `Repositories page at ${count.toLocaleString("en")}: navigation to the 50 rows' sparklines painted (asked after the rows)`,
        target: "report",
        ...sparklineStats,
        unit: "ms",
        baseline: base.value,
        ratio: round(sparklineStats.value / base.value),
        met: null,
        notes: "one GET /repositories/status-history for the page, sent once the rows are shown",
      },
      {
        metric: `repository search at ${count.toLocaleString("en")} (as the page asks), HTTP round trip on 127.0.0.1`,
        target: `≤ ${SEARCH_TARGET_MS} ms`,
        ...searchStats,
        unit: "ms",
        baseline: base.value,
        ratio: round(searchStats.value / base.value),
        met: searchStats.value <= SEARCH_TARGET_MS,
        notes: "baseline: the first page of 50, fetched in the browser",
      },
    ];
  } finally {
    await browser.close();
    await server.close();
  }
}
