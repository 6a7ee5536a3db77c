import { kindFits } from "../credentials/credential-for-use.ts";
import { credentialServes } from "../credentials/credential-serves.ts";
import type { Credential } from "../credentials/credential.ts";
import { InputError } from "../errors.ts";
import type { Repository } from "./repository.ts";

/**
 * Refuses a credential that cannot serve a repository: bound to another host, or of the wrong kind for its URL.
 * @throws InputError `CREDENTIAL_HOST_MISMATCH`, `CREDENTIAL_KIND_MISMATCH` (field `credential`)
 */
export function checkCredentialFits(credential: Credential, repository: Repository): void {
  credentialServes(credential, repository);
  if (!kindFits(credential, repository)) {
    throw new InputError(
      "CREDENTIAL_KIND_MISMATCH",
      repository.protocol === "ssh"
        ? "An SSH URL needs an ssh-key credential; use the HTTPS URL with a token."
        : "An HTTPS URL needs a token credential; use the SSH URL with an SSH key.",
      "credential",
    );
  }
}
