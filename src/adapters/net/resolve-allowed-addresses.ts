import { lookup as dnsLookup } from "node:dns/promises";
import { isAllowedAddress } from "./address-policy.ts";
import { addressRefusedError, hostUnreachableError } from "./guarded-fetch-errors.ts";

/** One resolved address, as `dns.lookup` with `all: true` returns it. */
export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to all its addresses; injectable so tests never need real DNS. */
export type HostResolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

/** The system resolver: `dns.lookup` with `all: true`, in the order the OS gives. */
export const systemResolver: HostResolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/**
 * Resolves `hostname` and returns its addresses only when every one is allowed, so an
 * attacker cannot mix a public and a private answer.
 * @throws UpstreamError `HOST_ADDRESS_REFUSED` when any address is disallowed,
 *   `HOST_UNREACHABLE` when resolution fails or yields nothing.
 */
export async function resolveAllowedAddresses(
  hostname: string,
  allowPrivateNetwork: boolean,
  resolver: HostResolver = systemResolver,
): Promise<ResolvedAddress[]> {
  let addresses: readonly ResolvedAddress[];
  try {
    addresses = await resolver(hostname);
  } catch {
    throw hostUnreachableError();
  }
  if (addresses.length === 0) throw hostUnreachableError();
  if (!addresses.every(({ address }) => isAllowedAddress(address, allowPrivateNetwork))) throw addressRefusedError();
  return addresses.map(({ address, family }) => ({ address, family }));
}
