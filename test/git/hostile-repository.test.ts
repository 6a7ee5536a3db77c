import assert from "node:assert/strict";
import { chmod, mkdir, readdir, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startGitFixture, type GitFixture } from "./git-test-fixture.ts";

describe("GitCliTransport with a hostile repository (SECURITY 20)", () => {
  let fx: GitFixture;
  let marker: string;
  before(async () => {
    fx = await startGitFixture();
    marker = join(fx.dir, "PWNED");
    const repo = await fx.fake.addRepo({ owner: "octocat", name: "hostile", private: true });
    const work = join(fx.dir, "author");
    await fx.git(["clone", "--quiet", "--", repo.gitDir, work]);
    const touch = `#!/bin/sh\ntouch ${marker}\n`;
    await writeFile(
      join(work, ".gitmodules"),
      `[submodule "evil"]\n\tpath = evil\n\turl = ext::sh -c touch% ${marker}\n[submodule "local"]\n\tpath = local\n\turl = file:///etc\n`,
    );
    await writeFile(join(work, ".gitattributes"), "* filter=evil\n");
    await writeFile(join(work, ".gitconfig"), `[core]\n\thooksPath = .githooks\n`);
    for (const hook of ["hooks/post-checkout", ".githooks/post-checkout", ".githooks/post-merge"]) {
      await mkdir(join(work, hook, ".."), { recursive: true });
      await writeFile(join(work, hook), touch);
      await chmod(join(work, hook), 0o755);
    }
    const head = (await fx.git(["rev-parse", "HEAD"], work)).trim();
    await fx.git(["update-index", "--add", "--cacheinfo", `160000,${head},evil`], work);
    await fx.git(["update-index", "--add", "--cacheinfo", `160000,${head},local`], work);
    await fx.git(["add", "--all"], work);
    await fx.git(["commit", "--quiet", "--no-verify", "-m", "hostile"], work);
    await fx.git(["push", "--quiet", "origin", "HEAD:main"], work);
  });
  after(() => fx.close());

  it("checks it out and updates it without running anything or cloning submodules", async () => {
    const remote = fx.remote(fx.tokens.write, `${fx.fake.url}/octocat/hostile.git`);
    const copy = join(fx.dir, "copy");
    const mirror = join(fx.dir, "mirror.git");
    await fx.transport.checkout(remote, mirror, copy);
    await fx.transport.checkout(remote, mirror, copy, "main");
    assert.ok(existsSync(join(copy, ".githooks", "post-checkout")), "the hook-looking file is plain content");
    assert.ok(!existsSync(marker), "nothing executed");
    assert.deepEqual(await readdir(join(copy, "evil")).catch(() => []), [], "the submodule was not cloned");
    assert.ok(!existsSync(join(copy, ".git", "modules")));
    assert.ok(!existsSync(join(copy, ".git", "hooks")), "no hooks directory (no templates)");
    assert.equal(await fx.git(["config", "--get", "core.hooksPath"], copy).catch(() => "unset"), "unset");
  });
});
