import type { Actor } from "../access/actor.ts";
import { requireAdmin } from "../access/require-admin.ts";
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

/** How one dependent repository fares with the new secret, next to how it stood before. */
export interface RotationRepositoryResult {
  repository: string;
  before: { status: Repository["status"]; reasonCode: string | null };
  report: ConnectionReport;
  /** The new secret fails for it or leaves it worse off than today: it stops the rotation unless forced. */
  blocking: boolean;
}

/** The outcome of a safe rotation: applied, or refused with the repositories that would break. */
export interface SafeRotationReport {
  applied: boolean;
  credential: Credential;
  repositories: RotationRepositoryResult[];
}

// A rotation must not make any repository lose what it has today, and a secret that fails
// is never a safe replacement. A repository that fails today and is degraded with the new
// secret gains; one that connects today and is degraded with it loses.
// Never checked counts as working: nobody has seen it fail.
const rank: Record<Repository["status"], number> = { connected: 0, unchecked: 0, degraded: 1, failing: 2 };
// Within "degraded", losing push where pushing is needed is a loss too.
const lostPush = new Set(["PERMISSION_READ_ONLY", "PERMISSION_NONE"]);

/** Whether `after` leaves a repository worse off than `before`. */
function getsWorse(before: RotationRepositoryResult["before"], after: ConnectionReport): boolean {
  if (rank[after.status] !== rank[before.status]) return rank[after.status] > rank[before.status];
  return after.reasonCode !== null && lostPush.has(after.reasonCode) && !(before.reasonCode !== null && lostPush.has(before.reasonCode));
}

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
    return { repository: repository.name, before: beforeOf(repository), report: finishReport([step], at, ""), blocking: true };
  }
  const checks = await startConnectionChecks(deps, { host, credential: candidate, secret, limit: limitConcurrency(1) });
  const { results } = await checks.check([repository]);
  const steps = results[0]?.steps ?? [];
  const report = finishReport(
    steps,
    at,
    `Connected with the new secret: ${repository.owner}/${repository.repo} works for ${repository.needs}.`,
  );
  const before = beforeOf(repository);
  return { repository: repository.name, before, report, blocking: blocksRotation(before, report) };
}

/** A safe rotation goes ahead only if the new secret works for the repository and leaves it no worse off. */
export function blocksRotation(before: RotationRepositoryResult["before"], after: ConnectionReport): boolean {
  return after.status === "failing" || getsWorse(before, after);
}

const beforeOf = (repository: Repository): RotationRepositoryResult["before"] => ({
  status: repository.status,
  reasonCode: repository.reasonCode,
});

/**
 * Rotates a credential's secret only if no dependent repository gets worse with the new one
 * (token, visibility, permission, Git transport), comparing each repository's status before
 * and after. If one would, nothing changes and the error names each and why — unless an admin
 * forces it ("rotate anyway"), which is audited with the repositories it breaks. The swap, the
 * new statuses and their history land in one transaction.
 * @throws ConflictError `ROTATION_REFUSED` (details.repositories), `CREDENTIAL_CHANGED_CONCURRENTLY`;
 *   AuthError `FORBIDDEN` (force by a member); InputError
 */
export async function rotateCredentialSafely(
  deps: CoreDeps,
  actor: Actor,
  ref: string,
  input: { secret: SecretInput; username?: string | null; force?: boolean },
): Promise<SafeRotationReport> {
  if (input.force) requireAdmin(actor, "rotate a credential anyway when repositories get worse");
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

  if (blocking.length > 0 && !input.force) {
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
      { repositories: results.map(rotationRow) },
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
    await recordAudit({ ...deps, store }, actor, {
      ...audit,
      detail: {
        version: fields.secretVersion,
        repositories: results.length,
        ...(blocking.length > 0 ? { forced: true, brokeRepositories: blocking.map((r) => `${r.repository}: ${r.report.reasonCode}`) } : {}),
      },
    });
  });
  const credential = await deps.store.credentials.findById(current.id);
  return { applied: true, credential: credential ?? current, repositories: results };
}

/** One repository's line of a rotation report, as the API shows it: before, after, and whether it blocks. */
export function rotationRow(result: RotationRepositoryResult) {
  return {
    repository: result.repository,
    blocking: result.blocking,
    before: result.before,
    ...result.report,
  };
}
