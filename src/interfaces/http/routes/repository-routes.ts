import { z } from "zod";
import type { CoreDeps } from "../../../core/deps.ts";
import { checkRepositoryConnection } from "../../../core/repositories/check-repository-connection.ts";
import { getRepository, getRepositoryWithCredential } from "../../../core/repositories/get-repository.ts";
import { importRepositories } from "../../../core/repositories/import-repositories.ts";
import { listBranches } from "../../../core/repositories/list-branches.ts";
import { listRepositories } from "../../../core/repositories/list-repositories.ts";
import { newTokenLink } from "../../../core/repositories/new-token-link.ts";
import { registerRepository } from "../../../core/repositories/register-repository.ts";
import { removeRepository } from "../../../core/repositories/remove-repository.ts";
import type { Repository } from "../../../core/repositories/repository.ts";
import { repositoryView } from "../../../core/repositories/repository-view.ts";
import { schemas } from "../mount-routes.ts";
import { defineRoute, type AnyRoute, type RouteSpec } from "../route.ts";

/** The repository a request names: `:ref` (an id, or a URL-encoded name, path or HOST:PATH), or `:owner/:name`. */
const refOf = (params: Record<string, string>): string => params.ref ?? `${params.owner ?? ""}/${params.name ?? ""}`;

/** The same route under `/repositories/:ref…` and `/repositories/:owner/:name…` (Hono params never hold a slash). */
function bothRefForms<B, Q>(suffix: string, spec: Omit<RouteSpec<B, Q>, "path">): AnyRoute[] {
  return [
    defineRoute({ ...spec, path: `/repositories/:ref${suffix}` }),
    defineRoute({ ...spec, path: `/repositories/:owner/:name${suffix}` }),
  ];
}

/** Repositories: registration, connection checks and their history, branches, import, token links. */
export function repositoryRoutes(deps: CoreDeps): AnyRoute[] {
  const view = async (repository: Repository) => {
    const credential = repository.credentialId === null ? undefined : await deps.store.credentials.findById(repository.credentialId);
    return repositoryView(repository, credential?.name ?? null);
  };
  return [
    defineRoute({
      method: "get",
      path: "/repositories",
      summary: "List the repositories you may see",
      tag: "repositories",
      access: "user",
      handler: async ({ actor }) => ({
        status: 200,
        body: { items: (await listRepositories(deps, actor)).map((r) => repositoryView(r.repository, r.credentialName)) },
      }),
    }),
    defineRoute({
      method: "post",
      path: "/repositories",
      summary: "Register a repository with a credential and check its connection",
      tag: "repositories",
      access: "user",
      errors: [400, 404, 409, 503],
      body: z
        .object({
          url: z.string().max(2048),
          credential: z.string().min(1).max(200),
          name: z.string().min(1).max(140).optional(),
          branch: z.string().min(1).max(255).optional(),
          needs: z.enum(["push", "pull"]).optional(),
        })
        .strict(),
      handler: async ({ body, actor }) => {
        const { repository, report } = await registerRepository(deps, actor, body);
        return { status: 201, body: { repository: await view(repository), check: report } };
      },
    }),
    defineRoute({
      method: "post",
      path: "/repositories/import",
      summary: "Register every repository a credential can reach (optionally of one owner)",
      tag: "repositories",
      access: "user",
      errors: [400, 404, 502, 503],
      body: z
        .object({
          credential: z.string().min(1).max(200),
          owner: z.string().min(1).max(100).optional(),
          needs: z.enum(["push", "pull"]).optional(),
        })
        .strict(),
      handler: async ({ body, actor }) => ({ status: 201, body: await importRepositories(deps, actor, body) }),
    }),
    defineRoute({
      method: "get",
      path: "/hosts/:name/new-token-url",
      summary: "Links to GitHub's token form, prefilled for Repolink (classic and fine-grained)",
      tag: "hosts",
      access: "user",
      errors: [404],
      query: z.object({
        owner: z
          .string()
          .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/)
          .optional(),
      }),
      handler: async ({ params, query }) => ({
        status: 200,
        body: await newTokenLink(deps, params.name ?? "", query.owner ? { owner: query.owner } : {}),
      }),
    }),
    // Three-segment routes come before `/:owner/:name` so that `/x/checks` is not read as a name.
    ...bothRefForms("/validate", {
      method: "post",
      successStatus: 200,
      summary: "Check a repository's connection now (200 with the report, even when failing)",
      tag: "repositories",
      access: "user",
      errors: [400, 404, 409, 503],
      handler: async ({ params, actor }) => {
        const { repository, report } = await checkRepositoryConnection(deps, actor, refOf(params));
        return { status: 200, body: { repository: await view(repository), check: report } };
      },
    }),
    ...bothRefForms("/checks", {
      method: "get",
      summary: "A repository's connection check history, newest first",
      tag: "repositories",
      access: "user",
      errors: [404, 409],
      query: z.object({ limit: schemas.limit }),
      handler: async ({ params, actor, query }) => {
        const repository = await getRepository(deps, actor, refOf(params));
        return { status: 200, body: { items: await deps.store.repositories.listChecks(repository.id, query.limit) } };
      },
    }),
    ...bothRefForms("/branches", {
      method: "get",
      summary: "A repository's branches, the default one marked",
      tag: "repositories",
      access: "user",
      errors: [400, 404, 409, 502, 503],
      handler: async ({ params, actor }) => ({ status: 200, body: await listBranches(deps, actor, refOf(params)) }),
    }),
    ...bothRefForms("", {
      method: "get",
      summary: "Show one repository (by id or name)",
      tag: "repositories",
      access: "user",
      errors: [404, 409],
      handler: async ({ params, actor }) => {
        const { repository, credential } = await getRepositoryWithCredential(deps, actor, refOf(params));
        return { status: 200, body: { repository: repositoryView(repository, credential?.name ?? null) } };
      },
    }),
    ...bothRefForms("", {
      method: "delete",
      summary: "Unregister a repository",
      tag: "repositories",
      access: "user",
      errors: [403, 404, 409],
      handler: async ({ params, actor }) => {
        await removeRepository(deps, actor, refOf(params));
        return { status: 204, body: null };
      },
    }),
  ];
}
