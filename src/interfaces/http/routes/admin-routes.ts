import { z } from "zod";
import type { CoreDeps } from "../../../core/deps.ts";
import { listAuditEvents } from "../../../core/audit/list-audit-events.ts";
import { rotateKeys } from "../../../core/crypto/rotate-keys.ts";
import { defineRoute, type AnyRoute } from "../route.ts";

/** Audit log and key rotation. */
export function adminRoutes(deps: CoreDeps): AnyRoute[] {
  return [
    defineRoute({
      method: "get",
      path: "/audit",
      summary: "List audit events, newest first (members see their own)",
      tag: "audit",
      access: "user",
      errors: [400],
      query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(50) }),
      handler: async ({ actor, query }) => ({ status: 200, body: { items: await listAuditEvents(deps, actor, { limit: query.limit }) } }),
    }),
    defineRoute({
      method: "post",
      path: "/keys/rotate",
      successStatus: 200,
      summary: "Rotate the key-encryption key and re-wrap every secret online",
      tag: "keys",
      access: "admin",
      errors: [503],
      handler: async ({ actor }) => ({ status: 200, body: await rotateKeys(deps, actor) }),
    }),
  ];
}
