import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startGithubFake, type GithubFake } from "../github-fake/index.ts";
import { atTerminal } from "../support/at-terminal.ts";
import { startLiveServer, type LiveServer } from "../support/live-server.ts";
import { runCli } from "../support/run-cli.ts";

const progressLine = /Checking repositories: \d+\/\d+/;
/** The line a terminal shows at the end: rewritten in place (carriage return, erase line), ending "— done". */
const doneLine = (checked: number) => `\r\u001b[2KChecking repositories: ${checked}/${checked} — done`;

describe("repo import and health run --wait show progress on a terminal only", () => {
  let server: LiveServer;
  let fake: GithubFake;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    fake = await startGithubFake();
    fake.addUser({ login: "octocat" });
    await fake.addRepo({ owner: "octocat", name: "one", private: true });
    for (const name of ["two", "three", "four"]) await fake.addRepo({ owner: "octocat", name, private: true, shareGitWith: "octocat/one" });
    await fake.addRepo({ owner: "octocat", name: "attic", private: true, archived: true, shareGitWith: "octocat/one" });
    server = await startLiveServer();
    env = { REPOLINK_SERVER: server.url, REPOLINK_TOKEN: server.adminToken, REPOLINK_CLI_CONFIG: "/nonexistent/repolink.json" };
    assert.equal(
      (await server.api("POST", "/hosts", { name: "ghe.test", url: fake.url, allowPrivateNetwork: true }, server.adminToken)).status,
      201,
    );
    const body = {
      name: "team",
      type: "token",
      host: "ghe.test",
      username: "octocat",
      secret: fake.addToken({ login: "octocat" }),
      validate: false,
    };
    assert.equal((await server.api("POST", "/credentials", body, server.adminToken)).status, 201);
  });
  after(async () => {
    await server?.settled();
    await server?.close();
    await fake?.close();
  });

  it("piped: repo import waits for the check and writes only its result (nothing on stderr)", { timeout: 120_000 }, async () => {
    const result = await runCli(
      ["repo", "import", "--credential", "team", "--repository", "octocat/one", "--repository", "octocat/attic"],
      { env },
    );
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, "");
    assert.match(result.stdout, /Registered 1, skipped 1\./);
    assert.match(result.stdout, /octocat\/attic: archived/);
    assert.match(result.stdout, /Checked 1 of 1: 1 connected, 0 degraded, 0 failing\./);
    assert.doesNotMatch(result.stdout, progressLine);

    const json = await runCli(["--json", "repo", "import", "--credential", "team", "--repository", "octocat/two"], { env });
    assert.equal(json.code, 0, json.stderr);
    assert.equal(json.stderr, "");
    const parsed = JSON.parse(json.stdout) as { created: string[]; checked: { done: boolean; checked: number; total: number } };
    assert.deepEqual(parsed.created, ["octocat/two"]);
    assert.deepEqual([parsed.checked.done, parsed.checked.checked, parsed.checked.total], [true, 1, 1]);
  });

  it("on a terminal: repo import shows one updating progress line, then the result", { timeout: 120_000 }, async () => {
    const { code, screen } = await atTerminal(["repo", "import", "--credential", "team", "--repository", "octocat/three"], env);
    assert.equal(code, 0, screen);
    assert.ok(screen.includes(doneLine(1)), screen);
    assert.match(screen, /Checked 1 of 1: 1 connected/);
  });

  it("health run --wait: a progress line on a terminal, none when piped", { timeout: 120_000 }, async () => {
    const tty = await atTerminal(["health", "run", "--wait"], env);
    assert.equal(tty.code, 0, tty.screen);
    assert.ok(tty.screen.includes(doneLine(3)), tty.screen);
    assert.match(tty.screen, /CYCLE/);
    const piped = await runCli(["health", "run", "--wait"], { env });
    assert.equal(piped.code, 0, piped.stderr);
    assert.equal(piped.stderr, "");
    assert.doesNotMatch(piped.stdout, progressLine);
    assert.match(piped.stdout, /CYCLE/);
  });
});
