import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import { filesContainingCanary, findCanary } from "../support/canary.ts";
import { startCliWorld, type CliWorld } from "../support/cli-world.ts";
import { startGitHttpServer, type GitHttpServer } from "../support/start-git-http-server.ts";

const exec = promisify(execFile);

describe("repolink with a generic Git host (git http-backend behind Basic auth), end to end through the CLI", () => {
  const worldEnv = (home: string): NodeJS.ProcessEnv => ({
    HOME: home,
    REPOLINK_CACHE_DIR: join(home, "cache"),
    // Every health cycle probes the transport: on a generic Git host it is the whole check.
    REPOLINK_HEALTH_TRANSPORT_EVERY: "1",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_TERMINAL_PROMPT: "0",
    GIT_AUTHOR_NAME: "Runner",
    GIT_AUTHOR_EMAIL: "runner@example.test",
    GIT_COMMITTER_NAME: "Runner",
    GIT_COMMITTER_EMAIL: "runner@example.test",
  });
  // Any format: spaces and no prefix, nothing GitHub would take for a token.
  const password = `open sesame ${randomBytes(9).toString("hex")}`;
  let world: CliWorld;
  let server: GitHttpServer;
  const cli = (args: string[], stdin?: string) => world.cli(args, stdin);
  const git = (args: string[]) => exec("git", args, { env: { ...process.env, ...world.env } });

  before(async () => {
    server = await startGitHttpServer();
    await server.addRepo("team/web", { branches: ["dev"], files: { "README.md": "plain git\n" } });
    server.setAccount("alice", { password });
    world = await startCliWorld("generic-git", worldEnv);
  });
  after(async () => {
    await world?.stop();
    await server?.close();
  });

  it("refuses an unknown host kind and a GitHub-only option, naming the field", async () => {
    const unknown = await cli(["host", "add", "--kind", "gitlab", "--name", "x", "--url", server.url, "--json"]);
    assert.equal(unknown.code, 2, unknown.stdout + unknown.stderr);
    assert.equal(JSON.parse(unknown.stdout).error.code, "HOST_KIND_INVALID");
    assert.equal(JSON.parse(unknown.stdout).error.field, "kind");
    const api = await cli(["host", "add", "--kind", "git", "--name", "x", "--url", server.url, "--api-url", `${server.url}/api`, "--json"]);
    assert.equal(api.code, 2, api.stdout + api.stderr);
    assert.equal(JSON.parse(api.stdout).error.code, "HOST_API_URL_UNSUPPORTED");
    const badUrl = await cli(["host", "add", "--kind", "git", "--name", "x", "--url", "ftp://example.test", "--json"]);
    assert.equal(JSON.parse(badUrl.stdout).error.code, "HOST_URL_INVALID");
  });

  it("adds the host, registers a repository, gets connected, lists its branches from Git", async () => {
    const host = await cli(["host", "add", "--kind", "git", "--name", "plain", "--url", server.url, "--allow-private-network", "--json"]);
    assert.equal(host.code, 0, host.stdout + host.stderr);
    const view = JSON.parse(host.stdout);
    assert.equal(view.kind, "git");
    assert.equal(view.apiUrl, null, "a generic Git host has no API");
    const nameless = await cli(["credential", "add", "--name", "nameless", "--host", "plain", "--secret-stdin", "--json"], `${password}\n`);
    assert.equal(nameless.code, 2, nameless.stdout + nameless.stderr);
    assert.equal(JSON.parse(nameless.stdout).error.code, "USERNAME_REQUIRED");
    assert.equal(JSON.parse(nameless.stdout).error.field, "username");
    const added = await cli(
      ["credential", "add", "--name", "alice", "--host", "plain", "--username", "alice", "--secret-stdin", "--json"],
      `${password}\n`,
    );
    assert.equal(added.code, 0, added.stdout + added.stderr);
    assert.deepEqual(findCanary(added.stdout, password), [], "the password is never shown again");

    const repo = await cli(["repo", "add", "--url", `${server.url}/team/web.git`, "--credential", "alice"]);
    assert.equal(repo.code, 0, repo.stdout + repo.stderr);
    assert.match(repo.stdout, /team\/web: connected/);
    assert.match(repo.stdout, /✓ credential/);
    assert.match(repo.stdout, /✓ transport/);
    assert.match(repo.stdout, /✓ permission/);
    assert.doesNotMatch(repo.stdout, /token|scope|GitHub/i, "no GitHub token checks on a generic Git host");
    assert.ok((server.requests["git-receive-pack"] ?? 0) > 0, "push permission was asked of the server");

    const branches = await cli(["repo", "branches", "team/web"]);
    assert.equal(branches.code, 0, branches.stderr);
    assert.match(branches.stdout, /^\* main$/m);
    assert.match(branches.stdout, /^ {2}dev$/m);

    const link = await cli(["host", "token-url", "plain", "--json"]);
    assert.equal(JSON.parse(link.stdout).error.code, "NEW_TOKEN_LINK_UNSUPPORTED", link.stdout + link.stderr);
    const imported = await cli(["repo", "import", "--credential", "alice", "--json"]);
    assert.equal(imported.code, 2, imported.stdout + imported.stderr);
    assert.equal(JSON.parse(imported.stdout).error.code, "IMPORT_UNSUPPORTED");
  });

  it("checks out, pushes with plain git through the credential helper and with repolink push", async () => {
    const dir = join(world.home, "work");
    const checkout = await cli(["checkout", "team/web", dir]);
    assert.equal(checkout.code, 0, checkout.stdout + checkout.stderr);
    assert.equal(readFileSync(join(dir, "README.md"), "utf8"), "plain git\n");
    assert.equal((await git(["-C", dir, "config", "remote.origin.url"])).stdout.trim(), `${server.url}/team/web.git`);

    writeFileSync(join(dir, "a.txt"), "1\n");
    await git(["-C", dir, "add", "a.txt"]);
    await git(["-C", dir, "commit", "-q", "-m", "one"]);
    await git(["-C", dir, "push", "-q", "origin", "HEAD:refs/heads/main"]);
    const head = (await git(["-C", dir, "rev-parse", "HEAD"])).stdout.trim();
    assert.equal((await server.branches("team/web")).main, head, "git's own push, with the password from the helper, arrived");

    writeFileSync(join(dir, "b.txt"), "2\n");
    await git(["-C", dir, "add", "b.txt"]);
    await git(["-C", dir, "commit", "-q", "-m", "two"]);
    const pushed = await cli(["push", dir, "--refspec", "HEAD:refs/heads/topic"]);
    assert.equal(pushed.code, 0, pushed.stdout + pushed.stderr);
    assert.equal((await server.branches("team/web")).topic, (await git(["-C", dir, "rev-parse", "HEAD"])).stdout.trim());
    assert.deepEqual(filesContainingCanary(world.home, password), [], "no password in the working copy, the cache, HOME or the data dir");
  });

  it("turns failing with a remedy once the server stops accepting the password", async () => {
    const healthy = await cli(["health", "run", "--wait", "--json"]);
    assert.equal(healthy.code, 0, healthy.stdout + healthy.stderr);
    assert.equal(JSON.parse(healthy.stdout).byStatus.connected, 1, healthy.stdout);

    server.refusePassword("alice");
    const fetchesBefore = server.requests["git-upload-pack"] ?? 0;
    const cycle = await cli(["health", "run", "--wait", "--json"]);
    assert.equal(cycle.code, 0, cycle.stdout + cycle.stderr);
    assert.equal(JSON.parse(cycle.stdout).byStatus.failing, 1, cycle.stdout);
    assert.ok((server.requests["git-upload-pack"] ?? 0) > fetchesBefore, "the health cycle probed the transport");
    const shown = JSON.parse((await cli(["repo", "show", "team/web", "--json"])).stdout);
    assert.equal(shown.status, "failing");
    assert.equal(shown.reasonCode, "GIT_CREDENTIAL_REFUSED");

    const validate = await cli(["repo", "validate", "team/web", "--json"]);
    assert.equal(validate.code, 4, validate.stdout + validate.stderr);
    const { check } = JSON.parse(validate.stdout);
    assert.equal(check.status, "failing");
    assert.equal(check.reasonCode, "GIT_CREDENTIAL_REFUSED");
    assert.match(check.remedy, /repolink credential update alice --secret-stdin/);
    assert.deepEqual(
      check.steps.map((s: { name: string; status: string }) => `${s.name}:${s.status}`),
      ["credential:failed", "transport:skipped", "permission:skipped"],
    );
    const human = await cli(["repo", "validate", "team/web"]);
    assert.equal(human.code, 4);
    assert.match(human.stdout, /team\/web: failing \[GIT_CREDENTIAL_REFUSED\]/);
    assert.deepEqual(findCanary(world.serve.output(), password), [], "the server's log never holds the password");
  });

  it("follows the remedy: a safe update to the new password makes it connected again", async () => {
    const renewed = `new password ${randomBytes(9).toString("hex")}`;
    server.setAccount("alice", { password: renewed });
    const wrong = await cli(["credential", "update", "alice", "--secret-stdin", "--safe", "--json"], "not the password\n");
    assert.equal(wrong.code, 4, "a safe update that would break the repository changes nothing");
    assert.equal(JSON.parse(wrong.stdout).error.code, "ROTATION_REFUSED");
    assert.match(JSON.parse(wrong.stdout).error.message, /GIT_CREDENTIAL_REFUSED/);
    const updated = await cli(["credential", "update", "alice", "--secret-stdin", "--safe"], `${renewed}\n`);
    assert.equal(updated.code, 0, updated.stdout + updated.stderr);
    const validate = await cli(["repo", "validate", "team/web", "--json"]);
    assert.equal(validate.code, 0, validate.stdout + validate.stderr);
    assert.equal(JSON.parse(validate.stdout).check.status, "connected");
    assert.deepEqual(filesContainingCanary(world.home, renewed), [], "the new password is nowhere on disk in clear");
  });
});
