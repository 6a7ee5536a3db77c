import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startGithubFake, type GithubFake } from "../github-fake/index.ts";
import { startLiveServer, type LiveServer } from "../support/live-server.ts";
import { runCli } from "../support/run-cli.ts";

describe("the fine-grained token doctor, from the CLI through the GitHub fake", () => {
  let fake: GithubFake;
  let server: LiveServer;
  let home: string;
  let env: NodeJS.ProcessEnv;
  const cli = (args: string[], stdin?: string) => runCli(args, { env, ...(stdin === undefined ? {} : { stdin }) });
  const inSixtyDays = new Date(Date.now() + 60 * 86_400_000);

  before(async () => {
    fake = await startGithubFake();
    fake.addUser({ login: "octocat" });
    fake.addUser({ login: "bob" });
    fake.addUser({ login: "acme", type: "Organization", members: { octocat: "write" } });
    fake.addUser({ login: "strict", type: "Organization", members: { octocat: "write" } }).fineGrainedPolicy = { maxLifetimeDays: 90 };
    fake.addUser({ login: "closed", type: "Organization", members: { octocat: "write" } }).fineGrainedPolicy = { forbidden: true };
    await fake.addRepo({ owner: "acme", name: "web", private: true });
    await fake.addRepo({ owner: "acme", name: "site" });
    await fake.addRepo({ owner: "octocat", name: "own", private: true });
    await fake.addRepo({ owner: "bob", name: "tools", private: true, collaborators: { octocat: "write" } });
    await fake.addRepo({ owner: "strict", name: "vault", private: true });
    await fake.addRepo({ owner: "closed", name: "box", private: true });
    server = await startLiveServer();
    assert.equal((await server.api("POST", "/hosts", { name: "ghe.test", url: fake.url, allowPrivateNetwork: true })).status, 201);
    home = mkdtempSync(join(tmpdir(), "repolink-fine-grained-"));
    env = {
      PATH: process.env.PATH,
      HOME: home,
      REPOLINK_SERVER: server.url,
      REPOLINK_TOKEN: String((await server.api("POST", "/tokens", { name: "ci" })).body.token),
      REPOLINK_CLI_CONFIG: join(home, "none.json"),
      REPOLINK_CACHE_DIR: join(home, "cache"),
    };
  });
  after(async () => {
    await server.close();
    await fake.close();
    rmSync(home, { recursive: true, force: true });
  });

  /** Stores a fine-grained token of octocat as a credential and registers `path` with it; returns the check and the human output. */
  async function connect(name: string, grant: Parameters<GithubFake["addToken"]>[0]["fineGrained"], path: string, needs = "pull") {
    const token = fake.addToken({ login: "octocat", fineGrained: grant, expiresAt: inSixtyDays });
    const added = await cli(
      ["credential", "add", "--name", name, "--type", "token", "--username", "octocat", "--secret-stdin", "--host", "ghe.test", "--json"],
      token,
    );
    assert.equal(added.code, 0, added.stderr);
    const url = `${fake.url}/${path}.git`;
    // A repository is a team record: registered again with this credential after the previous case.
    await cli(["repo", "remove", path]);
    const json = await cli(["repo", "add", "--url", url, "--credential", name, "--needs", needs, "--json"]);
    const human = await cli(["repo", "validate", path]);
    return {
      check: JSON.parse(json.stdout).check,
      code: json.code,
      human: human.stdout + human.stderr,
      credential: JSON.parse(added.stdout),
    };
  }

  it("names the token type in plain words and reads its expiry from GitHub's header", async () => {
    const { credential } = await connect("own-read", { repositories: "all", contents: "read" }, "octocat/own");
    const shown = await cli(["credential", "show", "own-read"]);
    assert.match(shown.stdout, /token type: +GitHub fine-grained personal access token/);
    assert.doesNotMatch(shown.stdout, /fine-grained-pat/);
    assert.equal(credential.expiresAt?.slice(0, 10), inSixtyDays.toISOString().slice(0, 10));
  });

  it("diagnoses a request the organization has not approved yet: ask an owner of the organization", async () => {
    const { check, code, human } = await connect(
      "acme-pending",
      { owner: "acme", repositories: "all", contents: "write", pendingApproval: true },
      "acme/web",
    );
    assert.equal(code, 4, "a failing check exits 4");
    assert.equal(check.reasonCode, "FINE_GRAINED_APPROVAL_PENDING", JSON.stringify(check));
    assert.match(check.remedy, /Ask an owner of acme to approve the request/);
    assert.match(human, /Ask an owner of acme to approve the request/, "the remedy is in the CLI's human output");
    const site = JSON.parse(
      (await cli(["repo", "add", "--url", `${fake.url}/acme/site.git`, "--credential", "acme-pending", "--needs", "pull", "--json"]))
        .stdout,
    );
    assert.equal(site.check.status, "connected", JSON.stringify(site.check));
  });

  it("names a token whose one resource owner is another account", async () => {
    const org = await connect("mine-only", { owner: "octocat", repositories: "all", contents: "read" }, "acme/web");
    assert.equal(org.check.reasonCode, "FINE_GRAINED_WRONG_OWNER", JSON.stringify(org.check));
    assert.match(org.check.message, /resource owner is octocat, but acme\/web belongs to acme/);
    assert.match(org.human, /Resource owner acme/);
    const user = await connect("mine-only-2", { owner: "octocat", repositories: "all", contents: "read" }, "bob/tools");
    assert.equal(user.check.reasonCode, "FINE_GRAINED_WRONG_OWNER");
    assert.match(user.check.message, /belongs to bob/);
  });

  it("names an organization that forbids fine-grained tokens, or their lifetime (403)", async () => {
    const lifetime = await connect(
      "too-long",
      { owner: "strict", repositories: "all", contents: "read", lifetimeDays: 366 },
      "strict/vault",
    );
    assert.equal(lifetime.check.reasonCode, "GITHUB_ORG_TOKEN_LIFETIME_TOO_LONG", JSON.stringify(lifetime.check));
    assert.match(lifetime.check.message, /strict allows fine-grained personal access tokens that live at most 90 days/);
    assert.match(lifetime.human, /expiration of at most 90 days/);
    const forbidden = await connect(
      "forbidden",
      { owner: "closed", repositories: "all", contents: "read", lifetimeDays: 30 },
      "closed/box",
    );
    assert.equal(forbidden.check.reasonCode, "GITHUB_ORG_FORBIDS_FINE_GRAINED", JSON.stringify(forbidden.check));
    assert.match(forbidden.human, /Ask an owner of closed to allow fine-grained personal access tokens/);
  });

  it("shows the permission a call needs, from X-Accepted-GitHub-Permissions", async () => {
    const push = await connect("read-only", { repositories: ["octocat/own"], contents: "read" }, "octocat/own", "push");
    assert.equal(push.check.status, "degraded");
    assert.equal(push.check.reasonCode, "PERMISSION_READ_ONLY");
    assert.match(push.human, /needs Contents: write/);
    await connect("metadata-only", { repositories: "all", contents: "none" }, "octocat/own");
    const branches = await cli(["repo", "branches", "octocat/own"]);
    assert.notEqual(branches.code, 0);
    assert.match(branches.stderr, /GITHUB_PERMISSION_MISSING/);
    assert.match(branches.stderr, /needs Contents: read/);
  });
});
