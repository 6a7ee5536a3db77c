import { isAllowedAddress } from "./address-policy.ts";
import { addressRefusedError } from "./guarded-fetch-errors.ts";
import { parseHostLiteral } from "./parse-host-literal.ts";
import { resolveAllowedAddresses, type HostResolver, type ResolvedAddress } from "./resolve-allowed-addresses.ts";

/** Options of the address checks; `lookup` replaces DNS (tests, pinned resolvers). */
export interface AddressCheckOptions {
  lookup?: HostResolver;
}

/**
 * Parses an outgoing request URL: only `http:`/`https:` without user name or password.
 * @throws UpstreamError `HOST_ADDRESS_REFUSED` for anything else.
 */
export function toHttpUrl(input: string | URL): URL {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw addressRefusedError();
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.username !== "" || url.password !== "") {
    throw addressRefusedError();
  }
  return url;
}

/**
 * Checks a host name or IP literal (legacy IPv4 forms and `[v6]` included) without
 * connecting, and returns the addresses it resolved to so a caller may pin them.
 * @throws UpstreamError `HOST_ADDRESS_REFUSED` or `HOST_UNREACHABLE`.
 */
export async function checkHostAllowed(
  hostname: string,
  allowPrivateNetwork: boolean,
  options: AddressCheckOptions = {},
): Promise<ResolvedAddress[]> {
  const literal = parseHostLiteral(hostname);
  if (literal.kind === "invalid") throw addressRefusedError();
  if (literal.kind === "ip") {
    if (!isAllowedAddress(literal.address, allowPrivateNetwork)) throw addressRefusedError();
    return [{ address: literal.address, family: literal.family }];
  }
  return resolveAllowedAddresses(literal.name, allowPrivateNetwork, options.lookup);
}

/**
 * Checks an `http(s)` URL the way the guarded fetch would, without connecting — for git
 * operations that open their own connections (they must still pin or re-check, see SECURITY 25).
 * @throws UpstreamError `HOST_ADDRESS_REFUSED` or `HOST_UNREACHABLE`.
 */
export async function checkUrlAllowed(url: string | URL, allowPrivateNetwork: boolean, options: AddressCheckOptions = {}): Promise<void> {
  await checkHostAllowed(toHttpUrl(url).hostname, allowPrivateNetwork, options);
}
