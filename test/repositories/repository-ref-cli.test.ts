import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startGithubFake, type GithubFake } from "../github-fake/index.ts";
import { startCliWorld, type CliWorld } from "../support/cli-world.ts";

describe("repolink repo …: one path on two hosts, named by HOST:PATH (CLI against two GitHub fakes)", () => {
  let world: CliWorld;
  const fakes: GithubFake[] = [];
  const cli = (args: string[], stdin?: string) => world.cli(args, stdin);

  before(async () => {
    world = await startCliWorld("repo-ref");
    for (const host of ["ghe.one", "ghe.two"]) {
      const fake = await startGithubFake();
      fakes.push(fake);
      fake.addUser({ login: "octocat" });
      await fake.addRepo({ owner: "octocat", name: "hello", private: true });
      assert.equal((await cli(["host", "add", "--name", host, "--url", fake.url, "--allow-private-network"])).code, 0);
      const token = `${fake.addToken({ login: "octocat" })}\n`;
      const args = [
        "credential",
        "add",
        "--name",
        `${host}-bot`,
        "--host",
        host,
        "--username",
        "octocat",
        "--secret-stdin",
        "--no-validate",
      ];
      assert.equal((await cli(args, token)).code, 0);
    }
  });
  after(async () => {
    await world?.stop();
    for (const fake of fakes) await fake.close();
  });

  it("registers octocat/hello on both hosts; the second is named ghe.two:octocat/hello", async () => {
    const [one, two] = fakes;
    const first = await cli(["repo", "add", "--url", `${one?.url}/octocat/hello.git`, "--credential", "ghe.one-bot", "--json"]);
    assert.equal(first.code, 0, first.stdout + first.stderr);
    assert.equal(JSON.parse(first.stdout).repository.name, "octocat/hello");
    const second = await cli(["repo", "add", "--url", `${two?.url}/octocat/hello.git`, "--credential", "ghe.two-bot", "--json"]);
    assert.equal(second.code, 0, second.stdout + second.stderr);
    const registered = JSON.parse(second.stdout);
    assert.deepEqual(
      [registered.repository.name, registered.repository.host, registered.repository.path, registered.check.status],
      ["ghe.two:octocat/hello", "ghe.two", "octocat/hello", "connected"],
    );
  });

  it("the bare path is ambiguous (exit 1, REPOSITORY_AMBIGUOUS listing both); HOST:PATH names each one", async () => {
    for (const command of [["show"], ["validate"], ["branches"], ["remove"]]) {
      const ambiguous = await cli(["repo", ...command, "octocat/hello"]);
      assert.equal(ambiguous.code, 1, `${command[0]}: ${ambiguous.stdout}${ambiguous.stderr}`);
      assert.match(ambiguous.stderr, /REPOSITORY_AMBIGUOUS/);
      assert.match(ambiguous.stderr, /ghe\.one:octocat\/hello/);
      assert.match(ambiguous.stderr, /ghe\.two:octocat\/hello/);
    }
    for (const host of ["ghe.one", "ghe.two"]) {
      const show = await cli(["repo", "show", `${host}:octocat/hello`, "--json"]);
      assert.equal(show.code, 0, show.stderr);
      assert.equal(JSON.parse(show.stdout).host, host);
      const validate = await cli(["repo", "validate", `${host}:octocat/hello`]);
      assert.equal(validate.code, 0, validate.stdout + validate.stderr);
      assert.match(validate.stdout, /: connected/);
    }
  });

  it("once one host no longer holds the path, the bare path names the other again", async () => {
    const removed = await cli(["repo", "remove", "ghe.one:octocat/hello"]);
    assert.equal(removed.code, 0, removed.stderr);
    const show = await cli(["repo", "show", "octocat/hello", "--json"]);
    assert.equal(show.code, 0, show.stderr);
    assert.deepEqual([JSON.parse(show.stdout).name, JSON.parse(show.stdout).host], ["ghe.two:octocat/hello", "ghe.two"]);
    assert.equal((await cli(["repo", "show", "ghe.one:octocat/hello"])).code, 1);
  });
});
