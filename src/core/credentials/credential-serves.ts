import type { Credential } from "./credential.ts";

/**
 * Whether `credential` may be sent for `repository`: only to the host it is bound to.
 * SECURITY 28 (Jenkins CVE-2022-34780): the one place this rule is decided.
 */
export function credentialServes(credential: Pick<Credential, "hostName">, repository: { hostName: string }): boolean {
  return credential.hostName === repository.hostName;
}
