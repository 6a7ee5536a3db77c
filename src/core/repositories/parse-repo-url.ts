import { InputError } from "../errors.ts";
import type { Host } from "../hosts/host.ts";
import { hasControlCharacters } from "../text/has-control-characters.ts";
import { repoPathDepthOf } from "./repo-path-depth.ts";
import { splitRepositoryPath } from "./repository-path.ts";

/** A repository URL reduced to what Repolink keeps: host, path and a clean clone URL. */
export interface ParsedRepoUrl {
  hostName: string;
  /** The repository's path on its host, without `.git`: `owner/repo` on GitHub, any depth elsewhere. */
  path: string;
  /** The path's namespace (every segment but the last); on GitHub, the owner. */
  owner: string;
  /** The path's last segment; on GitHub, the repository's name. */
  repo: string;
  protocol: "https" | "ssh";
  /** `https://host[:port]/PATH.git` or `ssh://git@host[:port]/PATH.git`; never userinfo. */
  cleanUrl: string;
}

/** How many segments a host's repository paths have (undefined: any depth); by default the host kind's rule. */
export type PathDepthOf = (host: Host) => number | undefined;

const MAX_LENGTH = 2048;
const MAX_PATH_LENGTH = 255;
const MAX_SEGMENTS = 20;
const hostnamePattern = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/i;
const ipv6Pattern = /^\[[0-9a-f:.]+\]$/i;
const namePattern = /^[A-Za-z0-9_.][A-Za-z0-9_.-]{0,99}$/;

const invalid = (why: string): InputError => new InputError("REPO_URL_INVALID", `url ${why}`, "url");

/** Splits `name[:port]` (IPv6 literals in brackets) and checks both parts; never echoes the input. */
function splitHostPort(authority: string): { hostname: string; port: string } {
  const match = /^(\[[^\]]*\]|[^:]*)(?::(\d{1,5}))?$/.exec(authority);
  const hostname = (match?.[1] ?? "").toLowerCase();
  const port = match?.[2] ?? "";
  if (!match || hostname === "") throw invalid("has no host name, e.g. https:///x; write https://github.com/OWNER/REPO.git.");
  if (hostname.startsWith("-")) throw invalid("must not have a host name starting with '-'.");
  if (!hostnamePattern.test(hostname) && !ipv6Pattern.test(hostname))
    throw invalid("has a host name with characters host names never have.");
  if (port !== "" && (Number(port) < 1 || Number(port) > 65535)) throw invalid("has a port outside 1–65535.");
  return { hostname, port };
}

