import type { Actor } from "../access/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { credentialForUse, findCredentialForUse } from "../credentials/credential-for-use.ts";
import { credentialServes } from "../credentials/credential-serves.ts";
import { openCredentialSecret } from "../credentials/open-credential-secret.ts";
import type { CoreDeps } from "../deps.ts";
import { limitConcurrency } from "../health/limit-concurrency.ts";
import { finishReport, skippedStep, type CheckStep, type ConnectionReport } from "./connection-report.ts";
import { getRepository } from "./get-repository.ts";
import { hostFactsPatch } from "./host-facts-patch.ts";
import type { CheckedRepository } from "../ports/integration.ts";
import type { Repository } from "./repository.ts";
import { startConnectionChecks } from "./run-connection-checks.ts";

const NOT_RUN = "Not run: an earlier step failed.";

/** The kind's steps with the first failed; without a host (so without a kind) the one failed step is `host`. */
function failedAtStart(deps: CoreDeps, kind: string | null, code: string, message: string, remedy: string): CheckStep[] {
  const names = kind === null ? ["host"] : deps.integrations.get(kind).checks.steps;
  return names.map((name, i) => (i === 0 ? { name, status: "failed", code, message, remedy } : skippedStep(name, NOT_RUN)));
}

/**
 * Runs the steps for a repository already loaded, with the credential the one rule gives the actor. A caller whom no
 * credential serves while the repository has one of its own is refused, so their check cannot mark the team's
 * repository failing.
 */
async function runSteps(
  deps: CoreDeps,
  actor: Actor,
  repository: Repository,
): Promise<Pick<CheckedRepository, "steps" | "defaultBranch" | "hostRepository"> & { credentialName: string | null }> {
  const credential =
    repository.credentialId === null
      ? (await findCredentialForUse(deps, actor, repository))?.credential
      : (await credentialForUse(deps, actor, repository)).credential;
  const host = await deps.store.hosts.findByName(repository.hostName);
  if (!credential) {
    return {
      steps: failedAtStart(
        deps,
        host?.kind ?? null,
        "CREDENTIAL_DELETED",
        "No credential serves this repository: its own was deleted and no URL-prefix template matches it.",
        "Map a credential (`repolink repo map R --credential N`) or give one a URL-prefix template (`--url-prefix`).",
      ),
      defaultBranch: null,
      credentialName: null,
    };
  }
  credentialServes(credential, repository);
  if (!host) {
    return {
      steps: failedAtStart(
        deps,
        null,
        "HOST_UNKNOWN",
        `The host ${repository.hostName} is no longer registered.`,
        "An admin can add it again with `repolink host add`.",
      ),
      defaultBranch: null,
      credentialName: credential.name,
    };
  }
  const secret = await openCredentialSecret(deps, actor, credential, `check repository ${repository.name}`);
  const run = { host, credential, secret, limit: limitConcurrency(1) };
  const { results } = await (await startConnectionChecks(deps, run)).check([repository]);
  const result = results[0]!;
  return { ...result, credentialName: credential.name };
}

/**
 * Checks a loaded repository's connection step by step, stores the result on it, appends
 * it to the history and audits `repository.check`.
 * @throws InputError `CREDENTIAL_HOST_MISMATCH`
 */
export async function runConnectionCheck(
  deps: CoreDeps,
  actor: Actor,
  repository: Repository,
): Promise<{ repository: Repository; report: ConnectionReport }> {
  const started = deps.now().getTime();
  const checked = await runSteps(deps, actor, repository);
  const { steps, credentialName } = checked;
  const at = deps.now().toISOString();
  const report = finishReport(
    steps,
    at,
    `Connected: ${repository.owner}/${repository.repo} works with this credential for ${repository.needs}.`,
  );
  const patch = {
    status: report.status,
    reasonCode: report.reasonCode,
    message: report.message,
    remedy: report.remedy,
    lastCheckedAt: at,
    ...hostFactsPatch(repository, checked),
  };
  await deps.store.transaction(async (store) => {
    await store.repositories.update(repository.id, patch);
    await store.repositories.addCheck({
      id: deps.newId(),
      repositoryId: repository.id,
      at,
      status: report.status,
      reasonCode: report.reasonCode,
      steps: steps.map((s) => ({ ...s })),
    });
    await recordAudit({ ...deps, store }, actor, {
      action: "repository.check",
      targetType: "repository",
      targetId: repository.id,
      targetName: repository.name,
      outcome: report.status === "failing" ? "failure" : "success",
      detail: { status: report.status, reasonCode: report.reasonCode, credential: credentialName },
    });
  });
  deps.metrics?.observeCheck(report.status, (deps.now().getTime() - started) / 1000);
  return { repository: { ...repository, ...patch }, report };
}

/**
 * The connection check on demand (`repo validate`): by name or id, among the repositories
 * the actor may see.
 * @throws NotFoundError `REPOSITORY_NOT_FOUND`; InputError `CREDENTIAL_HOST_MISMATCH`
 */
export async function checkRepositoryConnection(
  deps: CoreDeps,
  actor: Actor,
  ref: string,
): Promise<{ repository: Repository; report: ConnectionReport }> {
  return runConnectionCheck(deps, actor, await getRepository(deps, actor, ref));
}
