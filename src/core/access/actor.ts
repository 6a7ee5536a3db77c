import type { TokenGrant } from "../users/token-grant.ts";
import type { UserRole } from "../users/user.ts";

/** Who is calling a use case: a signed-in user, or the system itself (scheduler, bootstrap). */
export interface Actor {
  id: string | null;
  username: string;
  role: UserRole | "system";
  /** Set when the caller is an API token with a grant: the repositories and access it is limited to. */
  grant?: TokenGrant;
}

/** The actor for work Repolink does on its own (health checks, start-up). */
export const systemActor: Actor = { id: null, username: "system", role: "system" };
