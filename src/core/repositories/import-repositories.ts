import type { Actor } from "../access/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { CoreDeps } from "../deps.ts";
import { AppError, InputError } from "../errors.ts";
import type { ReachableRepository } from "../ports/integration.ts";
import { checkNeeds } from "./check-repository-fields.ts";
import { parseRepoUrl } from "./parse-repo-url.ts";
import { importRefusal, reachableRepositories } from "./reachable-repositories.ts";
import { type Repository, unlearntHostFacts } from "./repository.ts";

/** What an import did: the names registered (and their ids, for the check that follows), and the ones left alone with why. */
export interface ImportResult {
  created: string[];
  createdIds: string[];
  skipped: { name: string; reason: string }[];
}

/** What to import: the credential, optionally one owner, what the repositories need, and optionally an explicit selection. */
export interface ImportInput {
  credential: string;
  owner?: string;
  needs?: string;
  /** Paths on the host (`owner/name`); without it, every repository the credential reaches. */
  repositories?: string[];
}

export const MAX_IMPORT = 1000;

/** @throws InputError `IMPORT_SELECTION_INVALID` (field `repositories`) */
function selectionOf(repositories: string[] | undefined): Map<string, string> | undefined {
  if (repositories === undefined) return undefined;
  if (repositories.length === 0 || repositories.length > MAX_IMPORT)
    throw new InputError("IMPORT_SELECTION_INVALID", `Choose between 1 and ${MAX_IMPORT} repositories to import.`, "repositories");
  return new Map(repositories.map((path) => [path.toLowerCase(), path]));
}

/**
 * Registers the repositories the credential's token reaches on its host (optionally of one owner, optionally only an
 * explicit selection) that are not registered yet, in one transaction. Each one left alone is named with why: already
 * registered, archived or read-only when push is needed, not reachable with this credential. Checking them is the
 * caller's next step (`checkRepositoriesNow` with `createdIds`).
 * @throws NotFoundError `CREDENTIAL_NOT_FOUND`; InputError `OWNER_INVALID`, `NEEDS_INVALID`, `IMPORT_SELECTION_INVALID`,
 * `IMPORT_NEEDS_TOKEN`, `IMPORT_UNSUPPORTED`, `HOST_UNKNOWN`; UpstreamError from the host
 */
export async function importRepositories(deps: CoreDeps, actor: Actor, input: ImportInput): Promise<ImportResult> {
  const needs = checkNeeds(input.needs);
  const selection = selectionOf(input.repositories);
  const { credential, host, found } = await reachableRepositories(deps, actor, input);
  const byPath = new Map(found.map((info) => [info.path.toLowerCase(), info]));
  const result: ImportResult = { created: [], createdIds: [], skipped: [] };
  const wanted: ReachableRepository[] = [];
  if (selection) {
    for (const [key, path] of selection) {
      const info = byPath.get(key);
      if (info) wanted.push(info);
      else result.skipped.push({ name: path, reason: "not reachable with this credential (no access, or no such repository)" });
    }
  } else {
    wanted.push(...found.slice(0, MAX_IMPORT));
  }
  const existing = await deps.store.repositories.list();
  const keyOf = (hostName: string, path: string) => `${hostName}/${path}`.toLowerCase();
  const known = new Set(existing.map((r) => keyOf(r.hostName, `${r.owner}/${r.repo}`)));
  // Names are derived: the path, or HOST:PATH when the path is held (or named) on another host already.
  const names = new Set(existing.flatMap((r) => [r.name.toLowerCase(), r.path.toLowerCase()]));
  const now = deps.now().toISOString();
  await deps.store.transaction(async (store) => {
    for (const info of wanted) {
      const name = names.has(info.path.toLowerCase()) ? `${host.name}:${info.path}` : info.path;
      if (known.has(keyOf(host.name, info.path))) {
        result.skipped.push({ name: info.path, reason: "already registered" });
        continue;
      }
      const refusal = importRefusal(info, needs);
      if (refusal) {
        result.skipped.push({ name: info.path, reason: refusal });
        continue;
      }
      let parsed;
      try {
        parsed = parseRepoUrl(`${host.webUrl}/${info.path}.git`, [host]);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        result.skipped.push({ name, reason: error.message });
        continue;
      }
      const repository: Repository = {
        id: deps.newId(),
        name,
        hostName: host.name,
        path: parsed.path,
        owner: parsed.owner,
        repo: parsed.repo,
        url: parsed.cleanUrl,
        protocol: parsed.protocol,
        credentialId: credential.id,
        defaultBranch: info.defaultBranch,
        ...unlearntHostFacts,
        needs,
        status: "unchecked",
        reasonCode: null,
        message: null,
        remedy: null,
        lastCheckedAt: null,
        createdBy: actor.username,
        createdAt: now,
      };
      await store.repositories.insert(repository);
      known.add(keyOf(host.name, info.path));
      names.add(name.toLowerCase());
      names.add(info.path.toLowerCase());
      result.created.push(name);
      result.createdIds.push(repository.id);
    }
    if (!selection && found.length > MAX_IMPORT)
      result.skipped.push({ name: `${found.length - MAX_IMPORT} more`, reason: `an import registers at most ${MAX_IMPORT} repositories` });
    await recordAudit({ ...deps, store }, actor, {
      action: "repository.import",
      targetType: "credential",
      targetId: credential.id,
      targetName: credential.name,
      detail: { owner: input.owner ?? null, created: result.created.length, skipped: result.skipped.length },
    });
  });
  return result;
}
