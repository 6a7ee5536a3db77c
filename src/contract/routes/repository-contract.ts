import { createRoute, z } from "@hono/zod-openapi";
import { access, errorResponses, itemsOf, jsonBody, jsonResponse, limitQuery, noContent } from "../route-parts.ts";
import {
  branchListSchema,
  importResultSchema,
  repositoryCheckOutcomeSchema,
  repositoryCheckSchema,
  repositoryViewSchema,
} from "../views/repository-views.ts";

// Each repository route is there twice: by `{ref}` (an id or a URL-encoded name) and by `{owner}/{name}`
// (path parameters never hold a slash).
const byRef = z.object({ ref: z.string() });
const byOwnerAndName = z.object({ owner: z.string(), name: z.string() });

const mappingBody = z.object({ credential: z.string().min(1).max(200) }).strict();
const mappingSchema = z.object({ repository: z.string(), credential: z.string() }).openapi("RepositoryMapping");

/** Repositories: registration, connection checks and their history, branches, import. */
export const repositoryContract = {
  listRepositories: createRoute({
    method: "get",
    path: "/api/v1/repositories",
    summary: "List the repositories you may see",
    tags: ["repositories"],
    ...access("user"),
    responses: { 200: jsonResponse(itemsOf(repositoryViewSchema), "The repositories you may see"), ...errorResponses("user") },
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
  importRepositories: createRoute({
    method: "post",
    path: "/api/v1/repositories/import",
    summary: "Register every repository a credential can reach (optionally of one owner)",
    tags: ["repositories"],
    ...access("user"),
    request: {
      body: jsonBody(
        z
          .object({
            credential: z.string().min(1).max(200),
            owner: z.string().min(1).max(100).optional(),
            needs: z.enum(["push", "pull"]).optional(),
          })
          .strict(),
      ),
    },
    responses: { 201: jsonResponse(importResultSchema, "What was registered and skipped"), ...errorResponses("user", 400, 404, 502, 503) },
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
