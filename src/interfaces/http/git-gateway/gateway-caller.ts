import type { Actor } from "../../../core/access/actor.ts";
import type { CoreDeps } from "../../../core/deps.ts";
import { AuthError } from "../../../core/errors.ts";
import { authenticateApiToken, grantOf, recordApiTokenUse } from "../../../core/users/api-tokens.ts";

/** The API token a git client sent: `Bearer <token>`, or Basic auth with the token as password (any username). */
function presentedToken(authorization: string): string | null {
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (bearer?.[1]) return bearer[1];
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(authorization.trim());
  if (!basic?.[1]) return null;
  const decoded = Buffer.from(basic[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? null : decoded.slice(colon + 1) || null;
}

/**
 * Finds the gateway's caller from its Repolink API token; null when no Authorization header was sent.
 * @throws AuthError `TOKEN_INVALID`, `TOKEN_EXPIRED`
 */
export async function gatewayCaller(deps: CoreDeps, authorization: string | undefined): Promise<Actor | null> {
  if (authorization === undefined) return null;
  const token = presentedToken(authorization);
  if (token === null) throw new AuthError("unauthenticated", "TOKEN_INVALID", "The Repolink API token is not valid.");
  const { user, token: record } = await authenticateApiToken(deps, token);
  await recordApiTokenUse(deps, record, deps.now());
  // The token's grant (repositories, read or push) travels with the caller: the gateway's decision checks it.
  return { id: user.id, username: user.username, role: user.role, grant: grantOf(record) };
}
