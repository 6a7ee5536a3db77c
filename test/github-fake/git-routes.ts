import type { IncomingMessage, ServerResponse } from "node:http";
import { runGitHttpBackend } from "./git-http-backend.ts";
import { readCredentials } from "./read-credentials.ts";
import type { FakeToken, GithubFakeState } from "./state.ts";

const GIT_PATH = /^\/([^/]+)\/([^/]+?)(?:\.git)?\/(info\/refs|git-upload-pack|git-receive-pack)$/;

/** True when the path is a Git smart-HTTP path (`/{owner}/{repo}.git/info/refs` and the two services). */
export const isGitPath = (path: string): boolean => GIT_PATH.test(path);

function deny(res: ServerResponse, status: number, message: string): void {
  const headers: Record<string, string> = { "content-type": "text/plain; charset=utf-8" };
  if (status === 401) headers["www-authenticate"] = 'Basic realm="GitHub"';
  res.writeHead(status, headers).end(`${message}\n`);
}

/**
 * Serves Git over smart HTTP like GitHub: Basic auth (password = token) or `Bearer`/`token`,
 * anonymous reads of public repositories, push only with write access.
 */
export async function handleGit(
  env: { state: GithubFakeState; projectRoot: string; home: string; counters: { git: number; gitFetches: number } },
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  env.counters.git++;
  const [, owner = "", name = "", rest = ""] = GIT_PATH.exec(path) ?? [];
  const url = new URL(req.url ?? "/", "http://fake.invalid");
  const service = rest === "info/refs" ? url.searchParams.get("service") : rest;
  if (service !== "git-upload-pack" && service !== "git-receive-pack") return deny(res, 403, "Only smart HTTP is supported.");
  const credentials = readCredentials(req.headers.authorization);
  let token: FakeToken | undefined;
  if (credentials.kind === "token") token = env.state.tokens.get(credentials.value);
  const expired = token?.expiresAt != null && token.expiresAt.getTime() <= Date.now();
  if (credentials.kind === "malformed" || (credentials.kind === "token" && (!token || token.revoked || expired))) {
    return deny(res, 401, "Invalid username or token. Password authentication is not supported for Git operations.");
  }
  const repo = env.state.repo(owner, name);
  const moved = repo ? undefined : env.state.movedRepo(owner, name);
  if (moved) {
    // GitHub redirects a former name; git follows it for the first request (http.followRedirects=initial).
    const location = `/${moved.owner}/${moved.name}.git/${rest}${url.search}`;
    res.writeHead(301, { location, "content-type": "text/plain; charset=utf-8" }).end(`Moved to ${location}\n`);
    return;
  }
  const anonymousRead = credentials.kind === "none" && repo !== undefined && !repo.private && service === "git-upload-pack";
  if (credentials.kind === "none" && !anonymousRead) return deny(res, 401, "Authentication required.");
  if (token && repo && env.state.blockedBySso(token, repo.owner)) {
    return deny(
      res,
      403,
      `The '${repo.owner}' organization has enabled or enforced SAML SSO. To access this repository, you must re-authorize the token.`,
    );
  }
  if (token && repo && env.state.fineGrainedRefusal(token, repo.owner)) {
    return deny(res, 403, `The '${repo.owner}' organization forbids access via this fine-grained personal access token.`);
  }
  if (!repo || env.state.tokenRole(token, repo) === undefined) return deny(res, 404, "Repository not found.");
  // A fine-grained token with Metadata only may see a private repository but not read its contents.
  if (token?.fineGrained?.contents === "none" && repo.private) {
    return deny(res, 403, `Permission to ${repo.owner}/${repo.name}.git denied to ${token.login}.`);
  }
  if (service === "git-receive-pack" && (!token || !env.state.canPush(token, repo))) {
    return deny(res, 403, `Permission to ${repo.owner}/${repo.name}.git denied to ${token?.login ?? "anonymous"}.`);
  }
  if (rest === "git-upload-pack") countFetch(env.counters, req);
  const pathInfo = `/${repo.owner}/${repo.name}.git/${rest}`;
  await runGitHttpBackend({ projectRoot: env.projectRoot, home: env.home, pathInfo, remoteUser: token?.login }, req, res);
  if (service === "git-receive-pack" && rest === "git-receive-pack") repo.pushedAt = new Date().toISOString().replace(/\.\d+Z$/, "Z");
}

/** Counts an upload-pack request that wants objects: v2 `command=fetch`, v0 `want`, or a gzipped (large) negotiation. */
function countFetch(counters: { gitFetches: number }, req: IncomingMessage): void {
  if (req.headers["content-encoding"]) {
    counters.gitFetches++;
    return;
  }
  req.once("data", (chunk: Buffer) => {
    if (/command=fetch|want [0-9a-f]{40}/.test(chunk.toString("latin1"))) counters.gitFetches++;
  });
}
