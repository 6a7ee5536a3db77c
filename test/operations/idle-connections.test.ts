import assert from "node:assert/strict";
import { Agent, request } from "node:http";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { startLiveServer, type LiveServer } from "../support/live-server.ts";

/** GET `path` through `agent`; says whether the request went out on a connection opened earlier. */
function get(agent: Agent, url: string): Promise<{ status: number; keepAlive: string; reusedSocket: boolean }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, keepAlive: String(res.headers["keep-alive"]), reusedSocket: req.reusedSocket }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

describe("idle keep-alive connections outlive a proxy's (nginx and load balancers keep theirs 60 s)", () => {
  let server: LiveServer;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  before(async () => {
    server = await startLiveServer();
  });
  after(async () => {
    agent.destroy();
    await server?.close();
  });

  it("announces 65 s and still answers on a connection idle longer than node's default 5 s", async () => {
    const first = await get(agent, `${server.url}/healthz`);
    assert.equal(first.status, 200);
    assert.equal(first.keepAlive, "timeout=65", "the Keep-Alive header tells clients how long an idle connection lives");
    await sleep(6_000);
    const second = await get(agent, `${server.url}/healthz`);
    assert.equal(second.status, 200);
    assert.equal(second.reusedSocket, true, "the idle connection was still open after 6 s");
  });
});
