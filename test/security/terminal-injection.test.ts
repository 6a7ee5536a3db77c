import assert from "node:assert/strict";
import { escapeForTerminal } from "../../src/core/text/escape-for-terminal.ts";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startLiveServer, type LiveServer } from "../support/live-server.ts";
import { runCli } from "../support/run-cli.ts";

const forged = "eve\u001b[2K\u001b]0;owned\u0007\r\nlogin ok: admin from 10.0.0.1 \u202etxt.exe";

// Issue 14 F3: an anonymous failed login stored its username raw, and `repolink audit list`
// printed a forged line, an erase-line and a title change to the admin's terminal.
describe("stored text never drives the terminal of the person reading it", () => {
  let server: LiveServer;
  let home: string;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    server = await startLiveServer();
    home = mkdtempSync(join(tmpdir(), "repolink-terminal-"));
    env = { HOME: home, REPOLINK_SERVER: server.url, REPOLINK_TOKEN: server.adminToken, REPOLINK_CLI_CONFIG: join(home, "none.json") };
    const attempt = await fetch(`${server.url}/api/v1/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: forged, password: "wrong password" }),
    });
    assert.equal(attempt.status, 401);
  });
  after(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  for (const format of ["human", "json"] as const) {
    it(`repolink audit list (${format}) shows the forged username as inert text`, async () => {
      const listed = await runCli(["audit", "list", "--limit", "20", ...(format === "json" ? ["--json"] : [])], { env });
      assert.equal(listed.code, 0, listed.stderr);
      for (const raw of ["\u001b", "\u0007", "\r", "\u202e"])
        assert.ok(!listed.stdout.includes(raw), `${JSON.stringify(raw)} reached the terminal`);
      assert.ok(!listed.stdout.split("\n").some((line) => line.startsWith("login ok")), "the forged line stands on a line of its own");
      // Usernames are compared in lower case, so the stored value is too; a failed sign-in's username is
      // stored already escaped (issue 14, F3), so the JSON holds the same inert text the table shows.
      if (format === "human") assert.match(listed.stdout, /eve\\x1b\[2k\\x1b\]0;owned\\x07\\x0d\\x0alogin ok/, listed.stdout);
      else
        assert.ok(
          (JSON.parse(listed.stdout) as { targetName?: string }[]).some(
            (event) => event.targetName === escapeForTerminal(forged.toLowerCase().slice(0, 64)),
          ),
          "the JSON holds the escaped value",
        );
    });
  }
});
