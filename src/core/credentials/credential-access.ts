import type { Actor } from "../access/actor.ts";
import type { CoreDeps } from "../deps.ts";
import { AuthError, NotFoundError } from "../errors.ts";
import type { Credential } from "./credential.ts";

/** Global credentials are visible to every user; private ones only to their owner. */
export function canSeeCredential(actor: Actor, credential: Credential): boolean {
  if (actor.role === "system") return true;
  return credential.scope === "global" || credential.ownerId === actor.id;
}

/** Admins manage global credentials; owners manage their private ones. */
export function canManageCredential(actor: Actor, credential: Credential): boolean {
  if (actor.role === "system") return true;
  return credential.scope === "global" ? actor.role === "admin" : credential.ownerId === actor.id;
}

const idPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Finds a credential by id or name among those the actor may see. A credential the actor
 * may not see gets exactly the same answer as one that does not exist (CVE-2022-34779).
 * @throws NotFoundError `CREDENTIAL_NOT_FOUND`
 */
export async function findVisibleCredential(deps: Pick<CoreDeps, "store">, actor: Actor, ref: string): Promise<Credential> {
  const found = idPattern.test(ref) ? await deps.store.credentials.findById(ref) : await deps.store.credentials.findByName(ref, actor.id);
  if (!found || !canSeeCredential(actor, found)) {
    throw new NotFoundError("CREDENTIAL_NOT_FOUND", `No credential "${ref.slice(0, 64)}" that you can use.`, { field: "credential" });
  }
  return found;
}

/**
 * Like findVisibleCredential, and the actor must be allowed to change it.
 * @throws NotFoundError `CREDENTIAL_NOT_FOUND`; AuthError `FORBIDDEN` for a global credential and a member
 */
export async function findManageableCredential(deps: Pick<CoreDeps, "store">, actor: Actor, ref: string): Promise<Credential> {
  const credential = await findVisibleCredential(deps, actor, ref);
  if (!canManageCredential(actor, credential)) {
    throw new AuthError("forbidden", "FORBIDDEN", "Only an admin may change a global credential.");
  }
  return credential;
}
