import type { Actor } from "../access/actor.ts";
import type { CoreDeps } from "../deps.ts";
import type { AuditEvent, AuditOutcome } from "./audit-event.ts";

/** What a use case tells the audit log; id, time and actor are filled in. */
export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string | null;
  targetName?: string | null;
  outcome?: AuditOutcome;
  detail?: Record<string, unknown>;
}

/** Appends one event to the audit log. Callers pass no secret in `detail`. */
export async function recordAudit(deps: Pick<CoreDeps, "store" | "now" | "newId">, actor: Actor, entry: AuditEntry): Promise<AuditEvent> {
  const event: AuditEvent = {
    id: deps.newId(),
    at: deps.now().toISOString(),
    actorId: actor.id,
    actorName: actor.username,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    targetName: entry.targetName ?? null,
    outcome: entry.outcome ?? "success",
    detail: entry.detail ?? {},
  };
  await deps.store.audit.append(event);
  return event;
}
