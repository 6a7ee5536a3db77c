import { z } from "zod";
import type { CoreDeps } from "../../../core/deps.ts";
import { AuthError, NotFoundError } from "../../../core/errors.ts";
import { apiTokenView, createApiToken, revokeApiToken } from "../../../core/users/api-tokens.ts";
import { createUser, userView } from "../../../core/users/create-user.ts";
import { recordAudit } from "../../../core/audit/record-audit.ts";
import { defineRoute, type AnyRoute } from "../route.ts";

/** Users (admin) and each user's own API tokens. */
export function userRoutes(deps: CoreDeps): AnyRoute[] {
  return [
    defineRoute({
      method: "get",
      path: "/users",
      summary: "List users",
      tag: "users",
      access: "admin",
      handler: async () => ({ status: 200, body: { items: (await deps.store.users.list()).map(userView) } }),
    }),
    defineRoute({
      method: "post",
      path: "/users",
      summary: "Create a user",
      tag: "users",
      access: "admin",
      errors: [400, 409],
      body: z
        .object({
          username: z.string().min(1).max(64),
          password: z.string().min(1).max(1024),
          role: z.enum(["admin", "member"]).default("member"),
        })
        .strict(),
      handler: async ({ body, actor }) => ({ status: 201, body: { user: userView(await createUser(deps, actor, body)) } }),
    }),
    defineRoute({
      method: "patch",
      path: "/users/:id",
      summary: "Change a user's role or disable them",
      tag: "users",
      access: "admin",
      errors: [400, 404],
      body: z.object({ role: z.enum(["admin", "member"]).optional(), disabled: z.boolean().optional() }).strict(),
      handler: async ({ body, params, actor }) => {
        const user = await deps.store.users.findById(params.id ?? "");
        if (!user) throw new NotFoundError("USER_NOT_FOUND", "No such user.", { field: "id" });
        if (user.id === actor.id && (body.role === "member" || body.disabled)) {
          throw new AuthError("forbidden", "SELF_DEMOTION", "You cannot demote or disable yourself; ask another admin.");
        }
        const patch = {
          ...(body.role ? { role: body.role } : {}),
          ...(body.disabled === undefined ? {} : { disabledAt: body.disabled ? deps.now().toISOString() : null }),
        };
        await deps.store.users.update(user.id, patch);
        await recordAudit(deps, actor, {
          action: "user.update",
          targetType: "user",
          targetId: user.id,
          targetName: user.username,
          detail: body,
        });
        return { status: 200, body: { user: userView({ ...user, ...patch }) } };
      },
    }),
    defineRoute({
      method: "get",
      path: "/tokens",
      summary: "List your API tokens",
      tag: "tokens",
      access: "user",
      handler: async ({ actor }) => ({
        status: 200,
        body: { items: (await deps.store.apiTokens.listByUser(actor.id ?? "")).map(apiTokenView) },
      }),
    }),
    defineRoute({
      method: "post",
      path: "/tokens",
      summary: "Create an API token (shown once)",
      tag: "tokens",
      access: "user",
      errors: [400],
      body: z.object({ name: z.string().min(1).max(100) }).strict(),
      handler: async ({ body, actor }) => {
        const user = await deps.store.users.findById(actor.id ?? "");
        if (!user) throw new AuthError("unauthenticated", "UNAUTHENTICATED", "Sign in first.");
        const issued = await createApiToken(deps, actor, user, body.name);
        return { status: 201, body: { id: issued.id, name: issued.name, createdAt: issued.createdAt, token: issued.token.reveal() } };
      },
    }),
    defineRoute({
      method: "delete",
      path: "/tokens/:id",
      summary: "Revoke an API token",
      tag: "tokens",
      access: "user",
      errors: [404],
      handler: async ({ params, actor }) => {
        await revokeApiToken(deps, actor, params.id ?? "");
        return { status: 204, body: null };
      },
    }),
  ];
}
