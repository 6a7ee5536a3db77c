import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { Agent, request, type ClientRequest } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { runCli, startServe } from "../support/run-cli.ts";

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code))));
}

/** Starts a POST whose body arrives only when `finish` is called: a request in flight for as long as the test wants. */
function slowPost(url: string, body: string): { finish: () => void; answer: Promise<{ status: number; text: string }> } {
  let req: ClientRequest | undefined;
  const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
    req = request(
      url,
      { method: "POST", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
      (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on("error", reject);
    req.write(body.slice(0, 10));
  });
  return { finish: () => req!.end(body.slice(10)), answer };
}

async function refusesNewConnections(url: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const refused = await fetch(`${url}/healthz`).then(
      () => false,
      (error: { cause?: { code?: string } }) => error.cause?.code === "ECONNREFUSED",
    );
    if (refused) return;
    assert.ok(Date.now() < deadline, "still accepting connections 10 s after SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("graceful restarts: SIGTERM drains the requests in flight", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "repolink-drain-"));
  const env = { REPOLINK_MASTER_KEY: randomBytes(32).toString("hex"), REPOLINK_LOG_LEVEL: "warn" };
  const login = JSON.stringify({ username: "admin", password: "drain admin password", name: "slow" });

  before(async () => {
    const admin = await runCli(["admin", "create", "--username", "admin", "--password-stdin", "--data-dir", dataDir], {
      env,
      stdin: "drain admin password",
    });
    assert.equal(admin.code, 0, admin.stderr);
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it("stops accepting, answers the slow request it was reading, closes idle keep-alive connections and exits 0", async () => {
    const server = await startServe(["--data-dir", dataDir], env);
    const idle = new Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) =>
      request(`${server.url}/healthz`, { agent: idle }, (res) => res.resume().on("end", resolve))
        .on("error", reject)
        .end(),
    );
    const slow = slowPost(`${server.url}/api/v1/auth/token`, login);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const stoppedAt = Date.now();
    server.child.kill("SIGTERM");
    await refusesNewConnections(server.url);
    assert.equal(server.child.exitCode, null, "exited with a request in flight");
    slow.finish();
    const answer = await slow.answer;
    assert.equal(answer.status, 201, answer.text);
    assert.match((JSON.parse(answer.text) as { token: string }).token, /^rlk_/);
    assert.equal(await exited(server.child), 0);
    assert.ok(Date.now() - stoppedAt < 10_000, "an idle keep-alive connection held the shutdown up");
    idle.destroy();
  });

  it("answers a request that arrives on a connection accepted just before SIGTERM (a proxy's request on its way)", async () => {
    const server = await startServe(["--data-dir", dataDir], env);
    const { hostname, port } = new URL(server.url);
    const socket = connect(Number(port), hostname);
    await new Promise((resolve) => socket.once("connect", resolve));
    let reply = "";
    socket.on("data", (chunk: Buffer) => (reply += chunk.toString()));
    const ended = new Promise((resolve) => socket.once("close", resolve));
    await new Promise((resolve) => setTimeout(resolve, 200));
    server.child.kill("SIGTERM");
    await refusesNewConnections(server.url);
    socket.write(`GET /healthz HTTP/1.1\r\nHost: ${hostname}\r\n\r\n`);
    await ended;
    assert.match(reply, /^HTTP\/1\.1 200 /);
    assert.equal(await exited(server.child), 0);
  });

  it("cuts off what is still running at the deadline and exits 1", async () => {
    const server = await startServe(["--data-dir", dataDir], { ...env, REPOLINK_SHUTDOWN_TIMEOUT_SECONDS: "1" });
    const stuck = slowPost(`${server.url}/api/v1/auth/token`, login);
    const outcome = stuck.answer.then(
      () => "answered",
      (error: Error) => error.message,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    server.child.kill("SIGTERM");
    assert.equal(await exited(server.child), 1);
    assert.match(await outcome, /socket hang up|ECONNRESET/);
  });
});
