import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { systemActor } from "../../src/core/access/actor.ts";
import { updateCredential } from "../../src/core/credentials/update-credential.ts";
import { runHealthCycle } from "../../src/core/health/run-health-cycle.ts";
import { bootstrapAdmin, createMember, startTestServer, type TestServer } from "../support/test-server.ts";
import { seedHealthRepositories, startHealthFake, type HealthFake } from "./health-world.ts";

// Issue 14: scheduled health skipped repositories without a credential of their own that a URL-prefix template
// serves, and grouped work by the registered credential instead of the one the rule resolves.
describe("scheduled health checks repositories served by URL-prefix templates (issue 14)", () => {
  let world: HealthFake;
  let server: TestServer;
  const status = async () =>
    Object.fromEntries((await server.runtime.deps.store.repositories.list()).map((r) => [r.name.slice(5), r.status]));

  before(async () => {
    world = await startHealthFake(6, 3);
    server = await startTestServer();
    const deps = server.runtime.deps;
    await seedHealthRepositories(deps, world, [2, 2, 2]);
    // r00000–r00001 keep cred-0; r00002–r00005 lose theirs and fall to the templates below.
    for (const r of await deps.store.repositories.list())
      if (r.credentialId !== null && r.name >= "acme/r00002") await deps.store.repositories.update(r.id, { credentialId: null });
    await updateCredential(deps, systemActor, "cred-1", { urlPrefixes: [`${world.fake.url}/acme/`] });
    await updateCredential(deps, systemActor, "cred-2", { urlPrefixes: [`${world.fake.url}/acme/r00005.git`] });
    // A member's private template for r00004 speaks for that member alone: the team's check ignores it.
    const admin = await bootstrapAdmin(server);
    const member = await createMember(server, admin, "mallory");
    const privateTemplate = await server.call("POST", "/api/v1/credentials", {
      auth: member,
      body: {
        name: "mine",
        type: "token",
        scope: "private",
        host: "ghe.test",
        username: "octocat",
        secret: world.fake.addToken({ login: "octocat" }),
        validate: false,
        urlPrefixes: [`${world.fake.url}/acme/r00004`],
      },
    });
    assert.equal(privateTemplate.status, 201, privateTemplate.text);
  });
  after(async () => {
    await server?.close();
    await world?.fake.close();
  });

  it("checks every repository, with its own credential or the longest team template", async () => {
    assert.deepEqual(Object.values(await status()), Array(6).fill("unchecked"));
    const report = await runHealthCycle(server.runtime.deps, { slot: "templates-1" });
    assert.equal(report.repositoriesChecked, 6, JSON.stringify(report));
    assert.equal(report.credentialsChecked, 3, "cred-0 (own), cred-1 (acme/), cred-2 (acme/r00005); not the member's");
    assert.deepEqual(Object.values(await status()), Array(6).fill("connected"));
  });

  it("groups the work by the resolved credential: revoking the template's token fails exactly the repositories it serves", async () => {
    world.fake.revokeToken(world.tokens[1]!);
    const report = await runHealthCycle(server.runtime.deps, { slot: "templates-2" });
    assert.equal(report.repositoriesChecked, 6);
    assert.deepEqual(await status(), {
      r00000: "connected",
      r00001: "connected",
      r00002: "failing",
      r00003: "failing",
      r00004: "failing",
      r00005: "connected",
    });
  });
});
