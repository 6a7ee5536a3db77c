// `npm run test:mutation [-- --only id,id] [--list]`: applies each hand-picked mutation of
// test/mutation/mutations.ts in place, runs only the tests that cover it, restores the file
// (also on failure, Ctrl-C or a later run after a crash) and writes the score to
// bench/results/mutation.{md,json}. Not part of `npm test`.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { mutations, type Mutation } from "./mutations.ts";
import { writeMutationReport, type MutationOutcome } from "./write-mutation-report.ts";

const root = resolve(import.meta.dirname, "..", "..");
const TIMEOUT_MS = 10 * 60 * 1000;
// One run per worktree at a time. The journal names the running process and, while a file is
// mutated, holds its original text, so even a run killed with SIGKILL is undone by the next one.
const journal = join(tmpdir(), `repolink-mutation-${createHash("sha256").update(root).digest("hex").slice(0, 12)}.json`);

interface Journal {
  pid: number;
  file?: string;
  original?: string;
}

let pending: { file: string; original: string } | null = null;
let child: ChildProcess | null = null;
let owner = false;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the worktree's journal, restoring a file an earlier, killed run left mutated. */
function takeJournal(): void {
  if (existsSync(journal)) {
    const saved = JSON.parse(readFileSync(journal, "utf8")) as Journal;
    if (saved.pid !== process.pid && alive(saved.pid)) throw new Error(`another mutation run (pid ${saved.pid}) is using this worktree`);
    if (saved.file !== undefined && saved.original !== undefined) {
      writeFileSync(saved.file, saved.original);
      console.log(`restored ${saved.file}, left mutated by an interrupted run`);
    }
  }
  writeFileSync(journal, JSON.stringify({ pid: process.pid } satisfies Journal));
  owner = true;
}

function restore(): void {
  if (pending !== null) {
    writeFileSync(pending.file, pending.original);
    pending = null;
  }
  if (owner) writeFileSync(journal, JSON.stringify({ pid: process.pid } satisfies Journal));
}

function releaseJournal(): void {
  restore();
  if (owner) rmSync(journal, { force: true });
  owner = false;
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.once(signal, () => {
    if (child?.pid !== undefined) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
    releaseJournal();
    console.error(`\n${signal}: stopped; the mutated file was restored.`);
    process.exit(130);
  });
}
process.on("exit", releaseJournal);

function apply(mutation: Mutation): void {
  const file = join(root, mutation.file);
  const original = readFileSync(file, "utf8");
  const count = original.split(mutation.find).length - 1;
  if (count !== 1) throw new Error(`${mutation.id}: the text to mutate occurs ${count} times in ${mutation.file}, not once`);
  writeFileSync(journal, JSON.stringify({ pid: process.pid, file, original } satisfies Journal));
  pending = { file, original };
  writeFileSync(
    file,
    original.replace(mutation.find, () => mutation.replace),
  );
}

/**
 * Compiles src/ into dist/ again: tests that start `repolink` as a process run the compiled
 * CLI, which refuses a build older than its sources, so a mutation and its undoing are both
 * rebuilt (otherwise BUILD_STALE would fail those tests and count as a kill).
 * @throws Error when the mutated or restored source does not compile
 */
function rebuild(why: string): void {
  const built = spawnSync(process.execPath, [join(root, "scripts", "build.js")], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, REPOLINK_BUILD_ALLOW_TYPE_ERRORS: "1" },
  });
  if (built.status !== 0) throw new Error(`${why}: npm run build failed:\n${(built.stdout + built.stderr).slice(-4000)}`);
}

