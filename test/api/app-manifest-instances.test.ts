import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { credentialCheckerByKind } from "../../src/integrations/credential-checker-by-kind.ts";
import { startGithubFake, type GithubFake } from "../github-fake/index.ts";
import { postManifest } from "../support/post-app-manifest.ts";
import { createTestDatabase, postgresSkip } from "../support/postgres-test-database.ts";
import { storeSnapshot } from "../support/store-snapshot.ts";
import { bootstrapAdmin, startTestServer, type TestServer } from "../support/test-server.ts";

type Form = { postUrl: string; manifest: string; state: string };

/** A server whose credentials are checked at the fake, as a real one's are at GitHub. */
async function startChecking(env: Record<string, string>, dataDir?: string): Promise<TestServer> {
  const server = await startTestServer(env, dataDir);
  server.runtime.deps.checker = credentialCheckerByKind(server.runtime.deps.integrations);
  return server;
}

async function start(server: TestServer, token: string, name: string): Promise<Form> {
  const started = await server.call("POST", "/api/v1/app-manifests", { auth: token, body: { host: "ghe.test", name } });
  assert.equal(started.status, 201, started.text);
  return started.body as unknown as Form;
}

async function finish(server: TestServer, token: string, { state, code }: { state: string; code: string }) {
  return server.call("POST", "/api/v1/app-manifests/conversions", { auth: token, body: { state, code } });
}

async function credentialNames(server: TestServer, token: string): Promise<string[]> {
  const listed = await server.call("GET", "/api/v1/credentials", { auth: token });
  return (listed.body.items as { name: string }[]).map((c) => c.name);
}

function fakeWithAccount(): Promise<GithubFake> {
  return startGithubFake().then((fake) => {
    fake.addUser({ login: "octocat" });
    return fake;
  });
}

describe("App manifest states on two instances of one PostgreSQL database", { skip: postgresSkip }, () => {
  let fake: GithubFake;
  let database: { url: string; drop: () => Promise<void> };
  const servers: TestServer[] = [];
  let token = "";

  before(async () => {
    fake = await fakeWithAccount();
    database = await createTestDatabase("manifest");
    const env = { DATABASE_URL: database.url, REPOLINK_MASTER_KEY: randomBytes(32).toString("hex"), REPOLINK_LOG_LEVEL: "silent" };
    for (const _ of [0, 1]) servers.push(await startChecking(env));
    token = await bootstrapAdmin(servers[0]!);
    const host = await servers[0]!.call("POST", "/api/v1/hosts", {
      auth: token,
      body: { name: "ghe.test", url: fake.url, allowPrivateNetwork: true },
    });
    assert.equal(host.status, 201, host.text);
  });
  after(async () => {
    for (const server of servers) await server.close();
    await fake?.close();
    await database?.drop();
  });

  it("a state issued by one instance is accepted by the other, once: a second use on the first is refused", async () => {
    const [a, b] = [servers[0]!, servers[1]!];
    const answer = await postManifest(await start(a, token, "shared-app"));
    const finished = await finish(b, token, answer);
    assert.equal(finished.status, 201, finished.text);
    assert.equal((finished.body.credential as { name: string }).name, "shared-app");

    const again = await finish(a, token, answer);
    assert.equal(again.status, 400);
    assert.equal(again.body.error?.code, "APP_MANIFEST_STATE_INVALID");
    assert.equal(again.body.error?.field, "state");
    assert.deepEqual(
      (await credentialNames(a, token)).filter((n) => n === "shared-app"),
      ["shared-app"],
    );
  });

  it("of the two instances finishing one state at once, exactly one stores the App", async () => {
    const [a, b] = [servers[0]!, servers[1]!];
    const answer = await postManifest(await start(a, token, "raced-app"));
    const results = await Promise.all([finish(a, token, answer), finish(b, token, answer)]);
    assert.deepEqual(results.map((r) => r.status).sort(), [201, 400], results.map((r) => r.text).join("\n"));
    assert.equal(results.find((r) => r.status === 400)?.body.error?.code, "APP_MANIFEST_STATE_INVALID");
    assert.deepEqual(
      (await credentialNames(b, token)).filter((n) => n === "raced-app"),
      ["raced-app"],
    );
  });
});

describe("App manifest states across a restart (SQLite)", () => {
  let fake: GithubFake;
  let dataDir: string;

  before(async () => {
    fake = await fakeWithAccount();
    dataDir = mkdtempSync(join(tmpdir(), "repolink-manifest-restart-"));
  });
  after(async () => {
    await fake?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("a new runtime on the same data file still accepts an unexpired state (stored only as its hash), once", async () => {
    const env = { REPOLINK_MASTER_KEY: randomBytes(32).toString("hex"), REPOLINK_LOG_LEVEL: "silent" };
    const before = await startChecking(env, dataDir);
    let answer: Awaited<ReturnType<typeof postManifest>>;
    let token: string;
    try {
      token = await bootstrapAdmin(before);
      const host = await before.call("POST", "/api/v1/hosts", {
        auth: token,
        body: { name: "ghe.test", url: fake.url, allowPrivateNetwork: true },
      });
      assert.equal(host.status, 201, host.text);
      answer = await postManifest(await start(before, token, "restart-app"));
    } finally {
      await before.close();
    }
    const stored = JSON.stringify(storeSnapshot(dataDir).app_manifest_states);
    assert.ok(stored.includes(createHash("sha256").update(answer.state).digest("hex")), stored);
    assert.ok(!stored.includes(answer.state), "the state itself is never stored");

    const after = await startChecking(env, dataDir);
    try {
      const finished = await finish(after, token, answer);
      assert.equal(finished.status, 201, finished.text);
      assert.equal((finished.body.credential as { name: string }).name, "restart-app");
      const again = await finish(after, token, answer);
      assert.equal(again.body.error?.code, "APP_MANIFEST_STATE_INVALID");
    } finally {
      await after.close();
    }
  });
});
