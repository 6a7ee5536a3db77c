import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { InputError } from "../../src/core/errors.ts";
import { matchRepositoriesForGit } from "../../src/core/git-credentials/match-repository-for-git.ts";
import { formatCredentialAnswer, parseCredentialRequest } from "../../src/core/git-credentials/parse-credential-request.ts";
import { type Repository, unlearntHostFacts } from "../../src/core/repositories/repository.ts";

// parse-credential-request.test.ts already fuzzes the parser alone (2,000 strings, CR/NUL values).
// Missing until now: the parser and the host matcher together on hostile git input, generated
// look-alike hosts against the matcher, fixed advisory inputs for the whole path, and the answer
// formatter under generated values.

function repo(url: string, owner: string, name: string): Repository {
  return {
    id: `${owner}/${name}`,
    name: `${owner}/${name}`,
    hostName: "h",
    path: `${owner}/${name}`,
    owner,
    repo: name,
    url,
    protocol: "https",
    credentialId: "c1",
    defaultBranch: null,
    ...unlearntHostFacts,
    needs: "push",
    status: "connected",
    reasonCode: null,
    message: null,
    remedy: null,
    lastCheckedAt: null,
    createdBy: "t",
    createdAt: "t",
  };
}
const repositories = [
  repo("https://github.com/acme/rocket.git", "acme", "rocket"),
  repo("https://ghe.corp.example:8443/acme/tools.git", "acme", "tools"),
];
const registeredHosts = new Set(["github.com", "ghe.corp.example:8443"]);

/** What the helper would answer for: the matched repositories, or nothing when the input is refused. */
function answerFor(input: string): Repository[] {
  let request;
  try {
    request = parseCredentialRequest(input);
  } catch (error) {
    assert.ok(error instanceof InputError && error.code === "GIT_CREDENTIAL_INPUT_INVALID", String(error));
    return [];
  }
  return matchRepositoriesForGit(request, repositories);
}

const ADVISORY_INPUTS: readonly [string, string][] = [
  ["protocol=https\nhost=evil.tld\nhost=github.com\n", "CVE-2020-5260: a smuggled second host line"],
  ["protocol=https\nhost=github.com\npath=acme/rocket.git\nhost=evil.tld\n", "CVE-2020-5260: second host after path"],
  ["protocol=https\r\nhost=github.com\r\n", "CVE-2024-52006: CRLF line ends"],
  ["protocol=https\nhost=github.com\rhost=evil.tld\n", "CVE-2024-52006: bare CR"],
  ["protocol=https\nhost=evil.tld\u0000github.com\n", "NUL truncation"],
  ["protocol=https\nhost=github.com.evil.tld\n", "CVE-2024-53858: suffix look-alike"],
  ["protocol=https\nhost=evilgithub.com\n", "CVE-2024-53858: prefix look-alike"],
  ["protocol=https\nhost=github.com@evil.tld\n", "CVE-2024-53858: userinfo look-alike"],
  ["protocol=https\nhost=GITHUB.COM.\n", "trailing-dot host"],
  ["protocol=https\nhost=github.com:443\n", "explicit port is another origin string"],
  ["protocol=http\nhost=github.com\n", "downgraded protocol"],
  ["protocol=ssh\nhost=github.com\n", "other protocol"],
  ["protocol=https\nhost=github.com\nurl=https://evil.tld/\n", "url= overriding host"],
  ["protocol=https\nhost=ghe.corp.example\npath=acme/tools.git\n", "registered host without its port"],
  ["protocol=https\nhost=%0dprotocol=https%0dhost=github.com%0d@localhost:1\n", "CVE-2025-23040 / Clone2Leak host text"],
  ["protocol=https\nhost=github.com\npath=acme/rocket.git\r\n", "CR after path"],
  ["protocol=https\nhost=github.com\npath=acme/rocket-fork.git\n", "other repository on the host"],
];

