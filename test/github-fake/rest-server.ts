import { createHash, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { badCredentials, githubError, type RestResult } from "./github-errors.ts";
import type { FakeUrls } from "./payloads.ts";
import { graphqlPointsUsed, rateHolder, type RateHolder } from "./graphql-points.ts";
import { readCredentials } from "./read-credentials.ts";
import { routeRest } from "./rest-routes.ts";
import type { FakeToken, GithubFakeState } from "./state.ts";
import { tokenHeaders } from "./token-headers.ts";
import { looksLikeJwt, verifyAppJwt } from "./app-jwt.ts";
import { routeAppRequest } from "./app-routes.ts";
import type { FakeApp } from "./state.ts";

async function readJson(req: IncomingMessage): Promise<unknown> {
  if (req.method !== "POST") return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : undefined;
  } catch {
    return undefined;
  }
}

/** A forced failure the next REST requests get (rate limits, server errors, a connection dropped without an answer). */
export type ForcedFailure =
  | { kind: "primary-rate-limit"; resetInSeconds: number }
  | { kind: "secondary-rate-limit"; retryAfterSeconds: number }
  | { kind: "status"; status: number }
  | { kind: "drop" };

/** Everything the REST part of the fake needs, shared with the server. */
export interface RestEnv {
  state: GithubFakeState;
  urls: FakeUrls;
  home: string;
  rateLimit: number;
  forced: ForcedFailure[];
  counters: { rest: number; graphql: number; git: number; gitFetches: number; graphqlPoints: number };
  /** GraphQL lookups and Git requests per repository (`owner/name`, lower case). */
  repoHits: Map<string, { graphql: number; git: number }>;
  /** Delay before every answer, to imitate a distant GitHub. */
  latencyMs: number;
  log: string[];
  /** GitHub Apps: GitHub's clock ahead of ours, installation token lifetime, replication delay of fresh tokens. */
  apps: { skewSeconds: number; tokenLifetimeMs: number; notReadyFor: number };
}

/** An answered forced failure: everything but a dropped connection. */
type AnsweredFailure = Exclude<ForcedFailure, { kind: "drop" }>;

/**
 * The next forced failure. A dropped connection is carried out here: no answer at all, as when a
 * connection to GitHub breaks (a network blip, an idle keep-alive connection closed as it is reused).
 * @returns the failure to answer with, "dropped", or undefined when none is queued
 */
export function takeForced(env: RestEnv, req: IncomingMessage): AnsweredFailure | "dropped" | undefined {
  const forced = env.forced.shift();
  if (forced?.kind !== "drop") return forced;
  req.socket.destroy();
  return "dropped";
}

const resetEpoch = () => Math.floor(Date.now() / 1000) + 3600;

/** The answer a forced failure gives (shared with the GraphQL endpoint). */
export function forcedResult(failure: AnsweredFailure, env: RestEnv): RestResult {
  switch (failure.kind) {
    case "primary-rate-limit":
      return {
        status: 403,
        headers: {
          "x-ratelimit-remaining": "0",
          "x-ratelimit-used": String(env.rateLimit),
          "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + failure.resetInSeconds),
        },
        body: githubError(
          403,
          "API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID.",
          "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
        ),
      };
    case "secondary-rate-limit":
      return {
        status: 403,
        headers: { "retry-after": String(failure.retryAfterSeconds) },
        body: githubError(
          403,
          "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
          "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
        ),
      };
    case "status":
      return { status: failure.status, body: githubError(failure.status, failure.status >= 500 ? "Server Error" : "Error") };
  }
}

function coreHeaders(state: GithubFakeState, token: FakeToken, limit: number): Record<string, string> {
  const { used } = rateHolder(state, token);
  return {
    "x-ratelimit-limit": String(limit),
    "x-ratelimit-remaining": String(Math.max(limit - used, 0)),
    "x-ratelimit-used": String(used),
    "x-ratelimit-reset": String(resetEpoch()),
    "x-ratelimit-resource": "core",
    ...tokenHeaders(token),
  };
}

