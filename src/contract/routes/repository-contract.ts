import { createRoute, z } from "@hono/zod-openapi";
import { access, errorResponses, itemsOf, jsonBody, jsonResponse, limitQuery, noContent } from "../route-parts.ts";
import { bulkActions } from "../../shared/bulk-actions.ts";
import { repositorySorts } from "../../shared/repository-sorts.ts";
import {
  branchListSchema,
  bulkResultSchema,
  importResultSchema,
  reachableRepositoryListSchema,
  repositoryPageSchema,
  repositoryCheckOutcomeSchema,
  repositoryCheckSchema,
  repositoryViewSchema,
  statusHistoryListSchema,
} from "../views/repository-views.ts";

// Each repository route is there twice: by `{ref}` (an id or a URL-encoded name) and by `{owner}/{name}`
// (path parameters never hold a slash).
const byRef = z.object({ ref: z.string() });
const byOwnerAndName = z.object({ owner: z.string(), name: z.string() });

const repositoryChangeBody = z
  .object({ credential: z.string().min(1).max(200).optional(), needs: z.enum(["push", "pull"]).optional() })
  .strict();

const mappingBody = z.object({ credential: z.string().min(1).max(200) }).strict();
const mappingSchema = z.object({ repository: z.string(), credential: z.string() }).openapi("RepositoryMapping");

