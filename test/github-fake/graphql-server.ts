import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { graphqlPointsUsed, rateHolder } from "./graphql-points.ts";
import { parseRepositoryQuery, type RepositoryLookup } from "./graphql-repository-query.ts";
import { readCredentials } from "./read-credentials.ts";
import { forcedResult, takeForced, type RestEnv } from "./rest-server.ts";
import type { FakeToken, GithubFakeState } from "./state.ts";
import { tokenHeaders } from "./token-headers.ts";

/** Points each token spent on GraphQL; GitHub keeps this budget apart from REST's. */
const permissionNames = { admin: "ADMIN", maintain: "MAINTAIN", write: "WRITE", triage: "TRIAGE", read: "READ" } as const;
const resetEpoch = () => Math.floor(Date.now() / 1000) + 3600;

/**
 * GitHub's cost rule: one point per 100 nodes requested, at least 1 per query.
 * https://docs.github.com/graphql/overview/rate-limits-and-node-limits-for-the-graphql-api
 */
export const graphqlCost = (nodes: number): number => Math.max(1, Math.ceil(nodes / 100));

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const common = {
    "content-type": "application/json; charset=utf-8",
    "x-github-media-type": "github.v4; format=json",
    "x-github-request-id": randomUUID().toUpperCase(),
  };
  res.writeHead(status, { ...common, ...headers }).end(JSON.stringify(body));
}

