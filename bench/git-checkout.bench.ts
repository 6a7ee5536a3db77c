/**
 * Benchmark (not a test), in process: `GitCliTransport` called inside this process (no CLI
 * start, no server round trip) against plain `git` processes, and the credential injection's
 * overhead vs unauthenticated git, against the GitHub fake. What users run — `repolink` and
 * `git` as processes — is timed in pipeline-as-users-run.bench.ts. Run: `npm run bench -- --only git-checkout`.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { GitCliTransport } from "../src/adapters/git/git-cli-transport.ts";
import type { GitRemote } from "../src/core/ports/git-transport.ts";
import { Secret } from "../src/core/secret.ts";
import { isolatedGitEnv } from "../test/github-fake/git-env.ts";
import { startGithubFake } from "../test/github-fake/index.ts";
import type { BenchOptions, BenchResult } from "./bench-result.ts";
import { benchRepositoryShape, benchRepositoryStream, gitIn } from "./bench-repositories.ts";

type Measured = { label: string; medianMs: number; samplesMs: number[] };
const exec = promisify(execFile);

async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function measure(label: string, runs: number, prepare: (i: number) => Promise<void>, body: (i: number) => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    await prepare(i);
    samples.push(await timeIt(() => body(i)));
  }
  const result = { label, medianMs: Math.round(median(samples)), samplesMs: samples.map(Math.round) };
  console.log(`${label.padEnd(62)} median ${String(result.medianMs).padStart(6)} ms  [${result.samplesMs.join(", ")}]`);
  return result;
}

async function measureAll(RUNS: number): Promise<{ repo: Record<string, number>; runs: number; results: Measured[] }> {
  const dir = await mkdtemp(join(tmpdir(), "repolink-bench-"));
  const fake = await startGithubFake();
  try {
    fake.addUser({ login: "bench" });
    const repo = await fake.addRepo({ owner: "bench", name: "big", private: false });
    const started = Date.now();
    await gitIn(dir, repo.gitDir, ["fast-import", "--quiet", "--force"], benchRepositoryStream());
    await gitIn(dir, repo.gitDir, ["repack", "-a", "-d", "-q"]);
    const size = (await exec("du", ["-sk", repo.gitDir])).stdout.split("\t")[0];
    const { commits, files, branches } = benchRepositoryShape;
    console.log(
      `repository: ${commits} commits, ${files} files, ${branches + 1} branches, ` +
        `${size} KiB packed, generated in ${Date.now() - started} ms`,
    );
    const token = fake.addToken({ login: "bench" });
    const url = `${fake.url}/bench/big.git`;
    const remote = (auth: "token" | "none"): GitRemote => ({
      url,
      allowPrivateNetwork: true,
      allowHttp: true,
      auth: auth === "none" ? { kind: "none" } : { kind: "token", username: "x-access-token", token: new Secret(token) },
    });
    const transport = new GitCliTransport({ workDir: join(dir, "work") });
    const header = `Authorization: Basic ${Buffer.from(`x-access-token:${token}`).toString("base64")}`;
    const rawGit = (args: string[], withToken: boolean) =>
      exec("git", args, {
        env: isolatedGitEnv(
          dir,
          withToken ? { GIT_CONFIG_COUNT: "1", GIT_CONFIG_KEY_0: "http.extraHeader", GIT_CONFIG_VALUE_0: header } : {},
        ),
        maxBuffer: 64 << 20,
      });
    const fresh = (name: string) => join(dir, "runs", `${name}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
    const none = async () => undefined;
    await mkdir(join(dir, "runs"), { recursive: true });
    const results = [];

    results.push(
      await measure("fresh `git clone` (plain git, token header)", RUNS, none, () =>
        rawGit(["clone", "--quiet", "--", url, fresh("clone")], true),
      ),
    );
    results.push(
      await measure("in-process: checkout, cold mirror (mirror created + working copy)", RUNS, none, () =>
        transport.checkout(remote("token"), fresh("mirror"), fresh("wc")),
      ),
    );
    const mirror = join(dir, "mirror.git");
    await transport.syncMirror(remote("token"), mirror);
    results.push(
      await measure("in-process: checkout of a new working copy through a warm mirror", RUNS, none, () =>
        transport.checkout(remote("token"), mirror, fresh("wc")),
      ),
    );
    const copy = join(dir, "copy");
    await transport.checkout(remote("token"), mirror, copy);
    results.push(
      await measure("in-process: update of an existing working copy, nothing new", RUNS, none, () =>
        transport.checkout(remote("token"), mirror, copy),
      ),
    );
    const advance = async (i: number) => {
      const tree = (await gitIn(dir, repo.gitDir, ["rev-parse", "main^{tree}"])).trim();
      const commit = (await gitIn(dir, repo.gitDir, ["commit-tree", "-p", "main", "-m", `bench ${i}`, tree])).trim();
      await gitIn(dir, repo.gitDir, ["update-ref", "refs/heads/main", commit]);
    };
    results.push(
      await measure("in-process: update of an existing working copy, 1 new commit upstream", RUNS, advance, () =>
        transport.checkout(remote("token"), mirror, copy),
      ),
    );

    const lsRuns = Math.max(RUNS, 9);
    results.push(await measure("ls-remote: plain git, anonymous", lsRuns, none, () => rawGit(["ls-remote", "--", url], false)));
    results.push(await measure("ls-remote: plain git, token header", lsRuns, none, () => rawGit(["ls-remote", "--", url], true)));
    results.push(
      await measure("in-process: ls-remote: GitCliTransport, anonymous", lsRuns, none, () => transport.lsRemote(remote("none"))),
    );
    results.push(await measure("in-process: ls-remote: GitCliTransport, token", lsRuns, none, () => transport.lsRemote(remote("token"))));
    results.push(
      await measure("fresh bare clone (what a mirror is): plain git, anonymous", RUNS, none, () =>
        rawGit(["clone", "--quiet", "--bare", "--", url, fresh("a")], false),
      ),
    );
    results.push(
      await measure("in-process: fresh mirror: GitCliTransport.syncMirror, anonymous", RUNS, none, () =>
        transport.syncMirror(remote("none"), fresh("m")),
      ),
    );
    results.push(
      await measure("in-process: fresh mirror: GitCliTransport.syncMirror, token", RUNS, none, () =>
        transport.syncMirror(remote("token"), fresh("m")),
      ),
    );

    return { repo: { commits, files, branches: branches + 1, packedKiB: Number(size) }, runs: RUNS, results };
  } finally {
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  }
}

// Each comparison, its baseline and the issue's target (a ratio of medians, lower is better).
const TARGETS: Record<string, { baseline: string; maxRatio: number; words: string }> = {
  "in-process: checkout of a new working copy through a warm mirror": {
    baseline: "fresh `git clone` (plain git, token header)",
    maxRatio: 0.5,
    words: "≥ 2× faster than a fresh clone",
  },
  "in-process: update of an existing working copy, nothing new": {
    baseline: "fresh `git clone` (plain git, token header)",
    maxRatio: 0.125,
    words: "≥ 8× faster than a fresh clone",
  },
  "in-process: update of an existing working copy, 1 new commit upstream": {
    baseline: "fresh `git clone` (plain git, token header)",
    maxRatio: 0.125,
    words: "≥ 8× faster than a fresh clone",
  },
  "in-process: ls-remote: GitCliTransport, token": {
    baseline: "in-process: ls-remote: GitCliTransport, anonymous",
    maxRatio: 1.05,
    words: "within 5% of unauthenticated",
  },
  "in-process: fresh mirror: GitCliTransport.syncMirror, token": {
    baseline: "in-process: fresh mirror: GitCliTransport.syncMirror, anonymous",
    maxRatio: 1.05,
    words: "within 5% of unauthenticated",
  },
};

/** The runner's entry point (`npm run bench`): every figure, with ratios against its baseline. */
export async function run(options: BenchOptions): Promise<BenchResult[]> {
  const report = await measureAll(options.quick ? 2 : 5);
  const byLabel = new Map(report.results.map((r) => [r.label, r]));
  return report.results.map((r) => {
    const target = TARGETS[r.label];
    const base = target === undefined ? undefined : byLabel.get(target.baseline);
    // The target is judged on the unrounded ratio; only the reported figure is rounded.
    const ratio = base === undefined ? undefined : r.medianMs / base.medianMs;
    return {
      metric: r.label,
      target: target?.words ?? "report",
      value: r.medianMs,
      unit: "ms",
      runs: r.samplesMs,
      min: Math.min(...r.samplesMs),
      max: Math.max(...r.samplesMs),
      met: ratio === undefined || target === undefined ? null : ratio <= target.maxRatio,
      ...(base === undefined || ratio === undefined ? {} : { baseline: base.medianMs, ratio: Math.round(ratio * 100) / 100 }),
    };
  });
}
