import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
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
