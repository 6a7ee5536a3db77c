import assert from "node:assert/strict";
import { execFile, execFileSync, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { answerLsRefs, parseLsRefsRequest } from "../../src/adapters/git/gateway/ls-refs-from-memory.ts";
import type { MirrorRef } from "../../src/adapters/git/sync-mirror.ts";
import { commitUpstream, mirrorOf, startGatewayWorld, type GatewayWorld } from "./gateway-world.ts";

const pkt = (text: string): string => `${(Buffer.byteLength(text) + 4).toString(16).padStart(4, "0")}${text}`;

/** A v2 ls-refs request as git sends it: the command and capabilities, a delimiter, the arguments, a flush. */
const lsRefsRequest = (args: string[]): Buffer => {
  const capabilities = ["command=ls-refs", "agent=git/2.39.5", "object-format=sha1"];
  const lines = (texts: string[]) => texts.map((text) => pkt(`${text}\n`)).join("");
  return Buffer.from(`${lines(capabilities)}0001${lines(args)}0000`);
};

/** What git's own `upload-pack --stateless-rpc` answers to `body` for the repository in `gitDir`. */
function gitAnswer(gitDir: string, body: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const env = { PATH: process.env.PATH, HOME: gitDir, GIT_CONFIG_NOSYSTEM: "1", GIT_PROTOCOL: "version=2" };
    const child = spawn("git", ["upload-pack", "--stateless-rpc", "--", gitDir], { env, stdio: ["pipe", "pipe", "ignore"] });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(Buffer.concat(chunks)) : reject(new Error(`upload-pack exited ${code}`))));
    child.stdin.end(body);
  });
}

function gitIn(dir: string, args: string[]): Promise<string> {
  const env = {
    PATH: process.env.PATH,
    GIT_CONFIG_NOSYSTEM: "1",
    HOME: dir,
    GIT_COMMITTER_NAME: "T",
    GIT_COMMITTER_EMAIL: "t@example.test",
  };
  return new Promise((resolve, reject) =>
    execFile("git", args, { cwd: dir, env }, (error, stdout, stderr) =>
      error ? reject(new Error(`git ${args.join(" ")}: ${String(stderr)}`)) : resolve(String(stdout)),
    ),
  );
}

/** The mirror's branches and tags as the gateway keeps them, and its HEAD. */
async function mirrorState(gitDir: string): Promise<{ head: string; refs: MirrorRef[] }> {
  const format = "--format=%(objectname) %(*objectname) %(*objecttype) %(refname)";
  const listed = await gitIn(gitDir, ["for-each-ref", format, "refs/heads", "refs/tags"]);
  const refs = listed
    .split("\n")
    .filter(Boolean)
    .map((line): MirrorRef => {
      const [sha = "", peeled = "", peeledType = "", name = ""] = line.split(" ");
      return { name, sha, peeled: peeled || null, ...(peeledType === "tag" ? { peeledIsTag: true as const } : {}) };
    });
  return { head: (await gitIn(gitDir, ["symbolic-ref", "HEAD"])).trim(), refs };
}

/**
 * Puts a `git` first on PATH that notes each run's arguments, then runs the real git: the in-process
 * server spawns it, so the test sees which git processes a request cost.
 */
