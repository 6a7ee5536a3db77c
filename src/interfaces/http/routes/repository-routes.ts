import type { Actor } from "../../../core/access/actor.ts";
import { statusHistoryOf } from "../../../core/repositories/status-history-of.ts";
import type { CoreDeps } from "../../../core/deps.ts";
import { checkRepositoryConnection } from "../../../core/repositories/check-repository-connection.ts";
import { followRepositoryMove } from "../../../core/repositories/follow-repository-move.ts";
import { getRepository, getRepositoryWithCredential } from "../../../core/repositories/get-repository.ts";
import { importRepositories } from "../../../core/repositories/import-repositories.ts";
import { listReachableRepositories } from "../../../core/repositories/list-reachable-repositories.ts";
import { checkRepositoriesNow } from "../../../core/health/check-repositories-now.ts";
import type { HealthOptions } from "../../../core/health/health-options.ts";
import { listBranches } from "../../../core/repositories/list-branches.ts";
import { mapRepository, unmapRepository } from "../../../core/repositories/map-repository.ts";
import { listRepositoryPage } from "../../../core/repositories/list-repository-page.ts";
import { registerRepository } from "../../../core/repositories/register-repository.ts";
import { removeRepository } from "../../../core/repositories/remove-repository.ts";
import { updateRepository } from "../../../core/repositories/update-repository.ts";
import type { Repository } from "../../../core/repositories/repository.ts";
import { type CredentialChoice, findCredentialForUse } from "../../../core/credentials/credential-for-use.ts";
import { AppError } from "../../../core/errors.ts";
import { nameIfVisible } from "../../../core/repositories/list-repository-page.ts";
import { repositoryView } from "../../../core/repositories/repository-view.ts";
import { gatewayUrlOf } from "../../../core/gateway/gateway-url.ts";
import { repositoryContract as routes } from "../../../contract/routes/repository-contract.ts";
import type { CheckStep } from "../../../contract/views/repository-views.ts";
import type { ApiApp, Guard } from "../api-env.ts";
import type { BackgroundTasks } from "../background-tasks.ts";
import { bulkRepositories } from "../../../core/repositories/bulk-repositories.ts";

/** The repository a request names: `{ref}` (an id or a URL-encoded name), or `{owner}/{name}`. */
const refOf = (params: { ref: string } | { owner: string; name: string }): string =>
  "ref" in params ? params.ref : `${params.owner}/${params.name}`;

/** The credential serving the actor's use, for a view; an ambiguity shows as none (using it says why). */
async function servingChoice(deps: CoreDeps, actor: Actor, repository: Repository): Promise<CredentialChoice | null> {
  try {
    return (await findCredentialForUse(deps, actor, repository)) ?? null;
  } catch (error) {
    if (error instanceof AppError) return null;
    throw error;
  }
}

