import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { guardedFetchForHost } from "../../src/adapters/net/guarded-fetch-for-host.ts";
import { limitConcurrency } from "../../src/core/health/limit-concurrency.ts";
import { RateBudget } from "../../src/core/health/rate-budget.ts";
import type { CheckSession } from "../../src/core/ports/integration.ts";
import { type Repository, unlearntHostFacts } from "../../src/core/repositories/repository.ts";
import { Secret } from "../../src/core/secret.ts";
import { GithubRepositoryFacts } from "../../src/integrations/github/github-repository-facts.ts";
import { OctokitGithubClient } from "../../src/integrations/github/octokit-github-client.ts";
import { startGithubFake, type GithubFake } from "../github-fake/index.ts";

describe("a health cycle's GraphQL batches for a fine-grained token", () => {
  let fake: GithubFake;
  before(async () => {
    fake = await startGithubFake();
    fake.addUser({ login: "octocat" });
    fake.addUser({ login: "acme", type: "Organization", members: { octocat: "write" } });
    for (const name of ["one", "two"]) await fake.addRepo({ owner: "octocat", name, private: true });
    await fake.addRepo({ owner: "acme", name: "web", private: true });
  });
  after(() => fake.close());

  const repository = (path: string, i: number): Repository => {
    const [owner = "", repo = ""] = path.split("/");
    return {
      ...{ id: `r${i}`, name: path, hostName: "ghe.test", path, owner, repo, url: `${fake.url}/${path}.git`, protocol: "https" },
      ...{ credentialId: "c", defaultBranch: null, needs: "pull", status: "unchecked", reasonCode: null, message: null, remedy: null },
      ...{ lastCheckedAt: null, createdBy: "admin", createdAt: new Date().toISOString() },
      ...unlearntHostFacts,
    };
  };

  async function facts(token: string, paths: string[]) {
    const host = {
      name: "ghe.test",
      kind: "github",
      webUrl: fake.url,
      apiUrl: fake.apiUrl,
      graphqlUrl: fake.graphqlUrl,
      allowPrivateNetwork: true,
    };
    const session = {
      host,
      credential: { id: "c", secretVersion: 1 },
      now: () => new Date(),
      limit: limitConcurrency(4),
      budget: new RateBudget(0.5, undefined, new Date()),
    } as unknown as CheckSession & { budget: RateBudget };
    const before = fake.counters.graphql;
    const repos = paths.map(repository);
    const result = await new GithubRepositoryFacts(new OctokitGithubClient({ fetchFor: guardedFetchForHost() })).fetch(
      session,
      new Secret(token),
      repos,
    );
    return {
      queries: fake.counters.graphql - before,
      codes: repos.map((r) => (result.steps.has(r.id) ? result.steps.get(r.id)!.step.code : "none")),
    };
  }

  it("asks one query per owner, so each owner's answer stands on its own", async () => {
    const token = fake.addToken({ login: "octocat", fineGrained: { owner: "octocat", repositories: "all", contents: "read" } });
    const found = await facts(token, ["octocat/one", "acme/web", "octocat/two"]);
    assert.equal(found.queries, 2, "one query for octocat's repositories, one for acme's");
    assert.deepEqual(found.codes, [null, "REPO_NOT_VISIBLE", null]);
  });

  it("keeps one query for a classic token, whatever the owners", async () => {
    const token = fake.addToken({ login: "octocat" });
    const found = await facts(token, ["octocat/one", "acme/web", "octocat/two"]);
    assert.equal(found.queries, 1);
    assert.deepEqual(found.codes, [null, null, null]);
  });
});
