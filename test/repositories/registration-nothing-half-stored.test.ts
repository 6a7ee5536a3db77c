import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { startGithubFake } from "../github-fake/index.ts";
import { bootstrapAdmin, issueToken, startTestServer } from "../support/test-server.ts";

// Issue 14 F5: a registration that answered with an error had stored the repository anyway,
// and the retry got REPOSITORY_NAME_TAKEN.
describe("a registration that answers with an error stores nothing", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "repolink-half-stored-"));
  const rightKey = randomBytes(32).toString("hex");
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it("the check cannot open the credential (sealed store): 503, no repository, and the retry registers it", async () => {
    const fake = await startGithubFake();
    after(() => fake.close());
    fake.addUser({ login: "acme" });
    await fake.addRepo({ owner: "acme", name: "rocket", private: true });
    const repoUrl = `${fake.url}/acme/rocket.git`;
    const first = await startTestServer({ REPOLINK_MASTER_KEY: rightKey }, dataDir);
    const admin = await bootstrapAdmin(first);
    assert.equal(
      (await first.call("POST", "/api/v1/hosts", { auth: admin, body: { name: "ghe.test", url: fake.url, allowPrivateNetwork: true } }))
        .status,
      201,
    );
    const created = await first.call("POST", "/api/v1/credentials", {
      auth: admin,
      body: { name: "bot", type: "token", username: "octo", secret: fake.addToken({ login: "acme" }), host: "ghe.test" },
    });
    assert.equal(created.status, 201, created.text);
    await first.close();

    const sealed = await startTestServer({ REPOLINK_MASTER_KEY: randomBytes(32).toString("hex") }, dataDir);
    const sealedAdmin = await issueToken(sealed, "admin", "correct horse battery");
    const refused = await sealed.call("POST", "/api/v1/repositories", { auth: sealedAdmin, body: { url: repoUrl, credential: "bot" } });
    assert.deepEqual([refused.status, refused.body.error?.code], [503, "STORE_SEALED"], refused.text);
    assert.equal((await sealed.call("GET", "/api/v1/repositories/acme/rocket", { auth: sealedAdmin })).status, 404);
    await sealed.close();

    const again = await startTestServer({ REPOLINK_MASTER_KEY: rightKey }, dataDir);
    const againAdmin = await issueToken(again, "admin", "correct horse battery");
    const registered = await again.call("POST", "/api/v1/repositories", { auth: againAdmin, body: { url: repoUrl, credential: "bot" } });
    assert.equal(registered.status, 201, registered.text);
    await again.close();
  });
});
