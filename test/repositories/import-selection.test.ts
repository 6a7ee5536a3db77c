import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { addBulkOrganisation, startRepositoryWorld, type RepositoryWorld } from "./repository-test-setup.ts";

type Reachable = { path: string; archived: boolean; private: boolean | null; permission: string | null; registered: boolean };

const BULK = 150;

describe("choose, then check at once: the import picker's API", () => {
  let world: RepositoryWorld;
  before(async () => {
    world = await startRepositoryWorld();
    await addBulkOrganisation(world, BULK);
  });
  after(async () => world?.close());

  it("lists what the credential reaches: archived and registered marked, searchable on the server", async () => {
    const all = await world.server.call("GET", "/api/v1/credentials/team/reachable-repositories", { auth: world.admin });
    assert.equal(all.status, 200, all.text);
    const items = all.body.items as Reachable[];
    assert.equal(all.body.total, BULK + 4);
    assert.equal(items.length, BULK + 4);
    const byPath = new Map(items.map((i) => [i.path, i]));
    assert.equal(byPath.get("octocat/old")?.archived, true);
    assert.equal(byPath.get("octocat/tools")?.archived, false);
    assert.equal(byPath.get("octocat/tools")?.private, false);
    assert.equal(byPath.get("octocat/hello")?.registered, true);
    assert.equal(byPath.get("octocat/tools")?.registered, false);
    assert.equal(byPath.get("bulk/r001")?.permission, "push");
    // The host is asked page by page (100 a page), not once per repository.
    const pages = world.fake.log.filter((line) => line.startsWith("GET /user/repos")).length;
    assert.ok(pages <= 3, `asked GitHub ${pages} times`);

    const searched = await world.server.call("GET", "/api/v1/credentials/team/reachable-repositories?q=OLD", { auth: world.admin });
    assert.deepEqual(
      (searched.body.items as Reachable[]).map((i) => i.path),
      ["octocat/old"],
    );
    const missing = await world.server.call("GET", "/api/v1/credentials/nope/reachable-repositories", { auth: world.admin });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error?.code, "CREDENTIAL_NOT_FOUND");
  });

  it("imports exactly the selection, names each skipped one with why, and checks them at once in batches", async () => {
    const graphqlBefore = world.fake.counters.graphql;
    const helloBefore = await world.server.call("GET", "/api/v1/repositories/octocat/hello", { auth: world.alice });
    const bulk = Array.from({ length: BULK }, (_, i) => `bulk/r${String(i).padStart(3, "0")}`);
    const imported = await world.server.call("POST", "/api/v1/repositories/import", {
      auth: world.alice,
      body: { credential: "team", repositories: ["octocat/tools", "octocat/old", "octocat/hello", "nobody/missing", ...bulk] },
    });
    assert.equal(imported.status, 201, imported.text);
    const created = imported.body.created as string[];
    assert.deepEqual([...created].sort(), ["octocat/tools", ...bulk].sort());
    assert.ok(!created.includes("acme/platform"), "only the selection is imported");
    const skipped = new Map((imported.body.skipped as { name: string; reason: string }[]).map((s) => [s.name, s.reason]));
    assert.equal(skipped.size, 3);
    assert.match(skipped.get("octocat/old") ?? "", /archived/);
    assert.equal(skipped.get("octocat/hello"), "already registered");
    assert.match(skipped.get("nobody/missing") ?? "", /not reachable with this credential/);

    const check = imported.body.check as { cycleId: string; total: number };
    assert.equal(check.total, BULK + 1);
    const seen = await world.followCycle(world.alice, check.cycleId);
    const last = seen.at(-1)!;
    assert.equal(last.total, BULK + 1);
    assert.equal(last.checked, BULK + 1);
    assert.equal(last.byStatus.connected, BULK + 1, JSON.stringify(last));
    assert.deepEqual(last.failures, []);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i]!.checked >= seen[i - 1]!.checked, "progress never goes back");
    // 151 repositories of one credential: two GraphQL queries (≤ 100 each), not one check per repository.
    assert.equal(world.fake.counters.graphql - graphqlBefore, 2);
    const tools = await world.server.call("GET", "/api/v1/repositories/octocat/tools", { auth: world.alice });
    assert.equal((tools.body.repository as { status: string }).status, "connected");
    const helloAfter = await world.server.call("GET", "/api/v1/repositories/octocat/hello", { auth: world.alice });
    assert.equal(
      (helloAfter.body.repository as { lastCheckedAt: string }).lastCheckedAt,
      (helloBefore.body.repository as { lastCheckedAt: string }).lastCheckedAt,
      "only the imported repositories are checked, not every one of the credential",
    );
    const notImported = await world.server.call("GET", "/api/v1/repositories/acme/platform", { auth: world.alice });
    assert.equal(notImported.status, 404);
  });

  it("imports an archived repository when only pull is needed; a failing check is named with its remedy", async () => {
    const token = world.fake.addToken({ login: "octocat" });
    await world.addCredential(world.admin, "short-lived", token);
    // Every answer of the fake comes late, so the token is revoked before GitHub answers the check (not the listing).
    world.fake.setLatency(3_000);
    try {
      const imported = await world.server.call("POST", "/api/v1/repositories/import", {
        auth: world.admin,
        body: { credential: "short-lived", owner: "octocat", repositories: ["octocat/old"], needs: "pull" },
      });
      world.fake.revokeToken(token);
      assert.equal(imported.status, 201, imported.text);
      assert.deepEqual(imported.body.created, ["octocat/old"]);
      const last = (await world.followCycle(world.alice, (imported.body.check as { cycleId: string }).cycleId)).at(-1)!;
      assert.equal(last.byStatus.failing, 1, JSON.stringify(last));
      const [failure] = last.failures as { name: string; reasonCode: string; remedy: string | null }[];
      assert.equal(failure?.name, "octocat/old");
      assert.equal(failure?.reasonCode, "GITHUB_TOKEN_REVOKED");
      assert.ok(failure?.remedy, "a failure comes with what to do");
    } finally {
      world.fake.setLatency(0);
    }
    const refused = await world.server.call("POST", "/api/v1/repositories/import", {
      auth: world.admin,
      body: { credential: "short-lived", repositories: ["octocat/tools"] },
    });
    assert.equal(refused.body.error?.code, "GITHUB_TOKEN_REVOKED");
  });

  it("refuses an empty selection, naming the field", async () => {
    const empty = await world.server.call("POST", "/api/v1/repositories/import", {
      auth: world.admin,
      body: { credential: "team", repositories: [] },
    });
    assert.equal(empty.status, 400);
    assert.equal(empty.body.error?.code, "IMPORT_SELECTION_INVALID");
    assert.equal(empty.body.error?.field, "repositories");
    const unknown = await world.server.call("GET", "/api/v1/health/cycles/nope/progress", { auth: world.alice });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error?.code, "HEALTH_CYCLE_NOT_FOUND");
  });
});
