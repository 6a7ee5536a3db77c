import type { Actor } from "../access/actor.ts";
import type { CoreDeps } from "../deps.ts";
import { InputError } from "../errors.ts";
import type { AuditEvent } from "./audit-event.ts";

/** Admins see the whole audit log; members see only their own actions. */
export async function listAuditEvents(deps: Pick<CoreDeps, "store">, actor: Actor, query: { limit: number }): Promise<AuditEvent[]> {
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > 1000) {
    throw new InputError("LIMIT_INVALID", "limit must be a whole number from 1 to 1000.", "limit");
  }
  const isAdmin = actor.role === "admin" || actor.role === "system";
  return deps.store.audit.list({ limit: query.limit, ...(isAdmin ? {} : { actorId: actor.id ?? "" }) });
}
