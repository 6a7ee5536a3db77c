/**
 * Benchmark (not a test) of the pipeline path as users run it: every headline row spawns
 * `repolink …` (the compiled CLI through its npm-linked `bin`) or plain `git …` as a process,
 * side by side against a spawned `repolink serve` and the GitHub fake on 127.0.0.1.
 * Run: `npm run bench -- --only pipeline` (add `--quick` for one run per row).
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startGithubFake, type GithubFake } from "../test/github-fake/index.ts";
import { runnerEnv } from "../test/support/runner-env.ts";
import type { BenchOptions, BenchResult } from "./bench-result.ts";
import {
  benchRepositoryShape,
  benchRepositoryStream,
  cachedLargeRepository,
  gitIn,
  largeRepositoryShape,
  serveHistoryOf,
} from "./bench-repositories.ts";
import { callApi, startSpawnedServer, type SpawnedServer } from "./spawned-server.ts";
import { median, round } from "./stats.ts";
import { timeProcess, timeRuns, type ProcessTiming } from "./time-process.ts";

const root = join(import.meta.dirname, "..");

/** Time from spawning `repolink serve` on an existing data dir to its first answered API request. */
async function timeServeStart(dataDir: string): Promise<number> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [join(root, "bin", "repolink.js"), "serve", "--port", "0", "--data-dir", dataDir], {
    env: { PATH: process.env.PATH, HOME: dataDir, REPOLINK_LOG_LEVEL: "warn", REPOLINK_HEALTH_INTERVAL_SECONDS: "86400" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      output += d.toString();
      const found = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (found) resolve(found);
    });
    child.once("exit", (code) => reject(new Error(`serve exited ${String(code)}: ${output}`)));
  });
  for (;;) {
    const answered = await fetch(`${url}/api/v1/setup`).then(
      (r) => r.ok,
      () => false,
    );
    if (answered) break;
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  await new Promise<void>((done) => {
    child.removeAllListeners("exit");
    child.once("exit", () => done());
    child.kill("SIGTERM");
  });
  return ms;
}

/** One commit changing one file on `main` of the fake's repository: what "1 new commit upstream" means. */
async function advanceMain(home: string, gitDir: string, i: number): Promise<void> {
  const text = `changed by bench run ${i} at ${Date.now()}\n`;
  const stream =
    `commit refs/heads/main\ncommitter Bench <bench@example.test> ${Math.floor(Date.now() / 1000)} +0000\n` +
    `data 11\nBench step\nfrom refs/heads/main^0\n` +
    `M 100644 inline CHANGED-${i % 3}.txt\ndata ${Buffer.byteLength(text)}\n${text}\n`;
  await gitIn(home, gitDir, ["fast-import", "--quiet"], stream);
}

interface Row {
  metric: string;
  target: string;
  unit: string;
  samples: number[];
  baseline?: number[];
  maxRatio?: number;
  maxValue?: number;
  notes?: string;
}

const wall = (timings: ProcessTiming[]) => timings.map((t) => round(t.wallMs, 4));

function toResult(row: Row): BenchResult {
  const value = median(row.samples);
  const base = row.baseline === undefined ? undefined : median(row.baseline);
  const ratio = base === undefined ? undefined : value / base;
  const met =
    row.maxRatio !== undefined && ratio !== undefined ? ratio <= row.maxRatio : row.maxValue !== undefined ? value <= row.maxValue : null;
  // A baseline that drifts across runs (this VM's page cache) makes the median ratio flatter; say what the fastest baseline run gives.
  const againstFastest =
    row.baseline === undefined
      ? ""
      : `ratio to the fastest baseline run (${round(Math.min(...row.baseline))} ${row.unit}): ${round(value / Math.min(...row.baseline))}`;
  const notes = [row.notes, againstFastest].filter(Boolean).join("; ");
  return {
    metric: row.metric,
    target: row.target,
    value: round(value),
    unit: row.unit,
    runs: row.samples.map((s) => round(s)),
    min: round(Math.min(...row.samples)),
    max: round(Math.max(...row.samples)),
    met,
    ...(base === undefined ? {} : { baseline: round(base), ratio: round(ratio!) }),
    ...(notes ? { notes } : {}),
  };
}