/** Reads the segments of `a/b/c(.git)` from a URL path, checking each; a trailing slash is tolerated. */
function splitPath(path: string): { segments: string[]; gitSuffix: boolean } {
  if (/[?#]/.test(path)) throw invalid("must not have a query or fragment.");
  const parts = path.replace(/^\/+/, "").replace(/\/$/, "").split("/");
  const last = parts[parts.length - 1] ?? "";
  const gitSuffix = last.endsWith(".git");
  if (gitSuffix) parts[parts.length - 1] = last.slice(0, -4);
  if (parts.length === 1 && parts[0] === "") throw invalid("must name a repository after the host, e.g. https://HOST/OWNER/REPO.git.");
  if (parts.length > MAX_SEGMENTS || parts.join("/").length > MAX_PATH_LENGTH)
    throw invalid(`must have a repository path of at most ${MAX_SEGMENTS} segments and ${MAX_PATH_LENGTH} characters.`);
  if (parts.some((part) => part.startsWith("-"))) throw invalid("must not have a path segment (owner or repository) starting with '-'.");
  if (parts.some((part) => !namePattern.test(part) || part === "." || part === "..")) {
    throw invalid("has a path segment Git hosts would not allow (letters, digits, '-', '_' and '.', at most 100 each).");
  }
  return { segments: parts, gitSuffix };
}

/** Checks the path's depth against the host's rule (GitHub's: exactly OWNER/REPO); undefined allows any depth. */
function checkDepth(segments: string[], depth: number | undefined): void {
  if (depth === undefined || segments.length === depth) return;
  if (depth === 2) throw invalid("must name one repository as OWNER/REPO, e.g. https://github.com/octocat/hello-world.git.");
  throw invalid(`must name one repository as a path of ${depth} segments on this host.`);
}

/** The registered host whose web URL has this host name (and port, for http/https); compared exactly. */
function findHost(hosts: Host[], hostname: string, port: string, scheme: string): Host {
  const found = hosts.find((h) => {
    const web = new URL(h.webUrl);
    if (scheme === "ssh") return web.hostname.toLowerCase() === hostname;
    const defaultPort = scheme === "https" ? "443" : "80";
    const effective = port === defaultPort ? "" : port;
    return web.hostname.toLowerCase() === hostname && web.port === effective;
  });
  if (!found) {
    throw new InputError(
      "HOST_UNKNOWN",
      `host "${hostname.slice(0, 100)}" is not registered; an admin can add it with \`repolink host add\`.`,
      "url",
    );
  }
  if (scheme === "http" && new URL(found.webUrl).protocol !== "http:")
    throw invalid("must use https (http is only for hosts registered with an http URL).");
  return found;
}

function build(hosts: Host[], pathDepthOf: PathDepthOf, scheme: "https" | "http" | "ssh", authority: string, raw: string): ParsedRepoUrl {
  const { hostname, port } = splitHostPort(authority);
  const { segments, gitSuffix } = splitPath(raw);
  const host = findHost(hosts, hostname, port, scheme);
  const depth = pathDepthOf(host);
  checkDepth(segments, depth);
  const path = segments.join("/");
  // GitHub answers on PATH.git; a plain Git server serves the directory as it is named, so its URL keeps what was written.
  const suffix = depth !== undefined || gitSuffix ? ".git" : "";
  const keepPort =
    port !== "" && !(scheme === "https" && port === "443") && !(scheme === "http" && port === "80") && !(scheme === "ssh" && port === "22");
  const hostPart = `${hostname}${keepPort ? `:${port}` : ""}`;
  const cleanUrl = scheme === "ssh" ? `ssh://git@${hostPart}/${path}${suffix}` : `${scheme}://${hostPart}/${path}${suffix}`;
  return { hostName: host.name, path, ...splitRepositoryPath(path), protocol: scheme === "ssh" ? "ssh" : "https", cleanUrl };
}

/**
 * Parses an HTTPS, `ssh://` or scp-like (`git@host:owner/repo.git`) URL of a registered
 * host; the host decides the path's depth (`pathDepthOf`: GitHub's OWNER/REPO, any depth
 * elsewhere). Refuses everything git has been attacked with: control characters and their
 * percent-encodings (CVE-2020-5260, CVE-2024-52006), empty hosts (CVE-2020-11008),
 * option-like parts (CVE-2017-1000117), other transports, and userinfo.
 * @example parseRepoUrl("git@github.com:octocat/hello.git", hosts).cleanUrl // "ssh://git@github.com/octocat/hello.git"
 * @throws InputError `REPO_URL_INVALID` (field `url`), `HOST_UNKNOWN`
 */
export function parseRepoUrl(raw: string, knownHosts: Host[], pathDepthOf: PathDepthOf = repoPathDepthOf): ParsedRepoUrl {
  if (typeof raw !== "string" || raw.trim() === "") throw invalid("is required, e.g. https://github.com/OWNER/REPO.git.");
  if (raw.length > MAX_LENGTH) throw invalid(`must be at most ${MAX_LENGTH} characters.`);
  if (hasControlCharacters(raw) || /%(?:[01][0-9a-f]|7f)/i.test(raw))
    throw invalid("must not contain line breaks or control characters, raw or percent-encoded.");
  const text = raw.trim();
  if (/^[A-Za-z][A-Za-z0-9+.-]*::/.test(text))
    throw invalid("uses a git remote helper (such as ext::), which Repolink never runs; use https:// or ssh://.");
  if (/[\s\\]/.test(text)) throw invalid("must not contain spaces or backslashes.");
  if (text.startsWith("-")) throw invalid("must not start with '-'.");
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(text)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    const scp = /^([^@/:]+)@([^/:]*):(.*)$/.exec(text);
    if (!scp) throw invalid("needs a scheme: https://HOST/OWNER/REPO.git, ssh://git@HOST/OWNER/REPO.git or git@HOST:OWNER/REPO.git.");
    if (scp[1] !== "git") throw invalid("may only use the user git for SSH.");
    if ((scp[3] ?? "").startsWith("/")) throw invalid("must name the repository as OWNER/REPO after the ':'.");
    return build(knownHosts, pathDepthOf, "ssh", scp[2] ?? "", scp[3] ?? "");
  }
  if (scheme !== "https" && scheme !== "http" && scheme !== "ssh")
    throw invalid(`uses ${scheme}://; only https:// and ssh:// are allowed.`);
  const rest = text.slice(scheme.length + 3);
  const slash = rest.indexOf("/");
  let authority = slash < 0 ? rest : rest.slice(0, slash);
  const path = slash < 0 ? "" : rest.slice(slash);
  const at = authority.lastIndexOf("@");
  if (at >= 0) {
    if (scheme !== "ssh") throw invalid("must not contain a username or password: the credential supplies them.");
    if (authority.slice(0, at) !== "git") throw invalid("may only use the user git for SSH.");
    authority = authority.slice(at + 1);
  }
  return build(knownHosts, pathDepthOf, scheme, authority, path);
}
