import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { generateTestToken } from "../support/github-tokens.ts";
import { bootstrapAdmin, startTestServer, type TestServer } from "../support/test-server.ts";

// Issue 14, item 5 (SECURITY 39): names with control characters, bidi overrides or lone surrogates are
// refused at input by one check; item 7 (SECURITY 40): a token inside a URL is refused like one in a name;
// item 9: a host's origin is registered once. Every refusal stores nothing and echoes nothing.
describe("names, URLs and host origins (issue 14 items 5, 7, 9)", () => {
  let server: TestServer;
  let admin: string;

  before(async () => {
    server = await startTestServer();
    admin = await bootstrapAdmin(server);
  });
  after(() => server.close());

  const rowCounts = async () => ({
    credentials: (await server.runtime.deps.store.credentials.list()).length,
    webhooks: (await server.runtime.deps.store.webhooks.list()).length,
    repositories: (await server.runtime.deps.store.repositories.list()).length,
    hosts: (await server.runtime.deps.store.hosts.list()).length,
    users: await server.runtime.deps.store.users.count(),
  });

  for (const [label, bad] of [
    ["U+202E (right-to-left override)", "release\u202egpj.exe"],
    ["U+2066 (left-to-right isolate)", "ci\u2066bot"],
    ["ESC (terminal escape)", "bot\u001b[2K"],
    ["a lone surrogate", "bot\ud800"],
  ] as const) {
    it(`refuses ${label} in every name field, without echoing it`, async () => {
      const before = await rowCounts();
      for (const [method, path, body, field] of [
        ["POST", "/api/v1/credentials", { name: bad, type: "token", secret: generateTestToken(), host: "github.com" }, "name"],
        ["POST", "/api/v1/credentials", { name: "ok-name", type: "token", username: bad, secret: generateTestToken() }, "username"],
        ["POST", "/api/v1/hosts", { name: bad, url: "https://ghe-names.example" }, "name"],
        ["POST", "/api/v1/users", { username: bad, password: "a long enough password", role: "member" }, "username"],
        ["POST", "/api/v1/tokens", { name: bad }, "name"],
      ] as const) {
        const answer = await server.call(method, path, { auth: admin, body });
        assert.equal(answer.status, 400, `${path} ${field}: ${answer.text}`);
        assert.equal(answer.body.error?.code, "NAME_UNSAFE_CHARACTERS", `${path} ${field}`);
        assert.equal(answer.body.error?.field, field);
        assert.ok(!answer.text.includes(bad), "the value is not echoed");
      }
      assert.deepEqual(await rowCounts(), before, "nothing was stored");
    });
  }

  it("refuses a token inside a repository, host or webhook URL with SECRET_IN_WRONG_FIELD, never echoing it", async () => {
    const token = generateTestToken();
    for (const [path, body] of [
      ["/api/v1/repositories", { url: `https://x-access-token:${token}@github.com/acme/rocket.git`, credential: "none" }],
      ["/api/v1/repositories", { url: `https://github.com/acme/rocket.git?access_token=${token}`, credential: "none" }],
      ["/api/v1/hosts", { name: "ghe-secret", url: `https://ghe-secret.example/${token}` }],
      ["/api/v1/webhooks", { name: "hook", url: `https://hooks.example/${token}`, secret: "a webhook secret of length" }],
    ] as const) {
      const answer = await server.call("POST", path, { auth: admin, body });
      assert.equal(answer.status, 400, `${path}: ${answer.text}`);
      assert.equal(answer.body.error?.code, "SECRET_IN_WRONG_FIELD", path);
      assert.equal(answer.body.error?.field, "url");
      assert.ok(!answer.text.includes(token), "the token is not echoed");
    }
    const audit = await server.call("GET", "/api/v1/audit?limit=1000", { auth: admin });
    assert.ok(!audit.text.includes(token), "the token is not in the audit log");
  });

  it("registers a host's origin once: a second host at the same origin is refused with HOST_ORIGIN_TAKEN", async () => {
    const first = await server.call("POST", "/api/v1/hosts", { auth: admin, body: { name: "ghe-one", url: "https://ghe.acme.example" } });
    assert.equal(first.status, 201, first.text);
    for (const url of ["https://ghe.acme.example/", "https://GHE.acme.example/other", "http://ghe.acme.example"]) {
      const second = await server.call("POST", "/api/v1/hosts", { auth: admin, body: { name: "ghe-two", url } });
      assert.equal(second.status, 409, `${url}: ${second.text}`);
      assert.equal(second.body.error?.code, "HOST_ORIGIN_TAKEN");
      assert.match(second.body.error?.message ?? "", /ghe-one/);
    }
    const builtIn = await server.call("POST", "/api/v1/hosts", { auth: admin, body: { name: "github-again", url: "https://github.com" } });
    assert.equal(builtIn.body.error?.code, "HOST_ORIGIN_TAKEN", "github.com is registered out of the box");
    const other = await server.call("POST", "/api/v1/hosts", {
      auth: admin,
      body: { name: "ghe-two", url: "https://ghe.acme.example:8443" },
    });
    assert.equal(other.status, 201, "another port is another origin");
  });
});