/** The runner's entry point (`npm run bench`). */
export async function run(options: BenchOptions): Promise<BenchResult[]> {
  const runs = options.quick ? 1 : 5;
  const dir = mkdtempSync(join(tmpdir(), "repolink-bench-pipeline-"));
  const fake: GithubFake = await startGithubFake();
  const rows: Row[] = [];
  let served: SpawnedServer | undefined;
  try {
    const serverDir = join(dir, "server");
    mkdirSync(serverDir);
    served = await startSpawnedServer(serverDir);
    const url = served.url;
    const admin = served.adminToken;

    fake.addUser({ login: "bench" });
    const small = await fake.addRepo({
      owner: "bench",
      name: "small",
      private: true,
      files: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`src/file-${i}.txt`, `file ${i}\n`])),
    });
    const benchRepo = await fake.addRepo({ owner: "bench", name: "history", private: true });
    await gitIn(dir, benchRepo.gitDir, ["fast-import", "--quiet", "--force"], benchRepositoryStream());
    await gitIn(dir, benchRepo.gitDir, ["repack", "-a", "-d", "-q"]);
    const largeStarted = Date.now();
    const largeCache = await cachedLargeRepository(dir);
    console.log(`  large repository ready in ${Math.round((Date.now() - largeStarted) / 1000)} s (cached at ${largeCache})`);
    const large = await fake.addRepo({ owner: "bench", name: "large", private: true });
    await serveHistoryOf(dir, large.gitDir, largeCache);
    const token = fake.addToken({ login: "bench" });

    await callApi(url, admin, "POST", "/hosts", { name: "fake.test", url: fake.url, allowPrivateNetwork: true });
    await callApi(url, admin, "POST", "/credentials", {
      name: "bench-bot",
      type: "token",
      username: "bench",
      secret: token,
      host: "fake.test",
    });
    for (const name of ["small", "history", "large"])
      await callApi(url, admin, "POST", "/repositories", { url: `${fake.url}/bench/${name}.git`, credential: "bench-bot" });
    const pipelineToken = String((await callApi(url, admin, "POST", "/tokens", { name: "runner" })).token);

    const home = join(dir, "runner");
    mkdirSync(home);
    // `repolink` on the PATH is this checkout's bin, as npm links it.
    const binDir = join(dir, "bin");
    mkdirSync(binDir);
    symlinkSync(join(root, "bin", "repolink.js"), join(binDir, "repolink"));
    const userEnv: NodeJS.ProcessEnv = { ...runnerEnv(home, url, pipelineToken), PATH: `${binDir}:${process.env.PATH ?? "/usr/bin:/bin"}` };
    const header = `Authorization: Basic ${Buffer.from(`bench:${token}`).toString("base64")}`;
    const tokenGitEnv = { ...userEnv, GIT_CONFIG_COUNT: "1", GIT_CONFIG_KEY_0: "http.extraHeader", GIT_CONFIG_VALUE_0: header };
    const helperGitEnv = {
      ...userEnv,
      GIT_CONFIG_COUNT: "2",
      GIT_CONFIG_KEY_0: "credential.helper",
      GIT_CONFIG_VALUE_0: "!repolink git-credential",
      GIT_CONFIG_KEY_1: "credential.useHttpPath",
      GIT_CONFIG_VALUE_1: "true",
    };
    let fresh = 0;
    const target = (name: string) => join(dir, "runs", `${name}-${++fresh}`);
    const cleanRuns = () => rmSync(join(dir, "runs"), { recursive: true, force: true });

    console.log("  startup and the credential helper");
    const helpRuns = Math.max(runs * 2, 9);
    // The shell's own environment (on this machine it sets NODE_EXTRA_CA_CERTS, which every node
    // process pays to load), and a bare one, where node's own start is smallest.
    const shellEnv: NodeJS.ProcessEnv = { ...process.env, PATH: userEnv.PATH };
    delete shellEnv.NODE_OPTIONS;
    for (const [envName, env] of [
      ["the shell's environment", shellEnv],
      ["a bare environment", userEnv],
    ] as [string, NodeJS.ProcessEnv][]) {
      const nodeBare = await timeRuns(`node -e 0 (${envName})`, helpRuns, process.execPath, () => ["-e", "0"], { env });
      const help = await timeRuns(`repolink --help (${envName})`, helpRuns, "repolink", () => ["--help"], { env });
      rows.push({
        metric: `\`repolink --help\` CPU vs \`node -e 0\`, ${envName}`,
        target: "≤ 2.5×",
        unit: "ms CPU",
        samples: help.map((t) => t.cpuMs),
        baseline: nodeBare.map((t) => t.cpuMs),
        maxRatio: 2.5,
        ...(env.NODE_EXTRA_CA_CERTS ? { notes: "NODE_EXTRA_CA_CERTS is set, as in the issue's measurement (node -e 0 ≈ 0.05 s)" } : {}),
      });
    }
    const input = `protocol=http\nhost=${new URL(fake.url).host}\npath=bench/small.git\n\n`;
    await timeProcess("repolink", ["git-credential", "get"], { env: userEnv, stdin: input });
    const get = await timeRuns("repolink git-credential get", Math.max(runs * 3, 15), "repolink", () => ["git-credential", "get"], {
      env: userEnv,
      stdin: input,
    });
    if (!get.every((t) => t.stdout.includes("password="))) throw new Error("git-credential get gave no password");
    rows.push({
      metric: "`repolink git-credential get` wall, server warm",
      target: "≤ 150 ms median",
      unit: "ms",
      samples: wall(get),
      maxValue: 150,
    });
    rows.push({
      metric: "RSS of `repolink git-credential get`",
      target: "≤ 60 MiB",
      unit: "MiB",
      samples: get.map((t) => t.maxRssKiB / 1024),
      maxValue: 60,
    });
    const smallUrl = `${fake.url}/bench/small.git`;
    const cloneToken = await timeRuns(
      "git clone small, token handed to git",
      helpRuns,
      "git",
      (i) => ["clone", "--quiet", "--", smallUrl, target(`small-token-${i}`)],
      { env: tokenGitEnv },
    );
    const cloneHelper = await timeRuns(
      "git clone small, through the helper",
      helpRuns,
      "git",
      (i) => ["clone", "--quiet", "--", smallUrl, target(`small-helper-${i}`)],
      { env: helperGitEnv },
    );
    rows.push({
      metric: "`git clone` through the helper vs token handed to git (small repository)",
      target: "≤ 1.3×",
      unit: "ms",
      samples: wall(cloneHelper),
      baseline: wall(cloneToken),
      maxRatio: 1.3,
      notes: "git asks without credentials first (401), then runs the helper's get, and store after success",
    });
    cleanRuns();

    const checkoutRows = async (name: string, repoName: string, gitDir: string, size: "bench" | "large"): Promise<void> => {
      console.log(`  checkout, ${size} repository`);
      const repoUrl = `${fake.url}/bench/${repoName}.git`;
      const n = size === "large" ? Math.min(runs, 3) : runs;
      await timeProcess("repolink", ["checkout", `bench/${repoName}`, target("warm-mirror")], { env: userEnv }).then((t) => {
        if (t.code !== 0) throw new Error(`warming the mirror failed: ${t.stderr}`);
      });
      // Both write the whole tree, so the file system's state (dirty pages, deletions being
      // discarded) weighs on both alike: runs alternate, each after the last one's data is on disk.
      const settle = async () => {
        cleanRuns();
        execFileSync("sync");
      };
      const clone: ProcessTiming[] = [];
      const created: ProcessTiming[] = [];
      for (let i = 0; i < n; i++) {
        clone.push(
          ...(await timeRuns(`git clone ${repoName}`, 1, "git", () => ["clone", "--quiet", "--", repoUrl, target(`clone-${i}`)], {
            env: tokenGitEnv,
            prepare: settle,
          })),
        );
        created.push(
          ...(await timeRuns(
            `repolink checkout ${repoName}, new working copy`,
            1,
            "repolink",
            () => ["checkout", `bench/${repoName}`, target(`wc-${i}`)],
            { env: userEnv, prepare: settle },
          )),
        );
      }
      rows.push({
        metric: `${name}: \`repolink checkout\` new working copy, warm mirror, vs \`git clone\``,
        target: size === "large" ? "≤ 0.3×" : "≤ 0.7×",
        unit: "ms",
        samples: wall(created),
        baseline: wall(clone),
        maxRatio: size === "large" ? 0.3 : 0.7,
      });
      cleanRuns();
      const copy = join(dir, `copy-${repoName}`);
      const first = await timeProcess("repolink", ["checkout", `bench/${repoName}`, copy], { env: userEnv });
      if (first.code !== 0) throw new Error(`checkout failed: ${first.stderr}`);
      const lsRemote = await timeRuns(`git ls-remote ${repoName}`, Math.max(n, 9), "git", () => ["ls-remote", "--", repoUrl], {
        env: tokenGitEnv,
      });
      const nothingNew = await timeRuns(
        `repolink checkout ${repoName}, update, nothing new`,
        Math.max(n, 9),
        "repolink",
        () => ["checkout", `bench/${repoName}`, copy],
        { env: userEnv },
      );
      rows.push({
        metric: `${name}: \`repolink checkout\` update, nothing new, vs one \`git ls-remote\``,
        target: "≤ 2×",
        unit: "ms",
        samples: wall(nothingNew),
        baseline: wall(lsRemote),
        maxRatio: 2,
      });
      const oneNew = await timeRuns(
        `repolink checkout ${repoName}, update, 1 new commit`,
        n,
        "repolink",
        () => ["checkout", `bench/${repoName}`, copy],
        {
          env: userEnv,
          prepare: (i) => advanceMain(dir, gitDir, i),
        },
      );
      rows.push({
        metric: `${name}: \`repolink checkout\` update, 1 new commit, vs \`git clone\``,
        target: size === "large" ? "≤ 0.1×" : "≤ 0.3×",
        unit: "ms",
        samples: wall(oneNew),
        baseline: wall(clone),
        maxRatio: size === "large" ? 0.1 : 0.3,
      });
      rmSync(copy, { recursive: true, force: true });
    };
    await checkoutRows(
      `Bench repository (${benchRepositoryShape.commits} commits, ` +
        `${benchRepositoryShape.files} files, ${benchRepositoryShape.branches + 1} branches)`,
      "history",
      benchRepo.gitDir,
      "bench",
    );
    const packedMiB = Number((await gitIn(dir, largeCache, ["count-objects", "-v"])).match(/size-pack: (\d+)/)?.[1] ?? 0) / 1024;
    await checkoutRows(
      `Large repository (${largeRepositoryShape.files} files, ${Math.round(packedMiB)} MiB packed)`,
      "large",
      large.gitDir,
      "large",
    );
    void small;

    console.log("  serve start");
    const startDir = join(dir, "serve-start");
    mkdirSync(startDir);
    await timeServeStart(startDir);
    const starts: number[] = [];
    for (let i = 0; i < runs; i++) starts.push(await timeServeStart(startDir));
    rows.push({
      metric: "`repolink serve` start to first answered request (existing data dir)",
      target: "≤ 1.5 s",
      unit: "ms",
      samples: starts,
      maxValue: 1500,
    });
  } finally {
    await served?.stop();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows.map(toResult);
}
