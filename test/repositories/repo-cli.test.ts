import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startGithubFake, type GithubFake } from "../github-fake/index.ts";
import { filesContainingCanary, findCanary } from "../support/canary.ts";
import { startCliWorld, type CliWorld } from "../support/cli-world.ts";

describe("repolink repo … against the GitHub fake", () => {
  let world: CliWorld;
  let fake: GithubFake;
  const tokens: Record<string, string> = {};
  const cli = (args: string[], stdin?: string) => world.cli(args, stdin);

  before(async () => {
    fake = await startGithubFake();
    fake.addUser({ login: "octocat" });
    await fake.addRepo({ owner: "octocat", name: "hello", private: true, branches: ["dev"] });
    await fake.addRepo({ owner: "octocat", name: "broken", private: true });
    tokens.valid = fake.addToken({ login: "octocat" });
    tokens.revoked = fake.addToken({ login: "octocat", revoked: true });
    world = await startCliWorld("repo-cli");
    assert.equal((await cli(["host", "add", "--name", "ghe.test", "--url", fake.url, "--allow-private-network"])).code, 0);
    for (const [name, token] of Object.entries(tokens)) {
      const added = await cli(
        ["credential", "add", "--name", name, "--host", "ghe.test", "--username", "octocat", "--secret-stdin", "--no-validate"],
        `${token}\n`,
      );
      assert.equal(added.code, 0, added.stderr);
    }
  });
  after(async () => {
    await world?.stop();
    await fake?.close();
  });

  it("repo add connects with a valid token (exit 0) and shows each step", async () => {
    const add = await cli(["repo", "add", "--url", `${fake.url}/octocat/hello.git`, "--credential", "valid"]);
    assert.equal(add.code, 0, add.stdout + add.stderr);
    assert.match(add.stdout, /octocat\/hello: connected/);
    assert.equal((add.stdout.match(/✓/g) ?? []).length, 4, add.stdout);
    const branches = await cli(["repo", "branches", "octocat/hello"]);
    assert.equal(branches.code, 0, branches.stderr);
    assert.match(branches.stdout, /^\* main$/m);
    const show = await cli(["repo", "show", "octocat/hello", "--json"]);
    assert.equal(JSON.parse(show.stdout).status, "connected");
  });

  it("repo add and repo validate exit 4 when the check finds the connection failing", async () => {
    // One team record per repository: a second registration of octocat/hello is refused, pointing at `repo map`.
    const again = await cli(["repo", "add", "--url", `${fake.url}/octocat/hello.git`, "--credential", "revoked"]);
    assert.equal(again.code, 1, again.stdout + again.stderr);
    assert.match(again.stderr, /REPOSITORY_ALREADY_REGISTERED/);
    assert.match(again.stderr, /repolink repo map octocat\/hello --credential NAME/);
    const add = await cli(["repo", "add", "--url", `${fake.url}/octocat/broken.git`, "--credential", "revoked"]);
    assert.equal(add.code, 4, add.stdout + add.stderr);
    assert.match(add.stdout, /✗ token/);
    const validate = await cli(["repo", "validate", "octocat/broken", "--json"]);
    assert.equal(validate.code, 4, validate.stderr);
    assert.equal(JSON.parse(validate.stdout).check.reasonCode, "GITHUB_TOKEN_REVOKED");
    const bad = await cli(["repo", "add", "--url", "ext::sh -c touch% /tmp/x", "--credential", "valid"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /REPO_URL_INVALID/);
  });

  it("lists, prints token links, removes, and never shows a token", async () => {
    const list = await cli(["repo", "list"]);
    assert.match(list.stdout, /octocat\/broken .*failing/);
    const link = await cli(["host", "token-url", "ghe.test"]);
    assert.equal(link.code, 0, link.stderr);
    assert.ok(link.stdout.includes(`${fake.url}/settings/tokens/new?scopes=repo`));
    assert.equal((await cli(["repo", "remove", "octocat/broken"])).code, 0);
    assert.equal((await cli(["repo", "show", "octocat/broken"])).code, 1);
    for (const token of Object.values(tokens)) {
      assert.deepEqual(findCanary(world.serve.output(), token), [], "token in the server output");
      assert.deepEqual(filesContainingCanary(world.dataDir, token), [], "token in a file in the data dir");
    }
  });
});