/** The `viewer` object: the token's own user, the fields asked for. */
function viewerOf(state: GithubFakeState, token: FakeToken, fields: string[], webUrl: string): Record<string, unknown> {
  const me = state.account(token.login)!;
  const all: Record<string, unknown> = {
    login: me.login,
    databaseId: me.id,
    id: Buffer.from(`04:User${me.id}`).toString("base64"),
    name: me.name,
    url: `${webUrl}/${me.login}`,
  };
  return Object.fromEntries(fields.map((f) => [f, all[f] ?? null]));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function resolveLookup(state: GithubFakeState, token: FakeToken, lookup: RepositoryLookup, webUrl: string) {
  // A former name resolves to the repository under its new name, as on GitHub.
  const repo = state.repo(lookup.owner, lookup.name) ?? state.movedRepo(lookup.owner, lookup.name);
  if (repo && state.blockedBySso(token, repo.owner)) {
    return {
      error: {
        type: "FORBIDDEN",
        path: [lookup.alias],
        message:
          "Resource protected by organization SAML enforcement. You must grant your Personal Access token access to this organization.",
      },
      ssoOrg: state.account(repo.owner)?.id,
    };
  }
  const role = repo ? state.tokenRole(token, repo) : undefined;
  if (!repo || role === undefined) {
    return {
      error: {
        type: "NOT_FOUND",
        path: [lookup.alias],
        message: `Could not resolve to a Repository with the name '${lookup.owner}/${lookup.name}'.`,
      },
    };
  }
  const host = new URL(webUrl).hostname;
  const all: Record<string, unknown> = {
    id: Buffer.from(`010:Repository${repo.id}`).toString("base64"),
    databaseId: repo.id,
    name: repo.name,
    nameWithOwner: `${repo.owner}/${repo.name}`,
    owner: { login: repo.owner },
    isPrivate: repo.private,
    isArchived: repo.archived,
    viewerPermission: permissionNames[role],
    defaultBranchRef: { name: repo.defaultBranch },
    url: `${webUrl}/${repo.owner}/${repo.name}`,
    sshUrl: `git@${host}:${repo.owner}/${repo.name}.git`,
  };
  return { value: Object.fromEntries(lookup.fields.map((f) => [f, all[f] ?? null])) };
}

/**
 * Serves POST /api/graphql for aliased repository lookups like GitHub: token auth, a
 * GraphQL budget apart from REST's, NOT_FOUND and SAML errors per alias, `viewer`,
 * `rateLimit`, and the token headers (`X-OAuth-Scopes`, expiry, `X-RateLimit-*`).
 */
export async function handleGraphql(env: RestEnv, req: IncomingMessage, res: ServerResponse): Promise<void> {
  env.counters.graphql++;
  env.log.push(`${req.method} /api/graphql`);
  const text = await readBody(req);
  const forced = takeForced(env, req);
  if (forced === "dropped") return;
  if (forced) {
    const result = forcedResult(forced, env);
    return send(res, result.status, result.body, result.headers);
  }
  if (req.method !== "POST") return send(res, 404, { message: "Not Found" });
  const credentials = readCredentials(req.headers.authorization);
  const token = credentials.kind === "token" ? env.state.tokens.get(credentials.value) : undefined;
  if (credentials.kind === "none")
    return send(res, 401, {
      message: "This endpoint requires you to be authenticated.",
      documentation_url: "https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql",
    });
  if (!token || token.revoked || (token.expiresAt && token.expiresAt.getTime() <= Date.now()))
    return send(res, 401, { message: "Bad credentials", documentation_url: "https://docs.github.com/graphql" });
  if (token.notReadyFor) {
    token.notReadyFor--; // a fresh installation token GitHub has not replicated yet
    return send(res, 401, { message: "Bad credentials", documentation_url: "https://docs.github.com/graphql" });
  }
  let parsed;
  try {
    const request = JSON.parse(text) as { query?: unknown; variables?: unknown };
    parsed = parseRepositoryQuery(String(request.query ?? ""), (request.variables ?? {}) as Record<string, unknown>);
  } catch (error) {
    return send(res, 200, { errors: [{ message: error instanceof Error ? error.message : "Parse error" }] });
  }
  const cost = graphqlCost(parsed.lookups.length);
  const holder = rateHolder(env.state, token);
  const used = graphqlPointsUsed.get(holder) ?? 0;
  const rateHeaders = (spent: number) => ({
    "x-ratelimit-limit": String(env.rateLimit),
    "x-ratelimit-remaining": String(Math.max(env.rateLimit - spent, 0)),
    "x-ratelimit-used": String(spent),
    "x-ratelimit-reset": String(resetEpoch()),
    "x-ratelimit-resource": "graphql",
    ...tokenHeaders(token),
  });
  if (used + cost > env.rateLimit) {
    return send(res, 200, { errors: [{ type: "RATE_LIMITED", message: "API rate limit exceeded for user ID 1." }] }, rateHeaders(used));
  }
  graphqlPointsUsed.set(holder, used + cost);
  env.counters.graphqlPoints += cost;
  const data: Record<string, unknown> = {};
  const errors: unknown[] = [];
  const ssoOrgs = new Set<number>();
  for (const lookup of parsed.lookups) {
    const key = `${lookup.owner}/${lookup.name}`.toLowerCase();
    const hits = env.repoHits.get(key) ?? { graphql: 0, git: 0 };
    hits.graphql++;
    env.repoHits.set(key, hits);
    const resolved = resolveLookup(env.state, token, lookup, env.urls.web);
    data[lookup.alias] = resolved.value ?? null;
    if (resolved.error) errors.push(resolved.error);
    if (resolved.ssoOrg !== undefined) ssoOrgs.add(resolved.ssoOrg);
  }
  if (parsed.viewer) data.viewer = viewerOf(env.state, token, parsed.viewer, env.urls.web);
  if (parsed.rateLimit) {
    const all: Record<string, unknown> = {
      cost,
      limit: env.rateLimit,
      remaining: env.rateLimit - used - cost,
      used: used + cost,
      resetAt: new Date(resetEpoch() * 1000).toISOString(),
      nodeCount: parsed.lookups.length,
    };
    data.rateLimit = Object.fromEntries(parsed.rateLimit.map((f) => [f, all[f] ?? null]));
  }
  const headers: Record<string, string> = rateHeaders(used + cost);
  if (ssoOrgs.size > 0) headers["x-github-sso"] = `partial-results; organizations=${[...ssoOrgs].join(",")}`;
  send(res, 200, errors.length > 0 ? { data, errors } : { data }, headers);
}
