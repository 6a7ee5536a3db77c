import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { findCanary } from "../support/canary.ts";
import { startPipelineWorld, type PipelineWorld } from "../support/pipeline-world.ts";

/**
 * Issue 14's findings F2 and F6 and two hardening items, each reproduced as the red team did it against a real
 * server: private registrations that could be probed (F2), names chosen freely (F6), a private credential
 * shadowing a global one, and a global token's plaintext handed to any member by the helper.
 */
describe("red team findings F2, F6 and hardening items (issue 14)", () => {
  let world: PipelineWorld;
  let member: string;
  let host: string;

  before(async () => {
    world = await startPipelineWorld();
    host = new URL(world.fake.url).host;
    const password = "a member's long password";
    assert.equal((await world.server.api("POST", "/users", { username: "eve", password, role: "member" })).status, 201);
    const login = await world.server.api("POST", "/auth/token", { username: "eve", password, name: "eve-laptop" }, "");
    assert.equal(login.status, 201, JSON.stringify(login.body));
    member = String(login.body.token);
  });
  after(async () => world?.close());

  const repositoryCount = async () => (await world.server.runtime.deps.store.repositories.list()).length;

  it("F2: a registration answers every caller alike, so nothing private can be probed; every member sees it", async () => {
    const url = `${world.fake.url}/octocat/rocket.git`;
    const asAdmin = await world.server.api("POST", "/repositories", { url, credential: "bot" });
    const asMember = await world.server.api("POST", "/repositories", { url, credential: "bot" }, member);
    assert.deepEqual(
      [asMember.status, (asMember.body.error as { code: string }).code],
      [asAdmin.status, (asAdmin.body.error as { code: string }).code],
    );
    assert.deepEqual([asAdmin.status, (asAdmin.body.error as { code: string }).code], [409, "REPOSITORY_ALREADY_REGISTERED"]);
    const seen = await world.server.api("GET", "/repositories/octocat%2Frocket", undefined, member);
    assert.equal(seen.status, 200, "the member sees the team's registration");
    const listed = await world.server.api("GET", "/repositories", undefined, member);
    assert.deepEqual(
      (listed.body.items as { name: string }[]).map((r) => r.name),
      ["octocat/rocket"],
    );
  });

  it("F6: a name that is not the URL's path is refused, so nobody can squat another repository's name", async () => {
    const before = await repositoryCount();
    const squat = await world.server.api(
      "POST",
      "/repositories",
      { url: `${world.fake.url}/octocat/unregistered.git`, name: "acme/rocket", credential: "bot" },
      member,
    );
    assert.deepEqual([squat.status, (squat.body.error as { code: string; field: string }).code], [400, "REPOSITORY_NAME_INVALID"]);
    assert.equal(await repositoryCount(), before, "nothing stored");
    const real = await world.server.api("POST", "/repositories", { url: `${world.fake.url}/octocat/unregistered.git`, credential: "bot" });
    assert.equal(real.status, 201, JSON.stringify(real.body));
    assert.equal((real.body.repository as { name: string }).name, "octocat/unregistered", "the name is the path");
  });

  it("a member's private credential cannot take a global credential's name, nor a global one a private name", async () => {
    const secret = world.fake.addToken({ login: "octocat" });
    const shadow = await world.server.api(
      "POST",
      "/credentials",
      { name: "bot", type: "token", scope: "private", host: "ghe.test", username: "octocat", secret, validate: false },
      member,
    );
    assert.deepEqual([shadow.status, (shadow.body.error as { code: string }).code], [409, "CREDENTIAL_NAME_TAKEN"]);
    assert.deepEqual(findCanary(JSON.stringify(shadow.body), secret), [], "the refused secret is not echoed");
    const own = await world.server.api(
      "POST",
      "/credentials",
      { name: "eve-own", type: "token", scope: "private", host: "ghe.test", username: "octocat", secret, validate: false },
      member,
    );
    assert.equal(own.status, 201, JSON.stringify(own.body));
    const clash = await world.server.api("POST", "/credentials", {
      name: "eve-own",
      type: "token",
      host: "ghe.test",
      username: "octocat",
      secret: world.fake.addToken({ login: "octocat" }),
      validate: false,
    });
    assert.deepEqual([clash.status, (clash.body.error as { code: string }).code], [409, "CREDENTIAL_NAME_TAKEN"]);
    const shown = await world.server.api("GET", "/credentials/bot", undefined, member);
    assert.equal((shown.body.credential as { scope: string }).scope, "global", "`bot` still names the team's credential for the member");
  });

  it("a global credential released gateway-only never reaches a member through the helper", async () => {
    const get = () =>
      world.server.api("POST", "/git-credential/get", { input: `protocol=http\nhost=${host}\npath=octocat/rocket.git\n` }, member);
    assert.match(String((await get()).body.answer), new RegExp(`password=${world.token}\\n`), "released to the helper by default");
    assert.equal((await world.server.api("PATCH", "/credentials/bot", { release: "gateway-only", validate: false })).status, 200);
    const refused = await get();
    assert.equal((refused.body.error as { code: string } | undefined)?.code, "CREDENTIAL_GATEWAY_ONLY", JSON.stringify(refused.body));
    assert.deepEqual(findCanary(JSON.stringify(refused.body), world.token), [], "the plaintext is not in the answer");
    assert.equal((await world.server.api("PATCH", "/credentials/bot", { release: "helper", validate: false })).status, 200);
  });
});
