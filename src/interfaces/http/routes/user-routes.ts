import type { CoreDeps } from "../../../core/deps.ts";
import { AuthError, NotFoundError } from "../../../core/errors.ts";
import { apiTokenView, createApiToken, revokeApiToken } from "../../../core/users/api-tokens.ts";
import { createUser, userView } from "../../../core/users/create-user.ts";
import { recordAudit } from "../../../core/audit/record-audit.ts";
import { userContract as routes } from "../../../contract/routes/user-contract.ts";
import type { ApiApp, Guard } from "../api-env.ts";

/** Users (admin) and each user's own API tokens. */
export function userRoutes(app: ApiApp, guard: Guard, deps: CoreDeps): void {
  app.openapi(guard(routes.listUsers), async (c) => c.json({ items: (await deps.store.users.list()).map(userView) }, 200));
  app.openapi(guard(routes.createUser), async (c) =>
    c.json({ user: userView(await createUser(deps, c.get("actor"), c.req.valid("json"))) }, 201),
  );
  app.openapi(guard(routes.updateUser), async (c) => {
    const body = c.req.valid("json");
    const actor = c.get("actor");
    const user = await deps.store.users.findById(c.req.valid("param").id);
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
    return c.json({ user: userView({ ...user, ...patch }) }, 200);
  });
  app.openapi(guard(routes.listTokens), async (c) =>
    c.json({ items: (await deps.store.apiTokens.listByUser(c.get("actor").id ?? "")).map((t) => apiTokenView(t, deps.now())) }, 200),
  );
  app.openapi(guard(routes.createToken), async (c) => {
    const actor = c.get("actor");
    const user = await deps.store.users.findById(actor.id ?? "");
    if (!user) throw new AuthError("unauthenticated", "UNAUTHENTICATED", "Sign in first.");
    const { name, ...grant } = c.req.valid("json");
    const issued = await createApiToken(deps, actor, user, name, grant);
    return c.json(
      {
        id: issued.id,
        name: issued.name,
        createdAt: issued.createdAt,
        token: issued.token.reveal(),
        repos: issued.repos,
        access: issued.access,
        expiresAt: issued.expiresAt,
      },
      201,
    );
  });
  app.openapi(guard(routes.revokeToken), async (c) => {
    await revokeApiToken(deps, c.get("actor"), c.req.valid("param").id);
    return c.body(null, 204);
  });
}
