import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { createTestDatabase, postgresSkip } from "../support/postgres-test-database.ts";
import { loadConfig } from "../../src/config/load-config.ts";
import { systemActor } from "../../src/core/access/actor.ts";
import { createCredential } from "../../src/core/credentials/create-credential.ts";
import { openPayload } from "../../src/core/credentials/open-credential-secret.ts";
import { openRuntime } from "../../src/main.ts";
import { crashSecret } from "./fixtures/crash-secret.ts";

const rounds = Number(process.env.REPOLINK_CRASH_ROUNDS ?? "4");
const credentials = 3;
const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });

/** Runs the writer until it has acknowledged a few steps, then SIGKILLs it at a random moment. */
function runAndKill(env: NodeJS.ProcessEnv): Promise<{ acked: Map<number, number>; rotations: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "fixtures", "credential-update-writer.ts")], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const acked = new Map<number, number>();
    let rotations = 0;
    let stderr = "";
    let buffer = "";
    let killScheduled = false;
    child.stdout.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) {
        const ack = /^ack (\d+) (\d+)$/.exec(line);
        if (ack) acked.set(Number(ack[1]), Number(ack[2]));
        if (line.startsWith("rotated")) rotations += 1;
      }
      if (!killScheduled && acked.size > 0) {
        killScheduled = true;
        setTimeout(() => child.kill("SIGKILL"), 100 + Math.floor(Math.random() * 600));
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (_code, signal) => {
      if (signal !== "SIGKILL") reject(new Error(`writer stopped by itself:\n${stderr}`));
      else resolve({ acked, rotations });
    });
  });
}

for (const database of ["sqlite", "postgresql"] as const)
  describe(`kill -9 during credential updates and key rotations (${database})`, { skip: database === "postgresql" && postgresSkip }, () => {
    const dataDir = mkdtempSync(join(tmpdir(), "repolink-crash-"));
    const env: Record<string, string> = {
      REPOLINK_DATA_DIR: dataDir,
      REPOLINK_MASTER_KEY: randomBytes(32).toString("hex"),
      REPOLINK_LOG_LEVEL: "silent",
    };
    let dropDatabase: (() => Promise<void>) | undefined;
    before(async () => {
      if (database !== "postgresql") return;
      const fresh = await createTestDatabase("crash");
      env.DATABASE_URL = fresh.url;
      dropDatabase = fresh.drop;
    });
    after(async () => {
      await dropDatabase?.();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it(`leaves every credential at exactly its old or new value, openable, across ${rounds} kills`, async (t) => {
      const setup = await openRuntime(loadConfig(env), { logDestination: quiet });
      for (let i = 0; i < credentials; i += 1) {
        await createCredential(setup.deps, systemActor, {
          name: `crash-${i}`,
          secret: { kind: "token", secret: crashSecret(i, 1) },
          validate: false,
        });
      }
      await setup.close();
      const lastAcked = new Map<number, number>();
      let rotations = 0;
      for (let round = 0; round < rounds; round += 1) {
        const result = await runAndKill(env);
        rotations += result.rotations;
        for (const [index, version] of result.acked) lastAcked.set(index, version);
        const runtime = await openRuntime(loadConfig(env), { logDestination: quiet });
        for (let i = 0; i < credentials; i += 1) {
          const credential = await runtime.deps.store.credentials.findByName(`crash-${i}`, null);
          assert.ok(credential, `crash-${i} exists`);
          const acked = lastAcked.get(i) ?? 1;
          assert.ok(
            credential.secretVersion === acked || credential.secretVersion === acked + 1,
            `crash-${i}: version ${credential.secretVersion} is the acknowledged ${acked} or the one in flight`,
          );
          const payload = await openPayload(runtime.deps, credential);
          assert.deepEqual(payload, { kind: "token", token: crashSecret(i, credential.secretVersion) });
          lastAcked.set(i, credential.secretVersion);
        }
        await runtime.close();
      }
      assert.ok(rotations > 0 || rounds < 2, "some kills happened after key rotations");
      t.diagnostic(`${rounds} kills survived: every credential at its acknowledged or in-flight version, ${rotations} key rotations`);
    });
  });
