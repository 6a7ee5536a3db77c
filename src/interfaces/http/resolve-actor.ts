import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { constantTimeEqual } from "../../adapters/crypto/constant-time-equal.ts";
import type { Actor } from "../../core/access/actor.ts";
import type { CoreDeps } from "../../core/deps.ts";
import { AuthError } from "../../core/errors.ts";
import { authenticateApiToken, grantOf, recordApiTokenUse, tokenExpired } from "../../core/users/api-tokens.ts";
import { resumeSession } from "../../core/users/sessions.ts";
import type { Session } from "../../core/users/user.ts";
import type { ApiTokenCache } from "./api-token-cache.ts";

/** Name of the browser session cookie. */
export const sessionCookieName = "repolink_session";

const unsafeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Finds the caller from a Bearer API token or a session cookie. State-changing requests
 * authenticated by cookie must carry the session's CSRF token in `X-CSRF-Token`.
 * @throws AuthError `TOKEN_INVALID`, `SESSION_INVALID`, `CSRF_FAILED`
 */
export async function resolveActor(
  deps: CoreDeps,
  c: Context,
  tokens?: ApiTokenCache,
): Promise<{ actor: Actor; session: Session | null } | null> {
  const authorization = c.req.header("authorization");
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match?.[1]) throw new AuthError("unauthenticated", "TOKEN_INVALID", "The API token is not valid.");
    const now = deps.now();
    const cached = tokens?.get(match[1], now.getTime());
    const expiresAt = cached?.grant?.expiresAt ?? null;
    if (cached && expiresAt !== null && Date.parse(expiresAt) <= now.getTime())
      throw tokenExpired({ name: cached.grant?.tokenName ?? "", expiresAt });
    if (cached) return { actor: cached, session: null };
    const { user, token } = await authenticateApiToken(deps, match[1]);
    await recordApiTokenUse(deps, token, now);
    const actor: Actor = { id: user.id, username: user.username, role: user.role, grant: grantOf(token) };
    tokens?.set(match[1], actor, now.getTime());
    return { actor, session: null };
  }
  const cookie = getCookie(c, sessionCookieName);
  if (cookie === undefined) return null;
  const { user, session } = await resumeSession(deps, cookie);
  if (unsafeMethods.has(c.req.method)) {
    const presented = c.req.header("x-csrf-token") ?? "";
    if (!constantTimeEqual(presented, session.csrfToken)) {
      throw new AuthError("forbidden", "CSRF_FAILED", "This request needs the X-CSRF-Token header of your session.");
    }
  }
  return { actor: { id: user.id, username: user.username, role: user.role }, session };
}