function countGitRuns(): { runs(): string[]; restore(): void } {
  const dir = mkdtempSync(join(tmpdir(), "repolink-git-runs-"));
  const log = join(dir, "runs.log");
  const realGit = execFileSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).trim();
  writeFileSync(log, "");
  writeFileSync(join(dir, "git"), `#!/bin/sh\nprintf '%s\\n' "$*" >>'${log}'\nexec '${realGit}' "$@"\n`);
  chmodSync(join(dir, "git"), 0o755);
  const path = process.env.PATH;
  process.env.PATH = `${dir}:${path ?? ""}`;
  return {
    runs: () => readFileSync(log, "utf8").split("\n").filter(Boolean),
    restore: () => {
      process.env.PATH = path;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe("the gateway answers protocol v2 ls-refs from memory exactly as git does", () => {
  let world: GatewayWorld;
  let mirror: string;
  let gitRuns: ReturnType<typeof countGitRuns>;
  const auth = (): Record<string, string> => ({ authorization: `Bearer ${world.pipelineToken}`, "git-protocol": "version=2" });

  /** The gateway's answer to `body`: a v2 advertisement first (the ref check), then the ls-refs POST. */
  async function gatewayAnswer(body: Buffer): Promise<Buffer> {
    const advertised = await fetch(`${world.gatewayUrl("rocket")}/info/refs?service=git-upload-pack`, { headers: auth() });
    assert.equal(advertised.status, 200);
    await advertised.arrayBuffer();
    const before = gitRuns.runs().length;
    const answered = await fetch(`${world.gatewayUrl("rocket")}/git-upload-pack`, {
      method: "POST",
      headers: { ...auth(), "content-type": "application/x-git-upload-pack-request" },
      body: new Uint8Array(body),
    });
    assert.equal(answered.status, 200);
    assert.equal(answered.headers.get("content-type"), "application/x-git-upload-pack-result");
    const answer = Buffer.from(await answered.arrayBuffer());
    assert.deepEqual(
      gitRuns
        .runs()
        .slice(before)
        .filter((run) => run.includes(mirror)),
      [],
      "answered without running git on the mirror",
    );
    return answer;
  }

  before(async () => {
    gitRuns = countGitRuns();
    world = await startGatewayWorld();
    // An annotated tag and a lightweight one upstream, so `peel` has something to say.
    await commitUpstream(world, "rocket", "tagged.txt", "tagged\n");
    const work = join(world.home, "upstream-rocket-tagged.txt");
    await gitIn(work, ["tag", "-a", "-m", "v1", "v1.0.0"]);
    await gitIn(work, ["tag", "light"]);
    const direct = { token: null, extraConfig: { "http.extraHeader": `Authorization: Bearer ${world.token}` } };
    const pushed = await world.git(["-C", work, "push", "--quiet", "origin", "--tags"], direct);
    assert.equal(pushed.code, 0, pushed.stderr);
    const listed = await world.git(["ls-remote", "--", world.gatewayUrl("rocket")]);
    assert.equal(listed.code, 0, listed.stderr);
    mirror = await mirrorOf(world, "rocket");
  });
  after(async () => {
    await world.close();
    gitRuns.restore();
  });

  const cases: [string, string[]][] = [
    ["no arguments", []],
    ["symrefs and peel", ["symrefs", "peel"]],
    ["what git clone asks", ["symrefs", "peel", "unborn", "ref-prefix HEAD", "ref-prefix refs/heads/", "ref-prefix refs/tags/"]],
    ["what git fetch origin asks", ["peel", "ref-prefix refs/heads/", "ref-prefix refs/tags/"]],
    [
      "a prefix inside a name, overlapping prefixes",
      ["symrefs", "ref-prefix refs/heads/ma", "ref-prefix refs/heads/", "ref-prefix refs/t"],
    ],
    ["a prefix nothing matches", ["symrefs", "ref-prefix refs/pull/"]],
    ["HEAD only", ["symrefs", "peel", "ref-prefix HEAD"]],
  ];
  for (const [name, args] of cases)
    it(`answers ${name} byte for byte as git upload-pack`, async () => {
      const body = lsRefsRequest(args);
      const expected = (await gitAnswer(mirror, body)).toString();
      const request = parseLsRefsRequest(body);
      assert.ok(request, "the gateway reads the request itself");
      const { head, refs } = await mirrorState(mirror);
      assert.equal(answerLsRefs(request, head, refs)?.toString(), expected, "the answer made from the refs");
      assert.equal((await gatewayAnswer(body)).toString(), expected, "the gateway's answer");
    });

  it("includes the peeled commit of the annotated tag, as git does", async () => {
    const answer = (await gatewayAnswer(lsRefsRequest(["peel", "ref-prefix refs/tags/"]))).toString();
    assert.match(answer, /refs\/tags\/v1\.0\.0 peeled:[0-9a-f]{40}\n/);
    assert.match(answer, /refs\/tags\/light\n/);
  });

  it("leaves peeling a tag of a tag to git (it peels to the commit), and answers the rest itself", async () => {
    const repo = join(world.home, "nested-tags");
    await gitIn(world.home, ["init", "--quiet", repo]);
    const identity = ["-c", "user.name=T", "-c", "user.email=t@example.test"];
    await gitIn(repo, [...identity, "commit", "--quiet", "--allow-empty", "-m", "one"]);
    await gitIn(repo, [...identity, "tag", "-a", "-m", "inner", "inner"]);
    await gitIn(repo, [...identity, "tag", "-a", "-m", "outer", "outer", "inner"]);
    const { head, refs } = await mirrorState(join(repo, ".git"));
    assert.ok(refs.some((ref) => ref.name === "refs/tags/outer" && ref.peeledIsTag));
    const answer = (args: string[]) => answerLsRefs(parseLsRefsRequest(lsRefsRequest(args))!, head, refs)?.toString() ?? null;
    assert.equal(answer(["peel", "ref-prefix refs/tags/"]), null, "git answers");
    for (const args of [["symrefs"], ["peel", "ref-prefix refs/heads/"], ["peel", "ref-prefix refs/tags/inner"]])
      assert.equal(answer(args), (await gitAnswer(join(repo, ".git"), lsRefsRequest(args))).toString(), args.join(", "));
  });

  it("leaves a request it does not read (an unknown argument) to git, which refuses it", async () => {
    const body = lsRefsRequest(["symrefs", "no-such-argument"]);
    assert.equal(parseLsRefsRequest(body), null);
    await assert.rejects(gitAnswer(mirror, body), /upload-pack exited/, "git itself refuses the argument");
    // The gateway runs git, which fails: git's client sees a cut answer, never a ref list.
    const answer = await fetch(`${world.gatewayUrl("rocket")}/git-upload-pack`, {
      method: "POST",
      headers: { ...auth(), "content-type": "application/x-git-upload-pack-request" },
      body: new Uint8Array(body),
    }).then(
      async (response) => Buffer.from(await response.arrayBuffer()).toString(),
      () => "",
    );
    assert.doesNotMatch(answer, /refs\/heads\/main/);
  });

  it("sees a new upstream commit at once: the next ls-refs after the advertisement names it", async () => {
    const next = await commitUpstream(world, "rocket", "later.txt", "later\n");
    const answer = (await gatewayAnswer(lsRefsRequest(["symrefs", "ref-prefix refs/heads/main"]))).toString();
    assert.match(answer, new RegExp(`${next} refs/heads/main\n`));
    assert.equal(answer, (await gitAnswer(mirror, lsRefsRequest(["symrefs", "ref-prefix refs/heads/main"]))).toString());
  });

  it("a fetch with nothing new and a clone over protocol v2 still work end to end", async () => {
    const clone = await world.git(["clone", "--quiet", "--", world.gatewayUrl("rocket"), "lsrefs-clone"], {
      extraConfig: { "protocol.version": "2" },
    });
    assert.equal(clone.code, 0, clone.stderr);
    const tags = await world.git(["-C", "lsrefs-clone", "tag", "--list"]);
    assert.match(tags.stdout, /v1\.0\.0/);
    const before = gitRuns.runs().length;
    const fetched = await world.git(["-C", "lsrefs-clone", "fetch", "origin"], { extraConfig: { "protocol.version": "2" } });
    assert.equal(fetched.code, 0, fetched.stderr);
    assert.equal(fetched.stderr, "", "nothing new");
    const onMirror = gitRuns
      .runs()
      .slice(before)
      .filter((run) => run.includes(mirror));
    assert.deepEqual(onMirror, [], "a fetch with nothing new runs no git on the server's mirror");
  });
});
