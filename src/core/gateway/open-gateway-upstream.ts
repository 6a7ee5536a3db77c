import type { Actor } from "../access/actor.ts";
import { openCredentialSecret } from "../credentials/open-credential-secret.ts";
import type { CoreDeps } from "../deps.ts";
import { AuthError, InputError, NotFoundError } from "../errors.ts";
import { credentialRequestFor } from "../git-credentials/open-git-access.ts";
import { resolveGitCredential } from "../git-credentials/resolve-git-credential.ts";
import type { GitRemote } from "../ports/git-transport.ts";
import { gitCredentialUse } from "../repositories/git-credential-use.ts";
import { gitRemoteFor } from "../repositories/git-remote-for.ts";
import type { Repository } from "../repositories/repository.ts";
import { decideGatewayAccess, type GatewayAccess } from "./gateway-access.ts";

/** A repository the gateway serves, named as in its URL: `/git/<host name>/<path>.git`. */
export interface GatewayTarget {
  hostName: string;
  path: string;
}

/**
 * The registered repository and the upstream remote the gateway reaches it by. `openRemote` opens the
 * stored credential (an audited use) the first time it is called: a negotiation served from an existing
 * mirror never needs it.
 */
export interface GatewayUpstream {
  repository: Repository;
  /** @throws AppError `SECRET_INTEGRITY`, SealedError `STORE_SEALED` */
  openRemote(): Promise<GitRemote>;
}

/** The registered repository a gateway path names, compared without case like git hosts do. */
async function findRepository(deps: CoreDeps, target: GatewayTarget): Promise<Repository> {
  const path = target.path.toLowerCase();
  const host = target.hostName.toLowerCase();
  const found = (await deps.store.repositories.listByPath(path)).find((r) => r.hostName.toLowerCase() === host);
  if (!found) throw new NotFoundError("REPOSITORY_NOT_FOUND", "No registered repository has this gateway path.", { field: "path" });
  return found;
}

/**
 * Decides a gateway request and prepares its upstream: the repository by host and path, the
 * access decision (`decideGatewayAccess`: the token's grant), the credential git's helper would
 * give the caller (`resolveGitCredential`, one rule); the secret (an audited use) is handed to the
 * credentials provider when the remote is opened. The secret stays in the server.
 * @throws NotFoundError `REPOSITORY_NOT_FOUND`; InputError `GATEWAY_SSH_UNSUPPORTED`;
 * AuthError `CREDENTIAL_UNAVAILABLE`, `GATEWAY_ACCESS_DENIED`
 */
export async function openGatewayUpstream(
  deps: CoreDeps,
  actor: Actor,
  target: GatewayTarget,
  access: GatewayAccess,
): Promise<GatewayUpstream> {
  const repository = await findRepository(deps, target);
  if (repository.protocol !== "https")
    throw new InputError(
      "GATEWAY_SSH_UNSUPPORTED",
      `${repository.name} is registered with an SSH URL; the gateway serves HTTPS repositories.`,
    );
  const decision = decideGatewayAccess(actor, repository, access);
  if (!decision.allowed) throw new AuthError("forbidden", "GATEWAY_ACCESS_DENIED", decision.reason);
  const request = credentialRequestFor(repository.url);
  const resolved = request === null ? null : await resolveGitCredential(deps, actor, request, access);
  if (resolved === null || resolved.kind === "none")
    throw new AuthError(
      "forbidden",
      "CREDENTIAL_UNAVAILABLE",
      `Repolink gives you no credential for ${repository.name}${resolved ? `: ${resolved.reason}` : ""}.`,
    );
  const { credential, host } = resolved;
  let opened: Promise<GitRemote> | null = null;
  const open = async (): Promise<GitRemote> => {
    const secret = await openCredentialSecret(deps, actor, credential, `gateway ${access} ${repository.hostName}/${repository.path}`);
    const needs = access === "push" ? "push" : "pull";
    const auth = await deps.credentials.gitAuthFor(gitCredentialUse(credential, secret, host, { ...repository, needs }));
    return gitRemoteFor(host, repository, auth);
  };
  return { repository, openRemote: () => (opened ??= open()) };
}
