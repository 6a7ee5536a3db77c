import type { Actor } from "../access/actor.ts";
import { canSeeCredential } from "../credentials/credential-access.ts";
import type { Credential } from "../credentials/credential.ts";
import type { Repository } from "./repository.ts";

/**
 * A repository is visible to whoever may see its credential (so one using another member's
 * private credential is invisible); one whose credential was deleted, to admins and its creator.
 */
export function canSeeRepository(actor: Actor, repository: Repository, credential: Credential | undefined): boolean {
  if (actor.role === "system") return true;
  if (credential) return canSeeCredential(actor, credential);
  return actor.role === "admin" || repository.createdBy === actor.username;
}
