import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import { startGithubFake, type GithubFake } from "../github-fake/index.ts";
import { filesContainingCanary, findCanary } from "../support/canary.ts";
import { cliPath, runCli } from "../support/run-cli.ts";
import { startLiveServer, type LiveServer } from "../support/live-server.ts";

const exec = promisify(execFile);

describe("git's own clone and push through `repolink git-credential`", () => {
  let fake: GithubFake;
  let server: LiveServer;
  let token: string;
  let home: string;
  let gitEnv: NodeJS.ProcessEnv;

  before(async () => {
    fake = await startGithubFake();
    fake.addUser({ login: "octocat" });
    await fake.addRepo({ owner: "octocat", name: "rocket", private: true, files: { "README.md": "hello\n" } });
    await fake.addRepo({ owner: "octocat", name: "unregistered", private: true });
    token = fake.addToken({ login: "octocat", expiresAt: new Date(Date.now() + 20 * 86_400_000) });
    server = await startLiveServer();
    assert.equal((await server.api("POST", "/hosts", { name: "ghe.test", url: fake.url, allowPrivateNetwork: true })).status, 201);
    const created = await server.api("POST", "/credentials", { name: "bot", type: "token", username: "octocat", secret: token, host: "ghe.test" });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const credential = await server.runtime.deps.store.credentials.findByName("bot", null);
    const now = new Date().toISOString();
    await server.runtime.deps.store.repositories.insert({
      id: randomUUID(), name: "octocat/rocket", hostName: "ghe.test", owner: "octocat", repo: "rocket", url: `${fake.url}/octocat/rocket.git`, protocol: "https",
      credentialId: credential!.id, defaultBranch: "main", needs: "push", status: "unchecked", reasonCode: null, message: null, remedy: null,
      lastCheckedAt: null, createdBy: "admin", createdAt: now,
    });
    home = mkdtempSync(join(tmpdir(), "repolink-helper-"));
    const pipelineToken = String((await server.api("POST", "/tokens", { name: "runner" })).body.token);
    gitEnv = {
      PATH: process.env.PATH,
      HOME: home,
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_TERMINAL_PROMPT: "0",
      REPOLINK_SERVER: server.url,
      REPOLINK_TOKEN: pipelineToken,
      REPOLINK_CLI_CONFIG: join(home, "none.json"),
      GIT_AUTHOR_NAME: "Runner", GIT_AUTHOR_EMAIL: "runner@example.test", GIT_COMMITTER_NAME: "Runner", GIT_COMMITTER_EMAIL: "runner@example.test",
    };
    writeFileSync(join(home, ".gitconfig"), `[credential]\n\thelper = "!${process.execPath} ${cliPath} git-credential"\n\tuseHttpPath = true\n`);
  });
  after(async () => {
    await server.close();
    await fake.close();
    rmSync(home, { recursive: true, force: true });
  });

  it("plain git clone and push work with the helper, and nothing on disk holds the token", async () => {
    const dir = join(home, "rocket");
    await exec("git", ["clone", "--", `${fake.url}/octocat/rocket.git`, dir], { env: gitEnv });
    assert.equal(readFileSync(join(dir, "README.md"), "utf8"), "hello\n");
    writeFileSync(join(dir, "CHANGELOG.md"), "v1\n");
    await exec("git", ["-C", dir, "add", "CHANGELOG.md"], { env: gitEnv });
    await exec("git", ["-C", dir, "commit", "-m", "release notes"], { env: gitEnv });
    await exec("git", ["-C", dir, "push", "origin", "HEAD"], { env: gitEnv });
    assert.deepEqual(filesContainingCanary(home, token), [], "no token in the clone or HOME");
    const uses = ((await server.api("GET", "/audit?limit=100")).body.items as { action: string; detail: { purpose?: string } }[]).filter(
      (e) => e.action === "credential.use" && e.detail.purpose?.startsWith("git-credential get"),
    );
    assert.ok(uses.length >= 2, "every use is audited");
  });

  it("answers with the expiry, and gives nothing for unregistered repositories or look-alike hosts", async () => {
    const host = new URL(fake.url).host;
    const get = async (input: string): Promise<string> => (await runCli(["git-credential", "get"], { env: gitEnv, stdin: input })).stdout;
    const answer = await get(`protocol=http\nhost=${host}\npath=octocat/rocket.git\n`);
    assert.match(answer, /^username=octocat\npassword=.+\npassword_expiry_utc=\d+\n$/);
    for (const input of [
      `protocol=http\nhost=${host}\npath=octocat/unregistered.git\n`,
      `protocol=http\nhost=${host}.evil.tld\npath=octocat/rocket.git\n`,
      `protocol=http\nhost=evil${host}\npath=octocat/rocket.git\n`,
      `protocol=https\nhost=${host}\npath=octocat/rocket.git\n`,
      `protocol=http\nhost=${host}\r\npath=octocat/rocket.git\n`,
    ]) {
      assert.equal(await get(input), "", JSON.stringify(input));
    }
  });

  it("erase (git saw the credential rejected) re-checks the credential at once", async () => {
    fake.revokeToken(token);
    const host = new URL(fake.url).host;
    const erase = await runCli(["git-credential", "erase"], { env: gitEnv, stdin: `protocol=http\nhost=${host}\npath=octocat/rocket.git\nusername=octocat\npassword=${token}\n` });
    assert.equal(erase.code, 0, erase.stderr);
    const credential = await server.runtime.deps.store.credentials.findByName("bot", null);
    assert.equal(credential?.status, "invalid");
    const repository = await server.runtime.deps.store.repositories.findByName("octocat/rocket");
    assert.equal(repository?.status, "failing");
    assert.equal(repository?.reasonCode, "GITHUB_TOKEN_REVOKED");
    assert.deepEqual(findCanary(server.logs.text, token), []);
  });

  it("refuses browser sessions: the helper endpoint needs an API token", async () => {
    const login = await fetch(`${server.url}/api/v1/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "admin", password: "live server password" }) });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const response = await fetch(`${server.url}/api/v1/git-credential/get`, {
      method: "POST",
      headers: { cookie, "x-csrf-token": csrfToken, "content-type": "application/json" },
      body: JSON.stringify({ input: `protocol=http\nhost=${new URL(fake.url).host}\npath=octocat/rocket.git\n` }),
    });
    assert.equal(response.status, 403);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, "API_TOKEN_REQUIRED");
  });
});
