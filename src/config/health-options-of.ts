import type { HealthOptions } from "../core/health/health-options.ts";
import type { Config } from "./load-config.ts";

/** The health options every cycle of a server uses, scheduled or run by hand: one place turns the configuration into them. */
export function healthOptionsOf(config: Readonly<Config>): Partial<HealthOptions> {
  return { budgetShare: config.healthBudgetShare, transportEvery: config.healthTransportEvery };
}
