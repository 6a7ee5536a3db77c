import { createRoute, z } from "@hono/zod-openapi";
import { access, errorResponses, itemsOf, jsonBody, jsonResponse, noContent } from "../route-parts.ts";
import { apiTokenViewSchema, userViewSchema } from "../views/user-views.ts";

const idParam = z.object({ id: z.string() });

/** Users (admin) and each user's own API tokens. */
export const userContract = {
  listUsers: createRoute({
    method: "get",
    path: "/api/v1/users",
    summary: "List users",
    tags: ["users"],
    ...access("admin"),
    responses: { 200: jsonResponse(itemsOf(userViewSchema), "Every user"), ...errorResponses("admin") },
  }),
  createUser: createRoute({
    method: "post",
    path: "/api/v1/users",
    summary: "Create a user",
    tags: ["users"],
    ...access("admin"),
    request: {
      body: jsonBody(
        z
          .object({
            username: z.string().min(1).max(64),
            password: z.string().min(1).max(1024),
            role: z.enum(["admin", "member"]).default("member"),
          })
          .strict(),
      ),
    },
    responses: { 201: jsonResponse(z.object({ user: userViewSchema }), "The new user"), ...errorResponses("admin", 400, 409) },
  }),
  updateUser: createRoute({
    method: "patch",
    path: "/api/v1/users/{id}",
    summary: "Change a user's role or disable them",
    tags: ["users"],
    ...access("admin"),
    request: {
      params: idParam,
      body: jsonBody(z.object({ role: z.enum(["admin", "member"]).optional(), disabled: z.boolean().optional() }).strict()),
    },
    responses: { 200: jsonResponse(z.object({ user: userViewSchema }), "The changed user"), ...errorResponses("admin", 400, 404) },
  }),
  listTokens: createRoute({
    method: "get",
    path: "/api/v1/tokens",
    summary: "List your API tokens",
    tags: ["tokens"],
    ...access("user"),
    responses: { 200: jsonResponse(itemsOf(apiTokenViewSchema), "Your tokens"), ...errorResponses("user") },
  }),
  createToken: createRoute({
    method: "post",
    path: "/api/v1/tokens",
    summary: "Create an API token (shown once)",
    tags: ["tokens"],
    ...access("user"),
    request: {
      body: jsonBody(
        z
          .object({
            name: z.string().min(1).max(100),
            /** Limit the token to these repositories: paths or HOST:PATH, `*` one segment, `**` any. */
            repos: z.array(z.string().max(200)).max(100).optional(),
            /** `read`: fetch and the credential helper; `push` (default) also pushes. */
            access: z.enum(["read", "push"]).optional(),
            expiresInDays: z.number().int().min(1).max(3650).optional(),
          })
          .strict(),
      ),
    },
    responses: {
      201: jsonResponse(
        z.object({
          id: z.string(),
          name: z.string(),
          createdAt: z.string(),
          token: z.string(),
          repos: z.array(z.string()).nullable(),
          access: z.enum(["read", "push"]),
          expiresAt: z.string().nullable(),
        }),
        "The token, shown once",
      ),
      ...errorResponses("user", 400),
    },
  }),
  revokeToken: createRoute({
    method: "delete",
    path: "/api/v1/tokens/{id}",
    summary: "Revoke an API token",
    tags: ["tokens"],
    ...access("user"),
    request: { params: idParam },
    responses: { 204: noContent, ...errorResponses("user", 404) },
  }),
};
