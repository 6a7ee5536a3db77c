import type { Actor } from "../access/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { canSeeCredential } from "../credentials/credential-access.ts";
import { findCredentialForUse } from "../credentials/credential-for-use.ts";
import { validateCredential } from "../credentials/validate-credential.ts";
import { recheckCredentialRepositories } from "../health/recheck-credential-repositories.ts";
import type { CoreDeps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { matchRepositoriesForGit, repositoryPathOf } from "./match-repository-for-git.ts";
import type { GitCredentialRequest } from "./parse-credential-request.ts";
import { tokenGrantAllows } from "../users/token-grant.ts";

/** The credentials git's rejection is about, and the re-check of them that runs on after the answer. */
export interface RejectedGitCredentialReport {
  /** Names of the credentials (that the caller may see) being re-checked. */
  rechecking: string[];
  /** Settles when every re-check has finished; rejects only on an unexpected (non-AppError) failure. */
  done: Promise<void>;
}

/**
 * Handles git's `erase` (the remote rejected the credential): the rejection is audited at
 * once, and the credential the one rule gave the caller for each matching repository (inside the caller's token
 * grant) is re-checked, with its repositories, so their statuses tell the truth. git is not kept waiting.
 */
export async function reportRejectedGitCredential(
  deps: CoreDeps,
  actor: Actor,
  request: GitCredentialRequest,
): Promise<RejectedGitCredentialReport> {
  const path = repositoryPathOf(request);
  const candidates = path === null ? await deps.store.repositories.list() : await deps.store.repositories.listByPath(path);
  const matches = matchRepositoriesForGit(request, candidates).filter((r) => tokenGrantAllows(actor.grant, r, "read"));
  const chosen: string[] = [];
  for (const repository of matches.slice(0, 100)) {
    const choice = await findCredentialForUse(deps, actor, repository).catch((error: unknown) => {
      if (error instanceof AppError) return undefined;
      throw error;
    });
    if (choice) chosen.push(choice.credential.id);
  }
  const credentialIds = [...new Set(chosen)];
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
