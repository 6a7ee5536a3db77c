import type { Actor } from "../access/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { canSeeCredential } from "../credentials/credential-access.ts";
import { validateCredential } from "../credentials/validate-credential.ts";
import { recheckCredentialRepositories } from "../health/recheck-credential-repositories.ts";
import type { CoreDeps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { matchRepositoriesForGit, repositoryPathOf } from "./match-repository-for-git.ts";
import type { GitCredentialRequest } from "./parse-credential-request.ts";

/** The credentials git's rejection is about, and the re-check of them that runs on after the answer. */
export interface RejectedGitCredentialReport {
  /** Names of the credentials (that the caller may see) being re-checked. */
  rechecking: string[];
  /** Settles when every re-check has finished; rejects only on an unexpected (non-AppError) failure. */
  done: Promise<void>;
}

/**
 * Handles git's `erase` (the remote rejected the credential): the rejection is audited at
 * once, and every credential of the matching repositories is re-checked, with its
 * repositories, so their statuses tell the truth. git is not kept waiting for the re-check.
 */
export async function reportRejectedGitCredential(
  deps: CoreDeps,
  actor: Actor,
  request: GitCredentialRequest,
): Promise<RejectedGitCredentialReport> {
  const path = repositoryPathOf(request);
  const candidates = path === null ? await deps.store.repositories.list() : await deps.store.repositories.listByPath(path);
  const credentialIds = [...new Set(matchRepositoriesForGit(request, candidates).map((r) => r.credentialId))].filter((id) => id !== null);
  const rechecking: string[] = [];
  for (const credentialId of credentialIds) {
    await recordAudit(deps, actor, {
      action: "git-credential.erase",
      targetType: "credential",
      targetId: credentialId,
      outcome: "failure",
      detail: { host: request.host.slice(0, 200) },
    });
    const credential = await deps.store.credentials.findById(credentialId);
    if (credential && canSeeCredential(actor, credential)) rechecking.push(credential.name);
  }
  const recheck = async (credentialId: string): Promise<void> => {
    try {
      await validateCredential(deps, actor, credentialId);
      await recheckCredentialRepositories(deps, credentialId);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
    }
  };
  const done = (async () => {
    for (const credentialId of credentialIds) await recheck(credentialId);
  })();
  return { rechecking, done };
}
