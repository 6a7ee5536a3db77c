import { InputError } from "../errors.ts";
import type { Credential } from "./credential.ts";

/**
 * Refuses to send `credential` for `repository` unless it is bound to the repository's host.
 * SECURITY 28 (Jenkins CVE-2022-34780): the one place this rule is decided; every use case
 * that sends a credential calls it before the secret is opened.
 * @throws InputError `CREDENTIAL_HOST_MISMATCH` (field `credential`)
 */
export function credentialServes(credential: Pick<Credential, "name" | "hostName">, repository: { hostName: string }): void {
  if (credential.hostName !== repository.hostName) {
    throw new InputError(
      "CREDENTIAL_HOST_MISMATCH",
      `The credential "${credential.name}" is bound to ${credential.hostName}, not ${repository.hostName}; ` +
        `it is never sent to another host.`,
      "credential",
    );
  }
}
