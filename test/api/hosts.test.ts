import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { bootstrapAdmin, startTestServer, type TestServer } from "../support/test-server.ts";

type HostView = {
  name: string;
  url: string;
  apiUrl: string;
  graphqlUrl: string;
  sshKnownHosts: string | null;
  allowPrivateNetwork: boolean;
};

describe("hosts", () => {
  let server: TestServer;
  let admin: string;
  before(async () => {
    server = await startTestServer();
    admin = await bootstrapAdmin(server);
  });
  after(async () => server.close());

  it("knows github.com out of the box, with GitHub's SSH host keys pinned", async () => {
    const hosts = (await server.call("GET", "/api/v1/hosts", { auth: admin })).body.items as HostView[];
    const github = hosts.find((h) => h.name === "github.com");
    assert.equal(github?.apiUrl, "https://api.github.com");
    assert.equal(github?.allowPrivateNetwork, false);
    assert.match(github?.sshKnownHosts ?? "", /^github\.com ssh-ed25519 AAAA/m);
    assert.equal(github?.sshKnownHosts?.split("\n").length, 3);
  });

  it("adds a GitHub Enterprise Server with derived API URLs, trimmed of trailing slashes", async () => {
    const created = await server.call("POST", "/api/v1/hosts", {
      auth: admin,
      body: {
        name: "GHE.Example.com",
        url: "https://ghe.example.com/",
        sshKnownHosts: "# pinned\nghe.example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE1xYW1wbGVrZXlleGFtcGxla2V5ZXhhbXBsZWtleQ==\n",
      },
    });
    assert.equal(created.status, 201, created.text);
    const host = created.body.host as HostView;
    assert.deepEqual(
      [host.name, host.url, host.apiUrl, host.graphqlUrl],
      ["ghe.example.com", "https://ghe.example.com", "https://ghe.example.com/api/v3", "https://ghe.example.com/api/graphql"],
    );
    assert.equal(host.sshKnownHosts?.split("\n").length, 1, "comments dropped");
  });

  it("refuses bad host input naming the field, and members", async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ name: "x", url: "ftp://x.example" }, "HOST_URL_INVALID", "url"],
      [{ name: "x", url: "https://user:pw@x.example" }, "HOST_URL_INVALID", "url"],
      [{ name: "-x", url: "https://x.example" }, "HOST_NAME_INVALID", "name"],
      [{ name: "x", url: "https://x.example", caBundle: "not a cert" }, "CA_BUNDLE_INVALID", "caBundle"],
      [{ name: "x", url: "https://x.example", sshKnownHosts: "x.example ssh-dss AAAA" }, "SSH_KNOWN_HOSTS_INVALID", "sshKnownHosts"],
      [{ name: "ghe.example.com", url: "https://x.example" }, "HOST_NAME_TAKEN", "name"],
    ];
    for (const [body, code, field] of cases) {
      const response = await server.call("POST", "/api/v1/hosts", { auth: admin, body });
      assert.equal(response.body.error?.code, code, response.text);
      assert.equal(response.body.error?.field, field);
    }
    const names = ((await server.call("GET", "/api/v1/hosts", { auth: admin })).body.items as HostView[]).map((h) => h.name);
    assert.deepEqual(names.sort(), ["ghe.example.com", "github.com"]);
  });
});
