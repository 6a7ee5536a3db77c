import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { addBulkOrganisation, startRepositoryWorld, type RepositoryWorld } from "./repository-test-setup.ts";

type Listed = { items: { id: string; name: string; status: string; lastCheckedAt: string | null }[]; total: number };

const BULK = 150;

describe("bulk re-check: one batched health cycle over the selection, with progress", () => {
  let world: RepositoryWorld;
  before(async () => {
    world = await startRepositoryWorld();
    const bulk = await addBulkOrganisation(world, BULK);
    const imported = await world.server.call("POST", "/api/v1/repositories/import", {
      auth: world.admin,
      body: { credential: "team", repositories: bulk },
    });
    assert.equal(imported.status, 201, imported.text);
    await world.followCycle(world.admin, (imported.body.check as { cycleId: string }).cycleId);
  });
  after(async () => world?.close());

  const list = async (query: string) =>
    (await world.server.call("GET", `/api/v1/repositories?${query}`, { auth: world.admin })).body as unknown as Listed;

  it("re-checks 150 repositories of a filter in 2 GraphQL queries; their stale statuses update and nothing else is checked", async () => {
    // An earlier outage left them failing; GitHub is fine again.
    const stale = await list("owner=bulk&limit=200");
    assert.equal(stale.total, BULK);
    for (const r of stale.items)
      await world.server.runtime.deps.store.repositories.update(r.id, {
        status: "failing",
        reasonCode: "GITHUB_UNREACHABLE",
        message: "GitHub did not answer.",
      });
    assert.equal((await list("owner=bulk&status=failing")).total, BULK);
    const hello = await world.server.call("GET", "/api/v1/repositories/octocat/hello", { auth: world.admin });
    const graphqlBefore = world.fake.counters.graphql;

    const res = await world.server.call("POST", "/api/v1/repositories/bulk", {
      auth: world.admin,
      body: { action: "recheck", filter: { owner: "bulk" } },
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.matched, BULK);
    assert.equal(res.body.done, BULK);
    const check = res.body.check as { cycleId: string; total: number };
    assert.equal(check.total, BULK);
    const seen = await world.followCycle(world.admin, check.cycleId);
    const last = seen.at(-1)!;
    assert.equal(last.checked, BULK);
    assert.equal(last.byStatus.connected, BULK, JSON.stringify(last));
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i]!.checked >= seen[i - 1]!.checked, "progress never goes back");
    // 150 repositories of one credential: two GraphQL queries (≤ 100 each), not one check per repository.
    assert.equal(world.fake.counters.graphql - graphqlBefore, 2);
    assert.equal((await list("owner=bulk&status=connected")).total, BULK);
    assert.equal((await list("owner=bulk&status=failing")).total, 0);
    const helloAfter = await world.server.call("GET", "/api/v1/repositories/octocat/hello", { auth: world.admin });
    assert.equal(
      (helloAfter.body.repository as { lastCheckedAt: string }).lastCheckedAt,
      (hello.body.repository as { lastCheckedAt: string }).lastCheckedAt,
      "only the selection is checked, not every repository of the credential",
    );
  });

  it("re-checks a selection of ids; a remove starts no check", async () => {
    const picked = (await list("owner=bulk&limit=3")).items.map((r) => r.id);
    const res = await world.server.call("POST", "/api/v1/repositories/bulk", {
      auth: world.admin,
      body: { action: "recheck", ids: picked },
    });
    assert.equal(res.status, 200, res.text);
    const check = res.body.check as { cycleId: string; total: number };
    assert.equal(check.total, 3);
    assert.equal((await world.followCycle(world.admin, check.cycleId)).at(-1)!.checked, 3);

    const removed = await world.server.call("POST", "/api/v1/repositories/bulk", {
      auth: world.admin,
      body: { action: "remove", ids: picked },
    });
    assert.equal(removed.status, 200, removed.text);
    assert.equal(removed.body.done, 3);
    assert.equal(removed.body.check, null);
  });
});
