import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { handleGit, isGitPath } from "./git-routes.ts";
import { githubError } from "./github-errors.ts";
import { handleGraphql } from "./graphql-server.ts";
import { handleRest, type RestEnv } from "./rest-server.ts";

/** Everything the fake's HTTP server dispatches to. */
export interface ServerEnv extends RestEnv {
  projectRoot: string;
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
  } else if (isGitPath(path)) {
    const [, owner = "", name = ""] = /^\/([^/]+)\/([^/]+?)(?:\.git)?\//.exec(path) ?? [];
    const hits = env.repoHits.get(`${owner}/${name}`.toLowerCase()) ?? { graphql: 0, git: 0 };
    hits.git++;
    env.repoHits.set(`${owner}/${name}`.toLowerCase(), hits);
    handleGit(env, req, res, path).catch(done);
  } else {
    req.resume();
    res.writeHead(404, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(githubError(404, "Not Found")));
  }
}
