import type { CredentialBudget } from "./health-cycle.ts";

/**
 * Which of a host API's budgets a request draws on. The model is GitHub's, which keeps REST
 * and GraphQL apart; a kind with one budget uses `rest`, a kind without limits none.
 */
export type BudgetKind = "rest" | "graphql";

/** A rate-limit budget as the host last reported it (GitHub: `X-RateLimit-*` headers). */
export interface RateLimit {
  limit: number;
  remaining: number;
  /** ISO 8601 time the budget resets. */
  resetAt: string;
}

/**
 * One credential's allowance for one cycle: `share` of the remaining limit GitHub last
 * reported for each budget. Units are reserved before a request, so concurrent requests
 * never overshoot; an unknown budget allows one request, whose headers then set it.
 */
export class RateBudget {
  readonly #share: number;
  readonly #allowance: Record<BudgetKind, number | null> = { rest: null, graphql: null };
  readonly #spent: Record<BudgetKind, number> = { rest: 0, graphql: 0 };
  readonly #remaining: Record<BudgetKind, RateLimit | null> = { rest: null, graphql: null };

  constructor(share: number, known: CredentialBudget | undefined, now: Date) {
    this.#share = share;
    // A stored figure is only good until GitHub's window resets.
    if (known && known.resetAt !== null && Date.parse(known.resetAt) > now.getTime()) {
      if (known.restRemaining !== null) this.#allowance.rest = Math.floor(share * known.restRemaining);
      if (known.graphqlRemaining !== null) this.#allowance.graphql = Math.floor(share * known.graphqlRemaining);
    }
  }

  /** Reserves `units`; false when the cycle's share would be exceeded. */
  reserve(kind: BudgetKind, units: number): boolean {
    const allowance = this.#allowance[kind];
    if (allowance === null) {
      if (this.#spent[kind] > 0) return false; // the first request's answer is still out
    } else if (this.#spent[kind] + units > allowance) {
      return false;
    }
    this.#spent[kind] += units;
    return true;
  }

  /** Settles a reservation with what GitHub charged (`charged` may differ, e.g. 0 for a 304) and the limit it reported. */
  settle(kind: BudgetKind, reserved: number, charged: number, limit: RateLimit | null): void {
    this.#spent[kind] += charged - reserved;
    if (limit === null) return;
    this.#remaining[kind] = limit;
    if (this.#allowance[kind] === null) this.#allowance[kind] = Math.floor(this.#share * (limit.remaining + this.#spent[kind]));
  }

  /** Units spent so far, both budgets together. */
  get spent(): number {
    return this.#spent.rest + this.#spent.graphql;
  }

  /** The last limits GitHub reported, to persist for the next cycle. */
  lastSeen(kind: BudgetKind): RateLimit | null {
    return this.#remaining[kind];
  }
}
