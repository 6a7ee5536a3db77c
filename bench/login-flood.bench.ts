/**
 * Benchmark (not a test) of sign-in under a flood of wrong passwords (issue 14, F4): a spawned
 * `repolink serve` behind a trusted proxy (127.0.0.1, so each request names its client in
 * X-Forwarded-For) gets 400 bad sign-ins — from one address, then from 400 addresses — while a
 * legitimate user signs in again and again from the address they used before. Baseline: the same
 * sign-in with no flood, measured in the same run.
 */
import { hashPassword } from "../src/adapters/crypto/password-hasher.ts";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BenchOptions, BenchResult } from "./bench-result.ts";
import { startSpawnedServer } from "./spawned-server.ts";
import { median, round, summarize } from "./stats.ts";

const password = "a legitimate long password";
const legitAddress = "192.0.2.10";

async function signIn(url: string, username: string, pass: string, from: string): Promise<number> {
  const response = await fetch(`${url}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": from },
    body: JSON.stringify({ username, password: pass }),
  });
  await response.arrayBuffer();
  return response.status;
}

/** One legitimate sign-in, timed in milliseconds; it must succeed. */
async function timedLegitSignIn(url: string): Promise<number> {
  const t0 = performance.now();
  const status = await signIn(url, "alice", password, legitAddress);
  const ms = performance.now() - t0;
  if (status !== 200) throw new Error(`the legitimate sign-in answered ${status}`);
  return ms;
}

/** Sends `count` wrong sign-ins, `inFlight` at a time, while timing legitimate sign-ins one after another. */
async function flood(
  url: string,
  count: number,
  addressOf: (i: number) => string,
  minSamples: number,
): Promise<{ legit: number[]; statuses: Record<string, number>; seconds: number }> {
  const statuses: Record<string, number> = {};
  let next = 0;
  let done = false;
  const t0 = performance.now();
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      const status = await signIn(url, `intruder${i}`, `wrong password ${i}`, addressOf(i));
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };
  const attackers = Promise.all(Array.from({ length: 50 }, worker)).then(() => {
    done = true;
  });
  const legit: number[] = [];
  // Let the flood fill the server's queue before the first legitimate sign-in.
  await new Promise((resolve) => setTimeout(resolve, 50));
  while (!done || legit.length < minSamples) legit.push(await timedLegitSignIn(url));
  await attackers;
  return { legit, statuses, seconds: (performance.now() - t0) / 1000 };
}

async function failureRows(url: string, token: string): Promise<number> {
  const response = await fetch(`${url}/api/v1/audit?limit=1000`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await response.json()) as { items: { action: string; outcome: string }[] };
  return body.items.filter((e) => e.action === "login" && e.outcome === "failure").length;
}

/** Runs the baseline and both floods against one spawned server. */
export async function run(options: BenchOptions): Promise<BenchResult[]> {
  const count = options.quick ? 100 : 400;
  const samples = options.quick ? 5 : 15;
  const dataDir = mkdtempSync(join(tmpdir(), "repolink-bench-login-"));
  // Sign-ins are throttled by the forwarded client address: the admin's own setup comes from 127.0.0.1.
  const served = await startSpawnedServer(dataDir, {
    env: { REPOLINK_TRUSTED_PROXIES: "127.0.0.1" },
    admin: { username: "alice", password },
  });
  try {
    const { url } = served;
    const token = served.adminToken;

    const baseline: number[] = [];
    for (let i = 0; i < samples; i++) baseline.push(await timedLegitSignIn(url));
    const rowsBefore = await failureRows(url, token);
    const oneAddress = await flood(url, count, () => "198.51.100.7", samples);
    const rowsAfterOne = await failureRows(url, token);
    const manyAddresses = await flood(url, count, (i) => `10.${Math.floor(i / 250)}.${i % 250}.1`, samples);
    const rowsAfterMany = await failureRows(url, token);

    const hashes: number[] = [];
    for (let i = 0; i < samples; i++) {
      const t0 = performance.now();
      await hashPassword(password);
      hashes.push(performance.now() - t0);
    }
    const base = median(baseline);
    const row = (metric: string, runs: number[], notes: string): BenchResult => {
      const summary = summarize(runs.map((ms) => round(ms)));
      return {
        metric,
        target: "median ≤ 200 ms",
        ...summary,
        value: round(median(runs)),
        unit: "ms",
        baseline: round(base),
        ratio: round(median(runs) / base),
        met: median(runs) <= 200,
        notes,
      };
    };
    const describe = (f: { statuses: Record<string, number>; seconds: number }, rows: number): string =>
      `flood answers ${JSON.stringify(f.statuses)} in ${round(f.seconds)} s; audit rows added: ${rows}`;
    return [
      {
        metric: "one scrypt password hash, in-process (what a sign-in costs at least)",
        target: "report",
        ...summarize(hashes.map((ms) => round(ms))),
        unit: "ms",
        met: null,
        notes: "in-process, in the bench's own node: the machine's speed for the hash every sign-in runs once",
      },
      {
        metric: "legitimate sign-in, no flood (baseline)",
        target: "report",
        ...summarize(baseline.map((ms) => round(ms))),
        unit: "ms",
        met: null,
        notes: "POST /api/v1/session to a spawned repolink serve (scrypt N=2^15, r=8)",
      },
      row(
        `legitimate sign-in during ${count} bad sign-ins from one address`,
        oneAddress.legit,
        describe(oneAddress, rowsAfterOne - rowsBefore),
      ),
      row(
        `legitimate sign-in during ${count} bad sign-ins from ${count} addresses`,
        manyAddresses.legit,
        describe(manyAddresses, rowsAfterMany - rowsAfterOne),
      ),
    ];
  } finally {
    await served.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
