import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startGithubFake, type GithubFake } from "../github-fake/index.ts";
import { startLiveServer, type LiveServer } from "../support/live-server.ts";
import { postManifest } from "../support/post-app-manifest.ts";

describe("GitHub's App manifest flow through the API", () => {
  let server: LiveServer;
  let fake: GithubFake;
  const names = async () => ((await server.api("GET", "/credentials")).body.items as { name: string }[]).map((c) => c.name);

  before(async () => {
    fake = await startGithubFake();
    fake.addUser({ login: "octocat" });
    fake.addUser({ login: "acme", type: "Organization", members: { octocat: "admin" } });
    server = await startLiveServer();
    const host = await server.api("POST", "/hosts", { name: "ghe.test", url: fake.url, allowPrivateNetwork: true });
    assert.equal(host.status, 201, JSON.stringify(host.body));
  });
  after(async () => {
    await server?.close();
    await fake?.close();
  });

  it("issues a manifest with Repolink's permissions, and stores the App GitHub created once, without its key in the answer", async () => {
    const started = await server.api("POST", "/app-manifests", { host: "ghe.test", name: "acme-app", organization: "acme" });
    assert.equal(started.status, 201, JSON.stringify(started.body));
    const form = started.body as { postUrl: string; manifest: string; state: string };
    assert.ok(form.postUrl.startsWith(`${fake.url}/organizations/acme/settings/apps/new?state=`), form.postUrl);
    const manifest = JSON.parse(form.manifest) as Record<string, unknown>;
    assert.deepEqual(manifest.default_permissions, { contents: "write", metadata: "read" });
    assert.equal(manifest.public, false);
    assert.deepEqual(manifest.hook_attributes, { url: `${server.url}/`, active: false });
    assert.equal(manifest.redirect_url, `${server.url}/connect/github-app/created`);

    const { code, state } = await postManifest(form);
    assert.equal(state, form.state, "GitHub hands the state back unchanged");
    const finished = await server.api("POST", "/app-manifests/conversions", { state, code });
    assert.equal(finished.status, 201, JSON.stringify(finished.body));
    const credential = finished.body.credential as { name: string; type: string; host: string; status: string };
    assert.deepEqual([credential.name, credential.type, credential.host], ["acme-app", "github-app", "ghe.test"]);
    assert.equal(credential.status, "valid", "the App was checked with its new key on save");
    assert.equal(finished.body.appSlug, fake.appsFromManifests().at(-1)?.slug);
    assert.doesNotMatch(JSON.stringify(finished.body), /PRIVATE KEY|MII/, "the key never comes back");

    const again = await server.api("POST", "/app-manifests/conversions", { state, code });
    assert.equal(again.status, 400);
    assert.equal((again.body.error as { code: string }).code, "APP_MANIFEST_STATE_INVALID");
    assert.deepEqual(
      (await names()).filter((n) => n === "acme-app"),
      ["acme-app"],
      "a reused state stores nothing more",
    );
  });

  it("refuses an unknown state before asking GitHub, and stores nothing", async () => {
    const started = await server.api("POST", "/app-manifests", { host: "ghe.test", name: "late-app" });
    assert.equal(started.status, 201, JSON.stringify(started.body));
    const form = started.body as { postUrl: string; manifest: string };
    const { code, state } = await postManifest(form);

    const forged = await server.api("POST", "/app-manifests/conversions", { state: `${state}x`, code });
    assert.equal(forged.status, 400);
    const error = forged.body.error as { code: string; field: string; message: string };
    assert.equal(error.code, "APP_MANIFEST_STATE_INVALID");
    assert.equal(error.field, "state");
    assert.match(error.message, /Start again/);

    const noCode = await server.api("POST", "/app-manifests/conversions", { state, code: "no/such code" });
    assert.equal(noCode.status, 400);
    assert.equal((noCode.body.error as { code: string }).code, "APP_MANIFEST_CODE_INVALID");
    const usedUp = await server.api("POST", "/app-manifests/conversions", { state, code });
    assert.equal((usedUp.body.error as { code: string }).code, "APP_MANIFEST_STATE_INVALID", "a failed try uses the state up too");
    assert.ok(!(await names()).includes("late-app"), "nothing was stored");
    const stillValid = await fetch(`${fake.apiUrl}/app-manifests/${code}/conversions`, { method: "POST" });
    await stillValid.arrayBuffer();
    assert.equal(stillValid.status, 201, "GitHub was never asked: its code is still unused");
  });

  it("refuses to start for a name already taken, naming the field", async () => {
    const taken = await server.api("POST", "/app-manifests", { host: "ghe.test", name: "acme-app" });
    assert.equal(taken.status, 409);
    assert.deepEqual(
      [(taken.body.error as { code: string }).code, (taken.body.error as { field: string }).field],
      ["CREDENTIAL_NAME_TAKEN", "name"],
    );
  });

  it("lets the web UI's forms post to the registered hosts only (Content-Security-Policy form-action)", async () => {
    const page = await fetch(`${server.url}/connect`);
    await page.arrayBuffer();
    const policy = page.headers.get("content-security-policy") ?? "";
    assert.match(policy, new RegExp(`form-action 'self' ${fake.url.replace(/[.]/g, "\\.")}`));
  });
});
