import { createRoute, z } from "@hono/zod-openapi";
import { access, errorResponses, jsonBody, jsonResponse, noContent } from "../route-parts.ts";
import { userViewSchema } from "../views/user-views.ts";

const credentials = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
});

const sessionSchema = z.object({ user: userViewSchema, csrfToken: z.string() });

/** First-run setup, sign-in/out and the CLI's token login. */
export const authContract = {
  getSetup: createRoute({
    method: "get",
    path: "/api/v1/setup",
    summary: "Whether first-run setup is still open",
    tags: ["auth"],
    ...access("public"),
    responses: { 200: jsonResponse(z.object({ setupRequired: z.boolean() }), "Whether setup is open") },
  }),
  runSetup: createRoute({
    method: "post",
    path: "/api/v1/setup",
    summary: "Create the first admin with the setup code printed by serve",
    tags: ["auth"],
    ...access("public"),
    request: { body: jsonBody(credentials.extend({ setupCode: z.string().min(1).max(64) }).strict()) },
    responses: {
      201: jsonResponse(z.object({ user: userViewSchema }), "The first admin"),
      ...errorResponses("public", 400, 403, 409, 429),
    },
  }),
  signIn: createRoute({
    method: "post",
    path: "/api/v1/session",
    summary: "Sign in: starts a browser session (cookie) and returns its CSRF token",
    tags: ["auth"],
    ...access("public"),
    request: { body: jsonBody(credentials.strict()) },
    responses: { 200: jsonResponse(sessionSchema, "Signed in"), ...errorResponses("public", 400, 401, 429) },
  }),
  getSession: createRoute({
    method: "get",
    path: "/api/v1/session",
    summary: "The signed-in user and the session's CSRF token",
    tags: ["auth"],
    ...access("user"),
    responses: {
      200: jsonResponse(z.object({ user: userViewSchema.nullable(), csrfToken: z.string().nullable() }), "Who is signed in"),
      ...errorResponses("user"),
    },
  }),
  signOut: createRoute({
    method: "delete",
    path: "/api/v1/session",
    summary: "Sign out",
    tags: ["auth"],
    ...access("user"),
    responses: { 204: noContent, ...errorResponses("user") },
  }),
  issueCliToken: createRoute({
    method: "post",
    path: "/api/v1/auth/token",
    summary: "Exchange a username and password for a new API token (used by `repolink login`)",
    tags: ["auth"],
    ...access("public"),
    request: { body: jsonBody(credentials.extend({ name: z.string().min(1).max(100).default("repolink cli") }).strict()) },
    responses: {
      201: jsonResponse(
        z.object({ id: z.string(), name: z.string(), token: z.string(), user: userViewSchema }),
        "The new token, shown once",
      ),
      ...errorResponses("public", 400, 401, 429),
    },
  }),
};
