import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { describe, it } from "node:test";
import Database from "better-sqlite3";
import { loadConfig } from "../../src/config/load-config.ts";
import { openPayload } from "../../src/core/credentials/open-credential-secret.ts";
import { openRuntime } from "../../src/main.ts";
import { generateTestToken } from "../support/github-tokens.ts";
import { createTestDatabase, postgresSkip } from "../support/postgres-test-database.ts";
import { startServe } from "../support/run-cli.ts";

const rounds = Math.max(1, Number(process.env.REPOLINK_CRASH_ROUNDS ?? "10") || 10);
const writers = 4;
/** How long one round may take to reach the state its kill needs; generous, as the machine may be loaded. */
const roundDeadlineMs = 120_000;
const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });

/** What a credential may hold after a crash: the acknowledged value, plus any unacknowledged write after it. */
interface Expectation {
  acked: string | null;
  possible: Set<string>;
}

/** A request that got no answer: the server was killed under it. Any answer, even an error status, is not one. */
class NoAnswer extends Error {}

async function api(
  url: string,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(60_000),
  }).catch((error: unknown) => {
    throw new NoAnswer(`${method} ${path}: no answer`, { cause: error });
  });
  const text = await response.text().catch((error: unknown) => {
    throw new NoAnswer(`${method} ${path}: answer cut off`, { cause: error });
  });
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

