import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { git, isolatedGitEnv } from "./git-env.ts";
import { startGithubFake, type GithubFake } from "./index.ts";
import { execFile } from "node:child_process";

/** Runs git with the token in an env-provided header (never in argv); resolves to the exit code and stderr. */
function gitWithToken(home: string, token: string | undefined, args: string[], cwd?: string): Promise<{ code: number; stderr: string }> {
  const auth: Record<string, string> =
    token === undefined
      ? {}
      : {
          GIT_CONFIG_COUNT: "1",
          GIT_CONFIG_KEY_0: "http.extraHeader",
          GIT_CONFIG_VALUE_0: `Authorization: Basic ${Buffer.from(`x-access-token:${token}`).toString("base64")}`,
        };
  return new Promise((resolve) => {
    execFile("git", args, { cwd, env: isolatedGitEnv(home, auth) }, (error, _stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stderr });
    });
  });
}

describe("GitHub fake: Git smart HTTP", () => {
  let fake: GithubFake;
  let home: string;
  const tokens: Record<string, string> = {};
  before(async () => {
    home = await mkdtemp(join(tmpdir(), "repolink-git-client-"));
    fake = await startGithubFake();
    fake.addUser({ login: "octocat" });
    await fake.addRepo({ owner: "octocat", name: "secret", private: true, files: { "README.md": "hello\n", "src/a.txt": "a\n" } });
    tokens.write = fake.addToken({ login: "octocat" });
    tokens.read = fake.addToken({ login: "octocat", readOnly: true });
    tokens.revoked = fake.addToken({ login: "octocat", revoked: true });
  });
  after(async () => {
    await fake.close();
    await rm(home, { recursive: true, force: true });
  });

  it("clones a private repository with a token as the Basic password", async () => {
    const dir = join(home, "clone-read");
    const result = await gitWithToken(home, tokens.read, ["clone", "--quiet", "--", `${fake.url}/octocat/secret.git`, dir]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(await readFile(join(dir, "src/a.txt"), "utf8"), "a\n");
  });

  it("refuses a revoked token and anonymous access to a private repository with 401", async () => {
    const revoked = await gitWithToken(home, tokens.revoked, ["ls-remote", "--", `${fake.url}/octocat/secret.git`]);
    assert.notEqual(revoked.code, 0);
    const anonymous = await gitWithToken(home, undefined, ["ls-remote", "--", `${fake.url}/octocat/secret.git`]);
    assert.notEqual(anonymous.code, 0);
    const response = await fetch(`${fake.url}/octocat/secret.git/info/refs?service=git-upload-pack`);
    assert.equal(response.status, 401);
    assert.equal(response.headers.get("www-authenticate"), 'Basic realm="GitHub"');
  });

  it("lets a read-only token fetch but not push, and a write token push", async () => {
    const dir = join(home, "clone-write");
    assert.equal((await gitWithToken(home, tokens.write, ["clone", "--quiet", "--", `${fake.url}/octocat/secret.git`, dir])).code, 0);
    await writeFile(join(dir, "new.txt"), "new\n");
    await git(home, ["add", "new.txt"], { cwd: dir });
    await git(home, ["commit", "--quiet", "-m", "Add new.txt"], { cwd: dir });
    const denied = await gitWithToken(home, tokens.read, ["push", "--quiet", "origin", "HEAD:refs/heads/topic"], dir);
    assert.notEqual(denied.code, 0);
    assert.match(denied.stderr, /403|denied/);
    const pushed = await gitWithToken(home, tokens.write, ["push", "--quiet", "origin", "HEAD:refs/heads/topic"], dir);
    assert.equal(pushed.code, 0, pushed.stderr);
    const branches = await (
      await fetch(`${fake.apiUrl}/repos/octocat/secret/branches`, { headers: { authorization: `token ${tokens.write}` } })
    ).json();
    assert.deepEqual(
      branches.map((b: { name: string }) => b.name),
      ["main", "topic"],
    );
  });
  it("follows a rename: git clones from the former name (a redirect), which a new repository of that name then takes", async () => {
    await fake.addRepo({ owner: "octocat", name: "old-name", private: true, files: { "moved.txt": "moved\n" } });
    await fake.moveRepo("octocat/old-name", { name: "new-name" });
    const dir = join(home, "clone-moved");
    const result = await gitWithToken(home, tokens.read, ["clone", "--", `${fake.url}/octocat/old-name.git`, dir]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /redirecting to .*\/octocat\/new-name\.git/);
    assert.equal(await readFile(join(dir, "moved.txt"), "utf8"), "moved\n");
    const refused = await gitWithToken(home, tokens.read, [
      "-c",
      "http.followRedirects=false",
      "ls-remote",
      "--",
      `${fake.url}/octocat/old-name.git`,
    ]);
    assert.notEqual(refused.code, 0, "without following redirects the former name does not serve Git");
    await fake.addRepo({ owner: "octocat", name: "old-name", private: true, files: { "fresh.txt": "fresh\n" } });
    const fresh = join(home, "clone-fresh");
    assert.equal((await gitWithToken(home, tokens.read, ["clone", "--quiet", "--", `${fake.url}/octocat/old-name.git`, fresh])).code, 0);
    assert.equal(await readFile(join(fresh, "fresh.txt"), "utf8"), "fresh\n");
  });
});
