import { z } from "zod";
import type { CoreDeps } from "../../../core/deps.ts";
import type { HealthCycle } from "../../../core/health/health-cycle.ts";
import type { HealthOptions } from "../../../core/health/health-options.ts";
import { healthStatus } from "../../../core/health/health-status.ts";
import { runHealthCycle } from "../../../core/health/run-health-cycle.ts";
import { defineRoute, type AnyRoute } from "../route.ts";

/** The scheduled health cycle: run one now (admins), read the reports (signed-in users). */
export function healthRoutes(deps: CoreDeps, health: Partial<HealthOptions>): AnyRoute[] {
  return [
    defineRoute({
      method: "get",
      path: "/health",
      summary: "Show the latest health cycle reports and any cycle running",
      tag: "health",
      access: "user",
      query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(10) }),
      handler: async ({ query }) => ({ status: 200, body: await healthStatus(deps, query.limit) }),
    }),
    defineRoute({
      method: "post",
      path: "/health/run",
      successStatus: 200,
      summary: "Run a health cycle now (wait for its report, or get its id at once)",
      tag: "health",
      access: "admin",
      errors: [400, 403],
      body: z.object({ wait: z.boolean().default(false) }).strict(),
      handler: async ({ body }) => {
        if (body.wait) return { status: 200, body: { report: await runHealthCycle(deps, { ...health, wait: true }) } };
        const opened = await new Promise<HealthCycle>((resolve, reject) => {
          // A failure after opening is left to the scheduler, which takes over unfinished cycles.
          runHealthCycle(deps, { ...health, onOpened: resolve }).catch(reject);
        });
        return { status: 202, body: { cycleId: opened.id, startedAt: opened.startedAt, finishedAt: null } };
      },
    }),
  ];
}
