import { execFile } from "node:child_process";
import assert from "node:assert/strict";
import { chmodSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startPipelineWorld, type PipelineWorld } from "../support/pipeline-world.ts";

/** What a runner's git printed and how it ended. */
export interface GitRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A pipeline world whose runner reaches octocat/rocket (and octocat/hooked, with a pre-receive hook) through the gateway. */
export interface GatewayWorld extends PipelineWorld {
  pipelineToken: string;
  /** `<server>/git/ghe.test/octocat/<name>.git` */
  gatewayUrl(name: string): string;
  /** Runs the runner's `git` with the API token as its only secret (an extraHeader given through the environment). */
  git(args: string[], options?: { cwd?: string; token?: string | null; extraConfig?: Record<string, string> }): Promise<GitRun>;
}

/** Git config given through the environment (`GIT_CONFIG_COUNT`…), never argv. */
export function configEnv(config: Record<string, string>): Record<string, string> {
  const entries = Object.entries(config);
  const env: Record<string, string> = { GIT_CONFIG_COUNT: String(entries.length) };
  entries.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key;
    env[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  return env;
}

/** The environment config that makes git send `Authorization: Bearer <token>` to every URL. */
export const bearerConfig = (token: string, extra: Record<string, string> = {}): Record<string, string> =>
  configEnv({ "http.extraHeader": `Authorization: Bearer ${token}`, ...extra });

/** Starts the world, adds octocat/hooked whose upstream refuses every push to `refs/heads/locked`. */
export async function startGatewayWorld(serverEnv: Record<string, string> = {}): Promise<GatewayWorld> {
  const world = await startPipelineWorld({ serverEnv });
  const hooked = await world.fake.addRepo({ owner: "octocat", name: "hooked", private: true, files: { "README.md": "hooked\n" } });
  const hook = join(hooked.gitDir, "hooks", "pre-receive");
  writeFileSync(
    hook,
    [
      "#!/bin/sh",
      "while read old new ref; do",
      '  if [ "$ref" = "refs/heads/locked" ]; then echo "policy: refs/heads/locked is protected by the upstream"; exit 1; fi',
      "done",
      "exit 0",
      "",
    ].join("\n"),
  );
  chmodSync(hook, 0o755);
  const added = await world.server.api("POST", "/repositories", { url: `${world.fake.url}/octocat/hooked.git`, credential: "bot" });
  if (added.status !== 201) throw new Error(`register hooked: ${JSON.stringify(added.body)}`);
  const pipelineToken = String(world.env.REPOLINK_TOKEN);
  return {
    ...world,
    pipelineToken,
    gatewayUrl: (name) => `${world.server.url}/git/ghe.test/octocat/${name}.git`,
    git: (args, options = {}) =>
      new Promise((resolve) => {
        const token = options.token === undefined ? pipelineToken : options.token;
        const env = {
          ...world.env,
          REPOLINK_TOKEN: "",
          ...(token === null ? configEnv(options.extraConfig ?? {}) : bearerConfig(token, options.extraConfig)),
        };
        execFile("git", args, { cwd: options.cwd ?? world.home, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
          const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
          resolve({ code, stdout: String(stdout), stderr: String(stderr) });
        });
      }),
  };
}

/** Pids and argv of every process whose argv mentions `needle` or whose working directory is `needle` (Linux /proc). */
export function processesMentioning(needle: string): { pid: number; argv: string[] }[] {
  const found: { pid: number; argv: string[] }[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").filter(Boolean);
      const cwd = (() => {
        try {
          return readlinkSync(`/proc/${entry}/cwd`);
        } catch {
          return "";
        }
      })();
      if (cwd === needle || argv.some((arg) => arg.includes(needle))) found.push({ pid: Number(entry), argv });
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

/** Polls `probe` until it gives a truthy value (generous deadline: the machine may be loaded). */
export async function waitFor<T>(
  what: string,
  probe: () => T | null | undefined | false | Promise<T | null | undefined | false>,
  deadlineMs = 60_000,
): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Pushes a new commit to octocat/<name> straight to the upstream (the stored token, not the gateway); its id. */
export async function commitUpstream(world: GatewayWorld, name: string, file: string, text: string): Promise<string> {
  const dir = join(world.home, `upstream-${name}-${file}`);
  const upstreamUrl = `${world.fake.url}/octocat/${name}.git`;
  const direct = { token: null, extraConfig: { "http.extraHeader": `Authorization: Bearer ${world.token}` } };
  assert.equal((await world.git(["clone", "--quiet", "--", upstreamUrl, dir], direct)).code, 0);
  writeFileSync(join(dir, file), text);
  await world.git(["-C", dir, "add", file]);
  await world.git(["-C", dir, "commit", "--quiet", "-m", `add ${file}`]);
  const pushed = await world.git(["-C", dir, "push", "--quiet", "origin", "HEAD:refs/heads/main"], direct);
  assert.equal(pushed.code, 0, pushed.stderr);
  return (await world.git(["-C", dir, "rev-parse", "HEAD"])).stdout.trim();
}

/** The server's gateway mirror of octocat/<name>. */
export async function mirrorOf(world: GatewayWorld, name: string): Promise<string> {
  const shown = await world.server.api("GET", `/repositories/octocat%2F${name}`);
  const id = String((shown.body.repository as { id: string }).id);
  return join(world.server.dataDir, "git", "gateway", `${id}.git`);
}
