import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import { startGithubFake, type GithubFake } from "../github-fake/index.ts";
import { filesContainingCanary, findCanary } from "../support/canary.ts";
import { startLiveServer, type LiveServer } from "../support/live-server.ts";
import { cliPath, runCli } from "../support/run-cli.ts";

const exec = promisify(execFile);

describe("a GitHub App credential from the CLI, through the GitHub fake", () => {
  let fake: GithubFake;
  let server: LiveServer;
  let home: string;
  let env: NodeJS.ProcessEnv;
  let app: { id: number; slug: string; privateKey: string };
  let keyFile: string;
  let acmeInstallation: ReturnType<GithubFake["installApp"]>;
  const cli = (args: string[]) => runCli(args, { env });

  before(async () => {
    fake = await startGithubFake();
    fake.addUser({ login: "octocat" });
    fake.addUser({ login: "acme", type: "Organization" });
    fake.addUser({ login: "frozen", type: "Organization" });
    await fake.addRepo({ owner: "acme", name: "web", private: true, files: { "README.md": "web\n" } });
    await fake.addRepo({ owner: "acme", name: "hidden", private: true });
    await fake.addRepo({ owner: "frozen", name: "ice", private: true });
    app = fake.addApp({ owner: "octocat", name: "Repolink CI" });
    acmeInstallation = fake.installApp({ appId: app.id, account: "acme", repositories: ["acme/web"] });
    fake.installApp({ appId: app.id, account: "frozen" }).suspended = true;
    server = await startLiveServer();
    assert.equal((await server.api("POST", "/hosts", { name: "ghe.test", url: fake.url, allowPrivateNetwork: true })).status, 201);
    home = mkdtempSync(join(tmpdir(), "repolink-app-cli-"));
    keyFile = join(home, "app.pem");
    writeFileSync(keyFile, app.privateKey, { mode: 0o600 });
    env = {
      PATH: process.env.PATH,
      HOME: home,
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_TERMINAL_PROMPT: "0",
      REPOLINK_SERVER: server.url,
      REPOLINK_TOKEN: String((await server.api("POST", "/tokens", { name: "ci" })).body.token),
      REPOLINK_CLI_CONFIG: join(home, "none.json"),
      REPOLINK_CACHE_DIR: join(home, "cache"),
    };
  });
  after(async () => {
    await server.close();
    await fake.close();
    rmSync(home, { recursive: true, force: true });
  });

  it("stores the App (checked with GET /app), connects an installed repository and names what is wrong with the others", async () => {
    const added = await cli([
      "credential",
      "add",
      "--name",
      "ci-app",
      "--type",
      "github-app",
      "--app-id",
      String(app.id),
      "--private-key-file",
      keyFile,
      "--host",
      "ghe.test",
      "--json",
    ]);
    assert.equal(added.code, 0, added.stderr);
    const credential = JSON.parse(added.stdout);
    assert.equal(credential.type, "github-app");
    assert.equal(credential.status, "valid");
    assert.match(credential.preview, /^RSA key SHA256:/);

    const web = await cli(["repo", "add", "--url", `${fake.url}/acme/web.git`, "--credential", "ci-app", "--needs", "push", "--json"]);
    assert.equal(web.code, 0, web.stderr);
    assert.equal(JSON.parse(web.stdout).check.status, "connected", web.stdout);

    const hidden = await cli(["repo", "add", "--url", `${fake.url}/acme/hidden.git`, "--credential", "ci-app", "--json"]);
    assert.equal(hidden.code, 4, "a failing check exits 4");
    const report = JSON.parse(hidden.stdout).check;
    assert.equal(report.reasonCode, "APP_REPOSITORY_NOT_SELECTED", hidden.stdout);
    assert.match(report.remedy, /settings\/installations\/\d+/);

    await cli(["repo", "add", "--url", `${fake.url}/frozen/ice.git`, "--credential", "ci-app", "--json"]);
    const ice = JSON.parse((await cli(["repo", "validate", "frozen/ice", "--json"])).stdout).check;
    assert.equal(ice.reasonCode, "APP_INSTALLATION_SUSPENDED");
    assert.match(ice.remedy, /Unsuspend/);
  });

  it("a plain git clone and push work through the credential helper with the App's installation token", async () => {
    writeFileSync(
      join(home, ".gitconfig"),
      `[credential]\n\thelper = "!${process.execPath} ${cliPath} git-credential"\n\tuseHttpPath = true\n` +
        `[user]\n\tname = CI\n\temail = ci@example.test\n`,
    );
    const host = new URL(fake.url).host;
    const answer = (await runCli(["git-credential", "get"], { env, stdin: `protocol=http\nhost=${host}\npath=acme/web.git\n` })).stdout;
    const match = /^username=x-access-token\npassword=(ghs_\w+)\npassword_expiry_utc=(\d+)\n$/.exec(answer);
    assert.ok(match, answer.replace(/ghs_\w+/, "ghs_…"));
    assert.ok(Number(match[2]) * 1000 - Date.now() >= 10 * 60_000, "at least 10 minutes left when handed out");
    const dir = join(home, "web");
    await exec("git", ["clone", "--", `${fake.url}/acme/web.git`, dir], { env });
    assert.equal(readFileSync(join(dir, "README.md"), "utf8"), "web\n");
    writeFileSync(join(dir, "NOTES.md"), "n\n");
    await exec("git", ["-C", dir, "add", "NOTES.md"], { env });
    await exec("git", ["-C", dir, "commit", "-m", "notes"], { env });
    await exec("git", ["-C", dir, "push", "origin", "HEAD"], { env });
    for (const minted of fake.installationTokens()) {
      assert.deepEqual(filesContainingCanary(home, minted.value), [], "no installation token on disk");
      assert.deepEqual(findCanary(server.logs.text, minted.value), [], "no installation token in the logs");
    }
    assert.deepEqual(findCanary(server.logs.text, app.privateKey.split("\n")[3] ?? ""), [], "no key line in the logs");
    const audit = (await server.api("GET", "/audit?limit=200")).body.items as { action: string; detail: Record<string, unknown> }[];
    const mints = audit.filter((e) => e.action === "github-app.token-mint");
    assert.ok(
      mints.some((m) => m.detail.repository === "acme/web"),
      "the mint for acme/web is audited",
    );
    assert.doesNotMatch(JSON.stringify(audit), /ghs_[A-Za-z0-9]{20}/);
  });

  it("rotates the App's key safely: the new key is checked against every repository first", async () => {
    const newKeyFile = join(home, "new.pem");
    writeFileSync(newKeyFile, fake.addAppKey(app.id), { mode: 0o600 });
    // --safe refuses while a dependent fails the check, even one that failed before: leave only the working one.
    await cli(["repo", "remove", "acme/hidden"]);
    await cli(["repo", "remove", "frozen/ice"]);
    const rotated = await cli(["credential", "update", "ci-app", "--private-key-file", newKeyFile, "--safe", "--json"]);
    assert.equal(rotated.code, 0, rotated.stderr);
    fake.dropOldAppKeys(app.id);
    const web = JSON.parse((await cli(["repo", "validate", "acme/web", "--json"])).stdout).check;
    assert.equal(web.status, "connected", JSON.stringify(web));
    const bad = await cli([
      "credential",
      "add",
      "--name",
      "bad",
      "--type",
      "github-app",
      "--app-id",
      String(app.id),
      "--private-key-file",
      join(home, "app.pem"),
      "--host",
      "ghe.test",
      "--json",
    ]);
    assert.notEqual(bad.code, 0, "the deleted key is refused on save");
    assert.match(bad.stderr + bad.stdout, /APP_REFUSED|CREDENTIAL_CHECK_FAILED/);
  });

  it("imports what the App's installations select (GET /installation/repositories), none of a suspended one", async () => {
    await fake.addRepo({ owner: "acme", name: "docs", private: true });
    acmeInstallation.repositories.push("acme/docs");
    const before = fake.log.length;
    const imported = await cli(["repo", "import", "--credential", "ci-app", "--json"]);
    assert.equal(imported.code, 0, imported.stderr + imported.stdout);
    const result = JSON.parse(imported.stdout) as { created: string[]; skipped: { name: string }[] };
    assert.deepEqual(result.created, ["acme/docs"], imported.stdout);
    assert.ok(
      result.skipped.some((s) => s.name === "acme/web"),
      "already registered",
    );
    assert.ok(!JSON.stringify(result).includes("acme/hidden"), "a repository the installation does not select is not imported");
    assert.ok(fake.log.slice(before).includes("GET /api/v3/installation/repositories"), fake.log.slice(before).join("\n"));
  });
});
