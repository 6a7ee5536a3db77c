import { isIP } from "node:net";
import { InputError } from "../../core/errors.ts";

/** What decides whether plain HTTP may be served on an address. */
export interface PlainHttpPolicy {
  host: string;
  tls: boolean;
  /** The operator said a reverse proxy in front terminates TLS (trusted proxies are configured). */
  behindProxy: boolean;
  insecureHttp: boolean;
}

/** True when `host` can only be reached from this machine. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (bare === "localhost" || bare === "::1") return true;
  return isIP(bare) === 4 && bare.startsWith("127.");
}

/**
 * Refuses to serve passwords, tokens and git credentials in clear to the network: plain HTTP
 * is for loopback, or behind a TLS-terminating proxy, or by the operator's explicit choice.
 * @returns whether the caller must warn loudly (plain HTTP on the network by `--insecure-http`)
 * @throws InputError `PLAIN_HTTP_REFUSED` (field `host`)
 */
export function checkPlainHttpAllowed(policy: PlainHttpPolicy): { warn: boolean } {
  if (policy.tls || policy.behindProxy || isLoopbackHost(policy.host)) return { warn: false };
  if (policy.insecureHttp) return { warn: true };
  throw new InputError(
    "PLAIN_HTTP_REFUSED",
    `Refusing to serve plain HTTP on ${policy.host}: credentials would cross the network in clear. ` +
      "Give --tls-cert and --tls-key, run behind a TLS-terminating reverse proxy (REPOLINK_TRUSTED_PROXIES), " +
      "or pass --insecure-http if the network is trusted.",
    "host",
  );
}
