import type { LookupFunction } from "node:net";
import { resolveAllowedAddresses, systemResolver, type HostResolver } from "./resolve-allowed-addresses.ts";

/**
 * Builds a `net.connect` `lookup` that resolves and checks in one step, so the address
 * the socket connects to is the address that was checked (SECURITY 25, DNS rebinding).
 */
export function createGuardedLookup(allowPrivateNetwork: boolean, resolver: HostResolver = systemResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolveAllowedAddresses(hostname, allowPrivateNetwork, resolver).then(
      (addresses) => {
        const wanted = options.family === 4 || options.family === "IPv4" ? 4 : options.family === 6 || options.family === "IPv6" ? 6 : 0;
        const usable = wanted === 0 ? addresses : addresses.filter(({ family }) => family === wanted);
        const first = usable[0];
        if (first === undefined) {
          callback(Object.assign(new Error("no address of the requested family"), { code: "ENOTFOUND" }), "");
        } else if (options.all === true) {
          callback(null, usable);
        } else {
          callback(null, first.address, first.family);
        }
      },
      (error: unknown) => callback(error as NodeJS.ErrnoException, ""),
    );
  };
}
