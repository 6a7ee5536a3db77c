import type { BulkAction } from "../../shared/bulk-actions.ts";
import type { Actor } from "../access/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { findVisibleCredential } from "../credentials/credential-access.ts";
import type { CoreDeps } from "../deps.ts";
import { AppError, InputError } from "../errors.ts";
import { checkRepositoriesNow } from "../health/check-repositories-now.ts";
import type { HealthOptions } from "../health/health-options.ts";
import { checkCredentialFits } from "./check-credential-fits.ts";
import { type RepositoryListInput, repositoryFilterOf } from "./list-repository-page.ts";
import { cursorAfter, type RepositoryCursor } from "./repository-page.ts";
import type { Repository } from "./repository.ts";
import { canManageRepository } from "./require-repository-manager.ts";

/** A bulk action on a selection (ids) or on every repository a filter covers. */
export interface BulkInput {
  action: BulkAction;
  ids?: string[];
  filter?: Omit<RepositoryListInput, "sort" | "cursor" | "limit">;
  /** For `set-credential`: the credential's name or id. */
  credential?: string;
}

/** What a bulk action did: how many it covered and acted on, and the ones it left alone with why (the first 100). */
export interface BulkResult {
  action: BulkInput["action"];
  matched: number;
  /** Acted on now; for `recheck`, the checks started (they finish in the background). */
  done: number;
  skipped: { name: string; reason: string }[];
  /** The check started on the re-checked or switched repositories (progress: `healthCycleProgress(cycleId)`); null when none. */
  check: { cycleId: string; total: number } | null;
}

const MAX_SELECTION = 1000;
const SHOWN_SKIPPED = 100;
const PAGE = 1000;

/** @throws InputError `REPOSITORY_SELECTION_INVALID` (field `ids`); NotFoundError `CREDENTIAL_NOT_FOUND` */
async function targetsOf(deps: CoreDeps, actor: Actor, input: BulkInput): Promise<{ found: Repository[]; missing: string[] }> {
  if ((input.ids === undefined) === (input.filter === undefined) || (input.ids !== undefined && input.ids.length > MAX_SELECTION)) {
    throw new InputError(
      "REPOSITORY_SELECTION_INVALID",
      `Choose the repositories either by ids (1–${MAX_SELECTION}) or by a filter, not both.`,
      "ids",
    );
  }
  if (input.ids) {
    const found: Repository[] = [];
    const missing: string[] = [];
    for (const id of new Set(input.ids)) {
      const repository = await deps.store.repositories.findById(id);
      if (repository) found.push(repository);
      else missing.push(id);
    }
    return { found, missing };
  }
  const filter = await repositoryFilterOf(deps, actor, input.filter ?? {});
  const found: Repository[] = [];
  let after: RepositoryCursor | undefined;
  for (;;) {
    const page = await deps.store.repositories.listPage({ filter, sort: "name", limit: PAGE, ...(after ? { after } : {}) });
    found.push(...page);
    const last = page.at(-1);
    if (page.length < PAGE || !last) return { found, missing: [] };
    after = cursorAfter(last, "name");
  }
}

/**
 * Re-checks, switches the credential of, or removes many repositories at once. Removing and switching land in one
 * transaction (repositories the actor may not change, or the credential cannot serve, are skipped with the reason);
 * re-checks start at once as one health cycle over exactly those repositories (batched: one GraphQL query per ≤ 100 of a
 * credential) running on in `background`, and the answer names the cycle so its progress can be followed.
 * @throws InputError `REPOSITORY_SELECTION_INVALID`, `CREDENTIAL_REQUIRED`; NotFoundError `CREDENTIAL_NOT_FOUND`
 */
export async function bulkRepositories(
  deps: CoreDeps,
  actor: Actor,
  input: BulkInput,
  health: Partial<HealthOptions>,
  background: (task: () => Promise<unknown>) => void,
): Promise<BulkResult> {
  const credential =
    input.action === "set-credential"
      ? input.credential
        ? await findVisibleCredential(deps, actor, input.credential)
        : (() => {
            throw new InputError("CREDENTIAL_REQUIRED", "Choose the credential to switch the repositories to.", "credential");
          })()
      : undefined;
  const { found, missing } = await targetsOf(deps, actor, input);
  const skipped: BulkResult["skipped"] = missing.map((id) => ({ name: id, reason: "No such repository (removed meanwhile?)." }));
  const acting: Repository[] = [];
  for (const repository of found) {
    if (input.action !== "recheck" && !canManageRepository(actor, repository)) {
      skipped.push({ name: repository.name, reason: "Only an admin or the person who registered it may change it." });
      continue;
    }
    if (credential) {
      try {
        checkCredentialFits(credential, repository);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        skipped.push({ name: repository.name, reason: error.message });
        continue;
      }
    }
    acting.push(repository);
  }
  if (input.action !== "recheck") {
    await deps.store.transaction(async (store) => {
      for (const repository of acting) {
        if (credential) await store.repositories.update(repository.id, { credentialId: credential.id });
        else await store.repositories.delete(repository.id);
      }
      await recordAudit({ ...deps, store }, actor, {
        action: input.action === "remove" ? "repository.remove" : "repository.update",
        targetType: "repository",
        targetId: null,
        targetName: `${acting.length} repositories`,
        detail: {
          bulk: true,
          names: acting.slice(0, SHOWN_SKIPPED).map((r) => r.name),
          ...(credential ? { credential: credential.name } : {}),
        },
      });
    });
  }
  // A switched credential is checked at once too, so no repository keeps a status earned by the old one.
  const ids = input.action === "remove" ? [] : acting.map((r) => r.id);
  const cycle = ids.length > 0 ? await checkRepositoriesNow(deps, ids, health, background) : null;
  return {
    action: input.action,
    matched: found.length + missing.length,
    done: acting.length,
    skipped: skipped.slice(0, SHOWN_SKIPPED),
    check: cycle ? { cycleId: cycle.id, total: ids.length } : null,
  };
}
