import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startRepositoryWorld, type RepositoryWorld } from "../repositories/repository-test-setup.ts";
import { aCredential, aRepository } from "../storage/store-fixtures.ts";
import { bootstrapAdmin, createMember, startTestServer, type TestServer } from "../support/test-server.ts";

describe("GET /metrics", () => {
  let server: TestServer;
  let admin: string;

  before(async () => {
    server = await startTestServer();
    admin = await bootstrapAdmin(server);
  });
  after(async () => server.close());

  it("needs an admin: anonymous is 401, a member 403", async () => {
    const anonymous = await server.call("GET", "/metrics");
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.error?.code, "UNAUTHENTICATED");
    const member = await server.call("GET", "/metrics", { auth: await createMember(server, admin, "metrics-member") });
    assert.equal(member.status, 403);
    assert.equal(member.body.error?.code, "FORBIDDEN");
    assert.doesNotMatch(anonymous.text + member.text, /repolink_/);
  });

  it("serves Prometheus text: rate limits, checks by outcome, durations, connections by status from the store", async () => {
    const { store, metrics } = server.runtime.deps;
    const credential = aCredential({ name: "release-bot" });
    await store.credentials.insert(credential);
    await store.repositories.insert(aRepository(credential.id, { name: "octo/a", status: "connected" }));
    await store.repositories.insert(aRepository(credential.id, { name: "octo/b", status: "failing" }));
    await store.repositories.insert(aRepository(credential.id, { name: "octo/c", status: "failing" }));
    metrics?.setRateLimitRemaining("release-bot", 4321);
    metrics?.observeCheck("connected", 0.2);
    metrics?.observeCheck("failing", 1.5);
    metrics?.observeCheck("failing", 0.7);

    const response = await server.call("GET", "/metrics", { auth: admin });
    assert.equal(response.status, 200, response.text);
    assert.match(response.headers.get("content-type") ?? "", /^text\/plain; version=0\.0\.4/);
    const text = response.text;
    assert.match(text, /^# TYPE repolink_github_rate_limit_remaining gauge$/m);
    assert.match(text, /^repolink_github_rate_limit_remaining\{credential="release-bot"\} 4321$/m);
    assert.match(text, /^# TYPE repolink_checks_total counter$/m);
    assert.match(text, /^repolink_checks_total\{outcome="failing"\} 2$/m);
    assert.match(text, /^repolink_checks_total\{outcome="connected"\} 1$/m);
    assert.match(text, /^# TYPE repolink_check_duration_seconds histogram$/m);
    assert.match(text, /^repolink_check_duration_seconds_count 3$/m);
    assert.match(text, /^repolink_check_duration_seconds_bucket\{le="1"\} 2$/m);
    assert.match(text, /^# TYPE repolink_connections gauge$/m);
    assert.match(text, /^repolink_connections\{status="failing"\} 2$/m);
    assert.match(text, /^repolink_connections\{status="connected"\} 1$/m);
    assert.match(text, /^repolink_connections\{status="degraded"\} 0$/m);

    await store.repositories.update((await store.repositories.findByName("octo/b"))!.id, { status: "connected" });
    const again = (await server.call("GET", "/metrics", { auth: admin })).text;
    assert.match(again, /^repolink_connections\{status="connected"\} 2$/m, "connections are read at scrape time");
  });
});

describe("GET /metrics follows what Repolink really does", () => {
  let world: RepositoryWorld;
  before(async () => {
    world = await startRepositoryWorld();
  });
  after(async () => world?.close());

  const tokenOf = (kind: string): string => {
    const token = world.tokens[kind];
    assert.ok(token, `the world has a ${kind} token`);
    return token;
  };
  const scrape = async (): Promise<string> => {
    const response = await world.server.call("GET", "/metrics", { auth: world.admin });
    assert.equal(response.status, 200, response.text);
    return response.text;
  };
  /** The value of one series, e.g. `repolink_checks_total{outcome="connected"}`; undefined when absent. */
  const sample = (text: string, series: string): number | undefined => {
    const line = text.split("\n").find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  };
  /** What the GitHub fake says the token has left, without spending any of it. */
  const rateLimitOf = async (token: string): Promise<{ core: number; graphql: number }> => {
    const response = await fetch(`${world.fake.apiUrl}/rate_limit`, { headers: { authorization: `token ${token}` } });
    const { resources } = (await response.json()) as { resources: { core: { remaining: number }; graphql: { remaining: number } } };
    return { core: resources.core.remaining, graphql: resources.graphql.remaining };
  };
  const remainingOf = async (token: string): Promise<number> => (await rateLimitOf(token)).core;
  const checks = (text: string) => ({
    connected: sample(text, 'repolink_checks_total{outcome="connected"}') ?? 0,
    failing: sample(text, 'repolink_checks_total{outcome="failing"}') ?? 0,
    timed: sample(text, "repolink_check_duration_seconds_count") ?? 0,
  });

  it("a credential validation sets the credential's GitHub rate limit", async () => {
    await world.addCredential(world.admin, "metered", tokenOf("valid"));
    assert.equal(sample(await scrape(), 'repolink_github_rate_limit_remaining{credential="metered"}'), undefined);
    const validated = await world.server.call("POST", "/api/v1/credentials/metered/validate", { auth: world.admin });
    assert.equal(validated.status, 200, validated.text);
    const remaining = await remainingOf(tokenOf("valid"));
    assert.ok(remaining < 5000, "the validation spent a request");
    assert.equal(sample(await scrape(), 'repolink_github_rate_limit_remaining{credential="metered"}'), remaining);
  });

  it("a connection check counts one check by its outcome and times it", async () => {
    assert.equal((await world.addRepository(world.admin, { url: world.url("octocat/hello"), credential: "metered" })).status, 201);
    await world.addCredential(world.admin, "gone", tokenOf("revoked"));
    assert.equal((await world.addRepository(world.admin, { url: world.url("octocat/tools"), credential: "gone" })).status, 201);
    const before = checks(await scrape());
    const connected = await world.server.call("POST", "/api/v1/repositories/octocat/hello/validate", { auth: world.admin });
    assert.equal((connected.body.check as { status: string }).status, "connected", connected.text);
    const between = checks(await scrape());
    assert.deepEqual(between, { connected: before.connected + 1, failing: before.failing, timed: before.timed + 1 });
    const failing = await world.server.call("POST", "/api/v1/repositories/octocat/tools/validate", { auth: world.admin });
    assert.equal((failing.body.check as { status: string }).status, "failing", failing.text);
    assert.deepEqual(checks(await scrape()), { connected: between.connected, failing: between.failing + 1, timed: between.timed + 1 });
  });

  it("a health cycle counts every repository it checked and refreshes the rate limit it spent (GraphQL)", async () => {
    const before = await scrape();
    const remainingBefore = await rateLimitOf(tokenOf("valid"));
    const ran = await world.server.call("POST", "/api/v1/health/run", { auth: world.admin, body: { wait: true } });
    assert.equal(ran.status, 200, ran.text);
    const report = ran.body.report as { byStatus: Record<string, number> };
    assert.deepEqual({ connected: report.byStatus.connected, failing: report.byStatus.failing }, { connected: 1, failing: 1 }, ran.text);
    const after = await scrape();
    const [was, now] = [checks(before), checks(after)];
    assert.deepEqual(now, { connected: was.connected + 1, failing: was.failing + 1, timed: was.timed + 2 });
    // The token check rides on the batched GraphQL query: the cycle spends GraphQL points, no REST request.
    const remaining = await rateLimitOf(tokenOf("valid"));
    assert.ok(remaining.graphql < remainingBefore.graphql, "the cycle spent GraphQL points");
    assert.equal(remaining.core, remainingBefore.core, "the cycle made no REST request");
    assert.equal(sample(after, 'repolink_github_graphql_remaining{credential="metered"}'), remaining.graphql);
  });
});