function kill9(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

for (const database of ["sqlite", "postgresql"] as const) {
  describe(`kill -9 of \`repolink serve\` under concurrent API writes (${database}) (SECURITY 7, 32, 33)`, () => {
    it(
      `keeps every acknowledged credential, openable, across ${rounds} kills`,
      { timeout: 900_000, skip: database === "postgresql" && postgresSkip },
      async (t) => {
        const dataDir = mkdtempSync(join(tmpdir(), "repolink-serve-kill-"));
        const env: Record<string, string> = { REPOLINK_MASTER_KEY: randomBytes(32).toString("hex"), REPOLINK_LOG_LEVEL: "warn" };
        let drop: (() => Promise<void>) | undefined;
        if (database === "postgresql") {
          const fresh = await createTestDatabase("servekill");
          env.DATABASE_URL = fresh.url;
          drop = fresh.drop;
        }
        const expectations = new Map<string, Expectation>();
        let acknowledged = 0;
        /** Key ids of the rotations the server acknowledged, in order. */
        const rotatedKekIds: string[] = [];
        let rewrappedByRotations = 0;
        let rotationsCutOff = 0;
        let killedInFlight = 0;
        try {
          let serve = await startServe(["--data-dir", dataDir], env, { setupCode: true });
          assert.ok(serve.setupCode, serve.output());
          const password = "serve kill password";
          assert.equal(
            (await api(serve.url, null, "POST", "/setup", { setupCode: serve.setupCode, username: "admin", password })).status,
            201,
          );
          const adminToken = String(
            (await api(serve.url, null, "POST", "/auth/token", { username: "admin", password, name: "crash" })).body.token,
          );

          for (let round = 0; round < rounds; round++) {
            if (round > 0) serve = await startServe(["--data-dir", dataDir], env);
            const url = serve.url;
            let stop = false;
            let roundWrites = 0;
            let roundRewrapped = 0;
            const writer = async (w: number): Promise<void> => {
              for (let i = 0; !stop; i++) {
                const mine = [...expectations.keys()].filter((name) => name.startsWith(`w${w}-`) && expectations.get(name)?.acked !== null);
                const update = mine.length > 0 && i % 3 === 2;
                const name = update ? (mine[i % mine.length] ?? "") : `w${w}-r${round}-${i}`;
                const secret = generateTestToken();
                const expectation = expectations.get(name) ?? { acked: null, possible: new Set<string>() };
                expectation.possible.add(secret);
                expectations.set(name, expectation);
                try {
                  const response = update
                    ? await api(url, adminToken, "PATCH", `/credentials/${name}`, { secret, validate: false })
                    : await api(url, adminToken, "POST", "/credentials", { name, type: "token", username: "bot", secret, validate: false });
                  if (response.status !== (update ? 200 : 201))
                    throw new Error(`${name}: ${response.status} ${JSON.stringify(response.body)}`);
                  expectation.acked = secret;
                  expectation.possible = new Set([secret]);
                  acknowledged++;
                  roundWrites++;
                } catch (error) {
                  if (!stop || !(error instanceof NoAnswer)) throw error;
                  killedInFlight++;
                  return;
                }
              }
            };
            let rotationInFlight = false;
            let rotatorDone = false;
            const rotator = async (): Promise<void> => {
              while (!stop) {
                let response;
                try {
                  rotationInFlight = true;
                  response = await api(url, adminToken, "POST", "/keys/rotate");
                } catch (error) {
                  if (!stop || !(error instanceof NoAnswer)) throw error;
                  rotationsCutOff++;
                  return;
                } finally {
                  rotationInFlight = false;
                }
                assert.equal(response.status, 200, `key rotation: ${JSON.stringify(response.body)}`);
                const { kekId, rewrapped } = response.body as { kekId: string; rewrapped: number };
                assert.ok(typeof kekId === "string" && !rotatedKekIds.includes(kekId), `a rotation makes a new key: ${kekId}`);
                rotatedKekIds.push(kekId);
                rewrappedByRotations += rewrapped;
                roundRewrapped += rewrapped;
                await new Promise((resolve) => setTimeout(resolve, 150));
              }
            };
            let failed = false;
            const load = Promise.all([
              ...Array.from({ length: writers }, (_, w) => writer(w)),
              rotator().finally(() => (rotatorDone = true)),
            ]).catch((error: unknown) => {
              failed = true;
              throw error;
            });
            // The kill comes only once the round has what the test checks, however slow the machine: two acknowledged
            // writes (both new credentials), and every other round an acknowledged rotation that re-wrapped records.
            const ready = () => roundWrites >= 2 && (round % 2 === 1 || roundRewrapped > 0);
            const deadline = Date.now() + roundDeadlineMs;
            while (!failed && !ready()) {
              if (Date.now() > deadline) {
                stop = true;
                await kill9(serve.child);
                throw new Error(
                  `round ${round}: after ${roundDeadlineMs} ms, ${roundWrites} writes acknowledged, ` +
                    `${roundRewrapped} records re-wrapped by rotations\n${serve.output().slice(-4000)}`,
                );
              }
              await new Promise((resolve) => setTimeout(resolve, 20));
            }
            await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 500)));
            if (round % 2 === 1) {
              // Every other round the kill lands a few milliseconds into a key rotation.
              while (!rotationInFlight && !rotatorDone) await new Promise((resolve) => setTimeout(resolve, 2));
              await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 20)));
            }
            stop = true;
            await kill9(serve.child);
            await load;
          }

          // Rotations ran under the kills and the server acknowledged them, re-wrapping existing records.
          assert.ok(rotatedKekIds.length > 0, "the server acknowledged key rotations under the load");
          assert.ok(rewrappedByRotations > 0, "acknowledged rotations re-wrapped existing records");
          if (rounds > 1) assert.ok(rotationsCutOff > 0, "a kill landed in the middle of a key rotation");

          // After the last kill: restart once more, every acknowledged credential is listed by the server...
          serve = await startServe(["--data-dir", dataDir], env);
          const listed = new Set(
            ((await api(serve.url, adminToken, "GET", "/credentials")).body.items as { name: string }[]).map((c) => c.name),
          );
          // ...and one more rotation re-wraps every stored record: none was left that cannot be opened.
          const final = await api(serve.url, adminToken, "POST", "/keys/rotate");
          assert.equal(final.status, 200, `key rotation after the kills: ${JSON.stringify(final.body)}`);
          const finalKekId = String(final.body.kekId);
          assert.deepEqual({ rewrapped: final.body.rewrapped, skipped: final.body.skipped }, { rewrapped: listed.size, skipped: 0 });
          await kill9(serve.child);
          const ackedNames = [...expectations].filter(([, e]) => e.acked !== null).map(([name]) => name);
          for (const name of ackedNames) assert.ok(listed.has(name), `acknowledged ${name} survived`);

          // ...and opens to exactly its acknowledged value, or a later unacknowledged one.
          const runtime = await openRuntime(loadConfig({ ...env, REPOLINK_DATA_DIR: dataDir, REPOLINK_LOG_LEVEL: "silent" }), {
            logDestination: quiet,
          });
          let opened = 0;
          try {
            assert.equal(runtime.sealedReason, null);
            const keks = await runtime.deps.store.keks.list();
            for (const kekId of [...rotatedKekIds, finalKekId])
              assert.ok(
                keks.some((k) => k.id === kekId),
                `acknowledged key ${kekId} is kept`,
              );
            assert.deepEqual(
              keks.filter((k) => k.active).map((k) => k.id),
              [finalKekId],
            );
            for (const credential of await runtime.deps.store.credentials.list()) {
              assert.equal(credential.kekId, finalKekId, `${credential.name} is wrapped under the last rotation's key`);
              const payload = await openPayload(runtime.deps, credential);
              const value = payload.kind === "token" ? payload.token : "";
              const expectation = expectations.get(credential.name);
              assert.ok(expectation, `unexpected credential ${credential.name}`);
              assert.ok(
                expectation.possible.has(value) || value === expectation.acked,
                `${credential.name} opens to its acknowledged value or a later attempt`,
              );
              opened++;
            }
          } finally {
            await runtime.close();
          }
          if (database === "sqlite") {
            const db = new Database(join(dataDir, "repolink.db"));
            try {
              assert.equal(db.pragma("integrity_check", { simple: true }), "ok");
              assert.equal(db.pragma("journal_mode", { simple: true }), "wal");
            } finally {
              db.close();
            }
          }
          assert.ok(ackedNames.length > rounds, "enough writes were acknowledged to mean something");
          t.diagnostic(
            `${rounds} kills survived (${database}): ${acknowledged} acknowledged writes (${ackedNames.length} credentials), ` +
              `${killedInFlight} writes cut off in flight, ${rotatedKekIds.length} key rotations acknowledged ` +
              `(${rewrappedByRotations} records re-wrapped), ` +
              `${rotationsCutOff} cut off by the kill; ` +
              `all ${opened} stored credentials open${database === "sqlite" ? "; integrity_check ok" : ""}`,
          );
        } finally {
          await drop?.();
          rmSync(dataDir, { recursive: true, force: true });
        }
      },
    );
  });
}
