import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startGatewayWorld, type GatewayWorld } from "../git/gateway-world.ts";
import { findCanary } from "../support/canary.ts";
import { runCli } from "../support/run-cli.ts";

/** The runner's own `git`, with only its environment (REPOLINK_SERVER and REPOLINK_TOKEN, no stored token). */
function runnerGit(world: GatewayWorld, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile("git", args, { cwd, env: world.env }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout: String(stdout), stderr: String(stderr) }),
    );
    // git reads nothing from stdin here and may exit before it is closed.
    child.stdin?.on("error", () => undefined);
    child.stdin?.end();
  });
}

describe("repolink checkout --via-gateway", () => {
  let world: GatewayWorld;
  let gatewayUrl: string;

  before(async () => {
    world = await startGatewayWorld();
    gatewayUrl = world.gatewayUrl("rocket");
    const updated = await world.server.api("PATCH", "/credentials/bot", { release: "gateway-only" });
    assert.equal(updated.status, 200, JSON.stringify(updated.body));
  });
  after(async () => world.close());

  it("refuses a plain checkout of a gateway-only credential with a remedy naming the gateway URL", async () => {
    const run = await runCli(["checkout", "octocat/rocket", join(world.home, "plain")], { env: world.env });
    assert.equal(run.code, 3, run.stderr);
    assert.match(run.stderr, /CREDENTIAL_GATEWAY_ONLY/);
    assert.ok(run.stderr.includes(gatewayUrl), `the remedy names ${gatewayUrl}: ${run.stderr}`);
    assert.match(run.stderr, /--via-gateway/);
    assert.deepEqual(findCanary(run.stdout + run.stderr, world.token), []);
  });

  it("refuses the gateway-only credential to git's helper (`repolink git-credential get`), naming the gateway URL", async () => {
    const upstream = new URL(world.fake.url);
    const run = await runCli(["git-credential", "get"], {
      env: world.env,
      stdin: `protocol=${upstream.protocol.replace(":", "")}\nhost=${upstream.host}\npath=octocat/rocket.git\n\n`,
    });
    assert.notEqual(run.code, 0, "the helper fails, so git gets no password");
    assert.equal(run.stdout.includes("password="), false, run.stdout);
    assert.match(run.stderr, /CREDENTIAL_GATEWAY_ONLY/);
    assert.ok(run.stderr.includes(gatewayUrl), `the remedy names ${gatewayUrl}: ${run.stderr}`);
    assert.deepEqual(findCanary(run.stdout + run.stderr, world.token), []);
  });

  it("checks out through the gateway with the API token only, and later fetch and push go through it too", async () => {
    const dir = join(world.home, "via");
    const run = await runCli(["--json", "checkout", "octocat/rocket", dir, "--via-gateway"], { env: world.env });
    assert.equal(run.code, 0, run.stderr);
    const answer = JSON.parse(run.stdout) as { ref: string; gatewayUrl: string };
    assert.equal(answer.ref, "refs/heads/main");
    assert.equal(answer.gatewayUrl, gatewayUrl);
    assert.equal(readFileSync(join(dir, "README.md"), "utf8"), "hello\n");
    assert.equal((await runnerGit(world, ["config", "--get", "remote.origin.url"], dir)).stdout.trim(), gatewayUrl);
    const config = readFileSync(join(dir, ".git", "config"), "utf8");
    assert.deepEqual(findCanary(config, world.token), [], "no stored token in .git/config");
    assert.deepEqual(findCanary(config, world.pipelineToken), [], "no API token in .git/config");

    writeFileSync(join(dir, "from-runner.txt"), "pushed through the gateway\n");
    assert.equal((await runnerGit(world, ["add", "from-runner.txt"], dir)).code, 0);
    assert.equal((await runnerGit(world, ["commit", "--quiet", "-m", "from the runner"], dir)).code, 0);
    const pushed = await runnerGit(world, ["push", "--quiet", "origin", "HEAD:refs/heads/from-runner"], dir);
    assert.equal(pushed.code, 0, pushed.stderr);
    const head = (await runnerGit(world, ["rev-parse", "HEAD"], dir)).stdout.trim();
    const upstream = await world.git(["ls-remote", "--", `${world.fake.url}/octocat/rocket.git`, "refs/heads/from-runner"], {
      token: null,
      extraConfig: { "http.extraHeader": `Authorization: Bearer ${world.token}` },
    });
    assert.match(upstream.stdout, new RegExp(`^${head}\\trefs/heads/from-runner`), "the push reached the upstream");
    const fetched = await runnerGit(world, ["fetch", "--quiet", "origin"], dir);
    assert.equal(fetched.code, 0, fetched.stderr);
    assert.deepEqual(findCanary(pushed.stderr + fetched.stderr, world.token), []);
  });

  it("answers git's credential helper with the API token for the server itself and nothing else", async () => {
    const url = new URL(world.server.url);
    const own = await runCli(["git-credential", "get"], {
      env: world.env,
      stdin: `protocol=http\nhost=${url.host}\npath=git/ghe.test/octocat/rocket.git\n\n`,
    });
    assert.equal(own.code, 0, own.stderr);
    assert.equal(own.stdout, `username=repolink\npassword=${world.pipelineToken}\n`);
    const lookalike = await runCli(["git-credential", "get"], {
      env: world.env,
      stdin: `protocol=http\nhost=${url.hostname}.evil.test:${url.port}\npath=git/ghe.test/octocat/rocket.git\n\n`,
    });
    assert.equal(lookalike.stdout.includes(world.pipelineToken), false);
  });

  it("answers an unknown repository with the server's code", async () => {
    const run = await runCli(["checkout", "octocat/nothing-here", join(world.home, "none"), "--via-gateway"], { env: world.env });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /REPOSITORY_NOT_FOUND/);
  });
});
