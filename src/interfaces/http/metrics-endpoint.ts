import type { Context } from "hono";
import { requireAdmin } from "../../core/access/require-admin.ts";
import type { CoreDeps } from "../../core/deps.ts";
import { AuthError, NotFoundError } from "../../core/errors.ts";
import { refreshConnectionMetrics } from "../../core/notifications/refresh-connection-metrics.ts";
import { resolveActor } from "./resolve-actor.ts";

/**
 * The `GET /metrics` handler: Prometheus text for an admin's API token or session only,
 * since the labels name credentials. Connection counts are read from the store per scrape.
 * @throws AuthError `UNAUTHENTICATED`, `FORBIDDEN`; NotFoundError `METRICS_DISABLED`
 */
export function metricsEndpoint(deps: CoreDeps): (c: Context) => Promise<Response> {
  return async (c) => {
    const caller = await resolveActor(deps, c);
    if (caller === null) throw new AuthError("unauthenticated", "UNAUTHENTICATED", "Send an admin's API token (Authorization: Bearer …).");
    requireAdmin(caller.actor, "read metrics");
    if (!deps.metrics) throw new NotFoundError("METRICS_DISABLED", "Metrics are not enabled on this server.");
    await refreshConnectionMetrics(deps);
    const { contentType, body } = await deps.metrics.scrape();
    return c.body(body, 200, { "content-type": contentType, "cache-control": "no-store" });
  };
}
