import { InputError } from "../../core/errors.ts";

/** A remote URL that passed every check, split into the parts git and the auth setup need. */
export interface RemoteUrl {
  scheme: "https" | "http" | "ssh";
  /** Host name or IP, lower-cased, without IPv6 brackets. */
  host: string;
  port: number | null;
  /** SSH login (`git`); always null for http(s). */
  user: string | null;
  path: string;
  /** `scheme://host[:port]/` for http(s) (the scope of the auth header), `""` for ssh. */
  origin: string;
  /** The URL to hand to git, without userinfo for http(s). */
  url: string;
}

/** What `checkRemoteUrl` lets through besides `https://` and SSH. */
export interface RemoteUrlPolicy {
  /** Plain `http://`, only for a host an admin registered as such. */
  allowHttp?: boolean;
}

const MAX_LENGTH = 2048;
// Raw or percent-encoded control characters smuggle lines into git's credential protocol
// (CVE-2020-5260, CVE-2024-52006, CVE-2025-23040); spaces and backslashes have no place either.
// eslint-disable-next-line no-control-regex -- control characters are what is being matched
const FORBIDDEN_CHARS = /[\u0000-\u0020\u007f-\u009f\\]/;
const ENCODED_CONTROL = /%(?:[01][0-9a-f]|7f|c2%[89][0-9a-f])/i;
const HOST_NAME = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.?$/;
const IPV6 = /^[0-9a-f:.]+$/;
const SSH_USER = /^[a-z0-9_][a-z0-9._-]*$/i;
const URL_FORM = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)$/i;
const SCP_FORM = /^(?:([^@/:[\]]+)@)?(\[[^\]/]+\]|[^:/@[\]]+):(?!\/\/)(.+)$/;

function invalid(reason: string): InputError {
  return new InputError("REPO_URL_INVALID", `The repository URL is not allowed: ${reason}.`, "url");
}

function checkHost(raw: string): string {
  const bracketed = raw.startsWith("[") && raw.endsWith("]");
  const host = (bracketed ? raw.slice(1, -1) : raw).toLowerCase();
  if (host === "") throw invalid("the host is empty");
  if (host.startsWith("-")) throw invalid("the host starts with '-'");
  if (bracketed ? !IPV6.test(host) || !host.includes(":") : !HOST_NAME.test(host)) throw invalid("the host is not a valid host name");
  return host;
}

function checkPath(path: string): string {
  const trimmed = path.replace(/^\/+/, "");
  if (trimmed === "") throw invalid("the repository path is empty");
  if (trimmed.startsWith("-") || path.includes("/-")) throw invalid("a path segment starts with '-'");
  return path;
}

function parseUrlForm(match: RegExpExecArray, policy: RemoteUrlPolicy): RemoteUrl {
  const [, rawScheme = "", authority = "", path = ""] = match;
  const scheme = rawScheme.toLowerCase();
  if (scheme !== "https" && scheme !== "ssh" && !(scheme === "http" && policy.allowHttp === true)) {
    throw invalid(`the '${scheme}' transport is refused; use https or ssh`);
  }
  const at = authority.lastIndexOf("@");
  const userinfo = at < 0 ? null : authority.slice(0, at);
  const hostPort = authority.slice(at + 1);
  if (userinfo !== null && scheme !== "ssh") throw invalid("user name or password in the URL; give the credential separately");
  if (userinfo !== null && !SSH_USER.test(userinfo)) throw invalid("the SSH user name is not valid (no password allowed)");
  const portMatch = /^(.*?)(?::(\d{1,5}))?$/.exec(hostPort);
  const host = checkHost(portMatch?.[1] ?? "");
  const port = portMatch?.[2] === undefined ? null : Number(portMatch[2]);
  if (port !== null && (port < 1 || port > 65535)) throw invalid("the port is out of range");
  checkPath(path);
  const hostText = host.includes(":") ? `[${host}]` : host;
  const origin = scheme === "ssh" ? "" : `${scheme}://${hostText}${port === null ? "" : `:${port}`}/`;
  const user = userinfo === null ? null : userinfo;
  const url = `${scheme}://${user === null ? "" : `${user}@`}${hostText}${port === null ? "" : `:${port}`}${path}`;
  return { scheme: scheme as RemoteUrl["scheme"], host, port, user, path, origin, url };
}

/**
 * Checks a remote URL before any process starts: `https://` (or `http://` when allowed),
 * `ssh://` and scp-like `git@host:owner/repo.git` only, no password, no control
 * characters raw or percent-encoded, no host or path starting with `-` (SECURITY 15–19).
 * @throws InputError `REPO_URL_INVALID`
 * @example checkRemoteUrl("https://github.com/octo/repo.git").origin; // "https://github.com/"
 */
export function checkRemoteUrl(input: string, policy: RemoteUrlPolicy = {}): RemoteUrl {
  if (typeof input !== "string" || input.length === 0) throw invalid("it is empty");
  if (input.length > MAX_LENGTH) throw invalid("it is too long");
  if (FORBIDDEN_CHARS.test(input)) throw invalid("it contains control characters, spaces or backslashes");
  if (ENCODED_CONTROL.test(input)) throw invalid("it contains percent-encoded control characters");
  if (input.startsWith("-")) throw invalid("it starts with '-'");
  if (/^[a-z][a-z0-9+.-]*::/i.test(input)) throw invalid("remote helper transports such as 'ext::' are refused");
  const urlForm = URL_FORM.exec(input);
  if (urlForm) return parseUrlForm(urlForm, policy);
  if (input.includes("://")) throw invalid("it has a query, a fragment or no valid scheme");
  const scp = SCP_FORM.exec(input);
  if (!scp) throw invalid("it is neither an https:// nor an SSH URL");
  const [, user = null, rawHost = "", path = ""] = scp;
  if (user !== null && !SSH_USER.test(user)) throw invalid("the SSH user name is not valid");
  if (/[?#%]/.test(path)) throw invalid("the SSH path holds '?', '#' or '%'");
  const host = checkHost(rawHost);
  checkPath(path);
  return { scheme: "ssh", host, port: null, user, path, origin: "", url: input };
}
