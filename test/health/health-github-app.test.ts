import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { runHealthCycle } from "../../src/core/health/run-health-cycle.ts";
import type { AppTokenMint } from "../../src/integrations/github/app/app-types.ts";
import type { GithubFake } from "../github-fake/index.ts";
import { findNeedles, leakForms, searchTree, type Needle } from "../security/leak-search.ts";
import { bootstrapAdmin, startTestServer, type TestServer } from "../support/test-server.ts";
import { installationUnitsOf, seedAppRepositories, startAppHealthFake, wireAppTokens, type AppHealthFake } from "./github-app-world.ts";

describe("health cycle over a GitHub App credential", () => {
  let world: AppHealthFake;
  let fake: GithubFake;
  let server: TestServer;
  const mints: AppTokenMint[] = [];
  // The App tokens' clock: moved forward to age installation tokens.
  let aheadMs = 0;
  let slot = 0;
  let fullNames: string[];

  before(async () => {
    // 70 on acme (the App selected all but the last), 60 on beta (all), one on a suspended installation.
    world = await startAppHealthFake(70, 60);
    ({ fake, fullNames } = world);
    server = await startTestServer();
    wireAppTokens(server.runtime.deps, { aheadMs: () => aheadMs, onMint: (mint) => mints.push(mint) });
    await seedAppRepositories(server.runtime.deps, world);
  });
  after(async () => {
    await server?.close();
    await fake?.close();
  });

  /** One cycle, and the GraphQL queries and mints it made. */
  async function cycle() {
    const graphqlBefore = fake.counters.graphql;
    const mintsBefore = mints.length;
    const report = await runHealthCycle(server.runtime.deps, { slot: `app-health-${slot++}`, wait: true });
    const batches = await server.runtime.deps.store.health.listBatches(report.cycleId);
    return { report, batches, queries: fake.counters.graphql - graphqlBefore, mints: mints.slice(mintsBefore) };
  }

  const repositoryNamed = async (fullName: string) =>
    (await server.runtime.deps.store.repositories.list()).find((r) => r.name === fullName)!;
  const installationUnits = () => installationUnitsOf(world);

  it("mints a token per installation, asks each owner's repositories of a batch in one query, counts as the fake did", async () => {
    const first = await cycle();
    assert.equal(first.report.repositoriesChecked, fullNames.length, JSON.stringify(first.report));
    assert.equal(first.batches.length, 2, "131 repositories: two batches of at most 100");
    assert.deepEqual(first.mints.map((m) => m.account).sort(), ["acme", "beta"], "one mint per installation, none on the suspended one");
    assert.ok(first.mints.every((m) => m.repository === null));
    // One query per batch and owner the App may ask about (the suspended installation gives no token to ask with).
    const queried = first.batches.reduce((n, b) => {
      const owners = new Set(b.repositoryIds.map((id) => fullNames[Number(id.slice(5))]!.split("/")[0]).filter((o) => o !== "frozen"));
      return n + owners.size;
    }, 0);
    assert.equal(first.queries, queried);
    assert.ok(first.queries <= 4, `${first.queries} queries for 131 repositories`);
    assert.equal(first.report.apiUnitsUsed, installationUnits(), "the report's units are what the installations spent at the fake");
    assert.equal(first.report.apiUnitsUsed, first.queries, "one point per query of at most 100 repositories");

    const audited = (await server.runtime.deps.store.audit.list({ limit: 1000 })).filter((e) => e.action === "github-app.token-mint");
    assert.equal(audited.length, 2, "the audit log has each mint, not each reuse");
    assert.ok(audited.every((e) => typeof e.detail?.expiresAt === "string" && e.detail?.installationId !== undefined));

    assert.equal((await repositoryNamed("acme/a000")).status, "connected");
    assert.equal((await repositoryNamed("beta/b059")).status, "connected");
    const unselected = await repositoryNamed("acme/a069");
    assert.equal(unselected.status, "failing");
    assert.equal(unselected.reasonCode, "APP_REPOSITORY_NOT_SELECTED");
    assert.match(unselected.remedy ?? "", /settings\/installations\/\d+.*acme\/a069/);
    const suspended = await repositoryNamed("frozen/ice");
    assert.equal(suspended.status, "failing");
    assert.equal(suspended.reasonCode, "APP_INSTALLATION_SUSPENDED");
    assert.match(suspended.remedy ?? "", /Unsuspend/);
    assert.deepEqual(first.report.byStatus, { connected: fullNames.length - 2, degraded: 0, failing: 2 });

    // The next cycle reuses both tokens: they have most of their hour left.
    const unitsBefore = installationUnits();
    const second = await cycle();
    assert.equal(second.mints.length, 0, "no mint while 10 minutes of the tokens remain");
    assert.equal(second.report.apiUnitsUsed, installationUnits() - unitsBefore);
  });

  it("re-mints a token with less than 10 minutes left, waiting out GitHub's replication delay of the new one", async () => {
    aheadMs = 51 * 60_000; // 9 minutes left of each token's hour
    // GitHub's new tokens get an hour by the moved clock too.
    fake.appSettings.tokenLifetimeMs = aheadMs + 3600_000;
    fake.appSettings.notReadyFor = 1; // each new token is refused once while GitHub replicates it
    try {
      const unitsBefore = installationUnits();
      const c = await cycle();
      assert.deepEqual(c.mints.map((m) => m.account).sort(), ["acme", "beta"], "one new token per installation");
      assert.equal(c.report.repositoriesChecked, fullNames.length);
      assert.deepEqual(c.report.byStatus, { connected: fullNames.length - 2, degraded: 0, failing: 2 });
      assert.equal(c.report.apiUnitsUsed, installationUnits() - unitsBefore, "a refused query costs nothing here either");
    } finally {
      fake.appSettings.notReadyFor = 0;
    }
  });

  it("leaves no installation token or private key in the logs, the database files or the API's answers", async () => {
    const pemLines = world.app.privateKey.split("\n").filter((line) => line.length >= 60 && !line.startsWith("-----"));
    const needles: Needle[] = [
      { name: "appPrivateKey", forms: pemLines },
      ...fake.installationTokens().map((t, i) => ({ name: `installationToken${i}`, forms: leakForms(t.value) })),
    ];
    assert.ok(needles.length >= 5, "four installation tokens were minted");
    const admin = await bootstrapAdmin(server);
    const answers = await Promise.all(
      ["/api/v1/health", "/api/v1/repositories?limit=200", "/api/v1/credentials/health-app", "/api/v1/audit?limit=100"].map(
        async (path) => (await server.call("GET", path, { auth: admin })).text,
      ),
    );
    const hits = [
      ...findNeedles("logs", server.logs.text, needles),
      ...answers.flatMap((text, i) => findNeedles(`answer ${i}`, text, needles)),
      ...searchTree(server.dataDir, needles).hits,
    ];
    assert.deepEqual(hits, []);
  });
  // Last: the credential then backs off for a while.
  it("when GitHub fails the App's requests (5xx), the repositories are counted not checked and keep their statuses", async () => {
    fake.failNext({ kind: "status", status: 502 });
    try {
      const c = await cycle();
      assert.equal(c.report.repositoriesChecked, 0);
      assert.equal(c.report.notCheckedUpstream, fullNames.length);
      assert.equal((await repositoryNamed("acme/a000")).status, "connected", "not marked failing for GitHub's outage");
      assert.equal((await repositoryNamed("frozen/ice")).reasonCode, "APP_INSTALLATION_SUSPENDED");
    } finally {
      fake.clearFailures();
    }
  });
});
