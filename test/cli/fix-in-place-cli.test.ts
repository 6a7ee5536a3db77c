import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { startGithubFake, type GithubFake } from "../github-fake/index.ts";
import { cliPath, runCli } from "../support/run-cli.ts";
import { startLiveServer, type LiveServer } from "../support/live-server.ts";
import { seedRepositories } from "../support/seed-repositories.ts";

describe("repolink repo list filters, repo update, host update|remove, --version and a closed pipe", () => {
  let server: LiveServer;
  let fake: GithubFake;
  let env: NodeJS.ProcessEnv;
  const cli = (args: string[]) => runCli(args, { env });

  before(async () => {
    fake = await startGithubFake();
    fake.addUser({ login: "octocat" });
    await fake.addRepo({ owner: "octocat", name: "hello", private: true });
    server = await startLiveServer();
    env = { REPOLINK_SERVER: server.url, REPOLINK_TOKEN: server.adminToken, REPOLINK_CLI_CONFIG: "/nonexistent/repolink-cli.json" };
    await seedRepositories(server.runtime.deps, 300);
    const host = await server.api("POST", "/hosts", { name: "ghe.test", url: fake.url, allowPrivateNetwork: true });
    assert.equal(host.status, 201, JSON.stringify(host.body));
    for (const [name, revoked] of [
      ["good", false],
      ["revoked", true],
    ] as const) {
      const secret = fake.addToken({ login: "octocat", revoked });
      const made = await server.api("POST", "/credentials", {
        name,
        type: "token",
        host: "ghe.test",
        username: "octocat",
        secret,
        validate: false,
      });
      assert.equal(made.status, 201, JSON.stringify(made.body));
    }
  });
  after(async () => {
    await server?.close();
    await fake?.close();
  });

  it("repo list without flags prints every repository; the flags narrow it in the server", async () => {
    const all = await cli(["repo", "list"]);
    assert.equal(all.code, 0, all.stderr);
    assert.equal(all.stdout.trim().split("\n").length, 301);
    const narrowed = await cli(["repo", "list", "--status", "failing", "--credential", "deploy-b", "--query", "SERVICE-0001", "--json"]);
    assert.equal(narrowed.code, 0, narrowed.stderr);
    const names = (JSON.parse(narrowed.stdout) as { name: string; status: string }[]).map((r) => r.name);
    assert.deepEqual(names, ["org-13/service-00013"]);
    const host = await cli(["repo", "list", "--host", "ghe.test"]);
    assert.equal(host.stdout.trim(), "(none)");
    const bad = await cli(["repo", "list", "--status", "sideways"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /status must be one or more of .*\(field: status\) \[REPOSITORY_STATUS_INVALID\]/);
  });

  it("repo list --limit prints one page and the next page's cursor on stderr", async () => {
    const first = await cli(["repo", "list", "--limit", "5", "--sort", "status"]);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout.trim().split("\n").length, 6);
    const cursor = /--cursor (\S+)/.exec(first.stderr)?.[1];
    assert.ok(cursor, first.stderr);
    assert.match(first.stderr, /Showing 5 of 300/);
    const second = await cli(["repo", "list", "--limit", "5", "--sort", "status", "--cursor", cursor, "--json"]);
    const firstNames = first.stdout
      .split("\n")
      .slice(1)
      .map((l) => l.split(/\s+/)[0]);
    const secondNames = (JSON.parse(second.stdout) as { name: string; status: string }[]).map((r) => r.name);
    assert.equal(secondNames.length, 5);
    assert.deepEqual(
      firstNames.filter((n) => n && secondNames.includes(n)),
      [],
    );
    assert.equal((await cli(["repo", "list", "--limit", "0"])).code, 2);
  });

  it("credential list and show count the repositories using a credential; show names the first few and where the rest are", async () => {
    const list = await cli(["credential", "list"]);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /^deploy-a\s.*\s150$/m);
    assert.match(list.stdout, /^good\s.*\s0$/m);
    const show = await cli(["credential", "show", "deploy-a"]);
    assert.equal(show.code, 0, show.stderr);
    const usedBy = /^used by: +150 repositories: (.*), … \(all: repolink repo list --credential deploy-a\)$/m.exec(show.stdout);
    assert.ok(usedBy?.[1], show.stdout);
    assert.deepEqual(usedBy[1].split(", ").length, 5);
    assert.ok(usedBy[1].split(", ").every((name) => /^org-\d\d\/service-\d{5}$/.test(name)));
    const json = JSON.parse((await cli(["credential", "show", "deploy-a", "--json"])).stdout) as Record<string, unknown>;
    assert.equal(json.usedByCount, 150);
    assert.equal(json.dependents, undefined, "no list of 10,000 names in the API");
    const unused = await cli(["credential", "show", "good"]);
    assert.match(unused.stdout, /^used by: +\(no repositories\)$/m);
  });

  it("repo update switches a repository's credential and needs, and checks it at once (exit 4 when failing)", async () => {
    const reg = await server.api("POST", "/repositories", { url: `${fake.url}/octocat/hello.git`, credential: "revoked" });
    assert.equal(reg.status, 201, JSON.stringify(reg.body));
    const fixed = await cli(["repo", "update", "octocat/hello", "--credential", "good", "--needs", "pull"]);
    assert.equal(fixed.code, 0, fixed.stdout + fixed.stderr);
    assert.match(fixed.stdout, /Updated octocat\/hello: credential good, needs pull/);
    assert.match(fixed.stdout, /octocat\/hello: connected/);
    const back = await cli(["repo", "update", "octocat/hello", "--credential", "revoked"]);
    assert.equal(back.code, 4, back.stdout + back.stderr);
    const wrongHost = await cli(["repo", "update", "octocat/hello", "--credential", "deploy-a"]);
    assert.equal(wrongHost.code, 2, wrongHost.stderr);
    assert.match(wrongHost.stderr, /field: credential/);
    const nothing = await cli(["repo", "update", "octocat/hello"]);
    assert.equal(nothing.code, 2);
    assert.match(nothing.stderr, /REPOSITORY_UPDATE_EMPTY/);
    const shown = await server.api("GET", "/repositories/octocat%2Fhello");
    assert.equal((shown.body.repository as { credential: string }).credential, "revoked");
  });

  it("host update fixes a host in place; host remove is refused naming its users, then removes an unused host", async () => {
    const added = await cli(["host", "add", "--name", "typo.test", "--url", "https://10.0.0.1:8443"]);
    assert.equal(added.code, 0, added.stderr);
    const fixed = await cli(["host", "update", "typo.test", "--url", "https://10.0.0.2:8443", "--allow-private-network", "--json"]);
    assert.equal(fixed.code, 0, fixed.stderr);
    const host = JSON.parse(fixed.stdout) as { url: string; apiUrl: string; allowPrivateNetwork: boolean };
    assert.deepEqual([host.url, host.apiUrl, host.allowPrivateNetwork], ["https://10.0.0.2:8443", "https://10.0.0.2:8443/api/v3", true]);
    const again = await cli(["host", "update", "typo.test", "--no-allow-private-network", "--json"]);
    assert.equal((JSON.parse(again.stdout) as { allowPrivateNetwork: boolean }).allowPrivateNetwork, false);
    const moved = await cli(["host", "update", "ghe.test", "--url", "https://ghe.elsewhere.test"]);
    assert.equal(moved.code, 1, moved.stderr);
    assert.match(moved.stderr, /octocat\/hello.*\[HOST_IN_USE\]/);
    const used = await cli(["host", "remove", "ghe.test"]);
    assert.equal(used.code, 1);
    assert.match(used.stderr, /credentials good, revoked and 1 repository \(octocat\/hello\).*\[HOST_IN_USE\]/);
    const builtIn = await cli(["host", "remove", "github.com"]);
    assert.match(builtIn.stderr, /HOST_BUILT_IN/);
    assert.equal((await cli(["host", "remove", "typo.test"])).code, 0);
    const list = await cli(["host", "list"]);
    assert.doesNotMatch(list.stdout, /typo\.test/);
    assert.match((await cli(["host", "remove", "typo.test"])).stderr, /HOST_NOT_FOUND/);
  });

  it("--version prints the version; a reader that closes the pipe early ends the CLI quietly", async () => {
    const version = await cli(["--version"]);
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
    const child = spawn(process.execPath, [cliPath, "repo", "list", "--json"], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    // `| head -c 1`: read one chunk, then close the pipe.
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    assert.equal(stderr, "");
    assert.equal(code, 0);
  });
});
