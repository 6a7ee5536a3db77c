import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import { filesContainingCanary, findCanary } from "../support/canary.ts";
import { startPipelineWorld, type PipelineWorld } from "../support/pipeline-world.ts";
import { cliPath } from "../support/run-cli.ts";

const exec = promisify(execFile);

/**
 * Issue 14's access model end to end: one team record per repository (F1), one credential rule
 * (mapping, repository credential, template), and pipeline tokens held to their grant — on the
 * helper, checkout's git access and the Git gateway alike.
 */
describe("access model: team records, per-member mappings and pipeline-token grants (F1)", () => {
  let world: PipelineWorld;
  let host: string;
  let memberToken: string;
  let memberSecret: string;

  /** Sends git's `get` through the API with an API token, as `repolink git-credential get` does. */
  const credentialGet = (token: string, path = "octocat/rocket.git") =>
    world.server.api("POST", "/git-credential/get", { input: `protocol=http\nhost=${host}\npath=${path}\n` }, token);

  /** A plain `git clone` through the credential helper with this API token; the exit code and output. */
  const cloneWith = async (token: string, dir: string): Promise<{ code: number; output: string }> => {
    const env = { ...world.env, REPOLINK_TOKEN: token };
    return exec("git", ["clone", "--", `${world.fake.url}/octocat/rocket.git`, join(world.home, dir)], { env }).then(
      (r) => ({ code: 0, output: r.stderr + r.stdout }),
      (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? 1, output: `${e.stderr ?? ""}${e.stdout ?? ""}` }),
    );
  };

  const newToken = async (body: Record<string, unknown>, token?: string): Promise<string> => {
    const created = await world.server.api("POST", "/tokens", body, token);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return String(created.body.token);
  };

  before(async () => {
    world = await startPipelineWorld();
    host = new URL(world.fake.url).host;
    writeFileSync(
      join(world.home, ".gitconfig"),
      `[credential]\n\thelper = "!${process.execPath} ${cliPath} git-credential"\n\tuseHttpPath = true\n`,
    );
    const password = "a member's long password";
    assert.equal((await world.server.api("POST", "/users", { username: "dev", password, role: "member" })).status, 201);
    const login = await fetch(`${world.server.url}/api/v1/auth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "dev", password, name: "dev-laptop" }),
    });
    assert.equal(login.status, 201);
    memberToken = String(((await login.json()) as { token: string }).token);
    memberSecret = world.fake.addToken({ login: "octocat" });
    const own = await world.server.api(
      "POST",
      "/credentials",
      { name: "dev-own", type: "token", scope: "private", host: "ghe.test", username: "octocat", secret: memberSecret, validate: false },
      memberToken,
    );
    assert.equal(own.status, 201, JSON.stringify(own.body));
  });
  after(async () => world?.close());

  it("F1: a member's duplicate registration is refused, and the pipelines' helper keeps answering with the team credential", async () => {
    const runner = String(world.env.REPOLINK_TOKEN);
    assert.match(String((await credentialGet(runner)).body.answer), new RegExp(`password=${world.token}\\n`));
    // The same repository, written differently (case, .git): one record per host and path.
    const duplicate = await world.server.api(
      "POST",
      "/repositories",
      { url: `${world.fake.url}/OctoCat/Rocket`, credential: "dev-own" },
      memberToken,
    );
    assert.equal(duplicate.status, 409, JSON.stringify(duplicate.body));
    const error = duplicate.body.error as { code: string; message: string };
    assert.equal(error.code, "REPOSITORY_ALREADY_REGISTERED");
    assert.match(error.message, /repolink repo map octocat\/rocket --credential NAME/);
    assert.equal((await world.server.runtime.deps.store.repositories.list()).length, 1, "nothing half-stored");

    const before = await cloneWith(runner, "before-mapping");
    assert.equal(before.code, 0, before.output);
    assert.equal(readFileSync(join(world.home, "before-mapping", "README.md"), "utf8"), "hello\n");

    // What the member does instead: map their own credential. It serves them, and nobody else.
    const mapped = await world.server.api("PUT", "/mappings/octocat%2Frocket", { credential: "dev-own" }, memberToken);
    assert.equal(mapped.status, 200, JSON.stringify(mapped.body));
    assert.match(String((await credentialGet(memberToken)).body.answer), new RegExp(`password=${memberSecret}\\n`));
    const pipeline = await credentialGet(runner);
    assert.match(String(pipeline.body.answer), new RegExp(`password=${world.token}\\n`));
    assert.deepEqual(findCanary(JSON.stringify(pipeline.body), memberSecret), [], "the member's token never reaches the team's pipeline");
    const after = await cloneWith(runner, "after-mapping");
    assert.equal(after.code, 0, after.output);
    assert.deepEqual(filesContainingCanary(world.home, world.token), [], "no stored token in a clone or HOME");
  });

  it("a scoped pipeline token is refused outside its grant: by the helper, by checkout's git access and by the gateway", async () => {
    const elsewhere = await newToken({ name: "other-repos", repos: ["octocat/other-*"], access: "read" });
    const denied = await credentialGet(elsewhere);
    assert.equal(denied.status, 403, JSON.stringify(denied.body));
    const error = denied.body.error as { code: string; message: string };
    assert.equal(error.code, "TOKEN_GRANT_DENIED");
    assert.match(error.message, /"other-repos"/);
    assert.deepEqual(findCanary(JSON.stringify(denied.body), world.token), []);
    const clone = await cloneWith(elsewhere, "outside-grant");
    assert.notEqual(clone.code, 0, "git got no credential outside the grant");
    assert.deepEqual(findCanary(clone.output, world.token), []);

    const reader = await newToken({ name: "reader", repos: ["octocat/rocket"], access: "read" });
    const read = await world.server.api("POST", "/git-access", { repository: "octocat/rocket" }, reader);
    assert.equal(read.status, 200, JSON.stringify(read.body));
    const push = await world.server.api("POST", "/git-access", { repository: "octocat/rocket", access: "push" }, reader);
    assert.equal(push.status, 403, JSON.stringify(push.body));
    assert.equal((push.body.error as { code: string }).code, "TOKEN_GRANT_DENIED");

    const gateway = (service: string, token: string) =>
      fetch(`${world.server.url}/git/ghe.test/octocat/rocket.git/info/refs?service=${service}`, {
        headers: { authorization: `Bearer ${token}` },
      });
    const outside = await gateway("git-upload-pack", elsewhere);
    assert.equal(outside.status, 403);
    assert.match(await outside.text(), /other-repos.*may not read octocat\/rocket/);
    const readOnly = await gateway("git-receive-pack", reader);
    assert.equal(readOnly.status, 403);
    assert.match(await readOnly.text(), /reader.*may not push to octocat\/rocket/);
    const inside = await gateway("git-upload-pack", reader);
    assert.equal(inside.status, 200, await inside.clone().text());
    await inside.arrayBuffer();
    assert.deepEqual(findCanary(world.server.logs.text, world.token), [], "no stored token in the server log");
  });
});
