// Metric 6: secret decryption. AesGcmCipher.open on realistic boxes, the openPayload path
// (src/core/credentials/open-credential-secret.ts), and one bare AES-256-GCM decrypt as baseline.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { defaultRedactor, installSecretRedaction } from "../src/adapters/logging/secret-redactor.ts";
import { openPayload } from "../src/core/credentials/open-credential-secret.ts";
import { credentialAad } from "../src/core/credentials/credential.ts";
import type { CoreDeps } from "../src/core/deps.ts";
import type { BenchOptions, BenchResult } from "./bench-result.ts";
import { makeSealedCredentials } from "./secret-boxes.ts";
import { median, percentile, round, summarize } from "./stats.ts";

const RECORDS = 100;

/** Per-call latencies in µs of `count` calls of `op(i)`. */
async function time(count: number, op: (i: number) => unknown): Promise<number[]> {
  const out = new Array<number>(count);
  for (let i = 0; i < count; i += 1) {
    const t0 = process.hrtime.bigint();
    const pending = op(i);
    if (pending instanceof Promise) await pending;
    out[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  return out;
}

/** A single AES-256-GCM decrypt of a box's data with a known key: the floor any envelope scheme builds on. */
function bareGcm(plaintexts: string[]): (i: number) => Buffer {
  const key = randomBytes(32);
  const boxes = plaintexts.map((text) => {
    const nonce = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", key, nonce);
    const body = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
    return { nonce, body, tag: cipher.getAuthTag() };
  });
  return (i) => {
    const box = boxes[i % boxes.length] as (typeof boxes)[number];
    const decipher = createDecipheriv("aes-256-gcm", key, box.nonce);
    decipher.setAuthTag(box.tag);
    return Buffer.concat([decipher.update(box.body), decipher.final()]);
  };
}

/** Runs metric 6: 10,000 opens per run, median of 3 runs (1 when quick). */
export async function run({ quick }: BenchOptions): Promise<BenchResult[]> {
  installSecretRedaction(defaultRedactor); // as in the server: every opened Secret feeds the log redactor
  const { keyring, cipher, credentials } = makeSealedCredentials(RECORDS);
  const deps = { cipher, keys: keyring } as unknown as CoreDeps;
  const record = (i: number) => credentials[i % credentials.length] as (typeof credentials)[number];
  const plaintexts = credentials.map((c) => cipher.open(c.secretBox, credentialAad(c.id, 1)).reveal());
  const ops: Record<string, (i: number) => unknown> = {
    open: (i) => cipher.open(record(i).secretBox, credentialAad(record(i).id, 1)),
    openPayload: (i) => openPayload(deps, record(i)),
    bare: bareGcm(plaintexts),
  };
  const opens = 10_000;
  const runs = quick ? 1 : 3;
  const medians: Record<string, number[]> = { open: [], openPayload: [], bare: [] };
  const p99s: Record<string, number[]> = { open: [], openPayload: [], bare: [] };
  for (const op of Object.values(ops)) await time(2000, op); // warm-up (JIT, redactor)
  for (let r = 0; r < runs; r += 1) {
    for (const [name, op] of Object.entries(ops)) {
      const samples = await time(opens, op);
      medians[name]?.push(median(samples));
      p99s[name]?.push(percentile(samples, 99));
    }
  }
  const bare = median(medians.bare ?? []);
  const mix = `${RECORDS} records: 50% ghp_ tokens, 30% github_pat_, 10% ed25519 and 10% RSA-3072 PKCS#8 keys; ${opens} opens per run`;
  const row = (name: string, metric: string, target: string, met: (v: number) => boolean | null): BenchResult => {
    const s = summarize((medians[name] ?? []).map((v) => round(v, 3)));
    return {
      metric,
      target,
      unit: "µs",
      ...s,
      baseline: round(bare, 3),
      ratio: round(s.value / bare, 3),
      met: met(s.value),
      notes:
        `p99 ${round(median(p99s[name] ?? []), 3)} µs (bare GCM p99 ${round(median(p99s.bare ?? []), 3)} µs); ` +
        `baseline = one AES-256-GCM decrypt with a known key; ${mix}`,
    };
  };
  return [
    row("open", "Secret decryption, AesGcmCipher.open median", "median ≤ 20 µs", (v) => v <= 20),
    row("openPayload", "Secret decryption, openPayload (open + JSON.parse) median", "report", () => null),
  ];
}
