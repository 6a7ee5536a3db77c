import { createRoute, z } from "@hono/zod-openapi";
import { access, errorResponses, itemsOf, jsonBody, jsonResponse, limitQuery } from "../route-parts.ts";
import {
  auditEventSchema,
  healthCycleProgressSchema,
  healthCycleReportSchema,
  healthStatusSchema,
  keyRotationReportSchema,
} from "../views/admin-views.ts";
import { cycleChangePageSchema } from "../views/webhook-views.ts";

/** The audit log, key rotation and the scheduled health cycle. */
export const adminContract = {
  listAuditEvents: createRoute({
    method: "get",
    path: "/api/v1/audit",
    summary: "List audit events, newest first (members see their own)",
    tags: ["audit"],
    ...access("user"),
    request: { query: limitQuery },
    responses: { 200: jsonResponse(itemsOf(auditEventSchema), "Audit events, newest first"), ...errorResponses("user", 400) },
  }),
  rotateKeys: createRoute({
    method: "post",
    path: "/api/v1/keys/rotate",
    summary: "Rotate the key-encryption key and re-wrap every secret online",
    tags: ["keys"],
    ...access("admin"),
    responses: { 200: jsonResponse(keyRotationReportSchema, "What the rotation did"), ...errorResponses("admin", 503) },
  }),
  getHealth: createRoute({
    method: "get",
    path: "/api/v1/health",
    summary: "Show the latest health cycle reports and any cycle running",
    tags: ["health"],
    ...access("user"),
    request: { query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(10) }) },
    responses: { 200: jsonResponse(healthStatusSchema, "The latest cycles"), ...errorResponses("user", 400) },
  }),
  runHealthCycle: createRoute({
    method: "post",
    path: "/api/v1/health/run",
    summary: "Run a health cycle now (wait for its report, or get its id at once)",
    tags: ["health"],
    ...access("admin"),
    request: { body: jsonBody(z.object({ wait: z.boolean().default(false) }).strict()) },
    responses: {
      200: jsonResponse(z.object({ report: healthCycleReportSchema }), "The finished cycle's report"),
      202: jsonResponse(
        z.object({ cycleId: z.string(), startedAt: z.string(), finishedAt: z.null() }),
        "The cycle started; its report comes later",
      ),
      ...errorResponses("admin", 400),
    },
  }),
  // Polled, not streamed: plain JSON passes every proxy unchanged (no buffering to switch off) and the CLI reads it too.
  getHealthCycleProgress: createRoute({
    method: "get",
    path: "/api/v1/health/cycles/{id}/progress",
    summary: "How far a health cycle has come: repositories checked of all it covers, failures so far, its report once done",
    tags: ["health"],
    ...access("user"),
    request: { params: z.object({ id: z.string().max(100) }) },
    responses: { 200: jsonResponse(healthCycleProgressSchema, "The cycle's progress"), ...errorResponses("user", 404) },
  }),
  listHealthCycleChanges: createRoute({
    method: "get",
    path: "/api/v1/health/cycles/{cycleId}/changes",
    summary: "List every repository whose status a health cycle changed (the full list behind its summary delivery)",
    tags: ["health"],
    ...access("admin"),
    request: { params: z.object({ cycleId: z.string().max(100) }), query: limitQuery.extend({ cursor: z.string().max(2000).optional() }) },
    responses: { 200: jsonResponse(cycleChangePageSchema, "Changes by repository name"), ...errorResponses("admin", 400, 404) },
  }),
};
