import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { atTerminal } from "../support/at-terminal.ts";
import { startLiveServer, type LiveServer } from "../support/live-server.ts";

const prompt = /then press Enter: /;

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
    const result = await atTerminal(["login", "--server", server.url, "--username", "admin", "--password-stdin"], env, {
      when: prompt,
      keys,
    });
    assert.equal(result.code, 0, result.screen);
    assert.match(result.screen, /Enter password \(hidden\), then press Enter: /);
    assert.ok(!result.screen.includes(password), "the password was shown on the terminal");
  });

  it("Ctrl-C gives up with CANCELLED and sends nothing", { timeout: 60_000 }, async () => {
    const result = await atTerminal(
      ["login", "--server", server.url, "--username", "admin", "--password-stdin"],
      { HOME: mkdtempSync(join(tmpdir(), "repolink-prompt-")) },
      { when: prompt, keys: "abc\u0003" },
    );
    assert.doesNotMatch(result.screen, /abc/);
    assert.equal(result.code, 2, result.screen);
    assert.match(result.screen, /\[CANCELLED\]/);
  });
});
