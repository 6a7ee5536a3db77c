import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { nginxMissing, processesOfGroup, startNginx, stopNginx } from "../support/run-nginx.ts";
import { freePort } from "../support/via-proxy.ts";
import { until as untilHolds } from "../support/until.ts";

const until = (what: string, probe: () => boolean | Promise<boolean>, deadlineMs = 30_000) =>
  untilHolds(what, probe, { deadlineMs, everyMs: 50 });

/** A keep-alive connection that has had one answer and stays open (nginx keeps it 75 s by default). */
async function idleConnection(port: number): Promise<Socket> {
  const socket = connect(port, "127.0.0.1");
  let answer = "";
  socket.on("data", (chunk: Buffer) => (answer += chunk.toString()));
  socket.on("error", () => undefined);
  socket.write("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n");
  await until("nginx answered", () => answer.includes("\r\n\r\nok"));
  return socket;
}

// The proxy tests' support: stopping nginx must leave none of its processes behind (a stray
// `nginx: worker process` used to outlive the rolling-restart test, whose master got SIGKILL).
describe("stopNginx: no process of the nginx it stops survives", { skip: nginxMissing() }, () => {
  const roots: string[] = [];
  const sockets: Socket[] = [];
  after(() => {
    for (const socket of sockets) socket.destroy();
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });

  async function start() {
    const root = mkdtempSync(join(tmpdir(), "repolink-nginx-stop-"));
    roots.push(root);
    const port = await freePort();
    const nginx = await startNginx(root, `server { listen 127.0.0.1:${port}; location / { return 200 "ok"; } }\n`, port);
    const group = nginx.pid!;
    await until("the worker runs beside the master", () => processesOfGroup(group).length >= 2);
    sockets.push(await idleConnection(port));
    return { nginx, group };
  }

  it("quits gracefully with a keep-alive connection open: master and worker are gone", async () => {
    const { nginx, group } = await start();
    await stopNginx(nginx);
    assert.deepEqual(processesOfGroup(group), []);
    assert.equal(nginx.signalCode, null, "the master exited by itself, not by a kill");
  });

  it("a master killed with SIGKILL leaves its worker orphaned; stopNginx still ends it", async () => {
    const { nginx, group } = await start();
    nginx.kill("SIGKILL");
    await new Promise((resolve) => nginx.once("exit", resolve));
    assert.ok(processesOfGroup(group).length >= 1, "the worker outlives its master: the stray this support used to leave");
    await stopNginx(nginx);
    assert.deepEqual(processesOfGroup(group), []);
  });
});
