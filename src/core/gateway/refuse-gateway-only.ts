import type { Credential } from "../credentials/credential.ts";
import { AuthError } from "../errors.ts";
import type { Repository } from "../repositories/repository.ts";
import { gatewayUrlOf } from "./gateway-url.ts";

/**
 * Refuses to hand out the secret of a `gateway-only` credential, with the remedy: the
 * repository's gateway URL (`origin`: the server's public URL as the caller reached it).
 * @throws AuthError `CREDENTIAL_GATEWAY_ONLY`
 */
export function refuseGatewayOnly(credential: Pick<Credential, "release" | "name">, repository: Repository, origin: string | null): void {
  if (credential.release !== "gateway-only") return;
  const url =
    origin === null ? `/git/${repository.hostName}/${repository.path}.git on this Repolink server` : gatewayUrlOf(origin, repository);
  throw new AuthError(
    "forbidden",
    "CREDENTIAL_GATEWAY_ONLY",
    `The credential "${credential.name}" of ${repository.name} is gateway-only: its secret never leaves Repolink. ` +
      `Clone, fetch and push through the gateway: ${url} (or \`repolink checkout ${repository.name} DIR --via-gateway\`).`,
  );
}
