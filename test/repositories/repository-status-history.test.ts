import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { pruneCheckHistory } from "../../src/core/repositories/prune-check-history.ts";
import { seededStatus, seedRepositories } from "../support/seed-repositories.ts";
import { bootstrapAdmin, startTestServer, type TestServer } from "../support/test-server.ts";

type Day = { date: string; status: string | null };
type Row = { id: string; name: string; status: string; reasonCode: string | null; statusByDay?: Day[] };
type Page = { items: Row[]; total: number; nextCursor: string | null };

const DAY = 86_400_000;
const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();

describe("status history: 30 days per repository, in lists (one query a page) and on one repository", () => {
  let server: TestServer;
  let token: string;
  before(async () => {
    server = await startTestServer();
    token = await bootstrapAdmin(server);
    await seedRepositories(server.runtime.deps, 120);
  });
  after(async () => server?.close());

  const list = async (query: string): Promise<Page> => {
    const res = await server.call("GET", `/api/v1/repositories?${query}`, { auth: token });
    assert.equal(res.status, 200, res.text);
    return res.body as unknown as Page;
  };

  /** Counts the store's status-history queries until `stop()`. */
  const countStatusQueries = () => {
    const store = server.runtime.deps.store.repositories;
    const original = store.listStatusPoints.bind(store);
    const counter = { count: 0, stop: () => void (store.listStatusPoints = original) };
    store.listStatusPoints = async (ids, since) => {
      counter.count++;
      return original(ids, since);
    };
    return counter;
  };

  it("a page of 50 with history=true reads every row's history in one store query; without it, none", async () => {
    const store = server.runtime.deps.store.repositories;
    const first = (await list("limit=50")).items[0]!;
    const check = (at: string, status: "connected" | "failing") => ({
      id: server.runtime.deps.newId(),
      repositoryId: first.id,
      at,
      status,
      reasonCode: status === "failing" ? "GIT_AUTH_FAILED" : null,
      steps: [],
    });
    await store.addCheck(check(daysAgo(60), "connected"));
    await store.addCheck(check(daysAgo(3), "failing"));
    await store.addCheck(check(daysAgo(2), "connected"));
    const queries = countStatusQueries();
    try {
      const page = await list("limit=50&history=true");
      assert.equal(queries.count, 1);
      assert.equal(page.items.length, 50);
      const days = page.items[0]!.statusByDay!;
      assert.equal(days.length, 30);
      assert.equal(days.at(-1)!.date, today());
      assert.equal(days[0]!.status, "connected", "the check 60 days ago gives the status the window starts with");
      assert.equal(days.at(-4)!.status, "failing");
      assert.equal(days.at(-1)!.status, "connected");
      assert.ok(
        page.items[1]!.statusByDay!.every((d) => d.status === null),
        "no check stored: nothing known",
      );
      await list("limit=50");
      assert.equal(queries.count, 1);
      assert.equal((await list("limit=50")).items[0]!.statusByDay, undefined);
    } finally {
      queries.stop();
    }
    const one = await server.call("GET", `/api/v1/repositories/${encodeURIComponent(first.id)}`, { auth: token });
    assert.equal(one.status, 200, one.text);
    const shown = (one.body as unknown as { repository: Row }).repository.statusByDay!;
    assert.equal(shown.at(-4)!.status, "failing");
  });

  it("status-history gives the days of the ids asked, in order, in one store query; too many ids: refused, naming the field", async () => {
    const [, , , a, b] = (await list("limit=5")).items;
    const store = server.runtime.deps.store.repositories;
    await store.addCheck({
      id: server.runtime.deps.newId(),
      repositoryId: b!.id,
      at: daysAgo(1),
      status: "failing",
      reasonCode: null,
      steps: [],
    });
    const queries = countStatusQueries();
    try {
      const res = await server.call("GET", `/api/v1/repositories/status-history?ids=${b!.id},${a!.id}`, { auth: token });
      assert.equal(res.status, 200, res.text);
      const items = (res.body as unknown as { items: { id: string; statusByDay: Day[] }[] }).items;
      assert.deepEqual(
        items.map((i) => i.id),
        [b!.id, a!.id],
      );
      assert.equal(queries.count, 1);
      assert.equal(items[0]!.statusByDay.length, 30);
      assert.equal(items[0]!.statusByDay.at(-2)!.status, "failing");
      const fromList = (await list("limit=5&history=true")).items.find((r) => r.id === b!.id)!.statusByDay;
      assert.deepEqual(items[0]!.statusByDay, fromList, "the same days as the list gives with history=true");
    } finally {
      queries.stop();
    }
    const tooMany = Array.from({ length: 101 }, (_, i) => `id-${i}`).join(",");
    const refused = await server.call("GET", `/api/v1/repositories/status-history?ids=${tooMany}`, { auth: token });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error?.code, "INPUT_INVALID");
    assert.equal(refused.body.error?.field, "ids");
    assert.equal((await server.call("GET", "/api/v1/repositories/status-history?ids=x", {})).status, 401);
  });

  it("reason=CODE keeps only those repositories and reason=-CODE leaves them out (one alert covers them)", async () => {
    const expiring = Array.from({ length: 120 }, (_, i) => i).filter((i) => seededStatus(i) === "degraded").length;
    assert.equal((await list("reason=TOKEN_EXPIRING&limit=1")).total, expiring);
    const rest = await list("status=failing,degraded&reason=-TOKEN_EXPIRING");
    assert.ok(rest.items.length > 0);
    assert.ok(rest.items.every((r) => r.status === "failing" && r.reasonCode !== "TOKEN_EXPIRING"));
  });

  it("pruning after a cycle keeps the retention window and each repository's newest older check", async () => {
    const deps = server.runtime.deps;
    const [, second] = (await list("limit=2")).items;
    const add = (days: number) =>
      deps.store.repositories.addCheck({
        id: deps.newId(),
        repositoryId: second!.id,
        at: daysAgo(days),
        status: "connected",
        reasonCode: null,
        steps: [],
      });
    for (const days of [100, 80, 50, 10]) await add(days);
    await pruneCheckHistory(deps);
    const kept = await deps.store.repositories.listChecks(second!.id, 10);
    assert.deepEqual(
      kept.map((c) => Math.round((Date.now() - Date.parse(c.at)) / DAY)),
      [10, 50],
    );
  });
});
