import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { AppError, InputError } from "../errors.ts";
import type { Host } from "../hosts/host.ts";
import { parseRepoUrl } from "./parse-repo-url.ts";
import { repoPathDepthOf } from "./repo-path-depth.ts";

const host = (name: string, webUrl: string): Host => ({
  id: name,
  name,
  kind: "github",
  webUrl,
  apiUrl: `${webUrl}/api/v3`,
  graphqlUrl: `${webUrl}/api/graphql`,
  caBundle: null,
  sshKnownHosts: null,
  allowPrivateNetwork: false,
  builtIn: false,
  createdAt: "2024-01-01T00:00:00Z",
});
const hosts = [
  host("github.com", "https://github.com"),
  host("ghe.local", "http://127.0.0.1:8123"),
  host("ghe.corp", "https://ghe.corp.example:8443"),
];

function codeOf(raw: string): string {
  try {
    parseRepoUrl(raw, hosts);
    return "OK";
  } catch (error) {
    assert.ok(error instanceof InputError, `not an InputError for ${JSON.stringify(raw)}`);
    return error.code;
  }
}

const nameChar = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-");
const firstChar = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
const segment = fc
  .tuple(firstChar, fc.array(nameChar, { maxLength: 20 }))
  .map(([f, r]) => f + r.join(""))
  .filter((s) => !s.endsWith(".git"));
const validUrl = fc
  .record({ owner: segment, repo: segment, form: fc.constantFrom("https", "ssh", "scp", "http-local", "ghe"), suffix: fc.boolean() })
  .map(({ owner, repo, form, suffix }) => {
    const path = `${owner}/${repo}${suffix ? ".git" : ""}`;
    const url = {
      https: `https://github.com/${path}`,
      ssh: `ssh://git@github.com/${path}`,
      scp: `git@github.com:${path}`,
      "http-local": `http://127.0.0.1:8123/${path}`,
      ghe: `https://ghe.corp.example:8443/${path}`,
    }[form];
    return { owner, repo, form, url: url ?? "" };
  });

