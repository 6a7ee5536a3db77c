import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { checkRemoteUrl } from "../../src/adapters/git/check-remote-url.ts";
import { AppError, InputError } from "../../src/core/errors.ts";
import type { Host } from "../../src/core/hosts/host.ts";
import { parseRepoUrl } from "../../src/core/repositories/parse-repo-url.ts";

// What src/core/repositories/parse-repo-url.test.ts and src/adapters/git/check-remote-url.test.ts
// already cover is not repeated here. This file adds what was missing: percent-encoded control
// characters anywhere, generated option injection and look-alike hosts, the CVE inputs through the
// git layer as well as the registry layer, and agreement between the two layers.

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

function registryCode(raw: string): string {
  try {
    parseRepoUrl(raw, hosts);
    return "OK";
  } catch (error) {
    assert.ok(error instanceof InputError, `not an InputError for ${JSON.stringify(raw)}: ${String(error)}`);
    return error.code;
  }
}

function gitCode(raw: string, allowHttp = false): string {
  try {
    checkRemoteUrl(raw, { allowHttp });
    return "OK";
  } catch (error) {
    assert.ok(error instanceof AppError, `not an AppError for ${JSON.stringify(raw)}: ${String(error)}`);
    return error.code;
  }
}

/** The known advisory inputs, each refused by both the registry parser and the git runner's check. */
const CVE_INPUTS: readonly [string, string][] = [
  ["http://%0dprotocol=https%0dhost=github.com%0d@localhost:1/", "CVE-2024-52006 / CVE-2025-23040 (Clone2Leak)"],
  ["https://github.com/o/r%0ahost=evil.tld", "CVE-2020-5260 (newline smuggled into the helper input)"],
  ["https://github.com%0a/o/r", "CVE-2020-5260 in the host"],
  ["https://github.com/o/r%0d", "CVE-2024-52006 (bare CR)"],
  ["https://github.com/o/r%00", "NUL"],
  ["https://github.com/o%0D%0Apath=x/r", "CRLF, upper case"],
  ["https:///o/r", "CVE-2020-11008 (empty host)"],
  ["https://:443/o/r", "CVE-2020-11008 (empty host with port)"],
  ["github.com/o/r", "CVE-2020-11008 (no scheme)"],
  ["//github.com/o/r", "scheme-relative"],
  ["ssh://-oProxyCommand=touch%20pwned/o/r", "CVE-2017-1000117"],
  ["git@-oProxyCommand=x:o/r", "CVE-2017-1000117, scp form"],
  ["--upload-pack=touch /tmp/pwned", "option as URL"],
  ["-u", "bare option"],
  ["ext::sh -c touch% /tmp/pwned", "ext:: transport"],
  ["fd::3", "fd:: transport"],
  ["file:///etc/passwd", "file transport"],
  ["git://github.com/o/r.git", "git transport"],
  ["https://x-access-token:secret@github.com/o/r.git", "userinfo with password"],
  ["https://github.com\\@evil.tld/o/r", "backslash authority confusion"],
];

const nameChar = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-");
const firstChar = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
const segment = fc
  .tuple(firstChar, fc.array(nameChar, { maxLength: 16 }))
  .map(([f, r]) => f + r.join(""))
  .filter((s) => !s.endsWith(".git") && s !== "." && s !== "..");
const validUrl = fc
  .record({ owner: segment, repo: segment, form: fc.constantFrom("https", "ssh", "scp", "ghe"), suffix: fc.boolean() })
  .map(({ owner, repo, form, suffix }) => {
    const path = `${owner}/${repo}${suffix ? ".git" : ""}`;
    return (
      {
        https: `https://github.com/${path}`,
        ssh: `ssh://git@github.com/${path}`,
        scp: `git@github.com:${path}`,
        ghe: `https://ghe.corp.example:8443/${path}`,
      }[form] ?? ""
    );
  });
/** A percent-encoded C0 control or DEL, in either hex case. */
const encodedControl = fc.oneof(fc.integer({ min: 0, max: 0x1f }), fc.constant(0x7f)).chain((code) => {
  const hex = code.toString(16).padStart(2, "0");
  return fc.constantFrom(`%${hex}`, `%${hex.toUpperCase()}`);
});
const optionLike = fc
  .tuple(fc.constantFrom("-", "--"), fc.constantFrom("oProxyCommand=touch%20x", "upload-pack=x", "u", "c", "receive-pack=x", "oX", "-help"))
  .map(([dash, option]) => dash + option);

