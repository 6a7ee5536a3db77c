// The repository list at 10,000 repositories, as the web UI and `repo list` ask for it over HTTP: a search, a
// filtered page, a deep page by cursor. Baseline: the largest page the API gives (1,000 by name).
import type { BenchOptions, BenchResult } from "./bench-result.ts";
import { round, summarize } from "./stats.ts";
import { startLiveServer } from "../test/support/live-server.ts";
import { seedRepositories } from "../test/support/seed-repositories.ts";

const TARGET_MS = 100;

/** One timed GET of the repository list (after an untimed try that opens the connection). */
export async function timedRequest(
  url: string,
  token: string,
): Promise<{ ms: number; body: { nextCursor: string | null; items: unknown[] } }> {
  // A kept-alive connection the server closed at that moment fails at once: such a try is repeated, not timed.
  const send = () => fetch(url, { headers: { authorization: `Bearer ${token}` } });
  await send()
    .then((r) => r.arrayBuffer())
    .catch(() => undefined);
  const t0 = performance.now();
  const response = await send();
  const body = (await response.json()) as { nextCursor: string | null; items: unknown[] };
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return { ms: performance.now() - t0, body };
}

/** Seeds 10,000 repositories (2,000 quick) and times each request `runs` times, after a warm-up. */
export async function run(options: BenchOptions): Promise<BenchResult[]> {
  const count = options.quick ? 2_000 : 10_000;
  const runs = options.quick ? 5 : 25;
  const server = await startLiveServer({ REPOLINK_LOG_LEVEL: "silent" });
  try {
    await seedRepositories(server.runtime.deps, count);
    const base = `${server.url}/api/v1/repositories`;
    let deepCursor: string | null = null;
    let cursor: string | null = null;
    for (let page = 0; page < 100; page++) {
      const next: { body: { nextCursor: string | null } } = await timedRequest(
        `${base}?sort=status&limit=50${cursor ? `&cursor=${cursor}` : ""}`,
        server.adminToken,
      );
      cursor = next.body.nextCursor;
    }
    deepCursor = cursor;
    const cases: [string, string][] = [
      ["search (q=service-0912, page of 50)", `${base}?q=service-0912&limit=50`],
      ["filter (failing on one credential and owner, page of 50)", `${base}?status=failing&credential=deploy-b&owner=org-13&limit=50`],
      ["first page of 50 by status", `${base}?sort=status&limit=50`],
      ["page 101 of 50 by status (cursor)", `${base}?sort=status&limit=50&cursor=${deepCursor ?? ""}`],
    ];
    const measure = async (url: string) => {
      await timedRequest(url, server.adminToken);
      const times: number[] = [];
      for (let i = 0; i < runs; i++) times.push((await timedRequest(url, server.adminToken)).ms);
      return summarize(times.map((t) => round(t)));
    };
    const whole = await measure(`${base}?limit=1000`);
    const results: BenchResult[] = [];
    for (const [label, url] of cases) {
      const stats = await measure(url);
      results.push({
        metric: `repository list at ${count.toLocaleString("en")}: ${label}, HTTP round trip on 127.0.0.1`,
        target: `≤ ${TARGET_MS} ms`,
        ...stats,
        unit: "ms",
        baseline: whole.value,
        ratio: round(stats.value / whole.value),
        met: stats.value <= TARGET_MS,
        notes: `baseline: a page of 1,000 by name (${whole.value} ms median)`,
      });
    }
    return results;
  } finally {
    await server.close();
  }
}