describe("parseRepoUrl", () => {
  it("parses the three URL forms to host, owner, repo and a clean URL", () => {
    assert.deepEqual(parseRepoUrl("https://github.com/octocat/Hello-World.git", hosts), {
      hostName: "github.com",
      path: "octocat/Hello-World",
      owner: "octocat",
      repo: "Hello-World",
      protocol: "https",
      cleanUrl: "https://github.com/octocat/Hello-World.git",
    });
    assert.deepEqual(parseRepoUrl("git@github.com:octocat/hello", hosts), {
      hostName: "github.com",
      path: "octocat/hello",
      owner: "octocat",
      repo: "hello",
      protocol: "ssh",
      cleanUrl: "ssh://git@github.com/octocat/hello.git",
    });
    assert.equal(parseRepoUrl("ssh://git@GitHub.com:2222/o/r.git", hosts).cleanUrl, "ssh://git@github.com:2222/o/r.git");
    assert.equal(parseRepoUrl("  https://github.com:443/o/r/  ", hosts).cleanUrl, "https://github.com/o/r.git");
    assert.equal(parseRepoUrl("http://127.0.0.1:8123/o/r", hosts).hostName, "ghe.local");
  });

  it("rejects the CVE inputs and option injection with REPO_URL_INVALID on field url", () => {
    const bad = [
      "http://%0dprotocol=https%0dhost=github.com%0d@localhost:1/",
      "https://github.com/o/r%0a",
      "https://github.com/o%0D/r",
      "https://github.com/o/r%00",
      "https://github.com/o/r\n",
      "https://github.com/o\r/r",
      "https://github.com/o/r\u0000",
      "https:///x",
      "https://",
      "github.com/o/r",
      "o/r",
      "ext::sh -c touch% /tmp/pwned",
      "file:///etc/passwd",
      "git://github.com/o/r.git",
      "http://github.com/o/r",
      "ssh://-oProxyCommand=touch%20x/o/r",
      "git@-oX:repo",
      "git@-oProxyCommand=x:o/r",
      "--upload-pack=touch x",
      "-u",
      "https://github.com/-o/r",
      "https://github.com/o/-r",
      "https://github.com/o/..",
      "https://github.com/o/.",
      "https://user:pass@github.com/o/r",
      "https://x-access-token@github.com/o/r",
      "ssh://root@github.com/o/r",
      "root@github.com:o/r",
      "https://github.com/o/r?x=1",
      "https://github.com/o/r#frag",
      "https://github.com/o",
      "https://github.com/o/r/s",
      "https://github.com\\evil.tld/o/r",
      "https://github.com:99999/o/r",
      "https://[::1/o/r",
      "git@github.com:/o/r",
      "",
      "   ",
    ];
    for (const raw of bad) assert.equal(codeOf(raw), "REPO_URL_INVALID", JSON.stringify(raw));
    try {
      parseRepoUrl("https://user:ghp_secret@github.com/o/r", hosts);
    } catch (error) {
      assert.equal((error as AppError).details?.field, "url");
      assert.doesNotMatch((error as AppError).message, /ghp_secret/);
    }
  });

  it("matches hosts exactly: look-alikes are unknown hosts (CVE-2024-53858)", () => {
    for (const raw of [
      "https://github.com.evil.tld/o/r",
      "https://evilgithub.com/o/r",
      "git@github.com.evil.tld:o/r",
      "https://127.0.0.1:8124/o/r",
      "https://ghe.corp.example/o/r",
    ]) {
      assert.equal(codeOf(raw), "HOST_UNKNOWN", raw);
    }
    assert.equal(codeOf("https://github.com@evil.tld/o/r"), "REPO_URL_INVALID");
    assert.throws(() => parseRepoUrl("https://unknown.example/o/r", hosts), /repolink host add/);
  });

  it("parses every generated valid URL, and the clean URL parses to the same thing", () => {
    fc.assert(
      fc.property(validUrl, ({ owner, repo, url }) => {
        const parsed = parseRepoUrl(url, hosts);
        assert.equal(parsed.owner, owner);
        assert.equal(parsed.repo, repo);
        assert.deepEqual(parseRepoUrl(parsed.cleanUrl, hosts), parsed);
      }),
      { numRuns: 500 },
    );
  });

  it("throws nothing but InputError for any string", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.webUrl(), fc.string({ unit: "binary", maxLength: 100 })), (raw) => {
        codeOf(raw);
      }),
      { numRuns: 2000 },
    );
  });

  it("GitHub hosts keep exactly OWNER/REPO; a host whose kind allows any depth takes a path of any depth", () => {
    assert.equal(repoPathDepthOf(hosts[0] as Host), 2);
    const plain = [host("plain", "https://git.example.com")];
    const anyDepth = (): undefined => undefined;
    assert.equal(codeOf("https://github.com/group/sub/project.git"), "REPO_URL_INVALID");
    assert.throws(() => parseRepoUrl("https://git.example.com/group/sub/project.git", plain), /OWNER\/REPO/);
    assert.deepEqual(parseRepoUrl("https://git.example.com/group/sub/project.git", plain, anyDepth), {
      hostName: "plain",
      path: "group/sub/project",
      owner: "group/sub",
      repo: "project",
      protocol: "https",
      cleanUrl: "https://git.example.com/group/sub/project.git",
    });
    // A plain Git server serves the directory as named: without .git, the clean URL has none either.
    const azure = parseRepoUrl("https://git.example.com/org/project/_git/repo", plain, anyDepth);
    assert.deepEqual([azure.path, azure.cleanUrl], ["org/project/_git/repo", "https://git.example.com/org/project/_git/repo"]);
    const top = parseRepoUrl("git@git.example.com:web.git", plain, anyDepth);
    assert.deepEqual([top.path, top.owner, top.repo, top.cleanUrl], ["web", "", "web", "ssh://git@git.example.com/web.git"]);
    assert.equal(
      parseRepoUrl("ssh://git@git.example.com:2222/team/web", plain, anyDepth).cleanUrl,
      "ssh://git@git.example.com:2222/team/web",
    );
    const deepest = Array.from({ length: 20 }, (_, i) => `s${i}`).join("/");
    assert.equal(parseRepoUrl(`https://git.example.com/${deepest}.git`, plain, anyDepth).path, deepest);
    for (const bad of [
      "https://git.example.com/",
      "https://git.example.com/team//web",
      "https://git.example.com/team/-web",
      "https://git.example.com/-team/sub/web",
      "https://git.example.com/team/../web",
      "https://git.example.com/team/./web",
      "https://git.example.com/team/sub/web?x=1",
      `https://git.example.com/${deepest}/one-more`,
      `https://git.example.com/team/${"a".repeat(101)}`,
      "git@git.example.com:/srv/git/web.git",
    ]) {
      assert.throws(
        () => parseRepoUrl(bad, plain, anyDepth),
        (e: unknown) => e instanceof InputError && e.code === "REPO_URL_INVALID",
        bad,
      );
    }
  });

  it("rejects any URL with a control character inserted anywhere", () => {
    const control = fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(validUrl, control, fc.nat(), ({ url }, ch, at) => {
        const i = at % (url.length + 1);
        assert.equal(codeOf(url.slice(0, i) + ch + url.slice(i)), "REPO_URL_INVALID");
      }),
      { numRuns: 1000 },
    );
  });
});