/** Repositories: registration, connection checks and their history, branches, import, per-member mappings. */
export function repositoryRoutes(
  app: ApiApp,
  guard: Guard,
  deps: CoreDeps,
  background: BackgroundTasks,
  health: Partial<HealthOptions>,
): void {
  const view = async (actor: Actor, repository: Repository, choice?: CredentialChoice) => {
    const credential = repository.credentialId === null ? undefined : await deps.store.credentials.findById(repository.credentialId);
    return repositoryView(repository, nameIfVisible(actor, credential), choice ?? (await servingChoice(deps, actor, repository)));
  };
  app.openapi(guard(routes.listRepositories), async (c) => {
    const query = c.req.valid("query");
    const page = await listRepositoryPage(deps, c.get("actor"), { ...query, history: query.history === "true" });
    const items = page.items.map((r) => ({
      ...repositoryView(r.repository, r.credentialName),
      ...(r.statusByDay ? { statusByDay: r.statusByDay } : {}),
    }));
    return c.json({ ...page, items }, 200);
  });
  app.openapi(guard(routes.listStatusHistory), async (c) => {
    const ids = [...new Set(c.req.valid("query").ids.split(","))];
    const history = await statusHistoryOf(
      deps,
      ids.map((id) => ({ id })),
    );
    return c.json({ items: ids.map((id) => ({ id, statusByDay: history.get(id) ?? [] })) }, 200);
  });
  app.openapi(guard(routes.registerRepository), async (c) => {
    const { repository, report, choice } = await registerRepository(deps, c.get("actor"), c.req.valid("json"));
    return c.json({ repository: await view(c.get("actor"), repository, choice), check: report }, 201);
  });
  app.openapi(guard(routes.bulkRepositories), async (c) =>
    c.json(await bulkRepositories(deps, c.get("actor"), c.req.valid("json"), health, (task) => background.run(task)), 200),
  );
  app.openapi(guard(routes.listReachableRepositories), async (c) =>
    c.json(await listReachableRepositories(deps, c.get("actor"), { credential: c.req.valid("param").ref, ...c.req.valid("query") }), 200),
  );
  app.openapi(guard(routes.importRepositories), async (c) => {
    const { createdIds, ...result } = await importRepositories(deps, c.get("actor"), c.req.valid("json"));
    // Checked at once through the health engine's batched path, not left for the next cycle.
    const cycle = createdIds.length > 0 ? await checkRepositoriesNow(deps, createdIds, health, (task) => background.run(task)) : null;
    return c.json({ ...result, check: cycle ? { cycleId: cycle.id, total: createdIds.length } : null }, 201);
  });
  const validate = async (actor: Actor, ref: string) => {
    const { repository, report } = await checkRepositoryConnection(deps, actor, ref);
    return { repository: await view(actor, repository), check: report };
  };
  const checks = async (actor: Actor, ref: string, limit: number) => {
    const repository = await getRepository(deps, actor, ref);
    const rows = await deps.store.repositories.listChecks(repository.id, limit);
    // Stored steps were written from a check's CheckStep list.
    return { items: rows.map((check) => ({ ...check, steps: check.steps as unknown as CheckStep[] })) };
  };
  const show = async (actor: Actor, ref: string, origin: string) => {
    const { repository } = await getRepositoryWithCredential(deps, actor, ref);
    const gateway = repository.protocol === "https" ? { gatewayUrl: gatewayUrlOf(origin, repository) } : {};
    const statusByDay = (await statusHistoryOf(deps, [repository])).get(repository.id) ?? [];
    return { repository: { ...(await view(actor, repository)), ...gateway, statusByDay } };
  };
  // Each route is there twice: by `{ref}` and by `{owner}/{name}`.
  app.openapi(guard(routes.validateRepository), async (c) => c.json(await validate(c.get("actor"), refOf(c.req.valid("param"))), 200));
  app.openapi(guard(routes.validateRepositoryByName), async (c) =>
    c.json(await validate(c.get("actor"), refOf(c.req.valid("param"))), 200),
  );
  const followMove = async (actor: Actor, ref: string) => {
    const { repository, report } = await followRepositoryMove(deps, actor, ref);
    return { repository: await view(actor, repository), check: report };
  };
  app.openapi(guard(routes.followRepositoryMove), async (c) => c.json(await followMove(c.get("actor"), refOf(c.req.valid("param"))), 200));
  app.openapi(guard(routes.followRepositoryMoveByName), async (c) =>
    c.json(await followMove(c.get("actor"), refOf(c.req.valid("param"))), 200),
  );
  app.openapi(guard(routes.listRepositoryChecks), async (c) =>
    c.json(await checks(c.get("actor"), refOf(c.req.valid("param")), c.req.valid("query").limit), 200),
  );
  app.openapi(guard(routes.listRepositoryChecksByName), async (c) =>
    c.json(await checks(c.get("actor"), refOf(c.req.valid("param")), c.req.valid("query").limit), 200),
  );
  app.openapi(guard(routes.listBranches), async (c) => c.json(await listBranches(deps, c.get("actor"), refOf(c.req.valid("param"))), 200));
  app.openapi(guard(routes.listBranchesByName), async (c) =>
    c.json(await listBranches(deps, c.get("actor"), refOf(c.req.valid("param"))), 200),
  );
  app.openapi(guard(routes.getRepository), async (c) =>
    c.json(await show(c.get("actor"), refOf(c.req.valid("param")), new URL(c.req.url).origin), 200),
  );
  app.openapi(guard(routes.getRepositoryByName), async (c) =>
    c.json(await show(c.get("actor"), refOf(c.req.valid("param")), new URL(c.req.url).origin), 200),
  );
  const map = async (actor: Actor, ref: string, credential: string) => {
    const mapped = await mapRepository(deps, actor, ref, credential);
    return { repository: mapped.repository.name, credential: mapped.credential };
  };
  app.openapi(guard(routes.mapRepository), async (c) =>
    c.json(await map(c.get("actor"), refOf(c.req.valid("param")), c.req.valid("json").credential), 200),
  );
  app.openapi(guard(routes.unmapRepository), async (c) => {
    await unmapRepository(deps, c.get("actor"), refOf(c.req.valid("param")));
    return c.body(null, 204);
  });
  const update = async (actor: Actor, ref: string, change: { credential?: string; needs?: "push" | "pull" }) => {
    const { repository, report } = await updateRepository(deps, actor, ref, change);
    return { repository: await view(actor, repository), check: report };
  };
  app.openapi(guard(routes.updateRepository), async (c) =>
    c.json(await update(c.get("actor"), refOf(c.req.valid("param")), c.req.valid("json")), 200),
  );
  app.openapi(guard(routes.updateRepositoryByName), async (c) =>
    c.json(await update(c.get("actor"), refOf(c.req.valid("param")), c.req.valid("json")), 200),
  );
  app.openapi(guard(routes.removeRepository), async (c) => {
    await removeRepository(deps, c.get("actor"), refOf(c.req.valid("param")));
    return c.body(null, 204);
  });
  app.openapi(guard(routes.removeRepositoryByName), async (c) => {
    await removeRepository(deps, c.get("actor"), refOf(c.req.valid("param")));
    return c.body(null, 204);
  });
}
