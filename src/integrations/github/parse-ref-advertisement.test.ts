import assert from "node:assert/strict";
import { it } from "node:test";
import { parseRefAdvertisement } from "../../adapters/git/parse-ref-advertisement.ts";
import { buildRepositoryBatchQuery, permissionsOf, readRepositoryBatch } from "./graphql-repository-batch.ts";

const pkt = (line: string) => `${(Buffer.byteLength(line) + 4).toString(16).padStart(4, "0")}${line}`;

it("parses a smart-HTTP ref advertisement with its symref HEAD", () => {
  const sha = "a".repeat(40);
  const body =
    pkt("# service=git-upload-pack\n") +
    "0000" +
    pkt(`${sha} HEAD\0multi_ack symref=HEAD:refs/heads/main agent=git/2\n`) +
    pkt(`${sha} refs/heads/main\n`) +
    pkt(`${sha} refs/tags/v1^{}\n`) +
    "0000";
  assert.deepEqual(parseRefAdvertisement(Buffer.from(body)), { refs: [{ name: "refs/heads/main", sha }], head: "refs/heads/main" });
});

it("builds an aliased query with variables and reads NOT_FOUND per alias", () => {
  const { query, variables } = buildRepositoryBatchQuery([
    { owner: "o", name: "a" },
    { owner: "o", name: 'b" }' },
  ]);
  assert.match(query, /r1: repository\(owner: \$o1, name: \$n1\)/);
  assert.equal(variables.n1, 'b" }', "names travel as variables, never inside the query");
  const node = {
    nameWithOwner: "o/a",
    isPrivate: true,
    isArchived: false,
    viewerPermission: "WRITE",
    defaultBranchRef: { name: "main" },
    url: "https://x/o/a",
    sshUrl: "git@x:o/a.git",
  };
  const result = readRepositoryBatch(
    {
      data: { r0: node, r1: null, rateLimit: { cost: 1, limit: 5000, remaining: 4999, resetAt: "2024-01-01T00:00:00Z" } },
      errors: [{ type: "NOT_FOUND", path: ["r1"], message: "Could not resolve" }],
    },
    2,
    {},
  );
  assert.equal(result.entries[0]?.outcome, "found");
  assert.equal(result.entries[1]?.outcome, "not-found");
  assert.equal(result.cost, 1);
  assert.deepEqual(permissionsOf("WRITE"), { pull: true, triage: true, push: true, maintain: false, admin: false });
});
