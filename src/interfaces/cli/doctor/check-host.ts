import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { connect, rootCertificates } from "node:tls";
import type { Host } from "../../../core/hosts/host.ts";
import { findAppError, HOST_ADDRESS_REFUSED } from "../../../adapters/net/guarded-fetch-errors.ts";
import type { HostNetworkPolicy } from "../../../adapters/net/guarded-fetch-for-host.ts";
import { fail, ok, warn, type Finding } from "./finding.ts";

const TIMEOUT_MS = 10_000;

/** DNS, TLS and an HTTP answer for one known host, the way Repolink itself connects to it. */
export async function checkHost(host: Host, fetchFor: (policy: HostNetworkPolicy) => typeof fetch): Promise<Finding[]> {
  const check = `host ${host.name}`;
  const url = new URL(host.webUrl);
  const hostname = url.hostname.replace(/^\[|\]$/g, "");
  const findings: Finding[] = [];
  if (isIP(hostname) === 0) {
    try {
      const addresses = await lookup(hostname, { all: true });
      findings.push(ok(check, `DNS: ${hostname} is ${addresses.map((a) => a.address).join(", ")}.`));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "error";
      return [
        fail(check, `DNS: ${hostname} does not resolve (${code}).`, "Check the host's URL (repolink host list) and this machine's DNS."),
      ];
    }
  }
  if (url.protocol === "https:") findings.push(await checkTls(check, hostname, Number(url.port || 443), host.caBundle));
  else {
    findings.push(
      warn(check, `${host.webUrl} is plain HTTP: git credentials go to it in clear.`, "Serve that host over HTTPS and update its URL."),
    );
  }
  try {
    const response = await fetchFor(host)(host.webUrl, { redirect: "manual", signal: AbortSignal.timeout(TIMEOUT_MS) });
    await response.body?.cancel();
    findings.push(ok(check, `reachable: ${host.webUrl} answered HTTP ${response.status}.`));
  } catch (error) {
    findings.push(
      findAppError(error)?.code === HOST_ADDRESS_REFUSED
        ? fail(
            check,
            `${hostname} resolves to a private, loopback or link-local address, which Repolink refuses for this host.`,
            "If it is an on-premises server, add it again with --allow-private-network " +
              `(repolink host remove ${host.name}; repolink host add …).`,
          )
        : fail(check, `${host.webUrl} cannot be reached.`, "Check firewalls and proxies between this machine and the host."),
    );
  }
  return findings;
}

function checkTls(check: string, hostname: string, port: number, caBundle: string | null): Promise<Finding> {
  return new Promise((resolve) => {
    const socket = connect({
      host: hostname,
      port,
      ...(isIP(hostname) === 0 ? { servername: hostname } : {}),
      ...(caBundle ? { ca: [...rootCertificates, caBundle] } : {}),
      rejectUnauthorized: false,
      timeout: TIMEOUT_MS,
    });
    const done = (finding: Finding): void => {
      socket.destroy();
      resolve(finding);
    };
    socket.once("secureConnect", () => {
      if (socket.authorized) return done(ok(check, `TLS: certificate valid until ${socket.getPeerX509Certificate()?.validTo ?? "?"}.`));
      done(
        fail(
          check,
          `TLS: the certificate is not trusted (${String(socket.authorizationError)}).`,
          "If the host uses its own CA, add the host again with --ca-file CA.pem (repolink host remove, then host add).",
        ),
      );
    });
    socket.once("timeout", () => done(fail(check, "TLS: no handshake within 10 s.", "Check firewalls between this machine and the host.")));
    socket.once("error", (error: NodeJS.ErrnoException) =>
      done(fail(check, `TLS: cannot connect (${error.code ?? error.message}).`, "Check the host's URL and port, and firewalls.")),
    );
  });
}
