import type { FakeToken, GithubFakeState } from "./state.ts";

/** Who a request's rate limit belongs to: the token, or for an installation token its installation. */
export type RateHolder = { used: number };

/**
 * The holder of a token's limits: an installation's tokens share the installation's limit (GitHub
 * gives each installation its own, whichever of its tokens calls); any other token has its own.
 */
export function rateHolder(state: GithubFakeState, token: FakeToken): RateHolder {
  return (token.installation && state.installations.get(token.installation.id)) || token;
}

/** GraphQL points each holder spent in the current window: the GraphQL endpoint spends them, `/rate_limit` reports them, as GitHub does. */
export const graphqlPointsUsed = new WeakMap<RateHolder, number>();
