import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { CountingServer } from "../../src/adapters/net/start-counting-server.ts";
import { loadConfig } from "../../src/config/load-config.ts";
import type { HealthBatch, HealthCycle } from "../../src/core/health/health-cycle.ts";
import { finishHealthCycle } from "../../src/core/health/finish-health-cycle.ts";
import { runHealthCycle } from "../../src/core/health/run-health-cycle.ts";
import { queueCycleSummary, summaryItemLimit } from "../../src/core/notifications/cycle-summary.ts";
import { deliverDue } from "../../src/core/notifications/deliver-due.ts";
import { sendExpiryWarnings } from "../../src/core/notifications/expiry-warnings.ts";
import type { Webhook, WebhookDelivery } from "../../src/core/notifications/webhook.ts";
import { openRuntime, type Runtime } from "../../src/main.ts";
import { seedHealthRepositories, startHealthFake, type HealthFake } from "../health/health-world.ts";
import { createTestDatabase, postgresSkip } from "../support/postgres-test-database.ts";
import { bootstrapAdmin, startTestServer, type TestServer } from "../support/test-server.ts";
import { aCredential, aRepository } from "../storage/store-fixtures.ts";
import { startReceiver } from "./webhook-receiver.ts";
import { until as untilHolds } from "../support/until.ts";

const until = (what: string, probe: () => boolean | Promise<boolean>, deadlineMs = 120_000) => untilHolds(what, probe, { deadlineMs });

// Issue 17 item 7 and issue 13 item 2: one delivery per webhook per health cycle (and per credential for
// expiry warnings), never one per repository, and never a second one for a retried or taken-over finish.

interface SummaryBody {
  event: string;
  data: {
    cycle: { id: string };
    changed: number;
    byStatus: Record<string, number>;
    repositories: { name: string; from: string; to: string }[];
    truncated: boolean;
    changesPath: string;
  };
}

