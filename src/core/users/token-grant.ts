import type { Actor } from "../access/actor.ts";
import { AuthError, InputError } from "../errors.ts";

/** What a use of a repository needs: `read` (fetch, clone, the credential helper) or `push`. */
export type GrantAccess = "read" | "push";

/** What a pipeline API token may reach: repositories by pattern (null: all), an access level and an expiry. */
export interface TokenGrant {
  tokenId: string;
  tokenName: string;
  /** Patterns over a repository's path (`acme/*`, `acme/**`) or `HOST:PATH` (`ghe.example.com:acme/*`); null for every repository. */
  repos: string[] | null;
  access: GrantAccess;
  expiresAt: string | null;
}

const patternChars = /^[A-Za-z0-9._\-/*:]{1,200}$/;
const maxPatterns = 100;

/**
 * Checks and trims the `--repos` patterns of a new token; an empty list means every repository.
 * @throws InputError `TOKEN_GRANT_INVALID` (field `repos`)
 */
export function checkGrantPatterns(raw: string[] | undefined): string[] | null {
  if (raw === undefined || raw.length === 0) return null;
  if (raw.length > maxPatterns) throw new InputError("TOKEN_GRANT_INVALID", `repos takes at most ${maxPatterns} patterns.`, "repos");
  return raw.map((pattern) => {
    const trimmed = pattern.trim().replace(/\.git$/i, "");
    if (!patternChars.test(trimmed) || trimmed.startsWith("/") || trimmed.startsWith("-")) {
      throw new InputError(
        "TOKEN_GRANT_INVALID",
        "repos patterns are repository paths or HOST:PATH, with * for one path segment and ** for any (e.g. acme/*).",
        "repos",
      );
    }
    return trimmed;
  });
}

function patternMatches(pattern: string, subject: string): boolean {
  const source = pattern
    .toLowerCase()
    .split("**")
    .map((part) =>
      part
        .split("*")
        .map((text) => text.replace(/[.]/g, "\\."))
        .join("[^/]*"),
    )
    .join(".*");
  return new RegExp(`^${source}$`).test(subject.toLowerCase());
}

/**
 * Whether a token's grant lets it reach `repository` at `access`: every caller without a grant (a person's session,
 * an unscoped token, the system) may; a `read` grant never pushes. The one check of pipeline grants, for the
 * credential helper, checkout, push and the Git gateway.
 */
export function tokenGrantAllows(
  grant: TokenGrant | undefined,
  repository: { hostName: string; path: string },
  access: GrantAccess,
): boolean {
  if (grant === undefined) return true;
  if (access === "push" && grant.access !== "push") return false;
  if (grant.repos === null) return true;
  const hostPath = `${repository.hostName}:${repository.path}`;
  return grant.repos.some((p) => patternMatches(p, p.includes(":") ? hostPath : repository.path));
}

/**
 * Refuses a use outside the actor's token grant, naming the token and what it may do.
 * @throws AuthError `TOKEN_GRANT_DENIED` (403, exit 3)
 */
export function requireTokenGrant(actor: Actor, repository: { hostName: string; path: string; name: string }, access: GrantAccess): void {
  const grant = actor.grant;
  if (tokenGrantAllows(grant, repository, access) || grant === undefined) return;
  const scope = grant.repos === null ? "every repository" : grant.repos.join(", ");
  throw new AuthError(
    "forbidden",
    "TOKEN_GRANT_DENIED",
    `The API token "${grant.tokenName}" may not ${access} ${repository.name}: its grant is ${grant.access} on ${scope}.`,
  );
}
