import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { cliPath } from "../support/run-cli.ts";
import { startLiveServer, type LiveServer } from "../support/live-server.ts";

/**
 * Runs `repolink …` on a pseudo-terminal (script(1)), as a person at a shell does, and types
 * `keys` once the prompt shows. Returns everything the terminal showed and the exit code.
 */
function atTerminal(args: string[], keys: string, env: NodeJS.ProcessEnv): Promise<{ code: number; screen: string }> {
  const command = [process.execPath, cliPath, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  const child = spawn("script", ["-qec", command, "/dev/null"], { env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "pipe"] });
  let screen = "";
  let typed = false;
  const onOutput = (chunk: Buffer) => {
    screen += chunk.toString();
    if (!typed && /then press Enter: /.test(screen)) {
      typed = true;
      child.stdin.write(keys);
    }
  };
  child.stdout.on("data", onOutput);
  child.stderr.on("data", onOutput);
  // A prompt that never shows (or never ends) fails the test instead of hanging it.
  const giveUp = setTimeout(() => child.kill("SIGKILL"), 30_000);
  return new Promise((resolve) =>
    child.on("close", (code) => {
      clearTimeout(giveUp);
      resolve({ code: code ?? -1, screen });
    }),
  );
}

describe("a secret typed at a terminal is hidden and submitted with Enter", () => {
  let server: LiveServer;
  before(async () => {
    server = await startLiveServer();
  });
  after(async () => server?.close());

  it("repolink login: the password is never shown, Backspace erases, Enter signs in", { timeout: 60_000 }, async () => {
    const home = mkdtempSync(join(tmpdir(), "repolink-prompt-"));
    const env = { HOME: home, REPOLINK_CLI_CONFIG: join(home, "repolink.json") };
    const password = "live server password"; // the admin startLiveServer creates
    // A typo erased with Backspace, then Enter (a terminal sends \r).
    const keys = `${password}x\u007f\r`;
    const result = await atTerminal(["login", "--server", server.url, "--username", "admin", "--password-stdin"], keys, env);
    assert.equal(result.code, 0, result.screen);
    assert.match(result.screen, /Enter password \(hidden\), then press Enter: /);
    assert.ok(!result.screen.includes(password), "the password was shown on the terminal");
  });

  it("Ctrl-C gives up with CANCELLED and sends nothing", { timeout: 60_000 }, async () => {
    const result = await atTerminal(["login", "--server", server.url, "--username", "admin", "--password-stdin"], "abc\u0003", {
      HOME: mkdtempSync(join(tmpdir(), "repolink-prompt-")),
    });
    assert.doesNotMatch(result.screen, /abc/);
    assert.equal(result.code, 2, result.screen);
    assert.match(result.screen, /\[CANCELLED\]/);
  });
});
