import type { Logger } from "pino";
import type { CoreDeps } from "../../core/deps.ts";
import { deliverDue } from "../../core/notifications/deliver-due.ts";

/**
 * Calls `deliverDue` every `intervalMs` (10 s by default) without keeping the process
 * alive; runs never overlap. Returns the function that stops it.
 */
export function startDeliveryTimer(deps: CoreDeps, logger: Logger, intervalMs = 10_000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    deliverDue(deps, deps.now())
      .then((report) => {
        if (report.attempted > 0) logger.info({ webhookDeliveries: report.outcomes }, "webhook deliveries attempted");
      })
      .catch((error: unknown) => logger.error({ err: error }, "webhook delivery run failed"))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
