import type { Actor } from "../access/actor.ts";
import { AuthError } from "../errors.ts";
import type { Repository } from "./repository.ts";

/** Whether the actor may change or remove a team record: admins any, members the ones they registered. */
export function canManageRepository(actor: Actor, repository: Repository): boolean {
  return actor.role !== "member" || repository.createdBy === actor.username;
}

/** @throws AuthError `FORBIDDEN` unless canManageRepository */
export function requireRepositoryManager(actor: Actor, repository: Repository, what: string): void {
  if (!canManageRepository(actor, repository)) {
    throw new AuthError("forbidden", "FORBIDDEN", `Only an admin or the person who registered a repository may ${what} it.`);
  }
}
