import { createHash, randomBytes } from "node:crypto";
import type { CoreDeps } from "../deps.ts";
import { AuthError } from "../errors.ts";
import { Secret } from "../secret.ts";
import type { Session, User } from "./user.ts";

const sessionLifetimeMs = 12 * 60 * 60 * 1000;

function hashCookie(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/** Starts a browser session; `cookie` goes to the browser, only its hash is stored. */
export async function startSession(deps: CoreDeps, user: User): Promise<{ cookie: Secret; session: Session }> {
  const cookie = randomBytes(32).toString("base64url");
  const now = deps.now();
  const session: Session = {
    idHash: hashCookie(cookie),
    userId: user.id,
    csrfToken: randomBytes(24).toString("base64url"),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + sessionLifetimeMs).toISOString(),
  };
  await deps.store.sessions.insert(session);
  return { cookie: new Secret(cookie), session };
}

/**
 * Finds the live session and user for a cookie value.
 * @throws AuthError `SESSION_INVALID`
 */
export async function resumeSession(deps: CoreDeps, cookie: string): Promise<{ user: User; session: Session }> {
  const invalid = new AuthError("unauthenticated", "SESSION_INVALID", "Your session has ended; sign in again.");
  if (cookie.length > 200) throw invalid;
  const session = await deps.store.sessions.findByIdHash(hashCookie(cookie));
  if (!session || session.expiresAt <= deps.now().toISOString()) throw invalid;
  const user = await deps.store.users.findById(session.userId);
  if (!user || user.disabledAt !== null) throw invalid;
  return { user, session };
}

/** Ends the session a cookie belongs to (no error when it is already gone). */
export async function endSession(deps: CoreDeps, cookie: string): Promise<void> {
  await deps.store.sessions.delete(hashCookie(cookie));
}