/** Runs the test files with node's test runner; resolves with whether they all passed. */
function runTests(files: readonly string[]): Promise<{ passed: boolean; timedOut: boolean; output: string }> {
  return new Promise((done, fail) => {
    const started = spawn(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=1", ...files], {
      cwd: root,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NODE_ENV: "test" },
    });
    child = started;
    let output = "";
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-200_000);
    };
    started.stdout.on("data", keep);
    started.stderr.on("data", keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (started.pid !== undefined) process.kill(-started.pid, "SIGKILL");
    }, TIMEOUT_MS);
    started.on("error", fail);
    started.on("close", (code) => {
      clearTimeout(timer);
      child = null;
      done({ passed: code === 0 && !timedOut, timedOut, output });
    });
  });
}

/** The names of the failing tests in node's TAP output, for the report. */
function failingTests(output: string): string[] {
  const names = [...output.matchAll(/^\s*not ok \d+ - (.+)$/gm)].map((match) => match[1] ?? "");
  return [...new Set(names)].filter((name) => !name.endsWith(".ts")).slice(0, 3);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const onlyIndex = args.indexOf("--only");
  const only = onlyIndex === -1 ? null : new Set((args[onlyIndex + 1] ?? "").split(",").filter(Boolean));
  const selected = mutations.filter((mutation) => only === null || only.has(mutation.id));
  if (args.includes("--list")) {
    for (const mutation of mutations) console.log(`${mutation.id}\t${mutation.file}\t${mutation.what}`);
    return;
  }
  if (only !== null && selected.length !== only.size)
    throw new Error(`unknown mutation id in --only: ${[...only].filter((id) => !mutations.some((m) => m.id === id)).join(", ")}`);
  takeJournal();

  // Every mutation must apply and name existing tests before anything runs.
  for (const mutation of selected) {
    const text = readFileSync(join(root, mutation.file), "utf8");
    if (text.split(mutation.find).length !== 2)
      throw new Error(`${mutation.id}: the text to mutate is not exactly once in ${mutation.file}`);
    for (const test of mutation.tests) if (!existsSync(join(root, test))) throw new Error(`${mutation.id}: no test file ${test}`);
  }
  // A mutation only counts as killed if its tests pass without it.
  const testFiles = [...new Set(selected.flatMap((mutation) => mutation.tests))].sort();
  console.log(`baseline: ${testFiles.length} test files, unmutated`);
  rebuild("the unmutated sources");
  const baseline = await runTests(testFiles);
  if (!baseline.passed) {
    console.error(baseline.output.slice(-20_000));
    throw new Error(`the tests fail without any mutation (${failingTests(baseline.output).join("; ")}); fix them first`);
  }

  const outcomes: MutationOutcome[] = [];
  for (const [index, mutation] of selected.entries()) {
    const started = performance.now();
    apply(mutation);
    let result: Awaited<ReturnType<typeof runTests>>;
    try {
      rebuild(mutation.id);
      result = await runTests(mutation.tests);
    } finally {
      restore();
      rebuild(`restoring after ${mutation.id}`);
    }
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    const killed = !result.passed;
    const line = readFileSync(join(root, mutation.file), "utf8").split(mutation.find)[0]?.split("\n").length ?? 0;
    outcomes.push({
      id: mutation.id,
      mutation: mutation.what,
      file: mutation.file,
      line,
      find: mutation.find,
      replace: mutation.replace,
      testFiles: mutation.tests,
      killed,
      seconds,
      failing: killed ? (result.timedOut ? ["timed out"] : failingTests(result.output)) : [],
      ...(mutation.equivalent === undefined ? {} : { equivalent: mutation.equivalent }),
      ...(mutation.note === undefined ? {} : { note: mutation.note }),
    });
    console.log(`${String(index + 1).padStart(2)}/${selected.length} ${killed ? "killed  " : "SURVIVED"} ${mutation.id} (${seconds} s)`);
  }
  const { score } = writeMutationReport(join(root, "bench", "results"), outcomes, { partial: only !== null });
  console.log(
    `mutation score: ${score.killed}/${score.total} killed (${score.percent}%), not counting ${score.equivalent} equivalent survivor(s)`,
  );
}

main().catch((error: unknown) => {
  releaseJournal();
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