function rateLimitBody(holder: RateHolder | undefined, limit: number) {
  const used = holder?.used ?? 0;
  const core = { limit, used, remaining: Math.max(limit - used, 0), reset: resetEpoch() };
  const fresh = (l: number) => ({ limit: l, used: 0, remaining: l, reset: resetEpoch() });
  const points = holder ? (graphqlPointsUsed.get(holder) ?? 0) : 0;
  const graphql = { limit, used: points, remaining: Math.max(limit - points, 0), reset: resetEpoch() };
  return { resources: { core, search: fresh(30), graphql, code_search: fresh(10), integration_manifest: fresh(5000) }, rate: core };
}

async function answer(
  env: RestEnv,
  req: IncomingMessage,
  path: string,
  url: URL,
  forced: AnsweredFailure | undefined,
): Promise<RestResult & { acceptedScopes?: string; token?: FakeToken }> {
  if (forced) return forcedResult(forced, env);
  const credentials = readCredentials(req.headers.authorization);
  let token: FakeToken | undefined;
  if (credentials.kind === "malformed") return badCredentials();
  let app: FakeApp | undefined;
  if (credentials.kind === "token" && looksLikeJwt(credentials.value)) {
    const verified = verifyAppJwt(env.state, credentials.value, Math.floor(Date.now() / 1000) + env.apps.skewSeconds);
    if (!("id" in verified)) return verified;
    app = verified;
  } else if (credentials.kind === "token") {
    token = env.state.tokens.get(credentials.value);
    if (!token || token.revoked || (token.expiresAt && token.expiresAt.getTime() <= Date.now())) return badCredentials();
    if (token.notReadyFor) {
      token.notReadyFor--;
      return badCredentials();
    }
  }
  const appResult = routeAppRequest(
    { state: env.state, urls: env.urls, url, app, token, body: await readJson(req), ...env.apps },
    req.method ?? "GET",
    path,
  );
  if (appResult) return { ...appResult, ...(token ? { token } : {}) };
  if (app)
    return { status: 401, body: { message: "A JSON web token could not be decoded", documentation_url: "https://docs.github.com/rest" } };
  const holder = token && rateHolder(env.state, token);
  if (path === "/rate_limit") return { status: 200, body: rateLimitBody(holder, env.rateLimit), token };
  if (holder) {
    if (holder.used >= env.rateLimit) return { ...forcedResult({ kind: "primary-rate-limit", resetInSeconds: 3600 }, env), token };
    holder.used++;
  }
  const result = await routeRest({ state: env.state, urls: env.urls, home: env.home, token, url }, req.method ?? "GET", path);
  return { ...result, token };
}

/** Serves one request under `/api/v3` like GitHub's REST API: headers, ETags, rate limits. */
export async function handleRest(env: RestEnv, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  env.counters.rest++;
  const url = new URL(req.url ?? "/", env.urls.web);
  env.log.push(`${req.method} ${url.pathname}`);
  const forced = takeForced(env, req);
  if (forced === "dropped") return;
  const result = await answer(env, req, path, url, forced);
  const headers: Record<string, string> = {
    "content-type": "application/json; charset=utf-8",
    "x-github-media-type": "github.v3; format=json",
    "x-github-api-version-selected": "2022-11-28",
    "x-github-request-id": randomUUID().toUpperCase(),
    // GitHub's clock, which a JWT's iat and exp are judged by.
    date: new Date(Date.now() + env.apps.skewSeconds * 1000).toUTCString(),
    ...(result.token ? coreHeaders(env.state, result.token, env.rateLimit) : {}),
    ...(result.acceptedScopes === undefined ? {} : { "x-accepted-oauth-scopes": result.acceptedScopes }),
    ...result.headers,
  };
  const body = result.body === undefined ? "" : JSON.stringify(result.body);
  if (result.status === 200 && req.method === "GET") {
    const etag = `W/"${createHash("sha256").update(body).digest("hex")}"`;
    headers.etag = etag;
    if (req.headers["if-none-match"] === etag) {
      // GitHub does not count a 304 against the rate limit.
      if (result.token) {
        const holder = rateHolder(env.state, result.token);
        holder.used = Math.max(holder.used - 1, 0);
      }
      res.writeHead(304, { ...headers, ...(result.token ? coreHeaders(env.state, result.token, env.rateLimit) : {}) }).end();
      return;
    }
  }
  res.writeHead(result.status, headers).end(body);
}
