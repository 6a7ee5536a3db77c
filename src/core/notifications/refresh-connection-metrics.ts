import type { CoreDeps } from "../deps.ts";
import type { ConnectionStatus } from "../repositories/repository.ts";

const statuses: ConnectionStatus[] = ["unchecked", "connected", "degraded", "failing"];

/** Sets the `connections` gauge of every status (zeros included) from the repositories stored now. */
export async function refreshConnectionMetrics(deps: Pick<CoreDeps, "store" | "metrics">): Promise<void> {
  if (!deps.metrics) return;
  const counts = new Map<ConnectionStatus, number>(statuses.map((s) => [s, 0]));
  for (const repository of await deps.store.repositories.list()) {
    counts.set(repository.status, (counts.get(repository.status) ?? 0) + 1);
  }
  for (const [status, count] of counts) deps.metrics.setConnections(status, count);
}
