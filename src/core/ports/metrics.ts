import type { ConnectionStatus } from "../repositories/repository.ts";

/** How one connection check ended, as counted by `repolink_checks_total{outcome}`. */
export type CheckOutcome = ConnectionStatus | "error";

/**
 * Measurements Repolink exposes at /metrics; implemented with prom-client by PrometheusMetrics.
 * @example deps.metrics?.observeCheck("connected", 0.42)
 */
export interface Metrics {
  /** Counts one finished check and records how long it took. */
  observeCheck(outcome: CheckOutcome, seconds: number): void;
  /** The GitHub rate limit a credential has left, from the last response's headers. */
  setRateLimitRemaining(credentialName: string, remaining: number): void;
  /** The GitHub GraphQL points a credential has left, from the health cycle's last batched query. */
  setGraphqlRemaining(credentialName: string, remaining: number): void;
  /** How many repositories are in `status` now. */
  setConnections(status: ConnectionStatus, count: number): void;
  /** The current values in the implementation's text format. */
  scrape(): Promise<{ contentType: string; body: string }>;
}
