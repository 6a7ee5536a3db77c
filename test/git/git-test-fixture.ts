import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino, type Logger } from "pino";
import type { GitAuth, GitRemote } from "../../src/core/ports/git-transport.ts";
import { Secret } from "../../src/core/secret.ts";
import { GitCliTransport } from "../../src/adapters/git/git-cli-transport.ts";
import { startGithubFake, type GithubFake } from "../github-fake/index.ts";
import { git, isolatedGitEnv } from "../github-fake/git-env.ts";
import { LogCapture } from "../support/log-capture.ts";

/** A GitHub fake with one private repository, tokens of each kind and a transport writing into a temp dir. */
export interface GitFixture {
  fake: GithubFake;
  dir: string;
  workDir: string;
  transport: GitCliTransport;
  logs: LogCapture;
  logger: Logger;
  tokens: { write: string; read: string; revoked: string };
  repoUrl: string;
  remote(token: string | null, url?: string): GitRemote;
  /** Runs the test's own git (not the adapter) with an isolated env in `cwd`. */
  git(args: string[], cwd?: string): Promise<string>;
  close(): Promise<void>;
}

/** Starts the fake with `octocat/secret` (private, branches main and dev) and a fresh transport. */
export async function startGitFixture(): Promise<GitFixture> {
  const dir = await mkdtemp(join(tmpdir(), "repolink-git-test-"));
  const workDir = join(dir, "work");
  const fake = await startGithubFake();
  fake.addUser({ login: "octocat" });
  await fake.addRepo({
    owner: "octocat",
    name: "secret",
    private: true,
    branches: ["dev"],
    files: { "README.md": "hello\n", "src/a.txt": "a\n" },
  });
  const tokens = {
    write: fake.addToken({ login: "octocat" }),
    read: fake.addToken({ login: "octocat", readOnly: true }),
    revoked: fake.addToken({ login: "octocat", revoked: true }),
  };
  const logs = new LogCapture();
  const logger = pino({ level: "debug" }, logs);
  const transport = new GitCliTransport({ workDir, logger, defaultTimeoutMs: 30_000 });
  const repoUrl = `${fake.url}/octocat/secret.git`;
  const auth = (token: string | null): GitAuth =>
    token === null ? { kind: "none" } : { kind: "token", username: "x-access-token", token: new Secret(token) };
  return {
    fake,
    dir,
    workDir,
    transport,
    logs,
    logger,
    tokens,
    repoUrl,
    remote: (token, url = repoUrl) => ({ url, auth: auth(token), allowPrivateNetwork: true, allowHttp: true }),
    git: (args, cwd) => git(dir, args, cwd === undefined ? {} : { cwd }),
    async close() {
      await fake.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export { isolatedGitEnv };
