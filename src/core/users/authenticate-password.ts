import { recordAudit } from "../audit/record-audit.ts";
import type { CoreDeps } from "../deps.ts";
import { AuthError } from "../errors.ts";
import type { User } from "./user.ts";

// A fixed hash to verify against when the user does not exist, so that timing does not
// tell a wrong username from a wrong password.
let decoyHash: Promise<string> | undefined;

/**
 * Checks a username and password; every attempt is audited.
 * @throws AuthError `LOGIN_FAILED` (same message whether the user exists or not)
 */
export async function authenticatePassword(deps: CoreDeps, username: string, password: string): Promise<User> {
  const name = username.trim().toLowerCase();
  const user = await deps.store.users.findByUsername(name);
  decoyHash ??= deps.passwords.hash("repolink-decoy-password");
  const ok = user
    ? await deps.passwords.verify(password, user.passwordHash)
    : (await deps.passwords.verify(password, await decoyHash)) && false;
  const allowed = ok && user !== undefined && user.disabledAt === null;
  await recordAudit(
    deps,
    { id: user?.id ?? null, username: name.slice(0, 64), role: user?.role ?? "member" },
    {
      action: "login",
      targetType: "user",
      targetId: user?.id ?? null,
      targetName: name.slice(0, 64),
      outcome: allowed ? "success" : "failure",
    },
  );
  if (!allowed || !user) throw new AuthError("unauthenticated", "LOGIN_FAILED", "Wrong username or password.");
  return user;
}
