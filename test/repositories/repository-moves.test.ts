import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startGithubFake, type GithubFake } from "../github-fake/index.ts";
import type { FakeRepo } from "../github-fake/state.ts";
import { startCliWorld, type CliWorld } from "../support/cli-world.ts";

type Shown = {
  id: string;
  name: string;
  url: string;
  status: string;
  reasonCode: string | null;
  message: string | null;
  defaultBranch: string | null;
  hostDefaultBranch: string | null;
  movedTo: { path: string; url: string } | null;
};
type Outcome = { repository: Shown; check: { status: string; reasonCode: string | null; steps: { name: string; status: string }[] } };

describe("repositories that move on GitHub (rename, transfer, default branch, archive) through the CLI", () => {
  let world: CliWorld;
  let fake: GithubFake;
  let frozen: FakeRepo;
  const cli = (args: string[], stdin?: string) => world.cli(args, stdin);
  const json = <T>(args: string[], code = 0) => world.json<T>(args, code);
  const show = (name: string) => json<Shown>(["repo", "show", name]);
  const add = async (fullName: string, ...extra: string[]) =>
    json<Outcome>(["repo", "add", "--url", `${fake.url}/${fullName}.git`, "--credential", "bot", ...extra]);
  const healthCycle = async () => assert.equal((await cli(["health", "run", "--wait"])).code, 0);

  before(async () => {
    fake = await startGithubFake();
    fake.addUser({ login: "octocat" });
    fake.addUser({ login: "acme", type: "Organization", members: { octocat: "admin" } });
    for (const name of ["app", "lib", "one", "gone"]) await fake.addRepo({ owner: "octocat", name, private: true });
    await fake.addRepo({ owner: "octocat", name: "branches", private: true, branches: ["dev", "trunk"] });
    frozen = await fake.addRepo({ owner: "octocat", name: "frozen", private: true });
    const token = fake.addToken({ login: "octocat" });
    world = await startCliWorld("moves");
    assert.equal((await cli(["host", "add", "--name", "ghe.test", "--url", fake.url, "--allow-private-network"])).code, 0);
    const credential = [
      "credential",
      "add",
      "--name",
      "bot",
      "--host",
      "ghe.test",
      "--username",
      "octocat",
      "--secret-stdin",
      "--no-validate",
    ];
    assert.equal((await cli(credential, `${token}\n`)).code, 0);
  });
  after(async () => {
    await world?.stop();
    await fake?.close();
  });

  it("a rename is found by the connection check and adopted with --follow-move: same record, history kept, audited", async () => {
    const registered = await add("octocat/app");
    assert.equal(registered.check.status, "connected");
    await fake.moveRepo("octocat/app", { name: "application" });

    const checked = await json<Outcome>(["repo", "validate", "octocat/app"]);
    assert.equal(checked.check.status, "degraded");
    assert.equal(checked.check.reasonCode, "REPO_MOVED");
    assert.match(checked.repository.message ?? "", /octocat\/app was renamed or transferred: GitHub now calls it octocat\/application/);
    assert.deepEqual(checked.repository.movedTo, { path: "octocat/application", url: `${fake.url}/octocat/application.git` });
    assert.deepEqual(checked.check.steps.find((s) => s.name === "transport")?.status, "skipped");
    const human = await cli(["repo", "show", "octocat/app"]);
    assert.match(human.stdout, /moved to: +octocat\/application .*repolink repo update octocat\/app --follow-move/);

    const followed = await json<Outcome>(["repo", "update", "octocat/app", "--follow-move"]);
    assert.equal(followed.repository.id, registered.repository.id);
    assert.equal(followed.repository.name, "octocat/application");
    assert.equal(followed.repository.url, `${fake.url}/octocat/application.git`);
    assert.equal(followed.repository.movedTo, null);
    assert.equal(followed.check.status, "connected", JSON.stringify(followed.check));
    const audit = await json<{ action: string; targetId: string; detail: Record<string, { name: string }> }[]>([
      "audit",
      "list",
      "--limit",
      "50",
    ]);
    const move = audit.find((e) => e.action === "repository.follow_move");
    assert.equal(move?.targetId, registered.repository.id);
    assert.deepEqual([move?.detail.from?.name, move?.detail.to?.name], ["octocat/app", "octocat/application"]);
    const checks = audit.filter((e) => e.action === "repository.check" && e.targetId === registered.repository.id);
    assert.equal(checks.length, 3, "the checks before and after the move belong to one record");
  });

  it("a transfer is found by the health cycle (GraphQL) and adopted; following again is refused", async () => {
    await add("octocat/lib");
    await fake.moveRepo("octocat/lib", { owner: "acme" });
    await healthCycle();
    const moved = await show("octocat/lib");
    assert.deepEqual([moved.status, moved.reasonCode], ["degraded", "REPO_MOVED"]);
    assert.deepEqual(moved.movedTo, { path: "acme/lib", url: `${fake.url}/acme/lib.git` });

    const followed = await json<Outcome>(["repo", "update", "octocat/lib", "--follow-move"]);
    assert.deepEqual([followed.repository.name, followed.check.status], ["acme/lib", "connected"]);
    const again = await cli(["--json", "repo", "update", "acme/lib", "--follow-move"]);
    assert.equal(again.code, 1, again.stderr);
    assert.equal((JSON.parse(again.stdout) as { error: { code: string } }).error.code, "REPOSITORY_NOT_MOVED");
    const nothing = await cli(["repo", "update", "acme/lib"]);
    assert.equal(nothing.code, 2);
    assert.match(nothing.stderr + nothing.stdout, /--follow-move/);
  });

  it("refuses to follow a move onto a path registered already, and fails a name another repository took (REPO_REPLACED)", async () => {
    await add("octocat/one");
    await fake.moveRepo("octocat/one", { name: "uno" });
    await add("octocat/uno");
    await json<Outcome>(["repo", "validate", "octocat/one"]);
    const clash = await cli(["--json", "repo", "update", "octocat/one", "--follow-move"]);
    assert.equal(clash.code, 1, clash.stderr);
    const error = (JSON.parse(clash.stdout) as { error: { code: string; message: string } }).error;
    assert.equal(error.code, "REPOSITORY_ALREADY_REGISTERED");
    assert.match(error.message, /registered already as octocat\/uno/);
    assert.equal((await show("octocat/one")).url, `${fake.url}/octocat/one.git`, "nothing changed");

    await add("octocat/gone");
    await fake.moveRepo("octocat/gone", { name: "went-away" });
    await fake.addRepo({ owner: "octocat", name: "gone", private: true });
    const replaced = await json<Outcome>(["repo", "validate", "octocat/gone"], 4);
    assert.deepEqual([replaced.check.status, replaced.check.reasonCode], ["failing", "REPO_REPLACED"]);
  });

  it("a new default branch is stored apart and reported, never overwriting the branch in use; archived + push is degraded", async () => {
    await add("octocat/branches", "--branch", "dev");
    await add("octocat/frozen");
    await fake.setDefaultBranch("octocat/branches", "trunk");
    frozen.archived = true;
    await healthCycle();
    const branches = await show("octocat/branches");
    assert.deepEqual([branches.defaultBranch, branches.hostDefaultBranch, branches.status], ["dev", "trunk", "connected"]);
    assert.match((await cli(["repo", "show", "octocat/branches"])).stdout, /branch: dev +\(the host's default: trunk\)/);
    const archived = await show("octocat/frozen");
    assert.deepEqual([archived.status, archived.reasonCode], ["degraded", "REPO_ARCHIVED"]);
  });
});