/** The list's search (part of the name), filters, order and page; every filter narrows it. */
const repositoryListQuery = z.object({
  q: z.string().max(200).optional(),
  /** One status or several, comma-separated: `failing,degraded`. */
  status: z.string().max(100).optional(),
  /** A credential's name (or id), as you may see it. */
  credential: z.string().max(200).optional(),
  /** A host's name. */
  host: z.string().max(100).optional(),
  /** The namespace (on GitHub, the owner). */
  owner: z.string().max(255).optional(),
  /** A reason code (`TOKEN_EXPIRING`); `-` before it leaves those repositories out instead. */
  reason: z.string().max(100).optional(),
  /** `true`: each row with its last 30 days (`statusByDay`), read for the whole page at once. */
  history: z.enum(["true", "false"]).optional(),
  /** `name` (default), `status` (failing first), `checked` (never checked first); `-` reverses. */
  sort: z.enum(repositorySorts).optional(),
  /** `nextCursor` of the page before. */
  cursor: z.string().max(2000).optional(),
  /** Page size; without it, every matching repository. */
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

/** The most repositories one history request covers: a page of the list and then some. */
export const STATUS_HISTORY_MAX_IDS = 100;

/** Repositories: registration, connection checks and their history, branches, import. */
export const repositoryContract = {
  listRepositories: createRoute({
    method: "get",
    path: "/api/v1/repositories",
    summary: "List the repositories you may see: searched, filtered, sorted and paged by cursor (every one without limit)",
    tags: ["repositories"],
    ...access("user"),
    request: { query: repositoryListQuery },
    responses: {
      200: jsonResponse(repositoryPageSchema, "A page of the repositories you may see"),
      ...errorResponses("user", 400, 404),
    },
  }),
  // Before `/repositories/{ref}`: the static path must win over the parameter.
  listStatusHistory: createRoute({
    method: "get",
    path: "/api/v1/repositories/status-history",
    summary: "The last 30 days of several repositories at once, by id (a list's sparklines, asked after its rows)",
    tags: ["repositories"],
    ...access("user"),
    request: {
      query: z.object({
        /** Repository ids, comma-separated; an id not found has days without data. */
        ids: z
          .string()
          .min(1)
          .max(STATUS_HISTORY_MAX_IDS * 40)
          .refine((ids) => ids.split(",").length <= STATUS_HISTORY_MAX_IDS, `at most ${STATUS_HISTORY_MAX_IDS} ids`),
      }),
    },
    responses: {
      200: jsonResponse(statusHistoryListSchema, "Each repository's days, oldest first, in the order asked"),
      ...errorResponses("user", 400),
    },
  }),
  registerRepository: createRoute({
    method: "post",
    path: "/api/v1/repositories",
    summary: "Register a repository (one team record per host and path) and check its connection",
    tags: ["repositories"],
    ...access("user"),
    request: {
      body: jsonBody(
        z
          .object({
            url: z.string().max(2048),
            /** Optional when a URL-prefix template you may use matches the URL. */
            credential: z.string().min(1).max(200).optional(),
            /** Deprecated: a repository's name is derived from its URL; accepted only when it is that name. */
            name: z.string().min(1).max(140).optional(),
            branch: z.string().min(1).max(255).optional(),
            needs: z.enum(["push", "pull"]).optional(),
          })
          .strict(),
      ),
    },
    responses: {
      201: jsonResponse(repositoryCheckOutcomeSchema, "The registered repository and its first check"),
      ...errorResponses("user", 400, 404, 409, 503),
    },
  }),
  listReachableRepositories: createRoute({
    method: "get",
    path: "/api/v1/credentials/{ref}/reachable-repositories",
    summary: "List the repositories a stored credential reaches on its host (every page), marked archived, private, permission, registered",
    tags: ["repositories"],
    ...access("user"),
    request: {
      params: z.object({ ref: z.string() }),
      query: z.object({ owner: z.string().min(1).max(100).optional(), q: z.string().max(200).optional() }),
    },
    responses: {
      200: jsonResponse(reachableRepositoryListSchema, "What the credential reaches, by path"),
      ...errorResponses("user", 400, 404, 502, 503),
    },
  }),
  importRepositories: createRoute({
    method: "post",
    path: "/api/v1/repositories/import",
    summary: "Register the repositories a credential can reach (a selection, one owner's, or all), then check them at once",
    tags: ["repositories"],
    ...access("user"),
    request: {
      body: jsonBody(
        z
          .object({
            credential: z.string().min(1).max(200),
            owner: z.string().min(1).max(100).optional(),
            needs: z.enum(["push", "pull"]).optional(),
            /** Paths on the host (`owner/name`) to import; without it, every repository the credential reaches. */
            repositories: z.array(z.string().min(1).max(300)).max(1000).optional(),
          })
          .strict(),
      ),
    },
    responses: {
      201: jsonResponse(importResultSchema, "What was registered and skipped, and the check started on the registered ones"),
      ...errorResponses("user", 400, 404, 502, 503),
    },
  }),
  bulkRepositories: createRoute({
    method: "post",
    path: "/api/v1/repositories/bulk",
    summary: "Re-check, switch the credential of, or remove a selection (ids) or every repository a filter covers",
    tags: ["repositories"],
    ...access("user"),
    request: {
      body: jsonBody(
        z
          .object({
            action: z.enum(bulkActions),
            ids: z.array(z.string().max(100)).min(1).max(1000).optional(),
            filter: repositoryListQuery.pick({ q: true, status: true, credential: true, host: true, owner: true }).strict().optional(),
            credential: z.string().min(1).max(200).optional(),
          })
          .strict(),
      ),
    },
    responses: { 200: jsonResponse(bulkResultSchema, "What the action did"), ...errorResponses("user", 400, 404, 503) },
  }),
  // Three-segment routes come before `/{owner}/{name}` so that `/x/checks` is not read as a name.
  validateRepository: createRoute({
    method: "post",
    path: "/api/v1/repositories/{ref}/validate",
    summary: "Check a repository's connection now (200 with the report, even when failing)",
    tags: ["repositories"],
    ...access("user"),
    request: { params: byRef },
    responses: {
      200: jsonResponse(repositoryCheckOutcomeSchema, "The repository and its check"),
      ...errorResponses("user", 400, 404, 409, 503),
    },
  }),
  validateRepositoryByName: createRoute({
    method: "post",
    path: "/api/v1/repositories/{owner}/{name}/validate",
    summary: "Check a repository's connection now (200 with the report, even when failing)",
    tags: ["repositories"],
    ...access("user"),
    request: { params: byOwnerAndName },
    responses: {
      200: jsonResponse(repositoryCheckOutcomeSchema, "The repository and its check"),
      ...errorResponses("user", 400, 404, 409, 503),
    },
  }),
  followRepositoryMove: createRoute({
    method: "post",
    path: "/api/v1/repositories/{ref}/follow-move",
    summary: "Adopt the new name and URL a check found after a rename or transfer (history kept), and check again",
    tags: ["repositories"],
    ...access("user"),
    request: { params: byRef },
    responses: {
      200: jsonResponse(repositoryCheckOutcomeSchema, "The repository under its new name and its check"),
      ...errorResponses("user", 400, 403, 404, 409, 503),
    },
  }),
  followRepositoryMoveByName: createRoute({
    method: "post",
    path: "/api/v1/repositories/{owner}/{name}/follow-move",
    summary: "Adopt the new name and URL a check found after a rename or transfer (history kept), and check again",
    tags: ["repositories"],
    ...access("user"),
    request: { params: byOwnerAndName },
    responses: {
      200: jsonResponse(repositoryCheckOutcomeSchema, "The repository under its new name and its check"),
      ...errorResponses("user", 400, 403, 404, 409, 503),
    },
  }),
  listRepositoryChecks: createRoute({
    method: "get",
    path: "/api/v1/repositories/{ref}/checks",
    summary: "A repository's connection check history, newest first",
    tags: ["repositories"],
    ...access("user"),
    request: { params: byRef, query: limitQuery },
    responses: { 200: jsonResponse(itemsOf(repositoryCheckSchema), "Past checks, newest first"), ...errorResponses("user", 400, 404, 409) },
  }),
  listRepositoryChecksByName: createRoute({
    method: "get",
    path: "/api/v1/repositories/{owner}/{name}/checks",
    summary: "A repository's connection check history, newest first",
    tags: ["repositories"],
    ...access("user"),
    request: { params: byOwnerAndName, query: limitQuery },
    responses: { 200: jsonResponse(itemsOf(repositoryCheckSchema), "Past checks, newest first"), ...errorResponses("user", 400, 404, 409) },
  }),
  listBranches: createRoute({
    method: "get",
    path: "/api/v1/repositories/{ref}/branches",
    summary: "A repository's branches, the default one marked",
    tags: ["repositories"],
    ...access("user"),
    request: { params: byRef },
    responses: { 200: jsonResponse(branchListSchema, "The branches"), ...errorResponses("user", 400, 404, 409, 502, 503) },
  }),
  listBranchesByName: createRoute({
    method: "get",
    path: "/api/v1/repositories/{owner}/{name}/branches",
    summary: "A repository's branches, the default one marked",
    tags: ["repositories"],
    ...access("user"),
    request: { params: byOwnerAndName },
    responses: { 200: jsonResponse(branchListSchema, "The branches"), ...errorResponses("user", 400, 404, 409, 502, 503) },
  }),
  getRepository: createRoute({
    method: "get",
    path: "/api/v1/repositories/{ref}",
    summary: "Show one repository (by id or name)",
    tags: ["repositories"],
    ...access("user"),
    request: { params: byRef },
    responses: { 200: jsonResponse(z.object({ repository: repositoryViewSchema }), "The repository"), ...errorResponses("user", 404, 409) },
  }),
  getRepositoryByName: createRoute({
    method: "get",
    path: "/api/v1/repositories/{owner}/{name}",
    summary: "Show one repository (by id or name)",
    tags: ["repositories"],
    ...access("user"),
    request: { params: byOwnerAndName },
    responses: { 200: jsonResponse(z.object({ repository: repositoryViewSchema }), "The repository"), ...errorResponses("user", 404, 409) },
  }),
  updateRepository: createRoute({
    method: "patch",
    path: "/api/v1/repositories/{ref}",
    summary: "Switch a repository's credential or what it needs, then check its connection (200 with the report, even when failing)",
    tags: ["repositories"],
    ...access("user"),
    request: { params: byRef, body: jsonBody(repositoryChangeBody) },
    responses: {
      200: jsonResponse(repositoryCheckOutcomeSchema, "The repository and its check"),
      ...errorResponses("user", 400, 403, 404, 409, 503),
    },
  }),
  updateRepositoryByName: createRoute({
    method: "patch",
    path: "/api/v1/repositories/{owner}/{name}",
    summary: "Switch a repository's credential or what it needs, then check its connection (200 with the report, even when failing)",
    tags: ["repositories"],
    ...access("user"),
    request: { params: byOwnerAndName, body: jsonBody(repositoryChangeBody) },
    responses: {
      200: jsonResponse(repositoryCheckOutcomeSchema, "The repository and its check"),
      ...errorResponses("user", 400, 403, 404, 409, 503),
    },
  }),
  removeRepository: createRoute({
    method: "delete",
    path: "/api/v1/repositories/{ref}",
    summary: "Unregister a repository",
    tags: ["repositories"],
    ...access("user"),
    request: { params: byRef },
    responses: { 204: noContent, ...errorResponses("user", 403, 404, 409) },
  }),
  removeRepositoryByName: createRoute({
    method: "delete",
    path: "/api/v1/repositories/{owner}/{name}",
    summary: "Unregister a repository",
    tags: ["repositories"],
    ...access("user"),
    request: { params: byOwnerAndName },
    responses: { 204: noContent, ...errorResponses("user", 403, 404, 409) },
  }),
  mapRepository: createRoute({
    method: "put",
    path: "/api/v1/mappings/{ref}",
    // By id or URL-encoded name (`acme%2Frocket`); the CLI encodes it.
    summary: "Map your own credential to a repository (used when you or your tokens act on it)",
    tags: ["repositories"],
    ...access("user"),
    request: { params: byRef, body: jsonBody(mappingBody) },
    responses: { 200: jsonResponse(mappingSchema, "Your mapping"), ...errorResponses("user", 400, 403, 404, 409) },
  }),
  unmapRepository: createRoute({
    method: "delete",
    path: "/api/v1/mappings/{ref}",
    summary: "Remove your own credential for a repository",
    tags: ["repositories"],
    ...access("user"),
    request: { params: byRef },
    responses: { 204: noContent, ...errorResponses("user", 403, 404, 409) },
  }),
};
