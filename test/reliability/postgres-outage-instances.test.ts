import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { generateTestToken } from "../support/github-tokens.ts";
import { postgresSkip } from "../support/postgres-test-database.ts";
import { runCli, startServe } from "../support/run-cli.ts";
import { startThrowawayPostgres, type ThrowawayPostgres } from "../support/throwaway-postgres.ts";

const INSTANCES = 3;
const outageSeconds = Math.max(1, Number(process.env.REPOLINK_OUTAGE_SECONDS ?? "30") || 30);

interface Answer {
  status: number;
  retryAfter: string | null;
  code: string | null;
}

async function call(url: string, token: string | null, method: string, path: string, body?: unknown): Promise<Answer & { body: unknown }> {
  const response = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as { error?: { code?: string } }) : {};
  return { status: response.status, retryAfter: response.headers.get("retry-after"), code: parsed.error?.code ?? null, body: parsed };
}

/** Polls `probe` until it is true; the deadline is generous because the machine may be loaded. */
async function until(what: string, probe: () => Promise<boolean>, deadlineMs = 120_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

// Issue 13 item 2 (SECURITY 33): the PostgreSQL server itself is stopped for a while under three
// `repolink serve` processes taking writes and running their health schedulers, then started again.
describe(`PostgreSQL stopped for ${outageSeconds} s under ${INSTANCES} serve instances with writes`, { skip: postgresSkip }, () => {
  let postgres: ThrowawayPostgres;
  const dirs: string[] = [];
  const instances: { child: ChildProcess; url: string; output: () => string }[] = [];
  let token = "";

  before(async () => {
    postgres = await startThrowawayPostgres();
    const env = {
      DATABASE_URL: postgres.url,
      REPOLINK_MASTER_KEY: randomBytes(32).toString("hex"),
      REPOLINK_LOG_LEVEL: "warn",
      REPOLINK_HEALTH_INTERVAL_SECONDS: "10",
    };
    for (let i = 0; i < INSTANCES; i++) {
      const dir = mkdtempSync(join(tmpdir(), "repolink-outage-"));
      dirs.push(dir);
      instances.push(await startServe(["--data-dir", dir], env, { setupCode: i === 0 }));
    }
    const first = instances[0]!;
    const setupCode = /setup code: (\S+)\n/.exec(first.output())?.[1];
    const password = "outage test password";
    assert.equal((await call(first.url, null, "POST", "/setup", { setupCode, username: "admin", password })).status, 201);
    const login = await call(first.url, null, "POST", "/auth/token", { username: "admin", password, name: "outage" });
    token = String((login.body as { token: string }).token);
  });
  after(async () => {
    for (const { child } of instances) child.kill("SIGKILL");
    await postgres?.destroy();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it(
    "keeps every instance alive, answers 503 STORE_UNAVAILABLE with Retry-After (CLI: exit 1), loses no acknowledged write, and resumes",
    {
      timeout: (outageSeconds + 240) * 1000,
    },
    async (t) => {
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
      await until("writes are acknowledged", async () => acknowledged.size >= 30);

      phase = "outage";
      await postgres.stop();
      const stoppedAt = Date.now();
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
      for (const [i, { child }] of instances.entries()) assert.equal(child.exitCode ?? child.signalCode, null, `instance ${i} died`);
      const duringOutage = acknowledged.size;

      phase = "after";
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
      await until("the writers get past the outage", async () => acknowledged.size >= duringOutage + 30);
      stop = true;
      await Promise.all(writers);

      for (const [i, { child }] of instances.entries()) assert.equal(child.exitCode ?? child.signalCode, null, `instance ${i} died`);
      assert.deepEqual(unexpected, [], "every answer was 201 or 503 STORE_UNAVAILABLE with Retry-After");
      assert.ok(unavailable > 0, "the writers saw the outage");
      const listed = await call(instances[1]!.url, token, "GET", "/credentials");
      assert.equal(listed.status, 200);
      const stored = new Set((listed.body as { items: { name: string }[] }).items.map((c) => c.name));
      const lost = [...acknowledged].filter((name) => !stored.has(name));
      assert.deepEqual(lost, [], `${lost.length} of ${acknowledged.size} acknowledged writes lost`);
      for (const { output } of instances) assert.doesNotMatch(output(), /Unhandled 'error' event|uncaughtException/);
      t.diagnostic(
        `outage ${outageSeconds} s: instances alive ${INSTANCES} of ${INSTANCES}, acknowledged writes ${acknowledged.size}, ` +
          `lost 0, answered 503 ${unavailable}`,
      );
    },
  );
});
