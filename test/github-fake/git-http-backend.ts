import { spawn } from "node:child_process";
import type { IncomingMessage, ServerResponse } from "node:http";
import { isolatedGitEnv } from "./git-env.ts";

/** What the CGI process needs to know about one smart-HTTP request. */
export interface CgiRequest {
  projectRoot: string;
  home: string;
  /** `/{owner}/{repo}.git/...` inside the project root. */
  pathInfo: string;
  remoteUser: string | undefined;
}

function parseCgiHead(head: string): { status: number; headers: Record<string, string> } {
  let status = 200;
  const headers: Record<string, string> = {};
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === "status") status = Number.parseInt(value, 10) || 500;
    else headers[name] = value;
  }
  return { status, headers };
}

/** Runs `git http-backend` as a CGI for one request: body piped in, headers (incl. `Status`) parsed, output streamed back. */
export function runGitHttpBackend(cgi: CgiRequest, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://fake.invalid");
  const env = isolatedGitEnv(cgi.home, {
    GIT_PROJECT_ROOT: cgi.projectRoot,
    GIT_HTTP_EXPORT_ALL: "1",
    PATH_INFO: cgi.pathInfo,
    QUERY_STRING: url.search.slice(1),
    REQUEST_METHOD: req.method ?? "GET",
    CONTENT_TYPE: req.headers["content-type"] ?? "",
    REMOTE_ADDR: req.socket.remoteAddress ?? "127.0.0.1",
    ...(cgi.remoteUser ? { REMOTE_USER: cgi.remoteUser } : {}),
    ...(req.headers["content-encoding"] ? { HTTP_CONTENT_ENCODING: req.headers["content-encoding"] } : {}),
    ...(req.headers["git-protocol"] ? { GIT_PROTOCOL: String(req.headers["git-protocol"]) } : {}),
  });
  return new Promise((resolve) => {
    const child = spawn("git", ["http-backend"], { env, stdio: ["pipe", "pipe", "pipe"] });
    let buffered = Buffer.alloc(0);
    let headersSent = false;
    child.stderr.resume();
    // A client gone mid-answer (or a fault cutting it) ends the backend too, as GitHub's would.
    res.on("close", () => {
      if (!res.writableFinished) child.kill("SIGKILL");
    });
    req.pipe(child.stdin);
    child.stdin.on("error", () => undefined);
    child.stdout.on("data", (chunk: Buffer) => {
      if (headersSent) {
        res.write(chunk);
        return;
      }
      buffered = Buffer.concat([buffered, chunk]);
      const text = buffered.toString("latin1");
      const end = text.search(/\r?\n\r?\n/);
      if (end < 0) return;
      const separator = /\r?\n\r?\n/.exec(text.slice(end))?.[0].length ?? 2;
      const { status, headers } = parseCgiHead(text.slice(0, end));
      res.writeHead(status, headers);
      headersSent = true;
      res.write(buffered.subarray(end + separator));
    });
    child.on("close", () => {
      if (!headersSent) res.writeHead(500, { "content-type": "text/plain" }).end("git http-backend failed\n");
      else res.end();
      resolve();
    });
    child.on("error", () => {
      if (!headersSent) res.writeHead(500).end();
      resolve();
    });
  });
}
