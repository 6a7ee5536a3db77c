import assert from "node:assert/strict";
import { readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { AppError } from "../../src/core/errors.ts";
import { canaryForms, filesContainingCanary } from "../support/canary.ts";
import { startGitFixture, type GitFixture } from "./git-test-fixture.ts";

const codeOf = (error: unknown): string => (error instanceof AppError ? error.code : `not an AppError: ${String(error)}`);

describe("GitCliTransport: mirror, checkout and push", () => {
  let fx: GitFixture;
  let mirror: string;
  let copy: string;
  before(async () => {
    fx = await startGitFixture();
    mirror = join(fx.dir, "mirrors", "octocat-secret.git");
    copy = join(fx.dir, "copy");
  });
  after(() => fx.close());

  it("makes a working copy through the mirror whose origin is the clean URL", async () => {
    const result = await fx.transport.checkout(fx.remote(fx.tokens.write), mirror, copy);
    assert.equal(result.ref, "refs/heads/main");
    assert.equal(result.updated, false);
    assert.equal(await readFile(join(copy, "src/a.txt"), "utf8"), "a\n");
    assert.equal((await fx.git(["config", "--get", "remote.origin.url"], copy)).trim(), fx.repoUrl);
    assert.equal((await fx.git(["rev-parse", "--abbrev-ref", "main@{upstream}"], copy)).trim(), "origin/main");
    assert.equal((await fx.git(["rev-parse", "--is-bare-repository"], mirror)).trim(), "true");
  });

  it("updates the existing working copy from the mirror without fetching when nothing changed", async () => {
    const before = fx.fake.counters.git;
    const sync = await fx.transport.syncMirror(fx.remote(fx.tokens.write), mirror);
    assert.equal(sync.fetched, false);
    assert.ok(fx.fake.counters.git - before <= 2, "only the ref advertisement (info/refs + ls-refs) was requested");
    const result = await fx.transport.checkout(fx.remote(fx.tokens.write), mirror, copy, "dev");
    assert.equal(result.updated, true);
    assert.equal(result.ref, "refs/heads/dev");
  });

  it("pushes a new commit with a write token, and a later checkout sees it", async () => {
    await fx.transport.checkout(fx.remote(fx.tokens.write), mirror, copy, "main");
    await writeFile(join(copy, "new.txt"), "new\n");
    await fx.git(["add", "new.txt"], copy);
    await fx.git(["commit", "--quiet", "-m", "Add new.txt"], copy);
    await fx.transport.push(fx.remote(fx.tokens.write), copy, "HEAD:refs/heads/topic");
    const other = join(fx.dir, "other");
    const result = await fx.transport.checkout(fx.remote(fx.tokens.read), mirror, other, "topic");
    assert.equal(await readFile(join(other, "new.txt"), "utf8"), "new\n");
    assert.equal(result.sha, (await fx.git(["rev-parse", "HEAD"], copy)).trim());
    assert.equal((await fx.git(["rev-parse", "refs/remotes/origin/topic"], copy)).trim(), result.sha);
  });

  it("refuses a push with a read-only token as GIT_PUSH_DENIED with a clear message", async () => {
    const error = await fx.transport.push(fx.remote(fx.tokens.read), copy, "HEAD:refs/heads/denied").catch((e: unknown) => e);
    assert.equal(codeOf(error), "GIT_PUSH_DENIED");
    assert.match((error as Error).message, /no write access/);
  });

  it("rejects refs and refspecs that could be read as options (SECURITY 18)", async () => {
    for (const ref of ["--upload-pack=x", "-b", "a..b", "x\ny"]) {
      assert.equal(
        codeOf(await fx.transport.checkout(fx.remote(fx.tokens.read), mirror, copy, ref).catch((e: unknown) => e)),
        "GIT_REF_INVALID",
        ref,
      );
      assert.equal(
        codeOf(await fx.transport.push(fx.remote(fx.tokens.write), copy, `HEAD:${ref}`).catch((e: unknown) => e)),
        "GIT_REF_INVALID",
        ref,
      );
    }
  });

  it("checks out a tag or a commit detached, and refuses a branch that diverged locally", async () => {
    const sha = (await fx.git(["rev-parse", "main"], copy)).trim();
    const detached = await fx.transport.checkout(fx.remote(fx.tokens.read), mirror, copy, sha.slice(0, 12), { refreshMirror: false });
    assert.equal(detached.sha, sha);
    await fx.git(["checkout", "--quiet", "-B", "dev", "origin/dev"], copy);
    await fx.git(["commit", "--quiet", "--allow-empty", "-m", "local only"], copy);
    const error = await fx.transport
      .checkout(fx.remote(fx.tokens.read), mirror, copy, "dev", { refreshMirror: false })
      .catch((e: unknown) => e);
    assert.equal(codeOf(error), "GIT_WORKTREE_DIVERGED");
  });

  it("leaves no token in .git/config, FETCH_HEAD, packed-refs, reflogs, temp dirs or logs (SECURITY 11, 12)", async () => {
    for (const token of Object.values(fx.tokens)) {
      const basic = Buffer.from(`x-access-token:${token}`).toString("base64");
      for (const root of [copy, join(fx.dir, "other"), mirror, fx.workDir]) {
        assert.deepEqual(filesContainingCanary(root, token), [], root);
        assert.deepEqual(filesContainingCanary(root, basic), [], root);
      }
      assert.ok(
        canaryForms(token).every((form) => !fx.logs.text.includes(form)),
        "logs",
      );
    }
    assert.doesNotMatch(await readFile(join(copy, ".git", "config"), "utf8"), /@|extraheader|authorization/i);
    assert.deepEqual(await readdir(join(fx.workDir, "tmp")), [], "every temp dir was removed");
  });
});
