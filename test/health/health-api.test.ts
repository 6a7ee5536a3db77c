import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { systemActor } from "../../src/core/access/actor.ts";
import { updateCredential } from "../../src/core/credentials/update-credential.ts";
import { recheckCredentialRepositories } from "../../src/core/health/recheck-credential-repositories.ts";
import { bootstrapAdmin, createMember, startTestServer, type TestServer } from "../support/test-server.ts";
import { seedHealthRepositories, startHealthFake, type HealthFake } from "./health-world.ts";

describe("health cycle API and re-check after a credential change", () => {
  let world: HealthFake;
  let server: TestServer;
  let admin: string;
  let credentialIds: string[];
  before(async () => {
    world = await startHealthFake(12, 2);
    server = await startTestServer();
    admin = await bootstrapAdmin(server);
    credentialIds = await seedHealthRepositories(server.runtime.deps, world);
  });
  after(async () => {
    await server?.close();
    await world?.fake.close();
  });

  it("POST /health/run with wait returns the report; GET /health shows it", async () => {
    const run = await server.call("POST", "/api/v1/health/run", { auth: admin, body: { wait: true } });
    assert.equal(run.status, 200, run.text);
    const report = run.body.report as {
      cycleId: string;
      repositoriesChecked: number;
      byStatus: Record<string, number>;
      apiUnitsUsed: number;
      finishedAt: string | null;
    };
    assert.equal(report.repositoriesChecked, 12);
    assert.deepEqual(report.byStatus, { connected: 12, degraded: 0, failing: 0 });
    assert.equal(report.apiUnitsUsed, 2, "one query per credential, the token check riding on it");
    assert.ok(report.finishedAt);
    const shown = await server.call("GET", "/api/v1/health", { auth: admin });
    assert.equal(shown.status, 200, shown.text);
    assert.equal((shown.body.latest as { cycleId: string }).cycleId, report.cycleId);
    for (const token of world.tokens) assert.ok(!run.text.includes(token) && !shown.text.includes(token));
  });

  it("POST /health/run without wait answers 202 with the cycle id; members may not run it", async () => {
    const started = await server.call("POST", "/api/v1/health/run", { auth: admin, body: {} });
    assert.equal(started.status, 202, started.text);
    assert.equal(typeof started.body.cycleId, "string");
    const member = await createMember(server, admin, "mallory");
    assert.equal((await server.call("POST", "/api/v1/health/run", { auth: member, body: {} })).status, 403);
    assert.equal((await server.call("GET", "/api/v1/health", { auth: member })).status, 200);
  });

  it("recheckCredentialRepositories refreshes every repository of a credential right after its secret changed", async () => {
    const deps = server.runtime.deps;
    const revoked = world.fake.addToken({ login: "octocat", revoked: true });
    await updateCredential(deps, systemActor, credentialIds[0]!, { secret: { kind: "token", secret: revoked }, validate: false });
    const report = await recheckCredentialRepositories(deps, credentialIds[0]!);
    assert.equal(report.repositoriesChecked, 6);
    const repos = await deps.store.repositories.listByCredential(credentialIds[0]!);
    assert.ok(repos.every((r) => r.status === "failing" && r.reasonCode === "GITHUB_TOKEN_REVOKED"));
    const others = await deps.store.repositories.listByCredential(credentialIds[1]!);
    assert.ok(others.every((r) => r.status === "connected"));
  });
});
