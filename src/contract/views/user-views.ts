import { z } from "@hono/zod-openapi";

/** A person who can sign in, as the API shows them. */
export const userViewSchema = z
  .object({ id: z.string(), username: z.string(), role: z.enum(["admin", "member"]), createdAt: z.string(), disabled: z.boolean() })
  .openapi("User");

/** An API token as listed (its secret is shown once, at creation). */
export const apiTokenViewSchema = z
  .object({ id: z.string(), name: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), revoked: z.boolean() })
  .openapi("ApiToken");

/** A signed-in person. */
export type UserView = z.infer<typeof userViewSchema>;
/** An API token as listed. */
export type ApiTokenView = z.infer<typeof apiTokenViewSchema>;
