import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { after, before, describe, it } from "node:test";
import { startCountingServer } from "../../src/adapters/net/start-counting-server.ts";
import { loadConfig } from "../../src/config/load-config.ts";
import { systemActor } from "../../src/core/access/actor.ts";
import { createCredential } from "../../src/core/credentials/create-credential.ts";
import { runHealthCycle } from "../../src/core/health/run-health-cycle.ts";
import { openRuntime, type Runtime } from "../../src/main.ts";
import { seedHealthRepositories, startHealthFake, type HealthFake } from "../health/health-world.ts";
import { generateTestToken } from "../support/github-tokens.ts";
import { postgresSkip } from "../support/postgres-test-database.ts";
import { runCli, startServe } from "../support/run-cli.ts";
import { startThrowawayPostgres, type ThrowawayPostgres } from "../support/throwaway-postgres.ts";
import { until as untilHolds } from "../support/until.ts";

const until = (what: string, probe: () => boolean | Promise<boolean>, deadlineMs = 120_000) =>
  untilHolds(what, probe, { deadlineMs, everyMs: 250, tolerateErrors: true });

const INSTANCES = 3;
const outageSeconds = Math.max(1, Number(process.env.REPOLINK_OUTAGE_SECONDS ?? "30") || 30);
const REPOSITORIES = Math.max(100, Number(process.env.REPOLINK_OUTAGE_REPOSITORIES ?? "300") || 300);
const EXPIRING = 10;

interface Answer {
  status: number;
  retryAfter: string | null;
  code: string | null;
}

async function call(
  url: string,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
  timeoutMs = 60_000,
): Promise<Answer & { body: unknown }> {
  const response = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as { error?: { code?: string } }) : {};
  return { status: response.status, retryAfter: response.headers.get("retry-after"), code: parsed.error?.code ?? null, body: parsed };
}

/**
 * A webhook receiver that can hold its answers: a delivery held while PostgreSQL is stopped is
 * one whose sender must record it during the outage. Each is answered after at most `holdMs`
 * (under the sender's 10 s deadline). Duplicates are counted on the receiver's side (delivery
 * id, and event + data), whatever shape the deliveries have.
 */
async function startHoldingReceiver(holdMs = 6_000) {
  const waiting: { response: ServerResponse; event: string }[] = [];
  let hold = false;
  const answer = (held: { response: ServerResponse }) => {
    const i = waiting.indexOf(held as (typeof waiting)[number]);
    if (i >= 0) waiting.splice(i, 1);
    if (!held.response.headersSent) held.response.writeHead(204).end();
  };
  const server = await startCountingServer((request, response) => {
    if (!hold) return void response.writeHead(204).end();
    const held = { response, event: String((JSON.parse(request.body) as { event?: unknown }).event) };
    waiting.push(held);
    setTimeout(() => answer(held), holdMs);
  });
  return Object.assign(server, {
    holdAnswers: () => {
      hold = true;
    },
    /** The events of the deliveries held now. */
    heldEvents: () => waiting.map((w) => w.event),
    held: () => waiting.length,
    release: () => {
      hold = false;
      for (const held of [...waiting]) answer(held);
    },
  });
}

/** Jobs pg-boss has handed out and not seen settled (its default schema). */
async function activeJobs(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => undefined);
  await client.connect();
  try {
    return (await client.query<{ n: number }>("SELECT count(*)::int AS n FROM repolink_jobs.job WHERE state = 'active'")).rows[0]!.n;
  } finally {
    await client.end();
  }
}

const twice = (keys: string[]): string[] => keys.filter((key, i) => keys.indexOf(key) !== i);