describe("repository URL fuzzing beyond the unit tests (SECURITY 15, 17, 18, 19)", () => {
  it("refuses every advisory input in both the registry parser and the git runner's check", (t) => {
    for (const [raw, why] of CVE_INPUTS) {
      assert.notEqual(registryCode(raw), "OK", `registry accepted ${raw} (${why})`);
      assert.equal(gitCode(raw, true), "REPO_URL_INVALID", `git check accepted ${raw} (${why})`);
    }
    t.diagnostic(`inputs: ${CVE_INPUTS.length} fixed advisory inputs × 2 layers`);
  });

  it("refuses a percent-encoded control character inserted anywhere, in both layers", (t) => {
    let runs = 0;
    fc.assert(
      fc.property(validUrl, encodedControl, fc.nat(), (url, control, at) => {
        runs++;
        const i = at % (url.length + 1);
        const raw = url.slice(0, i) + control + url.slice(i);
        assert.equal(registryCode(raw), "REPO_URL_INVALID", raw);
        assert.equal(gitCode(raw, true), "REPO_URL_INVALID", raw);
      }),
      { numRuns: 1500 },
    );
    t.diagnostic(`inputs: ${runs}`);
  });

  it("refuses an option-like host, user, owner or repository generated in any URL form", (t) => {
    let runs = 0;
    fc.assert(
      fc.property(
        optionLike,
        segment,
        fc.constantFrom("host-ssh", "host-scp", "user-ssh", "user-scp", "owner", "repo", "whole"),
        (option, other, where) => {
          runs++;
          const raw =
            {
              "host-ssh": `ssh://${option}/${other}/r`,
              "host-scp": `git@${option}:${other}/r`,
              "user-ssh": `ssh://${option}@github.com/${other}/r`,
              "user-scp": `${option}@github.com:${other}/r`,
              owner: `https://github.com/${option}/${other}`,
              repo: `https://github.com/${other}/${option}`,
              whole: `${option} https://github.com/${other}/r`,
            }[where] ?? "";
          assert.notEqual(registryCode(raw), "OK", raw);
          assert.equal(gitCode(raw, true), "REPO_URL_INVALID", raw);
        },
      ),
      { numRuns: 1000 },
    );
    t.diagnostic(`inputs: ${runs}`);
  });

  it("never resolves a look-alike of a registered host to that host (CVE-2024-53858)", (t) => {
    let runs = 0;
    const label = fc.stringMatching(/^[a-z0-9]{1,8}$/);
    const lookAlike = fc.oneof(
      label.map((l) => `github.com.${l}`),
      label.map((l) => `${l}github.com`),
      label.map((l) => `${l}.github.com`),
      label.map((l) => `github.com@${l}.tld`),
      label.map((l) => `github.co${l === "m" ? "mm" : l}`),
      fc
        .integer({ min: 1, max: 65535 })
        .filter((p) => p !== 443)
        .map((p) => `github.com:${p}`),
      fc
        .integer({ min: 1, max: 65535 })
        .filter((p) => p !== 8443)
        .map((p) => `ghe.corp.example:${p}`),
      fc.constant("github.com."),
    );
    fc.assert(
      fc.property(lookAlike, segment, segment, fc.constantFrom("https", "ssh", "scp"), (hostText, owner, repo, form) => {
        runs++;
        const raw =
          form === "https"
            ? `https://${hostText}/${owner}/${repo}`
            : form === "ssh"
              ? `ssh://git@${hostText}/${owner}/${repo}`
              : `git@${hostText}:${owner}/${repo}`;
        let parsed: ReturnType<typeof parseRepoUrl> | undefined;
        try {
          parsed = parseRepoUrl(raw, hosts);
        } catch (error) {
          assert.ok(error instanceof InputError);
          assert.ok(["HOST_UNKNOWN", "REPO_URL_INVALID"].includes(error.code), `${raw}: ${error.code}`);
        }
        // Over ssh:// the port is the SSH daemon's, not the web port, so `host:port` is the same host
        // by design (see parse-repo-url.test.ts); every other look-alike must not parse at all.
        const sshPortOfRegistered = form === "ssh" && /^(github\.com|ghe\.corp\.example):\d+$/.test(hostText);
        if (parsed) assert.ok(sshPortOfRegistered, `look-alike ${raw} parsed as ${parsed.hostName}`);
      }),
      { numRuns: 1500 },
    );
    t.diagnostic(`inputs: ${runs}`);
  });

  it("every URL the registry accepts is accepted by the git runner and carries no userinfo secret", (t) => {
    let runs = 0;
    let accepted = 0;
    const anyInput = fc.oneof(
      validUrl,
      fc.webUrl({ withQueryParameters: true, withFragments: true, authoritySettings: { withUserInfo: true, withPort: true } }),
      fc
        .tuple(validUrl, fc.string({ maxLength: 6 }), fc.nat())
        .map(([url, noise, at]) => url.slice(0, at % (url.length + 1)) + noise + url.slice(at % (url.length + 1))),
      fc.string({ maxLength: 80 }),
    );
    fc.assert(
      fc.property(anyInput, (raw) => {
        runs++;
        let parsed: ReturnType<typeof parseRepoUrl>;
        try {
          parsed = parseRepoUrl(raw, hosts);
        } catch (error) {
          assert.ok(error instanceof InputError, String(error));
          return;
        }
        accepted++;
        const checked = checkRemoteUrl(parsed.cleanUrl, { allowHttp: parsed.cleanUrl.startsWith("http:") });
        assert.ok(checked.scheme === "https" || checked.scheme === "ssh" || checked.scheme === "http");
        assert.ok(!checked.host.startsWith("-"));
        assert.doesNotMatch(parsed.cleanUrl, /:[^/@]*@/u, "no password in the clean URL");
        if (parsed.protocol === "https") assert.doesNotMatch(parsed.cleanUrl, /@/, "no userinfo in an https clean URL");
      }),
      { numRuns: 2000 },
    );
    assert.ok(accepted > 100, `enough valid inputs were generated (${accepted})`);
    t.diagnostic(`inputs: ${runs} (${accepted} accepted)`);
  });
});
