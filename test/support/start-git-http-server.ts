import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runGitHttpBackend } from "../github-fake/git-http-backend.ts";
import { buildBareRepo, type RepoContent } from "../github-fake/git-repo-builder.ts";
import { git } from "../github-fake/git-env.ts";

/** One account of the plain Git server: a password and whether it may push. */
export interface GitHttpAccount {
  password: string;
  readOnly?: boolean;
}

/** A plain Git server: git's own `git http-backend` CGI behind HTTP Basic auth on 127.0.0.1. */
export interface GitHttpServer {
  /** `http://127.0.0.1:<port>`: the host's web URL. */
  url: string;
  /** The directory the repositories live in (`<root>/<path>.git`). */
  root: string;
  /** A bare repository at `<path>.git` with one commit on the default branch and the given branches. */
  addRepo(path: string, content?: Partial<RepoContent>): Promise<void>;
  /** Adds or replaces an account. */
  setAccount(username: string, account: GitHttpAccount): void;
  /** Makes the server stop accepting the account's password, as when a password is changed or a token revoked. */
  refusePassword(username: string): void;
  /** Requests answered, by service (`git-upload-pack`, `git-receive-pack`). */
  requests: Record<string, number>;
  /** The branches of a repository, read from disk: what a push really changed. */
  branches(path: string): Promise<Record<string, string>>;
  close(): Promise<void>;
}

const GIT_PATH = /^\/(.+?)(?:\.git)?\/(info\/refs|git-upload-pack|git-receive-pack)$/;

function deny(res: ServerResponse, status: 401 | 403 | 404, message: string): void {
  const headers: Record<string, string> = { "content-type": "text/plain; charset=utf-8" };
  if (status === 401) headers["www-authenticate"] = 'Basic realm="plain git"';
  res.writeHead(status, headers).end(`${message}\n`);
}

function readBasic(header: string | undefined): { username: string; password: string } | null {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(header ?? "");
  if (!match) return null;
  const decoded = Buffer.from(match[1] ?? "", "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? null : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * Starts a Git server as a self-hosted one is often set up: `git http-backend` for smart HTTP,
 * every request (reads too) behind Basic auth, push only for accounts that are not read-only.
 * https://git-scm.com/docs/git-http-backend
 */
export async function startGitHttpServer(): Promise<GitHttpServer> {
  const home = await mkdtemp(join(tmpdir(), "repolink-git-http-"));
  const root = join(home, "repos");
  const accounts = new Map<string, GitHttpAccount>();
  const refused = new Set<string>();
  const requests: Record<string, number> = {};

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://git.invalid");
    const [, path = "", rest = ""] = GIT_PATH.exec(url.pathname) ?? [];
    const service = rest === "info/refs" ? url.searchParams.get("service") : rest;
    if (path === "" || path.split("/").some((part) => part === ".." || part === "" || part.startsWith(".")))
      return deny(res, 404, "Not found.");
    if (service !== "git-upload-pack" && service !== "git-receive-pack") return deny(res, 403, "Only smart HTTP is served.");
    requests[service] = (requests[service] ?? 0) + 1;
    const basic = readBasic(req.headers.authorization);
    const account = basic ? accounts.get(basic.username) : undefined;
    if (!basic || !account || account.password !== basic.password || refused.has(basic.username))
      return deny(res, 401, "Authentication failed.");
    if (service === "git-receive-pack" && account.readOnly) return deny(res, 403, `${basic.username} may not push.`);
    const pathInfo = `/${path}.git/${rest}`;
    await runGitHttpBackend({ projectRoot: root, home, pathInfo, remoteUser: basic.username }, req, res);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    root,
    requests,
    async addRepo(path, content = {}) {
      await buildBareRepo(home, join(root, `${path}.git`), {
        defaultBranch: content.defaultBranch ?? "main",
        files: content.files ?? { "README.md": `${path}\n` },
        branches: content.branches ?? [],
      });
    },
    setAccount(username, account) {
      accounts.set(username, account);
      refused.delete(username);
    },
    refusePassword(username) {
      refused.add(username);
    },
    async branches(path) {
      const out = await git(home, [
        `--git-dir=${join(root, `${path}.git`)}`,
        "for-each-ref",
        "--format=%(refname:short) %(objectname)",
        "refs/heads",
      ]);
      return Object.fromEntries(
        out
          .split("\n")
          .filter(Boolean)
          .map((line) => line.split(" ") as [string, string]),
      );
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await rm(home, { recursive: true, force: true });
    },
  };
}
