import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { runHealthCycle, type RunHealthCycleOptions } from "../../src/core/health/run-health-cycle.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";
import { seedHealthRepositories, startHealthFake, type HealthFake } from "./health-world.ts";

const day = 86_400_000;
// Whole seconds: GitHub-Authentication-Token-Expiration has no fractions.
const expiresAt = new Date(Math.floor((Date.now() + 3 * day) / 1000) * 1000);

describe("health cycle: the token check rides on the GraphQL batch", () => {
  let world: HealthFake;
  let server: TestServer;
  let ids: string[];
  let slot = 0;
  before(async () => {
    // One repository per credential; token i shapes credential i.
    world = await startHealthFake(6, 6, {
      tokens: [
        {},
        { revoked: true },
        { scopes: ["read:user"] },
        { expiresAt },
        { ssoRequired: true },
        { fineGrained: { owner: "acme", repositories: "all", contents: "write" } },
      ],
    });
    server = await startTestServer();
    ids = await seedHealthRepositories(server.runtime.deps, world);
  });
  after(async () => {
    await server?.close();
    await world?.fake.close();
  });

  /** One cycle of one credential, and what reached the fake meanwhile. */
  async function cycleOf(index: number, options: RunHealthCycleOptions = {}) {
    const counters = { ...world.fake.counters };
    const logStart = world.fake.log.length;
    const report = await runHealthCycle(server.runtime.deps, { slot: `graphql-token-${slot++}`, credentialIds: [ids[index]!], ...options });
    const store = server.runtime.deps.store;
    const [repository] = await store.repositories.listByCredential(ids[index]!);
    return {
      report,
      requests: {
        rest: world.fake.counters.rest - counters.rest,
        graphql: world.fake.counters.graphql - counters.graphql,
        git: world.fake.counters.git - counters.git,
      },
      log: world.fake.log.slice(logStart),
      repository: repository!,
      credential: (await store.credentials.findById(ids[index]!))!,
    };
  }

  it("a credential with one repository costs one request per cycle, not a GET /user and a query", async () => {
    const first = await cycleOf(0);
    assert.deepEqual(first.log, ["POST /api/graphql"]);
    assert.deepEqual({ ...first.requests, git: undefined }, { rest: 0, graphql: 1, git: undefined });
    assert.equal(first.report.apiUnitsUsed, 1);
    assert.equal(first.repository.status, "connected", JSON.stringify(first.repository));
    assert.equal(first.credential.status, "valid");
    assert.equal(first.credential.validation?.login, "octocat");
    assert.deepEqual(first.credential.validation?.scopes, ["repo"]);
    assert.equal(typeof first.credential.validation?.userId, "number", "the user id comes from viewer.databaseId as GET /user's id did");

    // Connected and not due for a transport probe: the query is the only request of the cycle.
    const steady = await cycleOf(0, { transportEvery: Number.MAX_SAFE_INTEGER, transportTurn: 1 });
    assert.deepEqual(steady.requests, { rest: 0, graphql: 1, git: 0 }, "exactly one request reaches the fake");
    assert.equal(steady.repository.status, "connected");
  });

  it("a revoked token is classified revoked from the query's 401, which is not retried", async () => {
    const c = await cycleOf(1);
    assert.deepEqual(c.log, ["POST /api/graphql"], "one request: no retry, no GET /user");
    assert.equal(c.requests.git, 0, "nothing is probed with a revoked token");
    assert.equal(c.repository.status, "failing");
    assert.equal(c.repository.reasonCode, "GITHUB_TOKEN_REVOKED");
    assert.equal(c.credential.status, "invalid");
    assert.deepEqual(
      (c.credential.validation?.problems as { code: string }[]).map((p) => p.code),
      ["GITHUB_TOKEN_REVOKED"],
    );
  });

  it("a missing repo scope is read from the query's X-OAuth-Scopes header", async () => {
    const c = await cycleOf(2);
    assert.deepEqual(c.log, ["POST /api/graphql"]);
    assert.equal(c.repository.status, "failing");
    assert.equal(c.repository.reasonCode, "GITHUB_TOKEN_SCOPE_MISSING");
    assert.equal(c.credential.status, "invalid");
    assert.deepEqual(c.credential.validation?.scopes, ["read:user"]);
  });

  it("the expiry in the query's GitHub-Authentication-Token-Expiration header drives the warning", async () => {
    const c = await cycleOf(3);
    assert.deepEqual(c.log, ["POST /api/graphql"]);
    assert.equal(c.credential.expiresAt, expiresAt.toISOString());
    assert.equal(c.credential.status, "warning");
    assert.equal(c.repository.status, "degraded");
    assert.equal(c.repository.reasonCode, "TOKEN_EXPIRING");
    const sent = await server.runtime.deps.store.notifications.wasSent({
      credentialId: ids[3]!,
      secretVersion: c.credential.secretVersion,
      threshold: "7d",
    });
    assert.equal(sent, true, "the 7-day expiry warning went out at the end of the cycle");
  });

  it("an organization's SAML SSO shows per repository, as over REST", async () => {
    const c = await cycleOf(4);
    assert.deepEqual(c.log, ["POST /api/graphql"]);
    assert.equal(c.repository.status, "failing");
    assert.equal(c.repository.reasonCode, "GITHUB_SSO_REQUIRED");
    assert.equal(c.credential.status, "valid", "the token itself works; only the organization wants SSO");
  });

  it("a fine-grained token (no X-OAuth-Scopes header) is not taken for one missing the repo scope", async () => {
    const c = await cycleOf(5);
    assert.deepEqual(c.log, ["POST /api/graphql"]);
    assert.equal(c.repository.status, "connected", JSON.stringify(c.repository));
    assert.equal(c.credential.validation?.scopes, null);
  });

  it("a connection dropped during the batch query is retried: the query again, no GET /user, the repository checked", async () => {
    world.fake.failNext({ kind: "drop" });
    const points = world.fake.counters.graphqlPoints;
    const c = await cycleOf(0);
    assert.deepEqual(c.log, ["POST /api/graphql", "POST /api/graphql"], "the dropped query is sent again, not replaced by GET /user");
    assert.equal(c.report.repositoriesChecked, 1);
    assert.equal(c.repository.status, "connected", JSON.stringify(c.repository));
    assert.equal(c.report.apiUnitsUsed, world.fake.counters.graphqlPoints - points, "a dropped request is not counted as spent");
  });

  it("a connection that keeps dropping leaves the repository not checked, its status kept, and sends no GET /user", async () => {
    world.fake.failNext({ kind: "drop" }, 3);
    const c = await cycleOf(0, { keepResumePoint: false });
    assert.deepEqual(c.log, ["POST /api/graphql", "POST /api/graphql", "POST /api/graphql"], "two retries, then GitHub is unreachable");
    assert.equal(c.report.repositoriesChecked, 0);
    assert.equal(c.report.notCheckedUpstream, 1);
    assert.equal(c.report.apiUnitsUsed, 0);
    assert.equal(c.repository.status, "connected", "an unreachable GitHub says nothing about the repository");
  });

  it("a Git probe whose connection drops is tried once more: the repository stays connected", async () => {
    world.fake.failGit({ kind: "drop" });
    const probes = () => world.fake.repoHits.get(world.fullNames[0]!)?.git ?? 0;
    const before = probes();
    const c = await cycleOf(0, { transportEvery: 1 });
    assert.equal(probes() - before, 2, "the dropped probe and its second try");
    assert.equal(c.repository.status, "connected", JSON.stringify(c.repository));
  });

  it("when GraphQL's rate limit is out, the token is still checked (GET /user) and the repository waits for the next cycle", async () => {
    world.fake.failNext({ kind: "primary-rate-limit", resetInSeconds: 3600 });
    const checkedBefore = (await server.runtime.deps.store.credentials.findById(ids[0]!))!.lastValidatedAt;
    const c = await cycleOf(0);
    assert.deepEqual(c.log, ["POST /api/graphql", "GET /api/v3/user"]);
    assert.equal(c.report.budgetExhausted, true);
    assert.equal(c.report.repositoriesChecked, 0);
    assert.notEqual(c.credential.lastValidatedAt, checkedBefore, "the credential's own check was refreshed");
    assert.equal(c.credential.status, "valid");
  });

  // Last: the host is then known to serve no GraphQL for the rest of this process.
  it("where the host serves no GraphQL, the token is checked with GET /user and the same rules", async () => {
    world.fake.failNext({ kind: "status", status: 404 });
    const fallback = await cycleOf(0);
    assert.deepEqual(fallback.log, ["POST /api/graphql", "GET /api/v3/user", "GET /api/v3/repos/acme/r00000"]);
    assert.equal(fallback.repository.status, "connected");
    const next = await cycleOf(0);
    assert.deepEqual(next.log, ["GET /api/v3/user", "GET /api/v3/repos/acme/r00000"], "GraphQL is not asked again");
    const revoked = await cycleOf(1);
    assert.deepEqual(revoked.log, ["GET /api/v3/user"], "a 401 is not retried over REST either");
    assert.equal(revoked.repository.reasonCode, "GITHUB_TOKEN_REVOKED");
    const scopes = await cycleOf(2);
    assert.equal(scopes.repository.reasonCode, "GITHUB_TOKEN_SCOPE_MISSING");
  });
});
