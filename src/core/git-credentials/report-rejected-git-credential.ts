import type { Actor } from "../access/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { validateCredential } from "../credentials/validate-credential.ts";
import { recheckCredentialRepositories } from "../health/recheck-credential-repositories.ts";
import type { CoreDeps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { matchRepositoriesForGit } from "./match-repository-for-git.ts";
import type { GitCredentialRequest } from "./parse-credential-request.ts";

/**
 * Handles git's `erase` (the remote rejected the credential): every credential of the
 * matching repositories is re-checked at once, and so are its repositories, so their
 * statuses tell the truth.
 */
export async function reportRejectedGitCredential(deps: CoreDeps, actor: Actor, request: GitCredentialRequest): Promise<{ rechecked: string[] }> {
  const matches = matchRepositoriesForGit(request, await deps.store.repositories.list());
  const rechecked: string[] = [];
  for (const credentialId of new Set(matches.map((r) => r.credentialId))) {
    if (credentialId === null) continue;
    await recordAudit(deps, actor, { action: "git-credential.erase", targetType: "credential", targetId: credentialId, outcome: "failure", detail: { host: request.host.slice(0, 200) } });
    try {
      const { credential } = await validateCredential(deps, actor, credentialId);
      await recheckCredentialRepositories(deps, credentialId);
      rechecked.push(credential.name);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
    }
  }
  return { rechecked };
}
