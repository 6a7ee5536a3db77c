import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { createServer as createTcpServer, type AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { AppError } from "../../src/core/errors.ts";
import { GitCliTransport } from "../../src/adapters/git/git-cli-transport.ts";
import { findCanary } from "../support/canary.ts";
import { startGitFixture, type GitFixture } from "./git-test-fixture.ts";

const codeOf = (error: unknown): string => (error instanceof AppError ? error.code : `not an AppError: ${String(error)}`);

describe("GitCliTransport.lsRemote against the GitHub fake", () => {
  let fx: GitFixture;
  before(async () => {
    fx = await startGitFixture();
  });
  after(() => fx.close());

  it("lists branches and the symbolic HEAD with a good token", async () => {
    const { refs, head } = await fx.transport.lsRemote(fx.remote(fx.tokens.read));
    assert.equal(head, "refs/heads/main");
    assert.deepEqual(refs.map((r) => r.name).sort(), ["refs/heads/dev", "refs/heads/main"]);
    assert.match(refs[0]?.sha ?? "", /^[0-9a-f]{40}$/);
  });

  it("fails fast with GIT_AUTH_FAILED for a revoked token, never waiting on a prompt (SECURITY 23)", async () => {
    const error = await fx.transport.lsRemote(fx.remote(fx.tokens.revoked)).catch((e: unknown) => e);
    // A git left waiting on a prompt would be stopped at the transport's deadline as GIT_TIMEOUT.
    assert.equal(codeOf(error), "GIT_AUTH_FAILED");
    assert.match((error as Error).message, /refused the credential/);
    assert.deepEqual(findCanary(String((error as Error).message) + JSON.stringify((error as AppError).details), fx.tokens.revoked), []);
    assert.deepEqual(findCanary(fx.logs.text, fx.tokens.revoked), []);
  });

  it("reports GIT_AUTH_FAILED without a credential on a private repository", async () => {
    assert.equal(codeOf(await fx.transport.lsRemote(fx.remote(null)).catch((e: unknown) => e)), "GIT_AUTH_FAILED");
  });

  it("reports GIT_REPO_NOT_FOUND for a repository that does not exist", async () => {
    const error = await fx.transport.lsRemote(fx.remote(fx.tokens.read, `${fx.fake.url}/octocat/missing.git`)).catch((e: unknown) => e);
    assert.equal(codeOf(error), "GIT_REPO_NOT_FOUND");
  });

  it("reports GIT_UNREACHABLE when the server resets every connection", async () => {
    // Bound to port 0 by the server itself: a port closed after a check could be taken by anyone before git connects.
    const server = createTcpServer((socket) => socket.resetAndDestroy());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const error = await fx.transport
        .lsRemote(fx.remote(fx.tokens.read, `http://127.0.0.1:${port}/octocat/secret.git`))
        .catch((e: unknown) => e);
      assert.equal(codeOf(error), "GIT_UNREACHABLE");
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  describe("a server that never answers", () => {
    let silent: Server;
    let url: string;
    before(async () => {
      silent = createServer(() => silent.emit("waiting"));
      await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
      url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/octocat/secret.git`;
    });
    after(async () => {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });

    it("stops git at the timeout with GIT_TIMEOUT", async () => {
      const error = await fx.transport.lsRemote(fx.remote(fx.tokens.read, url), { timeoutMs: 700 }).catch((e: unknown) => e);
      assert.equal(codeOf(error), "GIT_TIMEOUT");
    });

    it("stops git when the caller aborts, with GIT_CANCELLED", async () => {
      const controller = new AbortController();
      // Abort once git's request is actually waiting on the server.
      silent.once("waiting", () => controller.abort());
      const error = await fx.transport.lsRemote(fx.remote(fx.tokens.read, url), { signal: controller.signal }).catch((e: unknown) => e);
      assert.equal(codeOf(error), "GIT_CANCELLED");
    });
  });

  it("refuses private addresses unless the host allows the private network (SECURITY 24)", async () => {
    const error = await fx.transport.lsRemote({ ...fx.remote(fx.tokens.read), allowPrivateNetwork: false }).catch((e: unknown) => e);
    assert.equal(codeOf(error), "HOST_ADDRESS_REFUSED");
  });

  it("rejects injection and smuggling URLs before any process starts (SECURITY 15, 17, 18, 19)", async () => {
    // A git binary that does not exist: had anything been spawned, the error would be GIT_FAILED.
    const transport = new GitCliTransport({ workDir: fx.workDir, gitBinary: "/nonexistent/git" });
    const urls = [
      "--upload-pack=touch /tmp/pwned",
      "ssh://-oProxyCommand=touch%20x/repo",
      "git@-oProxyCommand=x:repo.git",
      "http://%0dprotocol=https%0dhost=github.com%0d@localhost:1/",
      `${fx.fake.url}/octo%0acat/secret.git`,
      `${fx.fake.url}/octo%00cat/secret.git`,
      "https:///x",
      "ext::sh -c touch% /tmp/pwned",
      "file:///etc",
      "git://host/repo",
      "https://user:pass@github.com/o/r.git",
      "github.com/o/r.git",
    ];
    for (const url of urls) {
      const error = await transport.lsRemote({ ...fx.remote(fx.tokens.read), url }).catch((e: unknown) => e);
      assert.equal(codeOf(error), "REPO_URL_INVALID", url);
    }
    const plainHttp = await transport.lsRemote({ ...fx.remote(fx.tokens.read), allowHttp: false }).catch((e: unknown) => e);
    assert.equal(codeOf(plainHttp), "REPO_URL_INVALID");
  });
});
