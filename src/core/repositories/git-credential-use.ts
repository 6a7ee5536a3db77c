import type { Credential } from "../credentials/credential.ts";
import type { OpenedSecret } from "../credentials/open-credential-secret.ts";
import type { Host } from "../hosts/host.ts";
import type { GitCredentialUse } from "../ports/credentials-provider.ts";
import type { Repository } from "./repository.ts";

/** What the credentials provider is told when git reaches `repository` with the credential. */
export function gitCredentialUse(
  credential: Credential,
  secret: OpenedSecret,
  host: Host,
  repository: Pick<Repository, "url" | "protocol" | "needs">,
): GitCredentialUse {
  return { credential, secret, host, url: repository.url, protocol: repository.protocol, needs: repository.needs };
}
