import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ensureWebBuild } from "../browser/support/ensure-web-build.ts";
import { bootstrapAdmin, startTestServer, type TestServer } from "../support/test-server.ts";

describe("the web UI's Content-Security-Policy: host origins from memory, current after every host change", () => {
  let server: TestServer;
  let token: string;
  let hostReads = 0;
  before(async () => {
    await ensureWebBuild();
    server = await startTestServer();
    token = await bootstrapAdmin(server);
    const hosts = server.runtime.deps.store.hosts;
    const list = hosts.list.bind(hosts);
    hosts.list = async () => {
      hostReads++;
      return list();
    };
  });
  after(async () => server?.close());

  const formAction = async () => {
    const page = await server.app.request("/repositories");
    assert.equal(page.status, 200, "the web UI is built");
    await page.text();
    return /form-action ([^;]*)/.exec(page.headers.get("content-security-policy") ?? "")?.[1] ?? "";
  };
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await server.call(method, `/api/v1${path}`, { auth: token, ...(body === undefined ? {} : { body }) });
    assert.ok(res.status < 300, `${method} ${path}: ${res.text}`);
  };

  it("page loads read the hosts once; adding, changing and removing a host shows in the very next page load", async () => {
    const first = await formAction();
    assert.match(first, /^'self'/);
    const reads = hostReads;
    for (let i = 0; i < 5; i++) assert.equal(await formAction(), first);
    assert.equal(hostReads, reads, "five page loads, no store read");

    await api("POST", "/hosts", { name: "ghe.csp.test", url: "https://ghe.csp.test" });
    assert.match(await formAction(), / https:\/\/ghe\.csp\.test(\s|$)/);
    await api("PATCH", "/hosts/ghe.csp.test", { url: "https://ghe2.csp.test" });
    const changed = await formAction();
    assert.match(changed, / https:\/\/ghe2\.csp\.test(\s|$)/);
    assert.doesNotMatch(changed, /\/\/ghe\.csp\.test/);
    await api("DELETE", "/hosts/ghe.csp.test");
    assert.doesNotMatch(await formAction(), /csp\.test/);
  });
});
