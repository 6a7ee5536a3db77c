import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { loadConfig } from "../../src/config/load-config.ts";
import { systemActor } from "../../src/core/access/actor.ts";
import { createCredential } from "../../src/core/credentials/create-credential.ts";
import { openPayload } from "../../src/core/credentials/open-credential-secret.ts";
import { updateCredential } from "../../src/core/credentials/update-credential.ts";
import { rotateKeys } from "../../src/core/crypto/rotate-keys.ts";
import { addHost } from "../../src/core/hosts/add-host.ts";
import { openRuntime, type Runtime } from "../../src/main.ts";
import { startGithubFake, type GithubFake } from "../github-fake/index.ts";
import { generateTestToken } from "../support/github-tokens.ts";
import { postgresSkip } from "../support/postgres-test-database.ts";
import { startThrowawayPostgres, type ThrowawayPostgres } from "../support/throwaway-postgres.ts";
import { until } from "../support/until.ts";

const CREDENTIALS = 400;
const UPDATERS = 4;

/** How many credentials are wrapped under `kekId`, asked on a connection of its own. */
async function wrappedUnder(url: string, kekId: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => undefined);
  await client.connect();
  try {
    return (await client.query<{ n: number }>("SELECT count(*)::int AS n FROM credentials WHERE kek_id = $1", [kekId])).rows[0]!.n;
  } finally {
    await client.end();
  }
}

/** What one credential may open to: the value last acknowledged, or one whose update was cut off. */
interface Expectation {
  acked: string;
  possible: Set<string>;
}

