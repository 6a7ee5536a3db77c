import type { Actor } from "../access/actor.ts";

/**
 * Repositories are team records: every signed-in person (and the system) sees every registration; repository URLs are
 * not secrets inside a team, credentials are. Nothing is hidden, so no registration can shadow another (F1, F2).
 */
export function canSeeRepository(actor: Actor): boolean {
  return actor.role === "system" || actor.role === "admin" || actor.role === "member";
}
