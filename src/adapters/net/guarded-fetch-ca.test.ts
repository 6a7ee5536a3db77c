import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createGuardedFetch } from "./guarded-fetch.ts";
import { createLoopbackTripwire } from "./create-loopback-tripwire.ts";

const tripwire = createLoopbackTripwire();

describe("createGuardedFetch custom CA bundle", () => {
  let directory: string;
  let certificate: string;
  let server: Server;
  let port: number;
  before(async () => {
    // A throw-away self-signed certificate made at run time; nothing secret is committed.
    directory = mkdtempSync(join(tmpdir(), "repolink-ca-"));
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=ghe.example.test",
        "-addext",
        "subjectAltName=DNS:ghe.example.test,IP:127.0.0.1",
        "-keyout",
        join(directory, "key.pem"),
        "-out",
        join(directory, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    certificate = readFileSync(join(directory, "cert.pem"), "utf8");
    server = createServer({ key: readFileSync(join(directory, "key.pem")), cert: certificate }, (_request, response) =>
      response.end("tls ok"),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it("trusts a server signed by the configured bundle, checking the name while connecting to the checked address", async () => {
    const lookup = async () => [{ address: "127.0.0.1", family: 4 }];
    const fetch = createGuardedFetch({ wrapConnector: tripwire.wrap, allowPrivateNetwork: true, caBundle: certificate, lookup });
    assert.equal(await (await fetch(`https://ghe.example.test:${port}/`)).text(), "tls ok");
    assert.equal(await (await fetch(`https://127.0.0.1:${port}/`)).text(), "tls ok");
  });

  it("reports an untrusted certificate as unreachable", async () => {
    const fetch = createGuardedFetch({ wrapConnector: tripwire.wrap, allowPrivateNetwork: true });
    await assert.rejects(fetch(`https://127.0.0.1:${port}/`), { code: "HOST_UNREACHABLE", message: "Repolink could not reach this host." });
    assert.deepEqual(tripwire.blocked, []);
  });
});
