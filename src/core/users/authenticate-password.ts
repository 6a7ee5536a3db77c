import { recordAudit } from "../audit/record-audit.ts";
import type { CoreDeps } from "../deps.ts";
import { AppError, AuthError } from "../errors.ts";
import type { LoginGuard } from "./login-guard.ts";
import { inertUsername } from "./login-failure-log.ts";
import type { User } from "./user.ts";

// A fixed hash to verify against when the user does not exist, so that timing does not
// tell a wrong username from a wrong password.
let decoyHash: Promise<string> | undefined;

/**
 * Checks a username and password behind the guard's back-off and work queue. A success is audited
 * per sign-in; failures are counted into one audit row per burst.
 * @throws AuthError `LOGIN_FAILED` (same message whether the user exists or not);
 *   ThrottledError `LOGIN_THROTTLED` (back-off) or `LOGIN_BUSY` (too many checks waiting), both 429 with Retry-After
 */
export async function authenticatePassword(
  deps: CoreDeps,
  guard: LoginGuard,
  input: { username: string; password: string; address: string | null },
): Promise<User> {
  const name = input.username.trim().toLowerCase();
  const attempt = { username: name, address: input.address || null };
  let ok: boolean;
  let user: User | undefined;
  try {
    guard.checkAllowed(attempt, deps.now().getTime());
    [ok, user] = await guard.verify(attempt, async () => {
      // Asked again in its turn: failures counted while this attempt waited may have closed the door.
      guard.checkAllowed(attempt, deps.now().getTime());
      const found = await deps.store.users.findByUsername(name);
      decoyHash ??= deps.passwords.hash("repolink-decoy-password");
      const matches = found
        ? await deps.passwords.verify(input.password, found.passwordHash)
        : (await deps.passwords.verify(input.password, await decoyHash)) && false;
      return [matches, found] as const;
    });
  } catch (error) {
    if (error instanceof AppError && error.kind === "throttled") {
      await guard.failures.record(deps, attempt, error.code === "LOGIN_BUSY" ? "busy" : "throttled");
    }
    throw error;
  }
  if (!ok || user === undefined || user.disabledAt !== null) {
    guard.failed(attempt, deps.now().getTime());
    await guard.failures.record(deps, attempt, "wrong-password");
    throw new AuthError("unauthenticated", "LOGIN_FAILED", "Wrong username or password.");
  }
  guard.succeeded(attempt);
  await recordAudit(
    deps,
    { id: user.id, username: user.username, role: user.role },
    {
      action: "login",
      targetType: "user",
      targetId: user.id,
      targetName: inertUsername(user.username, deps.integrations),
      outcome: "success",
    },
  );
  return user;
}
