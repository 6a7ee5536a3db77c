import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startGithubFake, type GithubFake } from "../github-fake/index.ts";
import { startLiveServer, type LiveServer } from "./live-server.ts";
import { runnerEnv } from "./runner-env.ts";

/** A GitHub fake with octocat/rocket, a live Repolink with it registered, and a pipeline's environment. */
export interface PipelineWorld {
  fake: GithubFake;
  server: LiveServer;
  /** The token stored as credential `bot` on host `ghe.test`. */
  token: string;
  /** A private HOME for git and the CLI. */
  home: string;
  /** Environment of a pipeline: its own HOME, Repolink's URL and a pipeline API token, a git identity. */
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/** Starts the world; `register` adds octocat/rocket through the API (with its connection check). */
export async function startPipelineWorld(
  options: { tokenExpiresInDays?: number; serverEnv?: Record<string, string> } = {},
): Promise<PipelineWorld> {
  const fake = await startGithubFake();
  fake.addUser({ login: "octocat" });
  await fake.addRepo({ owner: "octocat", name: "rocket", private: true, files: { "README.md": "hello\n" }, branches: ["release"] });
  await fake.addRepo({ owner: "octocat", name: "unregistered", private: true });
  const token = fake.addToken({
    login: "octocat",
    ...(options.tokenExpiresInDays ? { expiresAt: new Date(Date.now() + options.tokenExpiresInDays * 86_400_000) } : {}),
  });
  const server = await startLiveServer(options.serverEnv);
  assert.equal((await server.api("POST", "/hosts", { name: "ghe.test", url: fake.url, allowPrivateNetwork: true })).status, 201);
  const created = await server.api("POST", "/credentials", {
    name: "bot",
    type: "token",
    username: "octocat",
    secret: token,
    host: "ghe.test",
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const added = await server.api("POST", "/repositories", { url: `${fake.url}/octocat/rocket.git`, credential: "bot" });
  assert.equal(added.status, 201, JSON.stringify(added.body));
  const home = mkdtempSync(join(tmpdir(), "repolink-pipeline-"));
  const pipelineToken = String((await server.api("POST", "/tokens", { name: "runner" })).body.token);
  const env = runnerEnv(home, server.url, pipelineToken);
  return {
    fake,
    server,
    token,
    home,
    env,
    close: async () => {
      await server.close();
      await fake.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