describe("summary deliveries: a health cycle changing 250 repositories (SQLite, real receivers)", () => {
  let world: HealthFake;
  let server: TestServer;
  let admin: string;
  let statusHook: CountingServer;
  let allHook: CountingServer;
  const ids: Record<string, string> = {};
  const secret = `whsec-${randomBytes(24).toString("base64url")}`;
  const deliveries = async (name: string, limit = 100) => server.runtime.deps.store.webhooks.listDeliveries(ids[name]!, limit);
  const bodies = (receiver: CountingServer, event: string) =>
    receiver.requests.map((r) => JSON.parse(r.body) as SummaryBody).filter((b) => b.event === event);
  /** Sends what is due (the server's own timer may get there first; each delivery is claimed once) and waits until it is sent. */
  const deliverAll = async () => {
    await until("every queued delivery is sent", async () => {
      await deliverDue(server.runtime.deps, new Date());
      const rows = [...(await deliveries("status")), ...(await deliveries("all")), ...(await deliveries("deaf"))];
      return rows.every((d) => d.status === "delivered");
    });
  };

  before(async () => {
    world = await startHealthFake(250, 1);
    server = await startTestServer();
    admin = await bootstrapAdmin(server);
    await seedHealthRepositories(server.runtime.deps, world);
    statusHook = await startReceiver([204]);
    allHook = await startReceiver([200]);
    const deaf = await startReceiver([204]);
    for (const [name, origin, events] of [
      ["status", statusHook.origin, ["connection.status_changed"]],
      ["all", allHook.origin, ["*"]],
      ["deaf", deaf.origin, ["credential.revoked"]],
    ] as const) {
      const created = await server.call("POST", "/api/v1/webhooks", {
        auth: admin,
        body: { name, url: `${origin}/hook`, secret, events, allowPrivateNetwork: true },
      });
      assert.equal(created.status, 201, created.text);
      ids[name] = (created.body.webhook as { id: string }).id;
    }
    await deaf.close();
  });
  after(async () => {
    await server?.close();
    await world?.fake.close();
    await statusHook?.close();
    await allHook?.close();
    if (server) rmSync(server.dataDir, { recursive: true, force: true });
  });

  it("queues exactly one delivery per subscribed webhook, listing 50 and counting all 250, with a path to the full list", async () => {
    const report = await runHealthCycle(server.runtime.deps, { slot: "summary-1" });
    assert.equal(report.repositoriesChecked, 250, JSON.stringify(report));
    assert.equal((await deliveries("status")).length, 1, "one delivery, not 250");
    assert.equal((await deliveries("all")).length, 1);
    assert.equal((await deliveries("deaf")).length, 0, "a webhook that did not subscribe gets nothing");
    await deliverAll();
    assert.equal(statusHook.requests.length, 1, "the receiver got one request");
    assert.equal(allHook.requests.length, 1);
    const [body] = bodies(statusHook, "connection.status_changed");
    assert.ok(body);
    assert.equal(body.data.cycle.id, report.cycleId);
    assert.equal(body.data.changed, 250);
    assert.equal(body.data.byStatus.connected, 250);
    assert.equal(body.data.repositories.length, summaryItemLimit);
    assert.equal(body.data.truncated, true);
    assert.deepEqual(body.data.repositories[0], { ...body.data.repositories[0], from: "unchecked", to: "connected" });
    assert.ok(statusHook.requests[0]!.body.length < 32 * 1024, `${statusHook.requests[0]!.body.length} bytes: bounded, whatever the count`);
    assert.equal(statusHook.requests[0]!.headers["x-repolink-event"], "connection.status_changed");

    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=100&cursor=${encodeURIComponent(cursor)}` : "?limit=100";
      const page = await server.call("GET", `${body.data.changesPath}${query}`, { auth: admin });
      assert.equal(page.status, 200, page.text);
      const { items, nextCursor } = page.body as unknown as {
        items: { repositoryName: string; toStatus: string }[];
        nextCursor: string | null;
      };
      names.push(...items.map((i) => i.repositoryName));
      cursor = nextCursor;
    } while (cursor);
    assert.deepEqual(names, [...world.fullNames].sort(), "the full list behind the summary: every changed repository, once");
    const bad = await server.call("GET", `${body.data.changesPath}?cursor=nonsense`, { auth: admin });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error?.code, "HEALTH_CYCLE_CURSOR_INVALID");
  });

  it("re-running the cycle's finish (as a retried job would) queues nothing new", async () => {
    const [latest] = await server.runtime.deps.store.health.listCycles(1);
    assert.ok(latest?.finishedAt);
    assert.equal(await finishHealthCycle(server.runtime.deps, { ...latest, finishedAt: null, report: null }), null);
    assert.equal(await queueCycleSummary(server.runtime.deps, latest, latest.finishedAt), 0, "keyed by cycle: a second queue is a no-op");
    assert.equal((await deliveries("status")).length, 1);
    assert.equal((await deliveries("all")).length, 1);
    await deliverAll();
    assert.equal(statusHook.requests.length, 1);
  });

  it("a cycle that changes nothing sends nothing; a revoked token sends one more summary of 250 failing", async () => {
    await runHealthCycle(server.runtime.deps, { slot: "summary-2" });
    assert.equal((await deliveries("status")).length, 1, "no change, no delivery");
    world.fake.revokeToken(world.tokens[0]!);
    await runHealthCycle(server.runtime.deps, { slot: "summary-3" });
    assert.equal((await deliveries("status")).length, 2);
    await deliverAll();
    const summaries = bodies(statusHook, "connection.status_changed");
    assert.equal(summaries.length, 2);
    assert.equal(summaries[1]?.data.changed, 250);
    assert.equal(summaries[1]?.data.byStatus.failing, 250);
  });

  it("an expiring credential serving 50 repositories gives one warning per webhook, counting them; never a second", async () => {
    const store = server.runtime.deps.store;
    const now = new Date();
    const credential = aCredential({ name: "release-bot", expiresAt: new Date(now.getTime() + 5 * 86_400_000).toISOString() });
    await store.credentials.insert(credential);
    for (let i = 0; i < 50; i++) await store.repositories.insert(aRepository(credential.id, { name: `acme/served-${i}` }));
    const first = await sendExpiryWarnings(server.runtime.deps, now);
    assert.deepEqual(
      first.filter((n) => n.credentialName === "release-bot").map((n) => n.threshold),
      ["7d"],
    );
    assert.deepEqual(await sendExpiryWarnings(server.runtime.deps, now), [], "a second run (or instance) sends nothing");
    const warnings = (await deliveries("all")).filter((d) => d.event === "credential.expiring");
    assert.equal(warnings.length, 1, "one warning, not one per repository");
    assert.equal((await deliveries("status")).filter((d) => d.event === "credential.expiring").length, 0);
    await deliverAll();
    const received = bodies(allHook, "credential.expiring") as unknown as {
      data: { repositories: number; credential: { name: string } };
    }[];
    assert.equal(received.length, 1);
    assert.equal(received[0]?.data.repositories, 50);
    assert.equal(received[0]?.data.credential.name, "release-bot");
  });
});

describe("summary deliveries on PostgreSQL: two instances finish the same cycle at once", { skip: postgresSkip }, () => {
  let database: { url: string; drop: () => Promise<void> };
  const runtimes: Runtime[] = [];
  const dirs: string[] = [];

  before(async () => {
    database = await createTestDatabase("summary");
    const env = { DATABASE_URL: database.url, REPOLINK_MASTER_KEY: randomBytes(32).toString("hex"), REPOLINK_LOG_LEVEL: "warn" };
    for (let i = 0; i < 2; i++) {
      const dir = mkdtempSync(join(tmpdir(), "repolink-summary-"));
      dirs.push(dir);
      runtimes.push(await openRuntime(loadConfig({ ...env, REPOLINK_DATA_DIR: dir })));
    }
  });
  after(async () => {
    for (const r of runtimes) await r.close();
    await database?.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("one wins, each webhook gets one delivery, and retries by either instance queue nothing", async () => {
    const [a, b] = runtimes as [Runtime, Runtime];
    const store = a.deps.store;
    const credential = aCredential({ name: "deploy" });
    await store.credentials.insert(credential);
    const hooks: Webhook[] = ["one", "two"].map((name) => ({
      id: randomUUID(),
      name,
      url: "https://hooks.example.com/",
      secretBox: "box",
      kekId: "kek-1",
      secretPreview: "…abcd",
      events: ["connection.status_changed"],
      allowPrivateNetwork: false,
      active: true,
      createdBy: "admin",
      createdAt: new Date().toISOString(),
    }));
    for (const hook of hooks) await store.webhooks.insert(hook);

    for (let round = 0; round < 5; round++) {
      const cycle: HealthCycle = {
        id: randomUUID(),
        slot: `race-${round}`,
        startedAt: new Date().toISOString(),
        finishedAt: null,
        resumedFrom: null,
        report: null,
        options: null,
      };
      const batch: HealthBatch = {
        cycleId: cycle.id,
        credentialId: credential.id,
        batch: 0,
        status: "pending",
        startAfter: null,
        repositoryIds: [],
        cursor: null,
        unitsUsed: 0,
        repositoriesChecked: 0,
        budgetExhausted: false,
        byStatus: { connected: 0, degraded: 0, failing: 0 },
        notChecked: 0,
      };
      await store.health.openCycle(cycle, [batch]);
      await store.health.addChanges(
        Array.from({ length: 120 }, (_, i) => ({
          cycleId: cycle.id,
          repositoryId: `r-${i}`,
          repositoryName: `acme/r${String(i).padStart(3, "0")}`,
          fromStatus: "connected" as const,
          toStatus: "failing" as const,
          reasonCode: "GITHUB_TOKEN_REVOKED",
          checkedAt: cycle.startedAt,
        })),
      );
      const recorded = await store.health.recordBatch(batch, {
        cursor: null,
        repositoriesChecked: 120,
        budgetExhausted: false,
        byStatus: { connected: 0, degraded: 0, failing: 120 },
        notChecked: 0,
      });
      assert.equal(recorded, true);
      const reports = await Promise.all([
        finishHealthCycle(a.deps, cycle),
        finishHealthCycle(b.deps, cycle),
        finishHealthCycle(b.deps, cycle),
      ]);
      assert.equal(reports.filter((r) => r !== null).length, 1, `round ${round}: one instance finishes the cycle`);
      assert.equal(await finishHealthCycle(a.deps, cycle), null, "a retried finish does nothing");
      assert.deepEqual(
        await Promise.all([queueCycleSummary(a.deps, cycle, "x"), queueCycleSummary(b.deps, cycle, "x")]),
        [0, 0],
        "even a summary queued again by both instances at once adds no row",
      );
      for (const hook of hooks) {
        const rows: WebhookDelivery[] = (await store.webhooks.listDeliveries(hook.id, 100)).filter(
          (d) => (d.payload.cycle as { id: string }).id === cycle.id,
        );
        assert.equal(rows.length, 1, `round ${round}, webhook ${hook.name}: one delivery`);
        assert.equal(rows[0]?.payload.changed, 120);
      }
    }
  });
});
