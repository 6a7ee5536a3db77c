import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { openPayload } from "../../src/core/credentials/open-credential-secret.ts";
import { findCanary } from "../support/canary.ts";
import { startRepositoryWorld, type RepositoryWorld } from "./repository-test-setup.ts";

type RotationRow = {
  repository: string;
  before: { status: string; reasonCode: string | null };
  status: string;
  reasonCode: string | null;
  blocking: boolean;
};

describe("safe rotation: the new secret is checked against every dependent repository first", () => {
  let world: RepositoryWorld;

  before(async () => {
    world = await startRepositoryWorld();
    await world.addCredential(world.admin, "release", world.tokens.valid!);
    for (const name of ["octocat/hello", "octocat/tools"]) {
      const added = await world.addRepository(world.admin, { url: world.url(name), credential: "release" });
      assert.equal(added.status, 201, added.text);
    }
  });
  after(async () => world.close());

  async function storedToken(): Promise<string> {
    const credential = await world.server.runtime.deps.store.credentials.findByName("release", null);
    const payload = await openPayload(world.server.runtime.deps, credential!);
    return payload.kind === "token" ? payload.token : "";
  }

  it("refuses a token that would break one repository: nothing changes, and the report names it and why", async () => {
    // Can see octocat/tools only: octocat/hello would become invisible.
    const narrow = world.fake.addToken({ login: "octocat", fineGrained: { repositories: ["octocat/tools"], contents: "write" } });
    const before = await world.server.runtime.deps.store.credentials.findByName("release", null);
    const response = await world.server.call("PATCH", "/api/v1/credentials/release", {
      auth: world.admin,
      body: { secret: narrow, safe: true },
    });
    assert.equal(response.status, 409, response.text);
    assert.equal(response.body.error?.code, "ROTATION_REFUSED");
    assert.match(String(response.body.error?.message), /octocat\/hello/);
    const rows = (response.body.error as unknown as { details: { repositories: RotationRow[] } }).details.repositories;
    const hello = rows.find((r) => r.repository === "octocat/hello");
    assert.equal(hello?.blocking, true);
    assert.equal(hello?.reasonCode, "REPO_NOT_VISIBLE");
    assert.equal(rows.find((r) => r.repository === "octocat/tools")?.blocking, false);
    const after = await world.server.runtime.deps.store.credentials.findByName("release", null);
    assert.equal(after?.secretVersion, before?.secretVersion, "version unchanged");
    assert.equal(await storedToken(), world.tokens.valid, "secret unchanged");
    for (const name of ["octocat/hello", "octocat/tools"]) {
      assert.equal((await world.server.runtime.deps.store.repositories.findByName(name))?.status, "connected", `${name} status unchanged`);
    }
    assert.deepEqual(findCanary(response.text, narrow), []);
  });

  it("refuses a read-only token where push is needed", async () => {
    const response = await world.server.call("PATCH", "/api/v1/credentials/release", {
      auth: world.admin,
      body: { secret: world.tokens.readOnly, safe: true },
    });
    assert.equal(response.status, 409);
    const rows = (response.body.error as unknown as { details: { repositories: RotationRow[] } }).details.repositories;
    assert.ok(rows.every((r) => r.reasonCode === "PERMISSION_READ_ONLY" && r.blocking));
    assert.equal(await storedToken(), world.tokens.valid);
  });

  it("swaps a token that works everywhere in one step and refreshes every status", async () => {
    const next = world.fake.addToken({ login: "octocat" });
    const response = await world.server.call("PATCH", "/api/v1/credentials/release", {
      auth: world.admin,
      body: { secret: next, safe: true },
    });
    assert.equal(response.status, 200, response.text);
    const rotation = response.body.rotation as { applied: boolean; repositories: RotationRow[] };
    assert.equal(rotation.applied, true);
    assert.deepEqual(rotation.repositories.map((r) => [r.repository, r.status]).sort(), [
      ["octocat/hello", "connected"],
      ["octocat/tools", "connected"],
    ]);
    assert.equal(await storedToken(), next);
    const history = await world.server.call("GET", "/api/v1/repositories/octocat/hello/checks", { auth: world.admin });
    assert.ok(((history.body.items ?? []) as unknown[]).length >= 2, "the rotation's check is in the history");
    const audit = (await world.server.call("GET", "/api/v1/audit?limit=100", { auth: world.admin })).body.items as {
      action: string;
      outcome: string;
    }[];
    const rotations = audit.filter((e) => e.action === "credential.rotate").map((e) => e.outcome);
    assert.deepEqual(rotations.sort(), ["failure", "failure", "success"]);
  });

  it("a plain update marks dependents for re-check at once: no stale status", async () => {
    const response = await world.server.call("PATCH", "/api/v1/credentials/release", {
      auth: world.admin,
      body: { secret: world.tokens.revoked, validate: false },
    });
    assert.equal(response.status, 200, response.text);
    const right = await world.server.runtime.deps.store.repositories.findByName("octocat/hello");
    assert.notEqual(right?.status, "connected", "not left saying connected");
    for (let i = 0; i < 50; i += 1) {
      const repository = await world.server.runtime.deps.store.repositories.findByName("octocat/hello");
      if (repository?.status === "failing") break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const rechecked = await world.server.runtime.deps.store.repositories.findByName("octocat/hello");
    assert.equal(rechecked?.status, "failing");
    assert.equal(rechecked?.reasonCode, "GITHUB_TOKEN_REVOKED");
  });
});

describe("safe rotation compares each repository before and after: only getting worse blocks, and an admin may rotate anyway", () => {
  let world: RepositoryWorld;
  const rows = (body: Record<string, unknown>) =>
    ((body.rotation ?? (body.error as { details?: unknown } | undefined)?.details) as { repositories: RotationRow[] }).repositories;

  before(async () => {
    world = await startRepositoryWorld();
    // A token that cannot see octocat/hello: the repository fails today.
    const blind = world.fake.addToken({ login: "octocat", fineGrained: { repositories: ["octocat/tools"], contents: "write" } });
    await world.addCredential(world.admin, "legacy", blind);
    const added = await world.addRepository(world.admin, { url: world.url("octocat/hello"), credential: "legacy", needs: "push" });
    assert.equal(added.status, 201, added.text);
    assert.equal((await world.server.runtime.deps.store.repositories.findByName("octocat/hello"))?.status, "failing");
  });
  after(async () => world.close());

  it("lets through a token that moves a failing repository to degraded (it gains), showing before → after", async () => {
    const readOnly = world.fake.addToken({ login: "octocat", fineGrained: { repositories: ["octocat/hello"], contents: "read" } });
    const response = await world.server.call("PATCH", "/api/v1/credentials/legacy", {
      auth: world.admin,
      body: { secret: readOnly, safe: true },
    });
    assert.equal(response.status, 200, response.text);
    const [hello] = rows(response.body);
    assert.deepEqual(
      [hello?.before, hello?.status, hello?.reasonCode, hello?.blocking],
      [{ status: "failing", reasonCode: "REPO_NOT_VISIBLE" }, "degraded", "PERMISSION_READ_ONLY", false],
    );
    assert.equal((await world.server.runtime.deps.store.repositories.findByName("octocat/hello"))?.status, "degraded");
  });

  it("refuses a token that makes it worse; a member may not force it; an admin's 'rotate anyway' applies it, audited", async () => {
    const blindAgain = world.fake.addToken({ login: "octocat", fineGrained: { repositories: ["octocat/tools"], contents: "write" } });
    const refused = await world.server.call("PATCH", "/api/v1/credentials/legacy", {
      auth: world.admin,
      body: { secret: blindAgain, safe: true },
    });
    assert.equal(refused.status, 409, refused.text);
    const [hello] = rows(refused.body);
    assert.deepEqual([hello?.before.status, hello?.status, hello?.blocking], ["degraded", "failing", true]);

    await world.addCredential(world.alice, "alice-own", world.tokens.valid!, { scope: "private" });
    const memberForce = await world.server.call("PATCH", "/api/v1/credentials/alice-own", {
      auth: world.alice,
      body: { secret: blindAgain, safe: true, force: true },
    });
    assert.equal(memberForce.status, 403, memberForce.text);
    assert.equal(memberForce.body.error?.code, "FORBIDDEN");

    const forced = await world.server.call("PATCH", "/api/v1/credentials/legacy", {
      auth: world.admin,
      body: { secret: blindAgain, safe: true, force: true },
    });
    assert.equal(forced.status, 200, forced.text);
    assert.equal((await world.server.runtime.deps.store.repositories.findByName("octocat/hello"))?.status, "failing");
    const audit = (await world.server.call("GET", "/api/v1/audit?limit=20", { auth: world.admin })).body.items as {
      action: string;
      outcome: string;
      detail: { forced?: boolean; brokeRepositories?: string[] };
    }[];
    const rotation = audit.find((e) => e.action === "credential.rotate" && e.outcome === "success" && e.detail.forced);
    assert.deepEqual(rotation?.detail.brokeRepositories, ["octocat/hello: REPO_NOT_VISIBLE"]);
  });
});
