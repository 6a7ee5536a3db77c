import { createGuardedFetch } from "./guarded-fetch.ts";

/** A host's network policy: whether private addresses are allowed, and its extra CA bundle. */
export interface HostNetworkPolicy {
  allowPrivateNetwork: boolean;
  caBundle?: string | null;
}

/**
 * One guarded fetch per distinct host policy, reused across requests so each keeps a
 * single connection pool.
 */
export function guardedFetchForHost(): (policy: HostNetworkPolicy) => typeof fetch {
  const cache = new Map<string, typeof fetch>();
  return (policy) => {
    const key = `${policy.allowPrivateNetwork ? 1 : 0}\u0000${policy.caBundle ?? ""}`;
    let fetcher = cache.get(key);
    if (!fetcher) {
      fetcher = createGuardedFetch({
        allowPrivateNetwork: policy.allowPrivateNetwork,
        ...(policy.caBundle ? { caBundle: policy.caBundle } : {}),
      });
      cache.set(key, fetcher);
    }
    return fetcher;
  };
}
