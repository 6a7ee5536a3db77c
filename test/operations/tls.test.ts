import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { execFile } from "node:child_process";
import { randomBytes, X509Certificate } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { request as httpsRequest, type RequestOptions } from "node:https";
import { connect as http2Connect, type ClientHttp2Session } from "node:http2";
import { connect as tlsConnect } from "node:tls";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import { startGithubFake, type GithubFake } from "../github-fake/index.ts";
import { cliPath, runCli, startServe } from "../support/run-cli.ts";
import { makeTestCertificate, type TestCertificate } from "../support/test-certificate.ts";

const exec = promisify(execFile);

/** One HTTP/1.1 request over TLS trusting only `ca`; the ALPN protocol the server chose comes back too. */
function getHttp1(url: string, ca: Buffer[]): Promise<{ status: number; headers: Record<string, unknown>; alpn: string | false }> {
  return new Promise((resolve, reject) => {
    const options: RequestOptions & { ALPNProtocols: string[] } = { ca, agent: false, ALPNProtocols: ["http/1.1"] };
    const req = httpsRequest(url, options, (res) => {
      res.resume();
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          alpn: (res.socket as { alpnProtocol?: string | false }).alpnProtocol ?? false,
        }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

/** One GET on an open HTTP/2 session. */
function getHttp2(session: ClientHttp2Session, path: string): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const stream = session.request({ ":path": path });
    stream.on("response", (headers) => {
      stream.resume();
      stream.on("end", () => resolve({ status: Number(headers[":status"]), headers }));
    });
    stream.on("error", reject);
    stream.end();
  });
}

/** The fingerprint of the certificate a new TLS connection to `url` is shown. */
function servedFingerprint(url: string, ca: Buffer[]): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: hostname, port: Number(port), ca, ALPNProtocols: ["h2"] }, () => {
      resolve(socket.getPeerX509Certificate()?.fingerprint256 ?? "");
      socket.end();
    });
    socket.on("error", reject);
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code))));
}

