import type { Actor } from "../access/actor.ts";
import { requireAdmin } from "../access/require-admin.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { CoreDeps } from "../deps.ts";
import type { User, UserRole } from "./user.ts";
import { checkPassword, normalizeUsername } from "./validate-user-input.ts";

/** Input for a new account; the password is hashed before anything is stored. */
export interface NewUser {
  username: string;
  password: string;
  role: UserRole;
}

/**
 * Creates an account. Only admins (or the system, at bootstrap) may.
 * @throws InputError `USERNAME_INVALID`, `PASSWORD_TOO_SHORT`; ConflictError `USERNAME_TAKEN`
 */
export async function createUser(deps: CoreDeps, actor: Actor, input: NewUser): Promise<User> {
  requireAdmin(actor, "create users");
  const username = normalizeUsername(input.username, deps.integrations);
  checkPassword(input.password);
  const user: User = {
    id: deps.newId(),
    username,
    role: input.role,
    passwordHash: await deps.passwords.hash(input.password),
    createdAt: deps.now().toISOString(),
    disabledAt: null,
  };
  await deps.store.transaction(async (store) => {
    await store.users.insert(user);
    await recordAudit({ ...deps, store }, actor, {
      action: "user.create",
      targetType: "user",
      targetId: user.id,
      targetName: username,
      detail: { role: user.role },
    });
  });
  return user;
}

/** Public fields of a user (never the password hash). */
export function userView(user: User): { id: string; username: string; role: UserRole; createdAt: string; disabled: boolean } {
  return { id: user.id, username: user.username, role: user.role, createdAt: user.createdAt, disabled: user.disabledAt !== null };
}
