import { z } from "zod";
import { UpstreamError } from "../../core/errors.ts";
import type {
  GithubRateLimit,
  RepositoryBatchEntry,
  RepositoryBatchOptions,
  RepositoryBatchResult,
  RepositoryInfo,
  RepositoryPermissions,
} from "./github-client.ts";
import { postGraphql, type GraphqlPostOptions } from "./post-graphql.ts";
import { readTokenInspection } from "./read-token-inspection.ts";

/** GitHub serves at most 100 nodes per query page; aliases beyond that only raise the cost. */
export const MAX_BATCH = 100;

const FIELDS = "databaseId nameWithOwner isPrivate isArchived viewerPermission defaultBranchRef { name } url sshUrl";

const nodeSchema = z.object({
  databaseId: z.number().nullable().optional(),
  nameWithOwner: z.string(),
  isPrivate: z.boolean(),
  isArchived: z.boolean(),
  viewerPermission: z.enum(["ADMIN", "MAINTAIN", "WRITE", "TRIAGE", "READ"]).nullable(),
  defaultBranchRef: z.object({ name: z.string() }).nullable(),
  url: z.string(),
  sshUrl: z.string(),
});
const bodySchema = z.object({
  data: z.record(z.string(), z.unknown()).nullable().optional(),
  errors: z
    .array(z.object({ type: z.string().optional(), message: z.string(), path: z.array(z.union([z.string(), z.number()])).optional() }))
    .optional(),
});
const rateSchema = z.object({ cost: z.number(), limit: z.number(), remaining: z.number(), resetAt: z.string() });
const viewerSchema = z.object({ login: z.string(), databaseId: z.number() });

const ranks = ["READ", "TRIAGE", "WRITE", "MAINTAIN", "ADMIN"] as const;

/** The REST-style permission flags of a GraphQL `viewerPermission`. */
export function permissionsOf(viewerPermission: (typeof ranks)[number] | null): RepositoryPermissions | null {
  if (viewerPermission === null) return null;
  const rank = ranks.indexOf(viewerPermission);
  return { pull: true, triage: rank >= 1, push: rank >= 2, maintain: rank >= 3, admin: rank >= 4 };
}

/**
 * The aliased query for `repos` (owner and name travel as variables, never inside the text);
 * with `viewer`, it asks who the token is as well, so no `GET /user` is needed.
 */
export function buildRepositoryBatchQuery(
  repos: { owner: string; name: string }[],
  options: RepositoryBatchOptions = {},
): { query: string; variables: Record<string, string> } {
  const variables: Record<string, string> = {};
  const params: string[] = [];
  const fields = repos.map((r, i) => {
    variables[`o${i}`] = r.owner;
    variables[`n${i}`] = r.name;
    params.push(`$o${i}: String!`, `$n${i}: String!`);
    return `r${i}: repository(owner: $o${i}, name: $n${i}) { ${FIELDS} }`;
  });
  const signature = params.length > 0 ? `(${params.join(", ")})` : "";
  if (options.viewer) fields.push("viewer { login databaseId }");
  return { query: `query RepolinkHealth${signature} {\n${fields.join("\n")}\nrateLimit { cost limit remaining resetAt }\n}`, variables };
}

function toInfo(node: z.infer<typeof nodeSchema>): RepositoryInfo {
  const [owner = "", name = ""] = node.nameWithOwner.split("/");
  return {
    id: node.databaseId == null ? null : String(node.databaseId),
    owner,
    name,
    fullName: node.nameWithOwner,
    private: node.isPrivate,
    archived: node.isArchived,
    defaultBranch: node.defaultBranchRef?.name ?? "",
    cloneUrl: `${node.url}.git`,
    sshUrl: node.sshUrl,
    htmlUrl: node.url,
    permissions: permissionsOf(node.viewerPermission),
  };
}

