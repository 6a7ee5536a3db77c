import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { GitCliTransport } from "../../src/adapters/git/git-cli-transport.ts";
import { listRefsOverHttp } from "../../src/adapters/git/list-refs-over-http.ts";
import { guardedFetchForHost } from "../../src/adapters/net/guarded-fetch-for-host.ts";
import { AppError } from "../../src/core/errors.ts";
import type { GitRemote } from "../../src/core/ports/git-transport.ts";
import { Secret } from "../../src/core/secret.ts";
import { probePushPermission } from "../../src/integrations/git/probe-push-permission.ts";
import { gitSecretFormats } from "../../src/integrations/git/git-secret-formats.ts";
import { skipSsh, sshdUnavailable } from "../git/start-test-sshd.ts";
import { startGitHttpServer, type GitHttpServer } from "../support/start-git-http-server.ts";
import { startGitSshd, type GitSshd } from "../support/start-git-sshd.ts";

const codeOf = (error: unknown): string => (error instanceof AppError ? error.code : `not an AppError: ${String(error)}`);

describe("generic Git probes against git http-backend behind Basic auth", () => {
  let server: GitHttpServer;
  const fetcher = guardedFetchForHost()({ allowPrivateNetwork: true });
  const remote = (username: string, password: string, path = "team/web"): GitRemote => ({
    url: `${server.url}/${path}.git`,
    auth: { kind: "token", username, token: new Secret(password) },
    allowPrivateNetwork: true,
    allowHttp: true,
  });
  before(async () => {
    server = await startGitHttpServer();
    await server.addRepo("team/web", { branches: ["dev"] });
    server.setAccount("writer", { password: "w pass" });
    server.setAccount("reader", { password: "r pass", readOnly: true });
  });
  after(async () => server?.close());

  it("lists refs with the credential (the transport and credential steps' request)", async () => {
    const { refs, head } = await listRefsOverHttp(remote("reader", "r pass"));
    assert.deepEqual(refs.map((r) => r.name).sort(), ["refs/heads/dev", "refs/heads/main"]);
    assert.equal(head, "refs/heads/main");
    await assert.rejects(listRefsOverHttp(remote("reader", "wrong")), (e) => codeOf(e) === "GIT_AUTH_FAILED");
    await assert.rejects(listRefsOverHttp(remote("reader", "r pass", "team/none")), (e) => codeOf(e) === "GIT_REPO_NOT_FOUND");
  });

  it("knows push permission from the receive-pack advertisement", async () => {
    const before = server.requests["git-receive-pack"] ?? 0;
    assert.deepEqual(await probePushPermission(fetcher, remote("writer", "w pass")), { outcome: "allowed" });
    assert.deepEqual(await probePushPermission(fetcher, remote("reader", "r pass")), { outcome: "denied", status: 403 });
    assert.deepEqual(await probePushPermission(fetcher, remote("writer", "not it")), { outcome: "denied", status: 401 });
    assert.equal(server.requests["git-receive-pack"], before + 3, "one request each, nothing pushed");
    const ssh: GitRemote = { ...remote("writer", "w pass"), url: "ssh://git@127.0.0.1/team/web.git" };
    assert.equal((await probePushPermission(fetcher, ssh)).outcome, "unknown");
  });

  it("takes any password as it is: no GitHub format or checksum, nothing of it in the preview", () => {
    const classified = gitSecretFormats.classifyToken("  ghp_not a real token  \n");
    assert.equal(classified.token, "  ghp_not a real token  ");
    assert.equal(classified.tokenType, null);
    assert.doesNotMatch(classified.preview, /ghp|token/);
  });
});

describe("generic Git over SSH with a real sshd serving only git", { skip: skipSsh ? "REPOLINK_TEST_SKIP_SSH=1" : false }, () => {
  let dir: string;
  let server: GitHttpServer;
  let sshd: GitSshd;
  let transport: GitCliTransport;
  before(async () => {
    const unavailable = sshdUnavailable();
    if (unavailable !== null) throw new Error(`The SSH tests need a real sshd: ${unavailable}.`);
    dir = await mkdtemp(join(tmpdir(), "repolink-generic-ssh-"));
    server = await startGitHttpServer();
    await server.addRepo("team/web", { branches: ["dev"] });
    sshd = await startGitSshd(dir, server.root);
    transport = new GitCliTransport({ workDir: join(dir, "work"), defaultTimeoutMs: 20_000 });
  });
  after(async () => {
    await sshd?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  const remote = (key: "writer" | "reader" | "stranger"): GitRemote => ({
    url: sshd.urlOf("team/web"),
    auth: { kind: "ssh-key", privateKey: new Secret(sshd.keys[key].privateKey), passphrase: null, knownHosts: sshd.knownHosts },
    allowPrivateNetwork: true,
  });

  it("lists refs with an accepted key and refuses an unknown one as GIT_AUTH_FAILED", async () => {
    const { refs } = await transport.lsRemote(remote("reader"));
    assert.deepEqual(refs.map((r) => r.name).sort(), ["refs/heads/dev", "refs/heads/main"]);
    await assert.rejects(transport.lsRemote(remote("stranger")), (e) => codeOf(e) === "GIT_AUTH_FAILED");
  });
});
