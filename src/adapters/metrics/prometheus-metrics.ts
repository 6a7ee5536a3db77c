import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { CheckOutcome, Metrics } from "../../core/ports/metrics.ts";
import type { ConnectionStatus } from "../../core/repositories/repository.ts";

/**
 * The Metrics port over prom-client, in a registry of its own (so several runtimes in one
 * process never clash). Exposes `repolink_github_rate_limit_remaining{credential}` (REST),
 * `repolink_github_graphql_remaining{credential}`,
 * `repolink_checks_total{outcome}`, `repolink_check_duration_seconds` and `repolink_connections{status}`.
 */
export class PrometheusMetrics implements Metrics {
  readonly registry = new Registry();
  readonly #rateLimit: Gauge<"credential">;
  readonly #graphqlRemaining: Gauge<"credential">;
  readonly #checks: Counter<"outcome">;
  readonly #durations: Histogram;
  readonly #connections: Gauge<"status">;

  constructor() {
    const registers = [this.registry];
    this.#rateLimit = new Gauge({
      name: "repolink_github_rate_limit_remaining",
      help: "GitHub API requests a credential has left in the current rate-limit window.",
      labelNames: ["credential"],
      registers,
    });
    this.#graphqlRemaining = new Gauge({
      name: "repolink_github_graphql_remaining",
      help: "GitHub GraphQL points a credential has left in the current rate-limit window.",
      labelNames: ["credential"],
      registers,
    });
    this.#checks = new Counter({
      name: "repolink_checks_total",
      help: "Connection checks run, by outcome.",
      labelNames: ["outcome"],
      registers,
    });
    this.#durations = new Histogram({
      name: "repolink_check_duration_seconds",
      help: "How long connection checks took.",
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.#connections = new Gauge({
      name: "repolink_connections",
      help: "Registered repositories by connection status.",
      labelNames: ["status"],
      registers,
    });
  }

  observeCheck(outcome: CheckOutcome, seconds: number): void {
    this.#checks.inc({ outcome });
    this.#durations.observe(seconds);
  }

  setRateLimitRemaining(credentialName: string, remaining: number): void {
    this.#rateLimit.set({ credential: credentialName }, remaining);
  }

  setGraphqlRemaining(credentialName: string, remaining: number): void {
    this.#graphqlRemaining.set({ credential: credentialName }, remaining);
  }

  setConnections(status: ConnectionStatus, count: number): void {
    this.#connections.set({ status }, count);
  }

  /** The Prometheus text exposition format (version 0.0.4). */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
