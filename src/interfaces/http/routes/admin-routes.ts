import type { CoreDeps } from "../../../core/deps.ts";
import { listAuditEvents } from "../../../core/audit/list-audit-events.ts";
import { rotateKeys } from "../../../core/crypto/rotate-keys.ts";
import type { HealthCycle } from "../../../core/health/health-cycle.ts";
import type { HealthOptions } from "../../../core/health/health-options.ts";
import { healthCycleProgress } from "../../../core/health/health-cycle-progress.ts";
import { healthStatus } from "../../../core/health/health-status.ts";
import { listCycleChanges } from "../../../core/health/list-cycle-changes.ts";
import { runHealthCycle } from "../../../core/health/run-health-cycle.ts";
import { adminContract as routes } from "../../../contract/routes/admin-contract.ts";
import type { ApiApp, Guard } from "../api-env.ts";

/** The audit log, key rotation, and the scheduled health cycle: run one now (admins), read the reports. */
export function adminRoutes(app: ApiApp, guard: Guard, deps: CoreDeps, health: Partial<HealthOptions>): void {
  app.openapi(guard(routes.listAuditEvents), async (c) =>
    c.json({ items: await listAuditEvents(deps, c.get("actor"), { limit: c.req.valid("query").limit }) }, 200),
  );
  app.openapi(guard(routes.rotateKeys), async (c) => c.json(await rotateKeys(deps, c.get("actor")), 200));
  app.openapi(guard(routes.getHealth), async (c) => c.json(await healthStatus(deps, c.req.valid("query").limit), 200));
  app.openapi(guard(routes.listHealthCycleChanges), async (c) =>
    c.json(await listCycleChanges(deps, c.req.valid("param").cycleId, c.req.valid("query")), 200),
  );
  app.openapi(guard(routes.runHealthCycle), async (c) => {
    if (c.req.valid("json").wait) return c.json({ report: await runHealthCycle(deps, { ...health, wait: true }) }, 200);
    const opened = await new Promise<HealthCycle>((resolve, reject) => {
      // A failure after opening is left to the scheduler, which takes over unfinished cycles.
      runHealthCycle(deps, { ...health, onOpened: resolve }).catch(reject);
    });
    return c.json({ cycleId: opened.id, startedAt: opened.startedAt, finishedAt: null }, 202);
  });
  app.openapi(guard(routes.getHealthCycleProgress), async (c) => c.json(await healthCycleProgress(deps, c.req.valid("param").id), 200));
}
