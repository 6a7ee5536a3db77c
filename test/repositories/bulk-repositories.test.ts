import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { seededCredential, seededOwner, seedRepositories } from "../support/seed-repositories.ts";
import { bootstrapAdmin, issueToken, startTestServer, type TestServer } from "../support/test-server.ts";

type Page = { items: { id: string; name: string; credential: string | null }[]; total: number };

describe("POST /repositories/bulk: switch credential and remove, by selection or filter", () => {
  let server: TestServer;
  let admin: string;
  before(async () => {
    server = await startTestServer();
    admin = await bootstrapAdmin(server);
    await seedRepositories(server.runtime.deps, 400);
  });
  after(async () => server?.close());
  const list = async (query: string) =>
    (await server.call("GET", `/api/v1/repositories?${query}`, { auth: admin })).body as unknown as Page;

  it("set-credential on a filter moves every repository it covers, in one go, and nothing else", async () => {
    const before = await list("owner=org-02&credential=deploy-a");
    assert.equal(before.total, 20);
    const res = await server.call("POST", "/api/v1/repositories/bulk", {
      auth: admin,
      body: { action: "set-credential", credential: "deploy-b", filter: { owner: "org-02", credential: "deploy-a" } },
    });
    assert.equal(res.status, 200, res.text);
    const { check, ...result } = res.body as Record<string, unknown>;
    assert.deepEqual(result, { action: "set-credential", matched: 20, done: 20, skipped: [] });
    assert.equal((check as { total: number }).total, 20, "the switched repositories are checked at once");
    assert.equal((await list("owner=org-02&credential=deploy-a")).total, 0);
    assert.equal((await list("owner=org-02&credential=deploy-b")).total, 20);
    const untouched = (await list("owner=org-04&credential=deploy-a")).total;
    assert.equal(
      untouched,
      Array.from({ length: 400 }, (_, i) => i).filter((i) => seededOwner(i) === "org-04" && seededCredential(i) === "deploy-a").length,
    );
  });

  it("remove on a selection removes exactly those; unknown ids are named as skipped", async () => {
    const page = await list("owner=org-07&limit=3");
    const ids = page.items.map((r) => r.id);
    const res = await server.call("POST", "/api/v1/repositories/bulk", {
      auth: admin,
      body: { action: "remove", ids: [...ids, "no-such-id"] },
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.done, 3);
    assert.deepEqual(res.body.skipped, [{ name: "no-such-id", reason: "No such repository (removed meanwhile?)." }]);
    const after = await list("owner=org-07");
    assert.equal(after.total, 17);
    assert.deepEqual(
      after.items.filter((r) => ids.includes(r.id)),
      [],
    );
  });

  it("a member's bulk remove skips the team's repositories they did not register, naming why", async () => {
    const created = await server.call("POST", "/api/v1/users", {
      auth: admin,
      body: { username: "mia", password: "member password 123", role: "member" },
    });
    assert.equal(created.status, 201, created.text);
    const mia = await issueToken(server, "mia", "member password 123");
    const res = await server.call("POST", "/api/v1/repositories/bulk", {
      auth: mia,
      body: { action: "remove", filter: { owner: "org-09" } },
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.done, 0);
    assert.equal((res.body.skipped as unknown[]).length, 20);
    assert.equal((await list("owner=org-09")).total, 20);
  });

  it("refuses a request with both a selection and a filter, or neither, or set-credential without a credential", async () => {
    const both = await server.call("POST", "/api/v1/repositories/bulk", {
      auth: admin,
      body: { action: "remove", ids: ["x"], filter: {} },
    });
    assert.equal(both.status, 400);
    assert.equal(both.body.error?.code, "REPOSITORY_SELECTION_INVALID");
    const neither = await server.call("POST", "/api/v1/repositories/bulk", { auth: admin, body: { action: "recheck" } });
    assert.equal(neither.body.error?.code, "REPOSITORY_SELECTION_INVALID");
    const noCredential = await server.call("POST", "/api/v1/repositories/bulk", {
      auth: admin,
      body: { action: "set-credential", filter: {} },
    });
    assert.equal(noCredential.body.error?.code, "CREDENTIAL_REQUIRED");
    assert.equal(noCredential.body.error?.field, "credential");
    assert.equal((await list("limit=1")).total, 397);
  });
});
