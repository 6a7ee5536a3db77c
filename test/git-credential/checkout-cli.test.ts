import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import type { GithubFake } from "../github-fake/index.ts";
import { startPipelineWorld, type PipelineWorld } from "../support/pipeline-world.ts";
import { filesContainingCanary } from "../support/canary.ts";
import { runCli } from "../support/run-cli.ts";

const exec = promisify(execFile);

describe("repolink checkout and push for pipelines", () => {
  let world: PipelineWorld;
  let fake: GithubFake;
  let token: string;
  let home: string;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    world = await startPipelineWorld();
    ({ fake, token, home, env } = world);
  });
  after(async () => world.close());

  it("checks out through the mirror, then plain `git push` and `repolink push` both work", async () => {
    const dir = join(home, "work");
    const first = await runCli(["checkout", "octocat/rocket", dir, "--json"], { env });
    assert.equal(first.code, 0, first.stderr);
    assert.equal(JSON.parse(first.stdout).updated, false);
    assert.equal(readFileSync(join(dir, "README.md"), "utf8"), "hello\n");
    const origin = (await exec("git", ["-C", dir, "config", "remote.origin.url"], { env: { ...process.env, ...env } })).stdout.trim();
    assert.equal(origin, `${fake.url}/octocat/rocket.git`, "origin is the clean URL");

    writeFileSync(join(dir, "a.txt"), "1\n");
    await exec("git", ["-C", dir, "add", "a.txt"], { env: { ...process.env, ...env } });
    await exec("git", ["-C", dir, "commit", "-m", "one"], { env: { ...process.env, ...env } });
    await exec("git", ["-C", dir, "push", "origin", "HEAD:refs/heads/main"], { env: { ...process.env, ...env } });

    writeFileSync(join(dir, "b.txt"), "2\n");
    await exec("git", ["-C", dir, "add", "b.txt"], { env: { ...process.env, ...env } });
    await exec("git", ["-C", dir, "commit", "-m", "two"], { env: { ...process.env, ...env } });
    const pushed = await runCli(["push", dir, "--refspec", "HEAD:refs/heads/main"], { env });
    assert.equal(pushed.code, 0, pushed.stderr);

    const again = await runCli(["checkout", "octocat/rocket", dir, "--json"], { env });
    assert.equal(again.code, 0, again.stderr);
    assert.equal(JSON.parse(again.stdout).updated, true, "a second checkout updates the working copy");
    const fresh = join(home, "fresh");
    assert.equal((await runCli(["checkout", "octocat/rocket", fresh], { env })).code, 0);
    assert.equal(readFileSync(join(fresh, "a.txt"), "utf8"), "1\n", "the plain git push arrived");
    assert.equal(readFileSync(join(fresh, "b.txt"), "utf8"), "2\n", "the repolink push arrived");
    assert.deepEqual(filesContainingCanary(home, token), [], "no token in the working copy, mirror cache or HOME");
  });

  it("checks out a named branch and refuses an option-like ref", async () => {
    const dir = join(home, "release");
    const result = await runCli(["checkout", "octocat/rocket", dir, "--ref", "release", "--json"], { env });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).ref, "refs/heads/release");
    const bad = await runCli(["checkout", "octocat/rocket", join(home, "bad"), "--ref=--upload-pack=touch /tmp/pwned", "--json"], { env });
    assert.notEqual(bad.code, 0);
    assert.equal(JSON.parse(bad.stdout).error.code, "GIT_REF_INVALID");
  });
});
