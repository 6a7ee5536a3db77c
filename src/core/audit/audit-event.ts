/** One line of the audit log: who did what to which target, and how it went. Never a secret. */
export interface AuditEvent {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string;
  action: string;
  targetType: string;
  targetId: string | null;
  targetName: string | null;
  outcome: AuditOutcome;
  detail: Record<string, unknown>;
}

/** `denied` is an authorisation refusal; `failure` anything else that went wrong. */
export type AuditOutcome = "success" | "failure" | "denied";
