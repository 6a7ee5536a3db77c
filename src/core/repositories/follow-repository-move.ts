import type { Actor } from "../access/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { CoreDeps } from "../deps.ts";
import { AuthError, ConflictError, InputError } from "../errors.ts";
import { runConnectionCheck } from "./check-repository-connection.ts";
import type { ConnectionReport } from "./connection-report.ts";
import { getRepository } from "./get-repository.ts";
import { parseRepoUrl } from "./parse-repo-url.ts";
import { derivedNameFor } from "./register-repository.ts";
import type { Repository } from "./repository.ts";

/**
 * Adopts the new path of a repository its last check found renamed or transferred (`repo update R --follow-move`):
 * its URL, path and derived name follow the host's answer; the record — id, check history, credential, mappings —
 * stays. Audited as `repository.follow_move`, then checked again at the new URL. Admins may follow any move; members
 * those of repositories they registered.
 * @throws NotFoundError `REPOSITORY_NOT_FOUND`; AuthError `FORBIDDEN`; ConflictError `REPOSITORY_NOT_MOVED`,
 *   `REPOSITORY_ALREADY_REGISTERED`; InputError `REPO_URL_INVALID`
 */
export async function followRepositoryMove(
  deps: CoreDeps,
  actor: Actor,
  ref: string,
): Promise<{ repository: Repository; report: ConnectionReport }> {
  const repository = await getRepository(deps, actor, ref);
  if (actor.role === "member" && repository.createdBy !== actor.username) {
    throw new AuthError("forbidden", "FORBIDDEN", "Only an admin or the person who registered a repository may follow its move.");
  }
  if (repository.movedToPath === null || repository.movedToUrl === null) {
    throw new ConflictError(
      "REPOSITORY_NOT_MOVED",
      `${repository.name} has not moved: its last check found it at ${repository.path}. ` +
        `Run \`repolink repo validate ${repository.name}\` to ask the host again.`,
      { field: "followMove", repository: repository.name },
    );
  }
  const parsed = parseRepoUrl(repository.movedToUrl, await deps.store.hosts.list());
  if (parsed.hostName !== repository.hostName) {
    // The URL came from the host's own API; a move never takes a registration (and its credential) to another host.
    throw new InputError(
      "REPO_URL_INVALID",
      `The host reported ${repository.movedToUrl}, which is not on ${repository.hostName}; the move was not followed.`,
      "followMove",
    );
  }
  const clash = (await deps.store.repositories.listByPath(parsed.path)).find(
    (r) => r.hostName === parsed.hostName && r.id !== repository.id,
  );
  if (clash) {
    throw new ConflictError(
      "REPOSITORY_ALREADY_REGISTERED",
      `${parsed.cleanUrl}, where ${repository.name} moved, is registered already as ${clash.name}: remove one of the two, ` +
        "then follow the move.",
      { field: "followMove", repository: clash.name },
    );
  }
  const name = await derivedNameFor(deps, parsed);
  const patch = { name, path: parsed.path, url: parsed.cleanUrl, movedToPath: null, movedToUrl: null };
  await deps.store.transaction(async (store) => {
    await store.repositories.update(repository.id, patch);
    await recordAudit({ ...deps, store }, actor, {
      action: "repository.follow_move",
      targetType: "repository",
      targetId: repository.id,
      targetName: name,
      detail: { from: { name: repository.name, url: repository.url }, to: { name, url: parsed.cleanUrl } },
    });
  });
  return runConnectionCheck(deps, actor, { ...repository, ...patch, owner: parsed.owner, repo: parsed.repo });
}
