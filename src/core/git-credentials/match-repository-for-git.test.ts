import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Repository, unlearntHostFacts } from "../repositories/repository.ts";
import { matchRepositoriesForGit } from "./match-repository-for-git.ts";

function repo(url: string, owner: string, name: string, credentialId = "c1"): Repository {
  return {
    id: `${owner}/${name}`,
    name: `${owner}/${name}`,
    hostName: "h",
    path: `${owner}/${name}`,
    owner,
    repo: name,
    url,
    protocol: "https",
    credentialId,
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

describe("matchRepositoriesForGit", () => {
  const repositories = [
    repo("https://github.com/acme/rocket.git", "acme", "rocket"),
    repo("https://github.com/acme/other.git", "acme", "other", "c2"),
  ];

  it("matches the exact host and, when git sends it, the path", () => {
    assert.deepEqual(
      matchRepositoriesForGit({ protocol: "https", host: "github.com", path: "acme/rocket.git", username: null }, repositories).map(
        (r) => r.name,
      ),
      ["acme/rocket"],
    );
    assert.deepEqual(
      matchRepositoriesForGit({ protocol: "https", host: "GitHub.com", path: "/ACME/rocket", username: null }, repositories).map(
        (r) => r.name,
      ),
      ["acme/rocket"],
    );
    assert.equal(matchRepositoriesForGit({ protocol: "https", host: "github.com", path: null, username: null }, repositories).length, 2);
  });

  it("gives nothing to look-alike hosts, other ports or other protocols (CVE-2024-53858)", () => {
    for (const host of ["github.com.evil.tld", "evilgithub.com", "github.com@evil.tld", "evil.tld", "github.com:8443", "github.co", ""]) {
      assert.deepEqual(
        matchRepositoriesForGit({ protocol: "https", host, path: "acme/rocket.git", username: null }, repositories),
        [],
        host,
      );
    }
    assert.deepEqual(
      matchRepositoriesForGit({ protocol: "http", host: "github.com", path: "acme/rocket.git", username: null }, repositories),
      [],
    );
    assert.deepEqual(
      matchRepositoriesForGit({ protocol: "ssh", host: "github.com", path: "acme/rocket.git", username: null }, repositories),
      [],
    );
    assert.deepEqual(
      matchRepositoriesForGit({ protocol: "https", host: "github.com", path: "acme/rocket-fork.git", username: null }, repositories),
      [],
    );
  });
});
