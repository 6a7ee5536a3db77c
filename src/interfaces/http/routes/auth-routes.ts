import { setCookie, deleteCookie, getCookie } from "hono/cookie";
import { z } from "zod";
import type { CoreDeps } from "../../../core/deps.ts";
import { AuthError, ConflictError } from "../../../core/errors.ts";
import { systemActor } from "../../../core/access/actor.ts";
import { authenticatePassword } from "../../../core/users/authenticate-password.ts";
import { createApiToken } from "../../../core/users/api-tokens.ts";
import { createUser, userView } from "../../../core/users/create-user.ts";
import { endSession, startSession } from "../../../core/users/sessions.ts";
import type { SetupCode } from "../../../core/users/setup-code.ts";
import { sessionCookieName } from "../resolve-actor.ts";
import { defineRoute, type AnyRoute } from "../route.ts";

const credentials = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
});

/** First-run setup, sign-in/out and the CLI's token login. */
export function authRoutes(deps: CoreDeps, setup: SetupCode): AnyRoute[] {
  return [
    defineRoute({
      method: "get",
      path: "/setup",
      summary: "Whether first-run setup is still open",
      tag: "auth",
      access: "public",
      handler: async () => ({ status: 200, body: { setupRequired: setup.pending && (await deps.store.users.count()) === 0 } }),
    }),
    defineRoute({
      method: "post",
      path: "/setup",
      summary: "Create the first admin with the setup code printed by serve",
      tag: "auth",
      access: "public",
      errors: [400, 403, 409],
      body: credentials.extend({ setupCode: z.string().min(1).max(64) }).strict(),
      handler: async ({ body }) => {
        if ((await deps.store.users.count()) > 0) throw new ConflictError("SETUP_DONE", "Setup is already done: sign in instead.");
        if (!setup.consume(body.setupCode)) {
          throw new AuthError(
            "forbidden",
            "SETUP_CODE_INVALID",
            "The setup code is wrong or used up; restart `repolink serve` for a new one.",
          );
        }
        const user = await createUser(deps, systemActor, { username: body.username, password: body.password, role: "admin" });
        return { status: 201, body: { user: userView(user) } };
      },
    }),
    defineRoute({
      method: "post",
      path: "/session",
      successStatus: 200,
      summary: "Sign in: starts a browser session (cookie) and returns its CSRF token",
      tag: "auth",
      access: "public",
      errors: [400, 401],
      body: credentials.strict(),
      handler: async ({ body, c }) => {
        const user = await authenticatePassword(deps, body.username, body.password);
        const { cookie, session } = await startSession(deps, user);
        setCookie(c, sessionCookieName, cookie.reveal(), {
          httpOnly: true,
          sameSite: "Strict",
          path: "/",
          secure: new URL(c.req.url).protocol === "https:",
          expires: new Date(session.expiresAt),
        });
        return { status: 200, body: { user: userView(user), csrfToken: session.csrfToken } };
      },
    }),
    defineRoute({
      method: "get",
      path: "/session",
      summary: "The signed-in user and the session's CSRF token",
      tag: "auth",
      access: "user",
      handler: async ({ actor, session }) => {
        const user = actor.id ? await deps.store.users.findById(actor.id) : undefined;
        return { status: 200, body: { user: user ? userView(user) : null, csrfToken: session?.csrfToken ?? null } };
      },
    }),
    defineRoute({
      method: "delete",
      path: "/session",
      summary: "Sign out",
      tag: "auth",
      access: "user",
      handler: async ({ c }) => {
        const cookie = getCookie(c, sessionCookieName);
        if (cookie) await endSession(deps, cookie);
        deleteCookie(c, sessionCookieName, { path: "/" });
        return { status: 204, body: null };
      },
    }),
    defineRoute({
      method: "post",
      path: "/auth/token",
      summary: "Exchange a username and password for a new API token (used by `repolink login`)",
      tag: "auth",
      access: "public",
      errors: [400, 401],
      body: credentials.extend({ name: z.string().min(1).max(100).default("repolink cli") }).strict(),
      handler: async ({ body }) => {
        const user = await authenticatePassword(deps, body.username, body.password);
        const actor = { id: user.id, username: user.username, role: user.role };
        const issued = await createApiToken(deps, actor, user, body.name);
        return { status: 201, body: { id: issued.id, name: issued.name, token: issued.token.reveal(), user: userView(user) } };
      },
    }),
  ];
}
