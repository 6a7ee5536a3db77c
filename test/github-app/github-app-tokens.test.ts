import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { guardedFetchForHost } from "../../src/adapters/net/guarded-fetch-for-host.ts";
import { AppError } from "../../src/core/errors.ts";
import { Secret } from "../../src/core/secret.ts";
import type { AppTokenMint } from "../../src/integrations/github/app/app-types.ts";
import { GithubAppTokens } from "../../src/integrations/github/app/github-app-tokens.ts";
import { classifyAppKey } from "../../src/integrations/github/app/classify-app-key.ts";
import { OctokitGithubClient } from "../../src/integrations/github/octokit-github-client.ts";
import { startGithubFake, type GithubFake } from "../github-fake/index.ts";

describe("GitHub App installation tokens against the fake", () => {
  let fake: GithubFake;
  let app: { id: number; slug: string; clientId: string; privateKey: string };
  let target: { apiUrl: string; allowPrivateNetwork: boolean };
  const fetchFor = guardedFetchForHost();

  before(async () => {
    fake = await startGithubFake();
    fake.addUser({ login: "octocat" });
    fake.addUser({ login: "acme", type: "Organization" });
    fake.addUser({ login: "frozen", type: "Organization" });
    await fake.addRepo({ owner: "acme", name: "web", private: true });
    await fake.addRepo({ owner: "acme", name: "secret", private: true });
    await fake.addRepo({ owner: "frozen", name: "ice", private: true });
    app = fake.addApp({ owner: "octocat", name: "Repolink Test" });
    fake.installApp({ appId: app.id, account: "acme", repositories: ["acme/web"] });
    target = { apiUrl: fake.apiUrl, allowPrivateNetwork: true };
  });
  after(() => fake.close());

  const identity = (privateKey = app.privateKey) => ({ appId: String(app.id), privateKey: new Secret(privateKey), installationId: null });

  it("reuses a token while 10 minutes remain and mints a new one after; audits each mint, never the token", async () => {
    let clock = Date.now();
    const mints: AppTokenMint[] = [];
    const tokens = new GithubAppTokens({ fetchFor, now: () => clock, onMint: (m) => void mints.push(m) });
    const installation = await tokens.installationFor(target, identity(), "acme");
    assert.ok(installation);
    const first = await tokens.tokenFor(target, identity(), installation, { repository: "web", contents: "read" });
    const again = await tokens.tokenFor(target, identity(), installation, { repository: "web", contents: "read" });
    assert.equal(again.token.reveal(), first.token.reveal(), "reused, not minted again");
    assert.equal(mints.length, 1);
    assert.deepEqual(mints[0]?.repository, "acme/web");
    assert.doesNotMatch(JSON.stringify(mints), /ghs_/);
    const minted = fake.installationTokens().at(-1)!;
    assert.deepEqual(minted.installation?.repositories, ["acme/web"], "narrowed to the one repository");
    assert.equal(minted.installation?.contents, "read", "narrowed to Contents: read");
    clock += 51 * 60_000; // 9 minutes left of the hour
    const fresh = await tokens.tokenFor(target, identity(), installation, { repository: "web", contents: "read" });
    assert.notEqual(fresh.token.reveal(), first.token.reveal());
    assert.equal(mints.length, 2);
  });

  it("retries a 401 right after minting (replication delay) but not a 401 on an older token", async () => {
    let clock = Date.now();
    const tokens = new GithubAppTokens({ fetchFor, now: () => clock, retryDelayMs: () => 10 });
    const client = new OctokitGithubClient({ fetchFor, retryLimit: 0 });
    const installation = (await tokens.installationFor(target, identity(), "acme"))!;
    fake.appSettings.notReadyFor = 2;
    try {
      const token = await tokens.tokenFor(target, identity(), installation);
      const repo = await tokens.withFreshTokenRetry(token, () => client.getRepository(target, token.token, "acme", "web"));
      assert.equal(repo.fullName, "acme/web");
      fake.appSettings.notReadyFor = 0;
      fake.revokeToken(token.token.reveal());
      clock += 6_000;
      let calls = 0;
      await assert.rejects(
        tokens.withFreshTokenRetry(token, () => (calls++, client.getRepository(target, token.token, "acme", "web"))),
        (e: unknown) => e instanceof AppError && e.code === "GITHUB_TOKEN_REVOKED",
      );
      assert.equal(calls, 1, "an older token's 401 is never retried");
    } finally {
      fake.appSettings.notReadyFor = 0;
    }
  });

  it("corrects clock skew from GitHub's Date header when the JWT is refused", async () => {
    fake.appSettings.skewSeconds = -600; // GitHub's clock 10 minutes behind ours: our iat is in its future
    try {
      const tokens = new GithubAppTokens({ fetchFor });
      const facts = await tokens.app(target, identity());
      assert.equal(facts.slug, app.slug);
      const before = fake.log.length;
      await tokens.app(target, identity());
      assert.equal(fake.log.length - before, 1, "the learnt skew is kept: no second refusal");
    } finally {
      fake.appSettings.skewSeconds = 0;
    }
  });

  it("names a suspended installation and an unselected repository", async () => {
    const tokens = new GithubAppTokens({ fetchFor });
    const frozen = fake.installApp({ appId: app.id, account: "frozen" });
    frozen.suspended = true;
    const found = (await tokens.installationFor(target, identity(), "frozen"))!;
    assert.equal(found.suspended, true);
    await assert.rejects(
      tokens.tokenFor(target, identity(), found),
      (e: unknown) => e instanceof AppError && e.code === "GITHUB_APP_INSTALLATION_SUSPENDED",
    );
    const acme = (await tokens.installationFor(target, identity(), "acme"))!;
    await assert.rejects(
      tokens.tokenFor(target, identity(), acme, { repository: "secret", contents: "read" }),
      (e: unknown) => e instanceof AppError && e.code === "GITHUB_APP_REPOSITORY_NOT_SELECTED",
    );
    assert.equal(await tokens.installationFor(target, identity(), "octocat"), null, "not installed on octocat");
  });

  it("refuses a key GitHub does not know, and accepts both keys during a rotation", async () => {
    const second = fake.addAppKey(app.id);
    const tokens = new GithubAppTokens({ fetchFor });
    assert.equal((await tokens.app(target, identity(second))).slug, app.slug);
    assert.equal((await tokens.app(target, identity())).slug, app.slug);
    const stranger = fake.addApp({ owner: "octocat", name: "Other" }).privateKey;
    await assert.rejects(tokens.app(target, identity(stranger)), (e: unknown) => e instanceof AppError && e.code === "GITHUB_APP_REFUSED");
  });

  it("checks on save that the key is an RSA private key, not a public key or certificate", async () => {
    assert.match(classifyAppKey(app.privateKey).preview, /^RSA key SHA256:/);
    assert.match(classifyAppKey(fake.addAppKey(app.id, "pkcs8")).preview, /^RSA key SHA256:/);
    const { createPublicKey, generateKeyPairSync } = await import("node:crypto");
    const pub = createPublicKey(app.privateKey).export({ format: "pem", type: "spki" }).toString();
    assert.throws(
      () => classifyAppKey(pub),
      (e: unknown) => e instanceof AppError && e.code === "APP_KEY_NOT_PRIVATE",
    );
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    assert.throws(
      () => classifyAppKey(ec),
      (e: unknown) => e instanceof AppError && e.code === "APP_KEY_NOT_RSA",
    );
    assert.throws(
      () => classifyAppKey("not a key"),
      (e: unknown) => e instanceof AppError && e.code === "APP_KEY_INVALID",
    );
  });
});