// SECURITY 33: the PostgreSQL server itself crashes (pg_ctl -m immediate) in the middle of a key rotation
// and of credential updates; Repolink's own kill mid-way is serve-kill.test.ts.
describe("PostgreSQL crashing in the middle of a key rotation and of credential updates", { skip: postgresSkip }, () => {
  let postgres: ThrowawayPostgres;
  let fake: GithubFake;
  let runtime: Runtime;
  const dirs: string[] = [];
  let env: Record<string, string> = {};

  before(async () => {
    postgres = await startThrowawayPostgres();
    fake = await startGithubFake();
    const dir = mkdtempSync(join(tmpdir(), "repolink-crash-rotation-"));
    dirs.push(dir);
    env = { DATABASE_URL: postgres.url, REPOLINK_MASTER_KEY: randomBytes(32).toString("hex"), REPOLINK_LOG_LEVEL: "silent" };
    runtime = await openRuntime(loadConfig({ ...env, REPOLINK_DATA_DIR: dir }));
    await addHost(runtime.deps, systemActor, { name: "ghe.test", url: fake.url, allowPrivateNetwork: true });
  });
  after(async () => {
    await runtime?.close().catch(() => undefined);
    await postgres?.destroy();
    await fake?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  const title = "leaves every credential openable, to its acknowledged value or a cut-off update, and the next rotation re-wraps them all";
  it(title, async () => {
    const deps = runtime.deps;
    const expectations = new Map<string, Expectation>();
    const names = Array.from({ length: CREDENTIALS }, (_, i) => `c${String(i).padStart(4, "0")}`);
    for (let i = 0; i < names.length; i += 50)
      await Promise.all(
        names.slice(i, i + 50).map(async (name) => {
          const secret = generateTestToken();
          await createCredential(deps, systemActor, {
            name,
            hostName: "ghe.test",
            username: "bot",
            secret: { kind: "token", secret },
            validate: false,
          });
          expectations.set(name, { acked: secret, possible: new Set() });
        }),
      );
    const before = (await deps.store.keks.list()).find((k) => k.active)!.id;

    // Each updater keeps changing secrets of credentials of its own until the database goes away.
    let stopping = false;
    let cutOff = 0;
    const updater = async (u: number): Promise<void> => {
      for (let i = 0; !stopping; i++) {
        const name = names[(u + i * UPDATERS) % names.length]!;
        const expectation = expectations.get(name)!;
        const secret = generateTestToken();
        expectation.possible.add(secret);
        try {
          await updateCredential(deps, systemActor, name, { secret: { kind: "token", secret }, validate: false });
          expectation.acked = secret;
          expectation.possible.clear();
        } catch {
          cutOff++;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    };
    const updaters = Array.from({ length: UPDATERS }, (_, u) => updater(u));

    // A row lock on a credential half-way down the rotation's order holds the rotation there, however fast the
    // machine: the crash always lands part-way, never after the last record.
    const locker = new pg.Client({ connectionString: postgres.url });
    locker.on("error", () => undefined);
    await locker.connect();
    const middle = (await deps.store.credentials.list())[CREDENTIALS / 2]!;
    await locker.query("BEGIN");
    await locker.query("SELECT 1 FROM credentials WHERE id = $1 FOR UPDATE", [middle.id]);

    const rotation = rotateKeys(deps, systemActor).then(
      (report) => ({ report, error: null }),
      (error: unknown) => ({ report: null, error }),
    );
    // The stop lands while the rotation is part-way: some records re-wrapped under its key, others not yet.
    let rotationKek = "";
    await until("the rotation has re-wrapped some records", async () => {
      rotationKek = (await deps.store.keks.list()).find((k) => k.active)?.id ?? before;
      return rotationKek !== before && (await wrappedUnder(postgres.url, rotationKek)) > 0;
    });
    await postgres.stop();
    await locker.end().catch(() => undefined);
    const cut = await rotation;
    assert.ok(cut.error !== null, `the rotation was cut off by the crash, not finished: ${JSON.stringify(cut.report)}`);
    stopping = true;
    await Promise.all(updaters);
    await postgres.start();

    // The same runtime resumes without a restart...
    await until("the store answers again", async () => (await deps.store.keks.list().catch(() => null)) !== null);
    const rewrappedBefore = await wrappedUnder(postgres.url, rotationKek);
    assert.ok(rewrappedBefore > 0 && rewrappedBefore < CREDENTIALS, `the crash left the rotation part-way (${rewrappedBefore})`);

    // ...and a runtime opened afresh on the database finds every credential openable to an expected value.
    const freshDir = mkdtempSync(join(tmpdir(), "repolink-crash-rotation-fresh-"));
    dirs.push(freshDir);
    const fresh = await openRuntime(loadConfig({ ...env, REPOLINK_DATA_DIR: freshDir }));
    const openAll = async (): Promise<string[]> => {
      const wrong: string[] = [];
      for (const credential of await fresh.deps.store.credentials.list()) {
        const payload = await openPayload(fresh.deps, credential);
        const value = payload.kind === "token" ? payload.token : "";
        const expectation = expectations.get(credential.name);
        if (expectation === undefined) wrong.push(`${credential.name}: unexpected`);
        else if (value !== expectation.acked && !expectation.possible.has(value)) wrong.push(`${credential.name}: another value`);
      }
      return wrong;
    };
    try {
      assert.equal(fresh.sealedReason, null);
      assert.deepEqual(await openAll(), [], "every credential opens to its acknowledged value or a cut-off update");
      assert.ok(cutOff > 0, "updates were cut off by the crash");

      // One more rotation re-wraps every record the crash left under an older key.
      const next = await rotateKeys(fresh.deps, systemActor);
      assert.deepEqual([next.rewrapped, next.skipped], [CREDENTIALS, 0]);
      assert.equal(await wrappedUnder(postgres.url, next.kekId), CREDENTIALS);
      assert.deepEqual(await openAll(), [], "and every credential still opens to the same value");
      console.log(
        `figure: PostgreSQL crashed with ${rewrappedBefore} of ${CREDENTIALS} records re-wrapped ` +
          `and ${cutOff} updates cut off; every credential opened`,
      );
    } finally {
      await fresh.close();
    }
  });
});
