import { createRoute, z } from "@hono/zod-openapi";
import { access, errorResponses, itemsOf, jsonBody, jsonResponse, noContent } from "../route-parts.ts";
import { hostViewSchema } from "../views/host-views.ts";
import { newTokenLinksSchema } from "../views/repository-views.ts";

/** The hosts Repolink may contact. */
export const hostContract = {
  listHosts: createRoute({
    method: "get",
    path: "/api/v1/hosts",
    summary: "List known hosts",
    tags: ["hosts"],
    ...access("user"),
    responses: { 200: jsonResponse(itemsOf(hostViewSchema), "Every host"), ...errorResponses("user") },
  }),
  addHost: createRoute({
    method: "post",
    path: "/api/v1/hosts",
    summary: "Register a GitHub Enterprise Server (kind github, the default) or any Git server (kind git)",
    tags: ["hosts"],
    ...access("admin"),
    request: {
      body: jsonBody(
        z
          .object({
            kind: z.string().max(40).optional(),
            name: z.string().max(100),
            url: z.string().max(2048),
            apiUrl: z.string().max(2048).optional(),
            graphqlUrl: z.string().max(2048).optional(),
            caBundle: z.string().max(262_144).nullable().optional(),
            sshKnownHosts: z.string().max(65_536).nullable().optional(),
            allowPrivateNetwork: z.boolean().default(false),
          })
          .strict(),
      ),
    },
    responses: { 201: jsonResponse(z.object({ host: hostViewSchema }), "The new host"), ...errorResponses("admin", 400, 409) },
  }),
  updateHost: createRoute({
    method: "patch",
    path: "/api/v1/hosts/{name}",
    summary: "Fix a host in place: URL (while no repository is on it), API URLs, CA bundle, SSH host keys, private network",
    tags: ["hosts"],
    ...access("admin"),
    request: {
      params: z.object({ name: z.string() }),
      body: jsonBody(
        z
          .object({
            url: z.string().max(2048).optional(),
            apiUrl: z.string().max(2048).optional(),
            graphqlUrl: z.string().max(2048).optional(),
            /** null removes the CA bundle. */
            caBundle: z.string().max(262_144).nullable().optional(),
            /** null removes the pinned host keys. */
            sshKnownHosts: z.string().max(65_536).nullable().optional(),
            allowPrivateNetwork: z.boolean().optional(),
          })
          .strict(),
      ),
    },
    responses: {
      200: jsonResponse(z.object({ host: hostViewSchema }), "The host as it is now"),
      ...errorResponses("admin", 400, 404, 409),
    },
  }),
  removeHost: createRoute({
    method: "delete",
    path: "/api/v1/hosts/{name}",
    summary: "Remove a host no credential or repository uses (refused naming them otherwise)",
    tags: ["hosts"],
    ...access("admin"),
    request: { params: z.object({ name: z.string() }) },
    responses: { 204: noContent, ...errorResponses("admin", 404, 409) },
  }),
  newTokenUrl: createRoute({
    method: "get",
    path: "/api/v1/hosts/{name}/new-token-url",
    summary: "Links to GitHub's token form, prefilled for Repolink (classic and fine-grained)",
    tags: ["hosts"],
    ...access("user"),
    request: {
      params: z.object({ name: z.string() }),
      query: z.object({
        owner: z
          .string()
          .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/)
          .optional(),
      }),
    },
    responses: { 200: jsonResponse(newTokenLinksSchema, "The links"), ...errorResponses("user", 400, 404) },
  }),
};
