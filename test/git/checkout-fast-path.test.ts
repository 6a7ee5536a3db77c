import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { GitCliTransport } from "../../src/adapters/git/git-cli-transport.ts";
import { listRefsOverHttp } from "../../src/adapters/git/list-refs-over-http.ts";
import { AppError } from "../../src/core/errors.ts";
import { isolatedGitEnv, startGitFixture, type GitFixture } from "./git-test-fixture.ts";

const exec = promisify(execFile);
const codeOf = (error: unknown): string => (error instanceof AppError ? error.code : `not an AppError: ${String(error)}`);

// The CLI's transport: it asks HTTPS remotes for their refs in process before touching the mirror.
describe("checkout as the CLI runs it: one question to the remote, fetches only of what moved", () => {
  let fx: GitFixture;
  let transport: GitCliTransport;
  let mirror: string;
  let copy: string;
  let upstream: string;

  // A commit on `branch` of the fake's repository, made through a scratch clone and pushed with the write token.
  const commitUpstream = async (branch: string, file: string): Promise<string> => {
    await fx.git(["-C", upstream, "checkout", "--quiet", "-B", branch, "origin/main"]);
    await writeFile(join(upstream, file), `${file} at ${Date.now()}\n`);
    await fx.git(["-C", upstream, "add", file]);
    await fx.git(["-C", upstream, "commit", "--quiet", "-m", `Change ${file}`]);
    await fx.transport.push(fx.remote(fx.tokens.write), upstream, `HEAD:refs/heads/${branch}`);
    return (await fx.git(["-C", upstream, "rev-parse", "HEAD"])).trim();
  };

  // The product's push refuses deletions; the test deletes as a person would, with the token in git's environment.
  const deleteUpstreamBranch = (branch: string): Promise<unknown> => {
    const header = `Authorization: Basic ${Buffer.from(`x-access-token:${fx.tokens.write}`).toString("base64")}`;
    const env = isolatedGitEnv(fx.dir, { GIT_CONFIG_COUNT: "1", GIT_CONFIG_KEY_0: "http.extraHeader", GIT_CONFIG_VALUE_0: header });
    return exec("git", ["push", "--quiet", "--", fx.repoUrl, `:refs/heads/${branch}`], { env });
  };

  before(async () => {
    fx = await startGitFixture();
    transport = new GitCliTransport({ workDir: join(fx.dir, "cli-work"), listRefs: listRefsOverHttp, defaultTimeoutMs: 30_000 });
    mirror = join(fx.dir, "cli-mirror.git");
    copy = join(fx.dir, "cli-copy");
    upstream = join(fx.dir, "upstream");
    await fx.transport.checkout(fx.remote(fx.tokens.write), join(fx.dir, "scratch-mirror.git"), upstream);
    await fx.git(["-C", upstream, "fetch", "--quiet", "origin"]).catch(() => undefined);
    await transport.checkout(fx.remote(fx.tokens.read), mirror, copy);
  });
  after(() => fx.close());

  it("an up-to-date working copy costs one ref advertisement: no upload-pack, no change to the copy", async () => {
    const head = (await fx.git(["rev-parse", "HEAD"], copy)).trim();
    const before = fx.fake.counters.git;
    const result = await transport.checkout(fx.remote(fx.tokens.read), mirror, copy);
    assert.deepEqual(
      { requests: fx.fake.counters.git - before, sha: result.sha, updated: result.updated },
      { requests: 1, sha: head, updated: true },
    );
  });

  it("one new commit upstream reaches the mirror and the copy; a branch deleted upstream is pruned from both", async () => {
    const sha = await commitUpstream("main", "one-more.txt");
    const result = await transport.checkout(fx.remote(fx.tokens.read), mirror, copy);
    assert.equal(result.sha, sha);
    assert.equal((await fx.git(["rev-parse", "HEAD"], copy)).trim(), sha);
    assert.match(await readFile(join(copy, "one-more.txt"), "utf8"), /one-more\.txt at/);
    assert.equal((await fx.git(["rev-parse", "refs/heads/main"], mirror)).trim(), sha);

    await deleteUpstreamBranch("dev");
    await transport.checkout(fx.remote(fx.tokens.read), mirror, copy);
    assert.equal((await fx.git(["for-each-ref", "refs/heads/dev"], mirror)).trim(), "");
    assert.equal((await fx.git(["for-each-ref", "refs/remotes/origin/dev"], copy)).trim(), "");
  });

  it("a branch that moved upstream while another is checked out is brought to the copy too", async () => {
    const sha = await commitUpstream("side", "side.txt");
    await transport.checkout(fx.remote(fx.tokens.read), mirror, copy);
    assert.equal((await fx.git(["rev-parse", "refs/remotes/origin/side"], copy)).trim(), sha);
  });

  it("asks with the credential and maps the remote's refusal: a revoked token is GIT_AUTH_FAILED", async () => {
    const error = await listRefsOverHttp(fx.remote(fx.tokens.revoked)).catch((e: unknown) => e);
    assert.equal(codeOf(error), "GIT_AUTH_FAILED");
  });

  it("never contacts a private address unless the host allows it (SECURITY: SSRF)", async () => {
    const before = fx.fake.counters.git;
    const error = await transport
      .checkout({ ...fx.remote(fx.tokens.read), allowPrivateNetwork: false }, join(fx.dir, "refused.git"), join(fx.dir, "refused"))
      .catch((e: unknown) => e);
    assert.equal(codeOf(error), "HOST_ADDRESS_REFUSED");
    assert.equal(fx.fake.counters.git, before);
  });
});
