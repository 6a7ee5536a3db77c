import type { UserRole } from "../users/user.ts";

/** Who is calling a use case: a signed-in user, or the system itself (scheduler, bootstrap). */
export interface Actor {
  id: string | null;
  username: string;
  role: UserRole | "system";
}

/** The actor for work Repolink does on its own (health checks, start-up). */
export const systemActor: Actor = { id: null, username: "system", role: "system" };
