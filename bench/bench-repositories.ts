// The repositories the benchmarks clone: the "bench repository" (history and many branches)
// and the "large repository" (≥ 200 MiB packed, ≥ 50,000 files), built with `git fast-import`.
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isolatedGitEnv } from "../test/github-fake/git-env.ts";

/** Runs git on `gitDir` (GIT_DIR) with an isolated environment; resolves with stdout. */
export function gitIn(home: string, gitDir: string, args: string[], input?: string | AsyncIterable<Buffer | string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, {
      env: isolatedGitEnv(home, { GIT_DIR: gitDir }),
      stdio: [input === undefined ? "ignore" : "pipe", "pipe", "inherit"],
    });
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`git ${args[0]} exited ${code}`))));
    if (typeof input === "string") child.stdin?.end(input);
    else if (input !== undefined) void pipeInto(input, child.stdin!).catch(reject);
  });
}

async function pipeInto(source: AsyncIterable<Buffer | string>, sink: NodeJS.WritableStream): Promise<void> {
  for await (const chunk of source) {
    if (!sink.write(chunk)) await new Promise((resolve) => sink.once("drain", resolve));
  }
  sink.end();
}

const blob = (data: Buffer | string): Buffer[] => [Buffer.from(`data ${Buffer.byteLength(data)}\n`), Buffer.from(data), Buffer.from("\n")];

/** The bench repository: 5,000 commits, 2,000 files, 1,001 branches. */
export const benchRepositoryShape = { commits: 5000, files: 2000, branches: 1000 } as const;

/** A `git fast-import` stream of the bench repository. */
export function benchRepositoryStream(): string {
  const { commits, files, branches } = benchRepositoryShape;
  const parts: string[] = [];
  const text = (s: string) => `data ${Buffer.byteLength(s)}\n${s}\n`;
  for (let c = 1; c <= commits; c++) {
    parts.push(
      `commit refs/heads/main\nmark :${c}\ncommitter Bench <bench@example.test> ${1_700_000_000 + c * 60} +0000\n${text(`Commit ${c}`)}`,
    );
    if (c > 1) parts.push(`from :${c - 1}\n`);
    const changed = c === 1 ? Array.from({ length: files }, (_, i) => i) : [(c * 7) % files, (c * 13) % files];
    for (const i of changed)
      parts.push(`M 100644 inline src/dir-${i % 50}/file-${i}.txt\n${text(`file ${i}\nrevision ${c}\n${"lorem ipsum ".repeat(8)}\n`)}`);
    parts.push("\n");
  }
  for (let b = 1; b <= branches; b++)
    parts.push(`reset refs/heads/branch-${String(b).padStart(4, "0")}\nfrom :${Math.ceil((b * commits) / branches)}\n\n`);
  return parts.join("");
}

/** A small service repository: 120 files of about 3 KiB of text, 30 commits, 3 branches: where latency, not bytes, dominates. */
export const serviceRepositoryShape = { files: 120, commits: 30, branches: 3 } as const;

/** A `git fast-import` stream of the service repository (deterministic text that compresses like source code does not). */
export function serviceRepositoryStream(): string {
  const { files, commits, branches } = serviceRepositoryShape;
  const parts: string[] = [];
  const text = (s: string) => `data ${Buffer.byteLength(s)}\n${s}\n`;
  const body = (seed: string) => createHash("sha512").update(seed).digest("base64");
  const content = (i: number, c: number) =>
    `// file ${i}, revision ${c}\n${Array.from({ length: 32 }, (_, l) => body(`${i}:${c}:${l}`)).join("\n")}\n`;
  for (let c = 1; c <= commits; c++) {
    parts.push(
      `commit refs/heads/main\nmark :${c}\ncommitter Bench <bench@example.test> ${1_700_000_000 + c * 60} +0000\n${text(`Commit ${c}`)}`,
    );
    if (c > 1) parts.push(`from :${c - 1}\n`);
    const changed = c === 1 ? Array.from({ length: files }, (_, i) => i) : [(c * 7) % files, (c * 13) % files];
    for (const i of changed) parts.push(`M 100644 inline src/module-${i % 12}/file-${i}.ts\n${text(content(i, c))}`);
    parts.push("\n");
  }
  for (let b = 1; b <= branches; b++) parts.push(`reset refs/heads/feature-${b}\nfrom :${commits - b}\n\n`);
  return parts.join("");
}

/** The large repository: 50,000 files of 4,400 random bytes (≈ 210 MiB that no compression shrinks) and 10 more commits. */
export const largeRepositoryShape = { files: 50_000, fileBytes: 4400, laterCommits: 10 } as const;

async function* largeRepositoryStream(): AsyncGenerator<Buffer> {
  const { files, fileBytes, laterCommits } = largeRepositoryShape;
  yield Buffer.from(`commit refs/heads/main\nmark :1\ncommitter Bench <bench@example.test> 1700000000 +0000\ndata 7\nInitial\n`);
  for (let i = 0; i < files; i++) {
    yield* [Buffer.from(`M 100644 inline metadata/dir-${i % 500}/component-${i}.bin\n`), ...blob(randomBytes(fileBytes))];
  }
  yield Buffer.from("\n");
  for (let c = 2; c <= laterCommits + 1; c++) {
    yield Buffer.from(`commit refs/heads/main\nmark :${c}\ncommitter Bench <bench@example.test> ${1_700_000_000 + c * 60} +0000\n`);
    yield* [...blob(`Change ${c}`), Buffer.from(`from :${c - 1}\n`)];
    for (let k = 0; k < 5; k++)
      yield* [Buffer.from(`M 100644 inline metadata/dir-${k}/component-${c * 100 + k}.bin\n`), ...blob(randomBytes(fileBytes))];
    yield Buffer.from("\n");
  }
}

/**
 * The large repository as a bare repository cached under the system's temporary directory
 * (`repolink-bench-cache/large-v1.git`): built once, reused by later runs.
 */
export async function cachedLargeRepository(home: string): Promise<string> {
  const root = join(tmpdir(), "repolink-bench-cache");
  const dir = join(root, "large-v1.git");
  if (existsSync(join(dir, "repolink-bench-complete"))) return dir;
  const building = `${dir}.building-${process.pid}`;
  await rm(building, { recursive: true, force: true });
  await mkdir(root, { recursive: true });
  await gitIn(home, building, ["init", "--bare", "--quiet", "--initial-branch=main", building]);
  await gitIn(home, building, ["fast-import", "--quiet", "--force"], largeRepositoryStream());
  await writeFile(join(building, "repolink-bench-complete"), new Date().toISOString());
  await rm(dir, { recursive: true, force: true });
  await rename(building, dir);
  return dir;
}

/** Makes `gitDir` (a repository of the GitHub fake) serve `source`'s history: its objects by alternates, its refs copied. */
export async function serveHistoryOf(home: string, gitDir: string, source: string): Promise<void> {
  await writeFile(join(gitDir, "objects", "info", "alternates"), `${join(source, "objects")}\n`);
  const refs = (await gitIn(home, source, ["for-each-ref", "--format=update %(refname) %(objectname)"])).trim();
  await gitIn(home, gitDir, ["update-ref", "--stdin"], `${refs}\n`);
  const head = (await readFile(join(source, "HEAD"), "utf8")).trim();
  await writeFile(join(gitDir, "HEAD"), `${head}\n`);
}
