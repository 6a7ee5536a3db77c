import { z } from "@hono/zod-openapi";

/** A person who can sign in, as the API shows them. */
export const userViewSchema = z
  .object({ id: z.string(), username: z.string(), role: z.enum(["admin", "member"]), createdAt: z.string(), disabled: z.boolean() })
  .openapi("User");

/** An API token as listed (its secret is shown once, at creation). */
export const apiTokenViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revoked: z.boolean(),
    /** Repository patterns the token is limited to (`acme/*`, `HOST:PATH`); null for every repository. */
    repos: z.array(z.string()).nullable(),
    access: z.enum(["read", "push"]),
    expiresAt: z.string().nullable(),
    expired: z.boolean(),
  })
  .openapi("ApiToken");

/** A signed-in person. */
export type UserView = z.infer<typeof userViewSchema>;
/** An API token as listed. */
export type ApiTokenView = z.infer<typeof apiTokenViewSchema>;
