import { z } from "@hono/zod-openapi";

/** One line of the audit log: who did what to which target, and how it went. Never a secret. */
export const auditEventSchema = z
  .object({
    id: z.string(),
    at: z.string(),
    actorId: z.string().nullable(),
    actorName: z.string(),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string().nullable(),
    targetName: z.string().nullable(),
    outcome: z.enum(["success", "failure", "denied"]),
    detail: z.record(z.string(), z.unknown()),
  })
  .openapi("AuditEvent");

/** What a key rotation did. */
export const keyRotationReportSchema = z
  .object({ kekId: z.string(), rewrapped: z.number().int(), skipped: z.number().int() })
  .openapi("KeyRotationReport");

const statusCounts = z.object({ connected: z.number().int(), degraded: z.number().int(), failing: z.number().int() });

/** What one health cycle did (`finishedAt` is null while it runs). */
export const healthCycleReportSchema = z
  .object({
    cycleId: z.string(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    credentialsChecked: z.number().int(),
    repositoriesChecked: z.number().int(),
    byStatus: statusCounts,
    apiUnitsUsed: z.number(),
    budgetExhausted: z.boolean(),
    resumedFrom: z.string().nullable(),
    notCheckedUpstream: z
      .number()
      .int()
      .openapi({ description: "Repositories not checked because GitHub failed (5xx, unreachable); their status is kept, retried first" }),
  })
  .openapi("HealthCycleReport");

/** The last finished cycles (newest first) and the progress of those still running. */
export const healthStatusSchema = z
  .object({
    latest: healthCycleReportSchema.nullable(),
    running: z.array(healthCycleReportSchema),
    recent: z.array(healthCycleReportSchema),
  })
  .openapi("HealthStatus");

/** How far a health cycle has come (an import's check, `health run`): checked of total, failures so far, the report once done. */
export const healthCycleProgressSchema = z
  .object({
    cycleId: z.string(),
    startedAt: z.string(),
    total: z.number().int(),
    checked: z.number().int(),
    byStatus: statusCounts,
    failures: z.array(
      z.object({ name: z.string(), reasonCode: z.string().nullable(), message: z.string().nullable(), remedy: z.string().nullable() }),
    ),
    done: z.boolean(),
    report: healthCycleReportSchema.nullable(),
  })
  .openapi("HealthCycleProgress");

/** One line of the audit log. */
export type AuditEventView = z.infer<typeof auditEventSchema>;
/** How far a health cycle has come. */
export type HealthCycleProgressView = z.infer<typeof healthCycleProgressSchema>;
/** What one health cycle did. */
export type HealthCycleReportView = z.infer<typeof healthCycleReportSchema>;
