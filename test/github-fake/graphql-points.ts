import type { FakeToken } from "./state.ts";

/** GraphQL points each token spent in the current window: the GraphQL endpoint spends them, `/rate_limit` reports them, as GitHub does. */
export const graphqlPointsUsed = new WeakMap<FakeToken, number>();
