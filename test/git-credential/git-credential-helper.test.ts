import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import type { GithubFake } from "../github-fake/index.ts";
import { startPipelineWorld, type PipelineWorld } from "../support/pipeline-world.ts";
import { filesContainingCanary, findCanary } from "../support/canary.ts";
import { cliPath, runCli } from "../support/run-cli.ts";
import type { LiveServer } from "../support/live-server.ts";

const exec = promisify(execFile);

describe("git's own clone and push through `repolink git-credential`", () => {
  let world: PipelineWorld;
  let fake: GithubFake;
  let server: LiveServer;
  let token: string;
  let home: string;
  let gitEnv: NodeJS.ProcessEnv;

  before(async () => {
    world = await startPipelineWorld({ tokenExpiresInDays: 20 });
    ({ fake, server, token, home, env: gitEnv } = world);
    writeFileSync(
      join(home, ".gitconfig"),
      `[credential]\n\thelper = "!${process.execPath} ${cliPath} git-credential"\n\tuseHttpPath = true\n`,
    );
  });
  after(async () => world.close());

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

  it("erase (git saw the credential rejected) re-checks the credential right after answering git", async () => {
    // Revoking the token would break the other tests' shared world: this one gets its own.
    const own = await startPipelineWorld({ tokenExpiresInDays: 20 });
    try {
      own.fake.revokeToken(own.token);
      const host = new URL(own.fake.url).host;
      const stdin = `protocol=http\nhost=${host}\npath=octocat/rocket.git\nusername=octocat\npassword=${own.token}\n`;
      const erase = await runCli(["git-credential", "erase"], { env: own.env, stdin });
      assert.equal(erase.code, 0, erase.stderr);
      // git got its answer at once; the re-check it started runs on in the server.
      await own.server.settled();
      const credential = await own.server.runtime.deps.store.credentials.findByName("bot", null);
      assert.equal(credential?.status, "invalid");
      const repository = await own.server.runtime.deps.store.repositories.findByName("octocat/rocket");
      assert.equal(repository?.status, "failing");
      assert.equal(repository?.reasonCode, "GITHUB_TOKEN_REVOKED");
      assert.deepEqual(findCanary(own.server.logs.text, own.token), []);
    } finally {
      await own.close();
    }
  });

  it("refuses browser sessions: the helper endpoint needs an API token", async () => {
    const login = await fetch(`${server.url}/api/v1/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "admin", password: "live server password" }),
    });
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
