import type { Actor } from "../access/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { openCredentialSecret } from "../credentials/open-credential-secret.ts";
import type { CoreDeps } from "../deps.ts";
import { gitCredentialUse } from "../repositories/git-credential-use.ts";
import type { Repository } from "../repositories/repository.ts";
import type { GrantAccess } from "../users/token-grant.ts";
import type { GitCredentialRequest } from "./parse-credential-request.ts";
import { resolveGitCredential } from "./resolve-git-credential.ts";
import { refuseGatewayOnly } from "../gateway/refuse-gateway-only.ts";

/** What Repolink tells git: a username and password, or nothing with the reason (git then fails or asks elsewhere). */
export type GitCredentialAnswer =
  | { username: string; password: string; passwordExpiryUtc: number | null; credentialName: string; repository: Repository }
  | { none: string };

/**
 * Answers git's `get` with the credential the one rule gives the caller (`resolveGitCredential`: their mapping,
 * the repository's credential, or a URL-prefix template), inside the caller's token grant. Without a path, every
 * matching repository must get one credential, else there is no answer (set `credential.useHttpPath true`).
 * @throws AuthError `TOKEN_GRANT_DENIED`, `CREDENTIAL_GATEWAY_ONLY` (the remedy names the gateway URL on
 * `gatewayOrigin`); ConflictError `CREDENTIAL_AMBIGUOUS`
 */
export async function answerGitCredential(
  deps: CoreDeps,
  actor: Actor,
  request: GitCredentialRequest,
  gatewayOrigin: string | null = null,
  access: GrantAccess = "read",
): Promise<GitCredentialAnswer> {
  const target = `${request.host}/${request.path ?? ""}`.slice(0, 300);
  const resolved = await resolveGitCredential(deps, actor, request, access);
  if (resolved.kind === "none") {
    await recordAudit(deps, actor, {
      action: "git-credential.get",
      targetType: "repository",
      targetName: target,
      outcome: "denied",
      detail: { reason: resolved.reason },
    });
    return { none: resolved.reason };
  }
  const { credential, host, repository, source } = resolved;
  try {
    refuseGatewayOnly(credential, repository, gatewayOrigin);
  } catch (error) {
    const detail = { reason: "gateway-only credential" };
    await recordAudit(deps, actor, {
      action: "git-credential.get",
      targetType: "repository",
      targetName: target,
      outcome: "denied",
      detail,
    });
    throw error;
  }
  const secret = await openCredentialSecret(deps, actor, credential, `git-credential get ${target} (${source})`);
  const auth = await deps.credentials.gitAuthFor(gitCredentialUse(credential, secret, host, repository));
  if (auth.kind !== "token") return { none: "credential not usable over HTTPS" };
  return {
    username: auth.username,
    password: auth.token.reveal(),
    // An App's installation token dies within the hour: git must not keep it longer.
    passwordExpiryUtc: auth.expiresAt
      ? Math.floor(Date.parse(auth.expiresAt) / 1000)
      : credential.expiresAt
        ? Math.floor(Date.parse(credential.expiresAt) / 1000)
        : null,
    credentialName: credential.name,
    repository,
  };
}
