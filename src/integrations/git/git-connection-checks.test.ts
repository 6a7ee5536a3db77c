import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Credential } from "../../core/credentials/credential.ts";
import type { Host } from "../../core/hosts/host.ts";
import type { GitRemote } from "../../core/ports/git-transport.ts";
import type { CheckSession } from "../../core/ports/integration.ts";
import type { CheckStep } from "../../core/repositories/connection-report.ts";
import type { Repository } from "../../core/repositories/repository.ts";
import { Secret } from "../../core/secret.ts";
import { gitConnectionChecks } from "./git-connection-checks.ts";
import type { PushPermission } from "./probe-push-permission.ts";

const host = { name: "plain", kind: "git", webUrl: "https://git.test", allowPrivateNetwork: false, caBundle: null } as Host;
const credential = { name: "deploy", kind: "token", username: "deploy" } as Credential;
const repository = { id: "r1", name: "team/web", url: "https://git.test/team/web.git", protocol: "https", needs: "push" } as Repository;

function session(transport: CheckStep): CheckSession {
  return {
    host,
    credential,
    apiAuth: null,
    now: () => new Date(),
    limit: (task) => task(),
    transport: async () => ({ step: transport, head: transport.status === "passed" ? "main" : null }),
    gitAuth: () => ({ kind: "token", username: "deploy", token: new Secret("pw") }),
  };
}

const passed: CheckStep = { name: "transport", status: "passed", code: null, message: "ok", remedy: null };
const statuses = (steps: CheckStep[]) => steps.map((s) => `${s.name}:${s.status}`);

async function run(transport: CheckStep, permission: PushPermission, needs: "push" | "pull" = "push") {
  const asked: GitRemote[] = [];
  const checks = gitConnectionChecks(async (remote) => (asked.push(remote), permission));
  const { results } = await checks.run(session(transport), [{ ...repository, needs }]);
  return { result: results[0]!, asked };
}

describe("gitConnectionChecks", () => {
  it("reads the credential step off Git's answer and asks the receive-pack advertisement with git's own auth", async () => {
    const { result, asked } = await run(passed, { outcome: "allowed" });
    assert.deepEqual(statuses(result.steps), ["credential:passed", "transport:passed", "permission:passed"]);
    assert.equal(result.defaultBranch, "main");
    assert.equal(asked[0]?.url, repository.url);
    assert.equal(asked[0]?.auth.kind === "token" && asked[0].auth.username, "deploy");
  });

  it("a refused credential fails the credential step with a remedy, and nothing more is asked", async () => {
    const refused: CheckStep = { name: "transport", status: "failed", code: "GIT_AUTH_FAILED", message: "no", remedy: "GitHub…" };
    const { result, asked } = await run(refused, { outcome: "allowed" });
    assert.deepEqual(statuses(result.steps), ["credential:failed"]);
    assert.equal(result.steps[0]?.code, "GIT_CREDENTIAL_REFUSED");
    assert.match(result.steps[0]?.remedy ?? "", /repolink credential update deploy --secret-stdin/);
    assert.equal(asked.length, 0);
  });

  it("an unreachable server leaves the credential unknown, not accepted", async () => {
    const down: CheckStep = { name: "transport", status: "failed", code: "GIT_UNREACHABLE", message: "down", remedy: "network" };
    const { result } = await run(down, { outcome: "allowed" });
    assert.deepEqual(statuses(result.steps), ["credential:skipped", "transport:failed"]);
  });

  it("a transport not due this health cycle claims nothing about the credential and asks nothing", async () => {
    const notDue: CheckStep = { name: "transport", status: "skipped", code: null, message: "Not run this cycle.", remedy: null };
    const { result, asked } = await run(notDue, { outcome: "allowed" });
    assert.deepEqual(statuses(result.steps), ["credential:skipped", "transport:skipped"]);
    assert.equal(asked.length, 0);
  });

  it("push refused is a warning with a remedy; unknown is skipped; pull needs no probe", async () => {
    const denied = (await run(passed, { outcome: "denied", status: 403 })).result.steps[2];
    assert.equal(denied?.status, "warning");
    assert.equal(denied?.code, "PERMISSION_READ_ONLY");
    assert.match(denied?.remedy ?? "", /change what the repository needs to pull \(read only\)/);
    assert.equal((await run(passed, { outcome: "unknown", reason: "SSH." })).result.steps[2]?.status, "skipped");
    const pull = await run(passed, { outcome: "denied", status: 403 }, "pull");
    assert.equal(pull.result.steps[2]?.status, "passed");
    assert.equal(pull.asked.length, 0);
  });
});
