import type { Actor } from "../access/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { CoreDeps } from "../deps.ts";
import { ConflictError, InputError } from "../errors.ts";
import { finishReport, type ConnectionReport } from "../repositories/connection-report.ts";
import type { Repository } from "../repositories/repository.ts";
import { limitConcurrency } from "../health/limit-concurrency.ts";
import { startConnectionChecks } from "../repositories/run-connection-checks.ts";
import { findManageableCredential } from "./credential-access.ts";
import type { Credential } from "./credential.ts";
import { checkSecretInput, type SecretInput } from "./credential-secret-input.ts";
import { openedSecretOf, type OpenedSecret } from "./open-credential-secret.ts";
import { applyCheckResult, runCredentialCheck } from "./run-credential-check.ts";
import { keepAppIdentity } from "./keep-app-identity.ts";
import { sealNextVersion, swapSecretVersion } from "./seal-next-version.ts";

/** How one dependent repository fares with the new secret. */
export interface RotationRepositoryResult {
  repository: string;
  report: ConnectionReport;
  blocking: boolean;
}

/** The outcome of a safe rotation: applied, or refused with the repositories that would break. */
export interface SafeRotationReport {
  applied: boolean;
  credential: Credential;
  repositories: RotationRepositoryResult[];
}

// A rotation must not make any repository lose what it has today: failing is refused,
// and so is a token that can no longer push where pushing is needed.
const blockingDegradations = new Set(["PERMISSION_READ_ONLY", "PERMISSION_NONE"]);

async function checkAgainst(
  deps: CoreDeps,
  candidate: Credential,
  secret: OpenedSecret,
  repository: Repository,
): Promise<RotationRepositoryResult> {
  const host = await deps.store.hosts.findByName(repository.hostName);
  const at = deps.now().toISOString();
  if (!host) {
    const step = {
      name: "host",
      status: "failed" as const,
      code: "HOST_UNKNOWN",
      message: `The host ${repository.hostName} is no longer registered.`,
      remedy: "An admin can add it again.",
    };
    return { repository: repository.name, report: finishReport([step], at, ""), blocking: true };
  }
  const checks = await startConnectionChecks(deps, { host, credential: candidate, secret, limit: limitConcurrency(1) });
  const { results } = await checks.check([repository]);
  const steps = results[0]?.steps ?? [];
  const report = finishReport(
    steps,
    at,
    `Connected with the new secret: ${repository.owner}/${repository.repo} works for ${repository.needs}.`,
  );
  const blocking = report.status === "failing" || (report.reasonCode !== null && blockingDegradations.has(report.reasonCode));
  return { repository: repository.name, report, blocking };
}

/**
 * Rotates a credential's secret only if the new one works for every dependent repository
 * (token, visibility, permission, Git transport). If any would break, nothing changes and
 * the error names each repository and why; otherwise the swap, the new statuses and their
 * history land in one transaction.
 * @throws ConflictError `ROTATION_REFUSED` (details.repositories), `CREDENTIAL_CHANGED_CONCURRENTLY`; InputError
 */
export async function rotateCredentialSafely(
  deps: CoreDeps,
  actor: Actor,
  ref: string,
  input: { secret: SecretInput; username?: string | null },
): Promise<SafeRotationReport> {
  const current = await findManageableCredential(deps, actor, ref);
  if (input.secret.kind !== current.kind) {
    throw new InputError("CREDENTIAL_TYPE_MISMATCH", `This credential holds a ${current.kind}; the new secret must be one too.`, "type");
  }
  const host = await deps.store.hosts.findByName(current.hostName);
  const secretInput = await keepAppIdentity(deps, current, input.secret);
  const { payload, preview } = await checkSecretInput(secretInput, host ? deps.integrations.get(host.kind).secrets : null, deps.sshKeys);
  const username = input.username === undefined ? current.username : input.username?.trim() || null;
  const check = host ? await runCredentialCheck(deps, host, payload, username) : null;
  const candidate: Credential = { ...current, username };
  const secret = openedSecretOf(payload);
  const dependents = await deps.store.repositories.listByCredential(current.id);
  const results: RotationRepositoryResult[] = [];
  for (const repository of dependents) results.push(await checkAgainst(deps, candidate, secret, repository));
  const blocking = results.filter((r) => r.blocking);
  const audit = { action: "credential.rotate", targetType: "credential", targetId: current.id, targetName: current.name };

  if (blocking.length > 0) {
    await recordAudit(deps, actor, {
      ...audit,
      outcome: "failure",
      detail: { refusedBy: blocking.map((r) => `${r.repository}: ${r.report.reasonCode}`) },
    });
    throw new ConflictError(
      "ROTATION_REFUSED",
      `Nothing was changed: the new secret would break ${blocking.length} repositor${blocking.length === 1 ? "y" : "ies"}: ${blocking
        .slice(0, 5)
        .map((r) => `${r.repository} (${r.report.reasonCode}: ${r.report.message})`)
        .join("; ")}${blocking.length > 5 ? "; …" : ""}`,
      { repositories: results.map((r) => ({ repository: r.repository, blocking: r.blocking, ...r.report })) },
    );
  }

  const now = deps.now().toISOString();
  const fields = sealNextVersion(deps, current, payload, preview, now);
  await deps.store.transaction(async (store) => {
    await swapSecretVersion(store, current, fields);
    await store.credentials.updateMetadata(current.id, { username, updatedAt: now, ...(check ? applyCheckResult(check, now) : {}) });
    for (const [i, repository] of dependents.entries()) {
      const { report } = results[i]!;
      await store.repositories.update(repository.id, {
        status: report.status,
        reasonCode: report.reasonCode,
        message: report.message,
        remedy: report.remedy,
        lastCheckedAt: report.at,
      });
      await store.repositories.addCheck({
        id: deps.newId(),
        repositoryId: repository.id,
        at: report.at,
        status: report.status,
        reasonCode: report.reasonCode,
        steps: report.steps.map((s) => ({ ...s })),
      });
    }
    await recordAudit({ ...deps, store }, actor, { ...audit, detail: { version: fields.secretVersion, repositories: results.length } });
  });
  const credential = await deps.store.credentials.findById(current.id);
  return { applied: true, credential: credential ?? current, repositories: results };
}
