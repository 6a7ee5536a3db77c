import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { handleGit, isGitPath } from "./git-routes.ts";
import { githubError } from "./github-errors.ts";
import { handleGraphql } from "./graphql-server.ts";
import { handleRest, type RestEnv } from "./rest-server.ts";
import { handleNewAppPage, newAppPagePattern } from "./app-manifest-page.ts";

/**
 * A failure the fake's Git routes play once: `hang` never answers the next Git request (a dead upstream
 * that keeps the connection); `die-mid-pack` cuts the connection after `afterBytes` of the next
 * `git-upload-pack` answer larger than that (a pack, not a ref listing).
 */
export type GitFault = { kind: "hang" } | { kind: "drop" } | { kind: "die-mid-pack"; afterBytes: number };

/** Everything the fake's HTTP server dispatches to. */
export interface ServerEnv extends RestEnv {
  projectRoot: string;
  gitFaults: GitFault[];
  /** Added to every Git request only (on top of `latencyMs`): an upstream far away. */
  gitLatencyMs: number;
}

/** The fake's HTTP server: REST under `/api/v3`, GraphQL at `/api/graphql`, Git smart HTTP elsewhere. */
export function createFakeServer(env: ServerEnv): Server {
  return createServer((req, res) => {
    if (env.latencyMs > 0) setTimeout(() => dispatch(env, req, res), env.latencyMs);
    else dispatch(env, req, res);
  });
}

function dispatch(env: ServerEnv, req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? "/", "http://fake.invalid").pathname;
  const done = (error: unknown) => {
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
    res.end(`fake failed: ${error instanceof Error ? error.message : String(error)}\n`);
  };
  if (path === "/api/v3" || path.startsWith("/api/v3/")) {
    handleRest(env, req, res, path.slice("/api/v3".length) || "/").catch(done);
  } else if (path === "/api/graphql") {
    handleGraphql(env, req, res).catch(done);
  } else if (newAppPagePattern.test(path)) {
    handleNewAppPage(env.state, env.urls, req, res, newAppPagePattern.exec(path)?.[1]).catch(done);
  } else if (isGitPath(path)) {
    const [, owner = "", name = ""] = /^\/([^/]+)\/([^/]+?)(?:\.git)?\//.exec(path) ?? [];
    const hits = env.repoHits.get(`${owner}/${name}`.toLowerCase()) ?? { graphql: 0, git: 0 };
    hits.git++;
    env.repoHits.set(`${owner}/${name}`.toLowerCase(), hits);
    const fault = env.gitFaults[0];
    if (fault?.kind === "hang") {
      env.gitFaults.shift();
      req.resume();
      return;
    }
    if (fault?.kind === "drop") {
      env.gitFaults.shift();
      req.socket.destroy();
      return;
    }
    if (fault?.kind === "die-mid-pack" && path.endsWith("/git-upload-pack")) cutAfter(env, res, fault);
    const serve = () => void handleGit(env, req, res, path).catch(done);
    if (env.gitLatencyMs > 0) setTimeout(serve, env.gitLatencyMs);
    else serve();
  } else {
    req.resume();
    res.writeHead(404, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(githubError(404, "Not Found")));
  }
}

/** Destroys the connection once an answer passes `afterBytes`, and then retires the fault. */
function cutAfter(env: ServerEnv, res: ServerResponse, fault: Extract<GitFault, { kind: "die-mid-pack" }>): void {
  let sent = 0;
  const write = res.write.bind(res) as (chunk: Buffer | string) => boolean;
  (res as { write: (chunk: Buffer | string) => boolean }).write = (chunk) => {
    sent += Buffer.byteLength(chunk);
    if (sent <= fault.afterBytes) return write(chunk);
    if (env.gitFaults[0] === fault) env.gitFaults.shift();
    res.socket?.destroy();
    return false;
  };
}