// Issue 13 items 1–2 (SECURITY 32/33): the PostgreSQL server itself is stopped under three
// `repolink serve` processes taking writes, running a health cycle as jobs and sending webhooks, then started again.
describe(
  `PostgreSQL stopped for ${outageSeconds} s under ${INSTANCES} serve instances with writes, health jobs and webhooks`,
  { skip: postgresSkip },
  () => {
    let postgres: ThrowawayPostgres;
    let world: HealthFake;
    let receiver: Awaited<ReturnType<typeof startHoldingReceiver>>;
    let parent: Runtime;
    const dirs: string[] = [];
    const instances: { child: ChildProcess; url: string; output: () => string }[] = [];
    let token = "";

    before(async () => {
      postgres = await startThrowawayPostgres();
      world = await startHealthFake(REPOSITORIES, 1);
      receiver = await startHoldingReceiver();
      const env = {
        DATABASE_URL: postgres.url,
        REPOLINK_MASTER_KEY: randomBytes(32).toString("hex"),
        REPOLINK_LOG_LEVEL: "warn",
        // One scheduled cycle a day (opened empty at start): the test opens the cycles it watches.
        REPOLINK_HEALTH_INTERVAL_SECONDS: "86400",
      };
      const parentDir = mkdtempSync(join(tmpdir(), "repolink-outage-parent-"));
      dirs.push(parentDir);
      for (let i = 0; i < INSTANCES; i++) {
        const dir = mkdtempSync(join(tmpdir(), "repolink-outage-"));
        dirs.push(dir);
        instances.push(await startServe(["--data-dir", dir], env, { setupCode: i === 0 }));
      }
      // The test's own runtime on the same database: it seeds the fake's repositories and opens cycles (it runs no jobs).
      parent = await openRuntime(loadConfig({ ...env, REPOLINK_LOG_LEVEL: "error", REPOLINK_DATA_DIR: parentDir }));
      await seedHealthRepositories(parent.deps, world);
      const first = instances[0]!;
      const setupCode = /setup code: (\S+)\n/.exec(first.output())?.[1];
      const password = "outage test password";
      assert.equal((await call(first.url, null, "POST", "/setup", { setupCode, username: "admin", password })).status, 201);
      const login = await call(first.url, null, "POST", "/auth/token", { username: "admin", password, name: "outage" });
      token = String((login.body as { token: string }).token);
      const webhook = await call(first.url, token, "POST", "/webhooks", {
        name: "outage-receiver",
        url: `${receiver.origin}/hook`,
        secret: randomBytes(24).toString("hex"),
        events: ["*"],
        allowPrivateNetwork: true,
      });
      assert.equal(webhook.status, 201, JSON.stringify(webhook.body));
    });
    after(async () => {
      for (const { child } of instances) child.kill("SIGKILL");
      await parent?.close().catch(() => undefined);
      await postgres?.destroy();
      receiver?.release();
      await receiver?.close();
      await world?.fake.close();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    });

    it(
      "keeps every instance alive, answers 503 STORE_UNAVAILABLE with Retry-After (CLI: exit 1), loses no acknowledged write, " +
        "finishes the health cycle after the restart, and sends no webhook delivery or expiry warning twice",
      { timeout: (outageSeconds + 900) * 1000 },
      async (t) => {
        const store = parent.deps.store;
        const assertAlive = () => {
          for (const [i, { child, output }] of instances.entries())
            assert.equal(child.exitCode ?? child.signalCode, null, `instance ${i} died:\n${output().slice(-4000)}`);
        };
        const acknowledged = new Set<string>();
        const unexpected: string[] = [];
        let unavailable = 0;
        let phase: "before" | "outage" | "after" = "before";
        let stop = false;
        const writer = async (w: number): Promise<void> => {
          for (let i = 0; !stop; i++) {
            const name = `w${w}-${i}`;
            const instance = instances[(w + i) % INSTANCES]!;
            try {
              const answer = await call(instance.url, token, "POST", "/credentials", {
                name,
                type: "token",
                username: "bot",
                secret: generateTestToken(),
                validate: false,
              });
              if (answer.status === 201) acknowledged.add(name);
              else if (answer.status === 503 && answer.code === "STORE_UNAVAILABLE" && answer.retryAfter !== null) {
                unavailable++;
                await new Promise((resolve) => setTimeout(resolve, 200));
              } else unexpected.push(`${phase} ${name}: ${answer.status} ${JSON.stringify(answer.body)}`);
            } catch (error) {
              unexpected.push(`${phase} ${name}: no answer (${String(error)})`);
            }
          }
        };
        const writers = Array.from({ length: INSTANCES * 2 }, (_, w) => writer(w));
        // A failed assertion must not leave the writers looping against stopped instances.
        t.after(() => {
          stop = true;
        });
        await until("writes are acknowledged", () => acknowledged.size >= 30);

        // A first cycle queues a status change per repository (unchecked → connected) for the instances to deliver.
        const warmUp = await runHealthCycle(parent.deps, { slot: "warm-up", parallelJobs: 0 });
        await until("the warm-up cycle is finished", async () => Boolean((await store.health.findCycle(warmUp.cycleId))?.report), 300_000);

        // Credentials whose expiry is 5 days away: the cycle across the outage, finished after the restart, warns about each, once.
        const expiring: string[] = [];
        for (let i = 0; i < EXPIRING; i++) {
          const credential = await createCredential(parent.deps, systemActor, {
            name: `expiring-${i}`,
            hostName: "ghe.test",
            username: "octocat",
            secret: { kind: "token", secret: generateTestToken() },
            validate: false,
          });
          await store.credentials.updateMetadata(credential.id, { expiresAt: new Date(Date.now() + 5 * 86_400_000).toISOString() });
          expiring.push(credential.id);
        }
        // The cycle across the outage: lookups are slow, so its jobs are in hand when the server stops; and the
        // receiver holds its answers, so a delivery's sender has to record it while the database is away.
        world.fake.setLatency(10_000);
        world.fake.repoHits.clear();
        receiver.holdAnswers();
        const cycle = await runHealthCycle(parent.deps, { slot: "across-outage", parallelJobs: 0 });
        await until("an instance has a job of the cycle in hand", async () => (await activeJobs(postgres.url)) > 0);
        // A delivery whose answer is held over the stop. The warm-up's one summary may have been sent before the
        // receiver held its answers (on a loaded machine it usually is), so an admin's test ping, sent through the
        // same attempt-and-record path, is the delivery the test waits for: it arrives after the hold began.
        // Its answer waits for the outcome to be stored, which the instance retries across the outage.
        const ping = call(instances[2]!.url, token, "POST", "/webhooks/outage-receiver/test", undefined, 300_000).catch(
          (error: unknown) => ({ status: 0, body: String(error) }),
        );
        await until("the test ping is held by the receiver", () => receiver.heldEvents().includes("ping"));
        const inFlight = receiver.held();

        phase = "outage";
        await postgres.stop();
        const stoppedAt = Date.now();
        receiver.release();
        // Reads and the CLI during the outage, on every instance.
        for (const instance of instances) {
          const read = await call(instance.url, token, "GET", "/credentials");
          assert.deepEqual([read.status, read.code, read.retryAfter], [503, "STORE_UNAVAILABLE", "5"], JSON.stringify(read.body));
          const cli = await runCli(["credential", "list"], { env: { REPOLINK_SERVER: instance.url, REPOLINK_TOKEN: token } });
          assert.equal(cli.code, 1, cli.stderr);
          assert.match(cli.stderr, /STORE_UNAVAILABLE/);
          assert.match(cli.stderr, /database cannot be reached/i);
        }
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, outageSeconds * 1000 - (Date.now() - stoppedAt))));
        assertAlive();
        const duringOutage = acknowledged.size;

        phase = "after";
        world.fake.setLatency(0);
        await postgres.start();
        // Every instance takes writes again without a restart.
        for (const instance of instances) {
          await until(`${instance.url} writes again`, async () => {
            const answer = await call(instance.url, token, "POST", "/credentials", {
              name: `resumed-${instance.url.replace(/\D/g, "")}-${Date.now()}`,
              type: "token",
              username: "bot",
              secret: generateTestToken(),
              validate: false,
            });
            return answer.status === 201;
          });
        }
        await until("the writers get past the outage", () => acknowledged.size >= duringOutage + 30);
        stop = true;
        await Promise.all(writers);

        // Jobs resume where they stopped: the cycle is finished by the instances, each repository counted once.
        await until(
          "the cycle across the outage is finished",
          async () => Boolean((await store.health.findCycle(cycle.cycleId))?.report),
          300_000,
        );
        const report = (await store.health.findCycle(cycle.cycleId))!.report!;
        assert.equal(report.repositoriesChecked + report.notCheckedUpstream, REPOSITORIES, JSON.stringify(report));
        const batches = await store.health.listBatches(cycle.cycleId);
        assert.ok(
          batches.every((b) => b.status === "done"),
          "every batch is recorded",
        );
        const unseen = world.fullNames.filter((name) => !world.fake.repoHits.get(name)?.graphql);
        assert.deepEqual(unseen.length, report.notCheckedUpstream, "a repository not looked up is reported as not checked");
        const lookedUpTwice = world.fullNames.filter((name) => (world.fake.repoHits.get(name)?.graphql ?? 0) > 1).length;
        // A batch in hand when the server stopped may be looked up again by the instance that takes it over.
        assert.ok(lookedUpTwice <= INSTANCES * 100, `at most the batches in hand are looked up twice (${lookedUpTwice})`);

        // The instance that stores the report sends the expiry warnings just after it: wait for them first.
        const bodiesReceived = () => receiver.requests.filter((r) => r.path === "/hook").map((r) => r.body);
        await until(
          "every expiry warning has arrived",
          () => expiring.every((id) => bodiesReceived().some((body) => body.includes(`"${id}"`))),
          180_000,
        ).catch((error: unknown) => {
          throw new Error(`${String(error)}\n${instances.map(({ output }) => output().slice(-3000)).join("\n---\n")}`);
        });
        // Every delivery queued is sent and recorded (a claimed but unrecorded one would be sent again after its lease).
        await until(
          "no webhook delivery is pending",
          async () => (await store.webhooks.listDueDeliveries(new Date(Date.now() + 365 * 86_400_000).toISOString(), 1)).length === 0,
          400_000,
        );
        const received = receiver.requests.filter((r) => r.path === "/hook");
        const bodies = received.map((r) => JSON.parse(r.body) as { event: string; data: unknown });
        const sameDelivery = twice(received.map((r) => String(r.headers["x-repolink-delivery"])));
        const sameContent = twice(
          bodies.map((b) =>
            createHash("sha256")
              .update(`${b.event}\n${JSON.stringify(b.data)}`)
              .digest("hex"),
          ),
        );
        const warnings = bodies.filter((b) => b.event.startsWith("credential.expir")).map((b) => JSON.stringify(b.data));
        const warningsPer = expiring.map((id) => warnings.filter((data) => data.includes(`"${id}"`)).length);
        // A cycle's summary lists at most 50 repositories; the rest are behind its changesPath.
        const announced = new Set<string>();
        for (const body of bodies.filter((b) => b.event === "connection.status_changed")) {
          const data = body.data as { repositories?: { id: string }[]; changesPath?: string };
          for (const repository of data.repositories ?? []) announced.add(repository.id);
          let cursor: string | null = data.changesPath ? "" : null;
          while (cursor !== null) {
            const path = `${data.changesPath!.replace(/^\/api\/v1/, "")}?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
            const page = await call(instances[1]!.url, token, "GET", path);
            assert.equal(page.status, 200, JSON.stringify(page.body));
            const changes = page.body as { items: { repositoryId: string }[]; nextCursor: string | null };
            for (const item of changes.items) announced.add(item.repositoryId);
            cursor = changes.nextCursor;
          }
        }
        const unannounced = world.fullNames.filter((_, i) => !announced.has(`repo-${String(i).padStart(5, "0")}`));

        assertAlive();
        assert.deepEqual(unexpected, [], "every answer was 201 or 503 STORE_UNAVAILABLE with Retry-After");
        assert.ok(unavailable > 0, "the writers saw the outage");
        assert.ok(inFlight > 0, "a webhook delivery was in flight when the server stopped");
        const pinged = await ping;
        assert.deepEqual(
          [pinged.status, (pinged.body as { delivery?: { status?: string } }).delivery?.status],
          [200, "delivered"],
          `the ping held over the stop is reported delivered: ${JSON.stringify(pinged.body)}`,
        );
        const listed = await call(instances[1]!.url, token, "GET", "/credentials");
        assert.equal(listed.status, 200);
        const stored = new Set((listed.body as { items: { name: string }[] }).items.map((c) => c.name));
        const lost = [...acknowledged].filter((name) => !stored.has(name));
        assert.deepEqual(lost, [], `${lost.length} of ${acknowledged.size} acknowledged writes lost`);
        assert.deepEqual(sameDelivery, [], "no delivery id reached the receiver twice");
        assert.deepEqual(sameContent, [], "no event reached the receiver twice");
        assert.deepEqual(
          warningsPer,
          expiring.map(() => 1),
          "each expiry warning arrived exactly once",
        );
        assert.deepEqual(unannounced, [], "every repository's status change arrived");
        for (const { output } of instances) assert.doesNotMatch(output(), /Unhandled 'error' event|uncaughtException/);
        const figure =
          `figure: outage ${outageSeconds} s: instances alive ${INSTANCES} of ${INSTANCES}, acknowledged writes ${acknowledged.size}, ` +
          `lost ${lost.length}, answered 503 ${unavailable}, deliveries ${received.length} (in flight at the stop ${inFlight}), ` +
          `duplicate deliveries ${sameDelivery.length + sameContent.length}, ` +
          `expiry warnings ${warningsPer.filter((n) => n === 1).length} of ${EXPIRING} arrived once, ` +
          `cycle across the outage: ${report.repositoriesChecked} of ${REPOSITORIES} checked, ${report.notCheckedUpstream} not checked, ` +
          `${lookedUpTwice} looked up twice`;
        console.log(figure);
        t.diagnostic(figure);
      },
    );
  },
);