describe("repolink serve with TLS built in", () => {
  const root = mkdtempSync(join(tmpdir(), "repolink-tls-"));
  const dataDir = join(root, "data");
  const home = join(root, "home");
  const env: NodeJS.ProcessEnv = { REPOLINK_MASTER_KEY: randomBytes(32).toString("hex"), REPOLINK_LOG_LEVEL: "warn" };
  let first: TestCertificate;
  let second: TestCertificate;
  let served: { certFile: string; keyFile: string };
  let bundle: string;
  let fake: GithubFake;
  let server: Awaited<ReturnType<typeof startServe>>;

  before(async () => {
    first = makeTestCertificate(root, "first");
    second = makeTestCertificate(root, "second");
    served = { certFile: join(root, "served.crt"), keyFile: join(root, "served.key") };
    copyFileSync(first.certFile, served.certFile);
    copyFileSync(first.keyFile, served.keyFile);
    bundle = join(root, "ca-bundle.pem");
    writeFileSync(bundle, Buffer.concat([first.cert, second.cert]));
    fake = await startGithubFake();
    fake.addUser({ login: "octocat" });
    await fake.addRepo({ owner: "octocat", name: "rocket", private: true, files: { "README.md": "hello\n" } });
    const admin = await runCli(["admin", "create", "--username", "admin", "--password-stdin", "--data-dir", dataDir], {
      env,
      stdin: "team admin password",
    });
    assert.equal(admin.code, 0, admin.stderr);
    server = await startServe(["--data-dir", dataDir, "--tls-cert", served.certFile, "--tls-key", served.keyFile], env);
  });
  after(async () => {
    if (server?.child.exitCode === null) {
      server.child.kill("SIGKILL");
      await exited(server.child);
    }
    await fake?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("answers HTTPS over HTTP/1.1 and HTTP/2 with HSTS", async () => {
    assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    const h1 = await getHttp1(`${server.url}/healthz`, [first.cert]);
    assert.equal(h1.status, 200);
    assert.equal(h1.alpn, "http/1.1");
    assert.match(String(h1.headers["strict-transport-security"]), /max-age=\d+/);
    const session = http2Connect(server.url, { ca: [first.cert] });
    try {
      const h2 = await getHttp2(session, "/healthz");
      assert.equal(h2.status, 200);
      assert.match(String(h2.headers["strict-transport-security"]), /max-age=\d+/);
    } finally {
      session.close();
    }
    await assert.rejects(getHttp1(`${server.url}/healthz`, []), /self-signed|self signed/);
  });

  it("the CLI and git through the credential helper talk to the https:// server, trusting NODE_EXTRA_CA_CERTS", async () => {
    const cli = { HOME: home, REPOLINK_CLI_CONFIG: join(home, "repolink.json"), REPOLINK_CACHE_DIR: join(home, "cache") };
    const untrusted = await runCli(["--json", "login", "--server", server.url, "--username", "admin", "--password-stdin"], {
      env: cli,
      stdin: "team admin password",
    });
    assert.equal(untrusted.code, 1);
    assert.equal((JSON.parse(untrusted.stdout) as { error: { code: string } }).error.code, "SERVER_CERTIFICATE_UNTRUSTED");

    const trusted = { ...cli, NODE_EXTRA_CA_CERTS: bundle };
    const run = async (args: string[], stdin?: string): Promise<string> => {
      const result = await runCli(args, { env: trusted, ...(stdin === undefined ? {} : { stdin }) });
      assert.equal(result.code, 0, `repolink ${args.join(" ")}: ${result.stderr}`);
      return result.stdout;
    };
    await run(["login", "--server", server.url, "--username", "admin", "--password-stdin"], "team admin password");
    await run(["host", "add", "--name", "ghe.test", "--url", fake.url, "--allow-private-network"]);
    const token = fake.addToken({ login: "octocat" });
    await run(
      ["credential", "add", "--name", "bot", "--type", "token", "--username", "octocat", "--secret-stdin", "--host", "ghe.test"],
      token,
    );
    await run(["repo", "add", "--url", `${fake.url}/octocat/rocket.git`, "--credential", "bot"]);
    const pipelineToken = (JSON.parse(await run(["--json", "token", "create", "--name", "runner"])) as { token: string }).token;

    const gitHome = join(root, "pipeline");
    const gitEnv: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: gitHome,
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_TERMINAL_PROMPT: "0",
      NODE_EXTRA_CA_CERTS: bundle,
      REPOLINK_SERVER: server.url,
      REPOLINK_TOKEN: pipelineToken,
      REPOLINK_CLI_CONFIG: join(gitHome, "none.json"),
    };
    const clone = join(gitHome, "rocket");
    await exec(
      "git",
      [
        "-c",
        `credential.helper=!${process.execPath} ${cliPath} git-credential`,
        "-c",
        "credential.useHttpPath=true",
        "clone",
        "--",
        `${fake.url}/octocat/rocket.git`,
        clone,
      ],
      { env: gitEnv },
    );
    assert.equal(readFileSync(join(clone, "README.md"), "utf8"), "hello\n");
  });

  it("reloads the certificate on SIGHUP without dropping an open connection", async () => {
    const ca = [first.cert, second.cert];
    const firstPrint = new X509Certificate(first.cert).fingerprint256;
    const secondPrint = new X509Certificate(second.cert).fingerprint256;
    assert.equal(await servedFingerprint(server.url, ca), firstPrint);
    const session = http2Connect(server.url, { ca });
    try {
      assert.equal((await getHttp2(session, "/healthz")).status, 200);
      // Renewal as certbot does it: new files put in place, then a signal.
      copyFileSync(second.keyFile, `${served.keyFile}.new`);
      copyFileSync(second.certFile, `${served.certFile}.new`);
      renameSync(`${served.keyFile}.new`, served.keyFile);
      renameSync(`${served.certFile}.new`, served.certFile);
      server.child.kill("SIGHUP");
      const deadline = Date.now() + 10_000;
      while ((await servedFingerprint(server.url, ca)) !== secondPrint) {
        assert.ok(Date.now() < deadline, "the new certificate was not served within 10 s of SIGHUP");
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.equal((await getHttp2(session, "/healthz")).status, 200, "the connection opened before SIGHUP still works");
      assert.equal(session.closed, false);
    } finally {
      session.close();
    }
  });

  it("on SIGTERM, answers an HTTP/2 request still in flight, then exits 0", async () => {
    const session = http2Connect(server.url, { ca: [first.cert, second.cert] });
    const body = JSON.stringify({ username: "admin", password: "team admin password", name: "h2" });
    const stream = session.request({ ":method": "POST", ":path": "/api/v1/auth/token", "content-type": "application/json" });
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      let status = 0;
      let text = "";
      stream.on("response", (headers) => (status = Number(headers[":status"])));
      stream.on("data", (chunk: Buffer) => (text += chunk.toString()));
      stream.on("end", () => resolve({ status, text }));
      stream.on("error", reject);
    });
    stream.write(body.slice(0, 10));
    await new Promise((resolve) => setTimeout(resolve, 200));
    server.child.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(server.child.exitCode, null, "exited with a stream in flight");
    stream.end(body.slice(10));
    const { status, text } = await answer;
    assert.equal(status, 201, text);
    assert.equal(await exited(server.child), 0);
    session.destroy();
  });
});

describe("plain HTTP on the network", () => {
  it("is refused without TLS, and served with a loud warning under --insecure-http", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "repolink-plain-"));
    const env = { REPOLINK_MASTER_KEY: randomBytes(32).toString("hex"), REPOLINK_LOG_LEVEL: "warn" };
    try {
      const refused = await runCli(["--json", "serve", "--host", "0.0.0.0", "--port", "0", "--data-dir", dataDir], { env });
      assert.equal(refused.code, 2, refused.stderr);
      const error = (JSON.parse(refused.stdout) as { error: { code: string; field: string } }).error;
      assert.deepEqual([error.code, error.field], ["PLAIN_HTTP_REFUSED", "host"]);
      const halfTls = await runCli(["--json", "serve", "--port", "0", "--data-dir", dataDir, "--tls-cert", "/nonexistent.crt"], { env });
      assert.equal(halfTls.code, 2, halfTls.stderr);
      assert.equal((JSON.parse(halfTls.stdout) as { error: { code: string } }).error.code, "TLS_CONFIG_INCOMPLETE");

      const insecure = await startServe(["--host", "0.0.0.0", "--insecure-http", "--data-dir", dataDir], env);
      assert.match(insecure.url, /^http:\/\//);
      assert.match(insecure.output(), /WARNING: --insecure-http/);
      insecure.child.kill("SIGTERM");
      assert.equal(await exited(insecure.child), 0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
