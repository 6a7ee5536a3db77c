import { InputError } from "../errors.ts";
import { hasControlCharacters } from "../text/has-control-characters.ts";

/** A URL prefix in its one comparable form: lower case, no userinfo, no `.git`, no trailing slash (`https://github.com/acme`). */
export interface UrlPrefix {
  prefix: string;
  scheme: "https" | "http" | "ssh";
  /** The host name with its port, if any. */
  host: string;
}

const invalid = (why: string): InputError => new InputError("URL_PREFIX_INVALID", `url-prefix ${why}`, "urlPrefixes");

/** The comparable form of an https, http or ssh URL, or null when it is not one. */
function comparable(raw: string): UrlPrefix | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  const scheme = url.protocol.replace(/:$/, "").toLowerCase();
  if (scheme !== "https" && scheme !== "http" && scheme !== "ssh") return null;
  const path = url.pathname
    .replace(/\/+$/, "")
    .replace(/\.git$/i, "")
    .replace(/\/+$/, "");
  const host = url.host.toLowerCase();
  return { prefix: `${scheme}://${host}${path}`.toLowerCase(), scheme, host };
}

/**
 * Reads a URL-prefix template as the user typed it; `.git`, trailing slashes, case and an SSH user are normalised away.
 * @example normaliseUrlPrefix("https://GitHub.com/acme/") // { prefix: "https://github.com/acme", scheme: "https", host: "github.com" }
 * @throws InputError `URL_PREFIX_INVALID` (field `urlPrefixes`)
 */
export function normaliseUrlPrefix(raw: string): UrlPrefix {
  if (typeof raw !== "string" || raw.trim() === "") throw invalid("is empty; write e.g. https://github.com/acme/.");
  if (raw.length > 2048) throw invalid("must be at most 2048 characters.");
  if (hasControlCharacters(raw) || /%(?:[01][0-9a-f]|7f)/i.test(raw)) throw invalid("must not contain control characters.");
  if (/[?#]/.test(raw)) throw invalid("must not have a query or fragment.");
  const parsed = comparable(raw);
  if (parsed === null) throw invalid("must be an https://, http:// or ssh:// URL, e.g. https://github.com/acme/.");
  const url = new URL(raw.trim());
  if (url.password !== "" || (url.username !== "" && !(parsed.scheme === "ssh" && url.username === "git"))) {
    throw invalid("must not hold a username or password: the credential supplies them.");
  }
  return parsed;
}

/**
 * Every prefix a repository URL falls under, shortest first: for `https://h/a/b.git`,
 * `https://h`, `https://h/a`, `https://h/a/b`. A template matches whole path segments only.
 */
export function urlPrefixKeysOf(url: string): string[] {
  const parsed = comparable(url);
  if (parsed === null) return [];
  const base = `${parsed.scheme}://${parsed.host}`;
  const segments = parsed.prefix.slice(base.length).split("/").filter(Boolean);
  return [base, ...segments.map((_, i) => `${base}/${segments.slice(0, i + 1).join("/")}`)];
}