describe("git credential helper input fuzzing beyond the unit tests (SECURITY 16)", () => {
  it("gives nothing for every advisory input through parser and matcher", (t) => {
    for (const [input, why] of ADVISORY_INPUTS)
      assert.deepEqual(
        answerFor(input).map((r) => r.name),
        [],
        why,
      );
    assert.deepEqual(
      answerFor("protocol=https\nhost=github.com\npath=acme/rocket.git\n").map((r) => r.name),
      ["acme/rocket"],
      "the honest request still gets its answer",
    );
    t.diagnostic(`inputs: ${ADVISORY_INPUTS.length + 1} fixed`);
  });

  it("answers only when the host is exactly a registered host (generated look-alikes)", (t) => {
    let runs = 0;
    const label = fc.stringMatching(/^[a-zA-Z0-9-]{1,10}$/);
    const lookAlike = fc.oneof(
      fc.constantFrom("github.com", "ghe.corp.example:8443", "GitHub.COM"),
      fc
        .tuple(fc.constantFrom("github.com", "ghe.corp.example:8443"), label, fc.constantFrom(".", "", "@", "-", ":", "%2e", "\t"))
        .map(([h, l, sep]) => `${h}${sep}${l}`),
      fc
        .tuple(fc.constantFrom("github.com", "ghe.corp.example:8443"), label, fc.constantFrom(".", "", "@", "-"))
        .map(([h, l, sep]) => `${l}${sep}${h}`),
      fc.tuple(fc.constantFrom("github.com", "ghe.corp.example"), fc.integer({ min: 0, max: 70000 })).map(([h, p]) => `${h}:${p}`),
      fc.string({ maxLength: 30 }),
    );
    fc.assert(
      fc.property(
        lookAlike,
        fc.constantFrom("https", "http", "HTTPS", "ssh", ""),
        fc.option(fc.constantFrom("acme/rocket.git", "acme/tools", "/ACME/ROCKET", "acme/other.git")),
        (hostText, protocol, path) => {
          runs++;
          const input = `protocol=${protocol}\nhost=${hostText}\n${path === null ? "" : `path=${path}\n`}`;
          for (const matched of answerFor(input)) {
            assert.ok(registeredHosts.has(hostText.toLowerCase()), `answered for host ${JSON.stringify(hostText)}`);
            assert.equal(new URL(matched.url).host, hostText.toLowerCase());
            assert.equal(protocol.toLowerCase(), "https");
          }
        },
      ),
      { numRuns: 3000 },
    );
    t.diagnostic(`inputs: ${runs}`);
  });

  it("refuses any input where a control character or a repeated key is spliced into an honest request", (t) => {
    let runs = 0;
    const honest = "protocol=https\nhost=github.com\npath=acme/rocket.git\n";
    fc.assert(
      fc.property(
        fc.nat(),
        fc.constantFrom("\r", "\u0000", "\r\n", "\nhost=evil.tld", "\nprotocol=http", "\npath=acme/tools", "\nurl=https://evil.tld"),
        (at, splice) => {
          runs++;
          const i = at % (honest.length + 1);
          const input = honest.slice(0, i) + splice + honest.slice(i);
          const answered = answerFor(input);
          // Splicing a line break after a complete line only adds a repeated key, which must be refused too.
          assert.deepEqual(
            answered.map((r) => r.name),
            [],
            JSON.stringify(input),
          );
        },
      ),
      { numRuns: 1500 },
    );
    t.diagnostic(`inputs: ${runs}`);
  });

  it("never formats an answer that a value could split into extra lines", (t) => {
    let runs = 0;
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom("username", "password", "password_expiry_utc"), fc.string({ unit: "binary", maxLength: 40 }), {
          minKeys: 1,
        }),
        (fields) => {
          runs++;
          try {
            const out = formatCredentialAnswer(fields);
            assert.equal(out.split("\n").length - 1, Object.keys(fields).length, "one line per field");
            assert.ok(!out.includes("\r") && !out.includes("\u0000"));
          } catch (error) {
            assert.ok(error instanceof InputError);
            assert.ok(
              Object.values(fields).some((v) => [...v].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)),
              "refused only for control characters",
            );
          }
        },
      ),
      { numRuns: 2000 },
    );
    t.diagnostic(`inputs: ${runs}`);
  });
});
