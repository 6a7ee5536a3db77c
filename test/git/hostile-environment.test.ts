import assert from "node:assert/strict";
import { chmod, mkdir, readdir, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { canaryForms } from "../support/canary.ts";
import { startGitFixture, type GitFixture } from "./git-test-fixture.ts";

describe("GitCliTransport ignores the parent's git environment (SECURITY 14, 20)", () => {
  let fx: GitFixture;
  let evil: string;
  const saved = { ...process.env };
  before(async () => {
    fx = await startGitFixture();
    evil = join(fx.dir, "evil");
    await mkdir(join(evil, "hooks"), { recursive: true });
    await mkdir(join(evil, "xdg", "git"), { recursive: true });
    const script = `#!/bin/sh\ntouch ${join(evil, "MARKER")}\n`;
    for (const name of ["askpass", "hooks/post-checkout", "hooks/reference-transaction", "ssh", "git-remote-http"]) {
      await writeFile(join(evil, name), script);
      await chmod(join(evil, name), 0o755);
    }
    const hostileConfig =
      `[core]\n\thooksPath = ${join(evil, "hooks")}\n\tsshCommand = ${join(evil, "ssh")}\n` +
      `[http]\n\tproxy = http://127.0.0.1:1\n` +
      `[credential]\n\thelper = !${join(evil, "askpass")}\n`;
    await writeFile(join(evil, "gitconfig"), hostileConfig);
    await writeFile(join(evil, ".gitconfig"), hostileConfig);
    await writeFile(join(evil, "xdg", "git", "config"), hostileConfig);
    Object.assign(process.env, {
      GIT_TRACE: join(evil, "trace"),
      GIT_TRACE_CURL: join(evil, "trace-curl"),
      GIT_TRACE_PACKET: join(evil, "trace-packet"),
      GIT_TRACE2_EVENT: join(evil, "trace2"),
      GIT_CURL_VERBOSE: "1",
      GIT_TRACE_SETUP: "1",
      GIT_SSH_COMMAND: join(evil, "ssh"),
      GIT_ASKPASS: join(evil, "askpass"),
      SSH_ASKPASS: join(evil, "askpass"),
      GIT_CONFIG_GLOBAL: join(evil, "gitconfig"),
      GIT_CONFIG_PARAMETERS: "'http.proxy'='http://127.0.0.1:1'",
      GIT_CONFIG_COUNT: "1",
      GIT_CONFIG_KEY_0: "core.hooksPath",
      GIT_CONFIG_VALUE_0: join(evil, "hooks"),
      GIT_EXEC_PATH: evil,
      HOME: evil,
      XDG_CONFIG_HOME: join(evil, "xdg"),
      GIT_TERMINAL_PROMPT: "1",
    });
  });
  after(async () => {
    process.env = saved;
    await fx.close();
  });

  it("runs ls-remote, checkout and push with no trace, no hook, no helper and no token in the output", async () => {
    await fx.transport.lsRemote(fx.remote(fx.tokens.write));
    const copy = join(fx.dir, "copy");
    await fx.transport.checkout(fx.remote(fx.tokens.write), join(fx.dir, "mirror.git"), copy);
    await fx.git(["commit", "--quiet", "--allow-empty", "-m", "empty"], copy);
    await fx.transport.push(fx.remote(fx.tokens.write), copy, "HEAD:refs/heads/traced");
    await fx.transport.lsRemote(fx.remote(fx.tokens.revoked)).catch(() => undefined);
    const left = await readdir(evil);
    for (const file of ["trace", "trace-curl", "trace-packet", "trace2", "MARKER"])
      assert.ok(!left.includes(file), `${file} must not exist`);
    assert.ok(!existsSync(join(evil, "MARKER")));
    for (const token of [fx.tokens.write, fx.tokens.revoked]) {
      const basic = Buffer.from(`x-access-token:${token}`).toString("base64");
      for (const form of [...canaryForms(token), basic])
        assert.ok(!fx.logs.text.includes(form), "no token form in the debug log of git's stderr");
    }
  });
});
