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

/** What a batch of a cycle tells its budget: what the cycle's other batches spent, and who records spending. */
export interface RateBudgetContext {
  /** Units the credential's other batches of the same cycle spent already: the cycle's share is theirs too. */
  spentBefore?: number;
  /** Told the units of each answer as it arrives, so spending is recorded even if the run dies next. */
  onCharged?: (units: number) => void;
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

  readonly #before: number;
  readonly #onCharged: (units: number) => void;
  readonly #pools = new Map<string, RateBudget>();

  constructor(share: number, known: CredentialBudget | undefined, now: Date, context: RateBudgetContext = {}) {
    this.#share = share;
    this.#before = context.spentBefore ?? 0;
    this.#onCharged = context.onCharged ?? (() => undefined);
    // A stored figure is only good until GitHub's window resets.
    if (known && known.resetAt !== null && Date.parse(known.resetAt) > now.getTime()) {
      if (known.restRemaining !== null) this.#allowance.rest = this.#shareOf(known.restRemaining);
      if (known.graphqlRemaining !== null) this.#allowance.graphql = this.#shareOf(known.graphqlRemaining);
    }
  }

  /** This run's allowance when `remaining` is left: the cycle's share, less what its other batches spent. */
  #shareOf(remaining: number): number {
    return Math.max(0, Math.floor(this.#share * (remaining + this.#before)) - this.#before);
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
    if (charged > 0) this.#onCharged(charged);
    if (limit === null) return;
    this.#remaining[kind] = limit;
    if (this.#allowance[kind] === null) this.#allowance[kind] = this.#shareOf(limit.remaining + this.#spent[kind]);
  }

  /**
   * The budget of one pool of limits the credential draws on (a GitHub App's installation: each
   * has a limit of its own), at the same share; `known` is the pool's last reported limits.
   * Its spending is reported as this budget's, so a batch's units include every pool's.
   */
  pool(key: string, known: Partial<Record<BudgetKind, RateLimit>> = {}, now = new Date()): RateBudget {
    let pool = this.#pools.get(key);
    if (pool) return pool;
    pool = new RateBudget(this.#share, undefined, now, { onCharged: (units) => this.#onCharged(units) });
    for (const kind of ["rest", "graphql"] as const) {
      const limit = known[kind];
      // A figure is only good until the host's window resets.
      if (limit && Date.parse(limit.resetAt) > now.getTime()) pool.#allowance[kind] = pool.#shareOf(limit.remaining);
    }
    this.#pools.set(key, pool);
    return pool;
  }

  /** Units spent so far, both budgets together, pools included. */
  get spent(): number {
    return this.#spent.rest + this.#spent.graphql + [...this.#pools.values()].reduce((n, p) => n + p.spent, 0);
  }

  /** The last limits GitHub reported, to persist for the next cycle. */
  lastSeen(kind: BudgetKind): RateLimit | null {
    return this.#remaining[kind];
  }
}