/**
 * Reads a batch answer: an entry per alias (NOT_FOUND and SAML errors are entries, not
 * failures) and, when asked for, the token check from `viewer` and the token headers.
 * @throws UpstreamError `GITHUB_RATE_LIMITED`, `GITHUB_GRAPHQL_UNAVAILABLE`, `GITHUB_UNEXPECTED_RESPONSE`
 */
export function readRepositoryBatch(
  body: unknown,
  count: number,
  headers: Record<string, string | undefined>,
  options: RepositoryBatchOptions = {},
): RepositoryBatchResult {
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) throw new UpstreamError("GITHUB_UNEXPECTED_RESPONSE", "GitHub's GraphQL answer had an unexpected shape.");
  const { data, errors = [] } = parsed.data;
  if (errors.some((e) => e.type === "RATE_LIMITED")) {
    const reset = Number(headers["x-ratelimit-reset"]);
    throw new UpstreamError("GITHUB_RATE_LIMITED", "GitHub's GraphQL rate limit for this token was reached.", {
      details: { resetAt: Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000).toISOString() : null },
    });
  }
  if (!data)
    throw new UpstreamError(
      "GITHUB_GRAPHQL_UNAVAILABLE",
      `GitHub's GraphQL API did not answer the query: ${(errors[0]?.message ?? "no data").slice(0, 200)}`,
    );
  const entries: RepositoryBatchEntry[] = [];
  for (let i = 0; i < count; i++) {
    const node = nodeSchema.safeParse(data[`r${i}`]);
    if (node.success) {
      entries.push({ outcome: "found", info: toInfo(node.data) });
      continue;
    }
    if (data[`r${i}`] != null) throw new UpstreamError("GITHUB_UNEXPECTED_RESPONSE", "GitHub's GraphQL answer lacked repository fields.");
    const error = errors.find((e) => e.path?.[0] === `r${i}`);
    entries.push(
      error?.type === "FORBIDDEN" && /SAML/i.test(error.message) ? { outcome: "sso-required", ssoUrl: null } : { outcome: "not-found" },
    );
  }
  const rate = rateSchema.safeParse(data.rateLimit);
  const rateLimit: GithubRateLimit | null = rate.success
    ? { limit: rate.data.limit, remaining: rate.data.remaining, resetAt: rate.data.resetAt }
    : null;
  const result: RepositoryBatchResult = { entries, cost: rate.success ? rate.data.cost : 1, rateLimit };
  if (!options.viewer) return result;
  const viewer = viewerSchema.safeParse(data.viewer);
  if (!viewer.success) throw new UpstreamError("GITHUB_UNEXPECTED_RESPONSE", "GitHub's GraphQL answer lacked the viewer.");
  // The same reader as GET /user's: scopes, expiry and rate limit come from the headers.
  return { ...result, viewer: readTokenInspection({ login: viewer.data.login, id: viewer.data.databaseId }, headers) };
}

/** POSTs one batch query (≤ 100 repositories, with `viewer` if asked) to the GraphQL endpoint and reads the answer. */
export async function queryRepositoryBatch(
  post: GraphqlPostOptions,
  repos: { owner: string; name: string }[],
  options: RepositoryBatchOptions = {},
): Promise<RepositoryBatchResult> {
  if (repos.length > MAX_BATCH)
    throw new UpstreamError("GITHUB_BATCH_TOO_LARGE", `At most ${MAX_BATCH} repositories fit in one GraphQL query.`);
  const response = await postGraphql(post, buildRepositoryBatchQuery(repos, options));
  return readRepositoryBatch(response.data, repos.length, response.headers, options);
}

/** The GraphQL endpoint of a REST root: `https://api.github.com/graphql`, or `<host>/api/graphql` for GitHub Enterprise Server. */
export function graphqlUrlFor(apiUrl: string): string {
  const base = apiUrl.replace(/\/+$/, "");
  return base.endsWith("/api/v3") ? `${base.slice(0, -"/v3".length)}/graphql` : `${base}/graphql`;
}
