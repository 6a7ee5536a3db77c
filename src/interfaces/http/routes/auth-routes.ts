import { setCookie, deleteCookie, getCookie } from "hono/cookie";
import type { CoreDeps } from "../../../core/deps.ts";
import { ConflictError } from "../../../core/errors.ts";
import { systemActor } from "../../../core/access/actor.ts";
import { authenticatePassword } from "../../../core/users/authenticate-password.ts";
import { createApiToken } from "../../../core/users/api-tokens.ts";
import { createUser, userView } from "../../../core/users/create-user.ts";
import { endSession, startSession } from "../../../core/users/sessions.ts";
import type { SetupCode } from "../../../core/users/setup-code.ts";
import type { LoginGuard } from "../../../core/users/login-guard.ts";
import { requestClientScope } from "../request-client-scope.ts";
import { authContract as routes } from "../../../contract/routes/auth-contract.ts";
import type { ApiApp, Guard } from "../api-env.ts";
import { sessionCookieName } from "../resolve-actor.ts";

/** First-run setup, sign-in/out and the CLI's token login. */
export function authRoutes(app: ApiApp, guard: Guard, deps: CoreDeps, setup: SetupCode, logins: LoginGuard): void {
  // The client's address as resolved behind REPOLINK_TRUSTED_PROXIES; null in-process (tests).
  const address = (): string | null => requestClientScope.getStore()?.address || null;
  app.openapi(guard(routes.getSetup), async (c) => c.json({ setupRequired: setup.pending && (await deps.store.users.count()) === 0 }, 200));
  app.openapi(guard(routes.runSetup), async (c) => {
    const body = c.req.valid("json");
    if ((await deps.store.users.count()) > 0) throw new ConflictError("SETUP_DONE", "Setup is already done: sign in instead.");
    const user = await setup.use(body.setupCode, async () => {
      if ((await deps.store.users.count()) > 0) throw new ConflictError("SETUP_DONE", "Setup is already done: sign in instead.");
      return createUser(deps, systemActor, { username: body.username, password: body.password, role: "admin" });
    });
    return c.json({ user: userView(user) }, 201);
  });
  app.openapi(guard(routes.signIn), async (c) => {
    const body = c.req.valid("json");
    const user = await authenticatePassword(deps, logins, { username: body.username, password: body.password, address: address() });
    const { cookie, session } = await startSession(deps, user);
    setCookie(c, sessionCookieName, cookie.reveal(), {
      httpOnly: true,
      sameSite: "Strict",
      path: "/",
      secure: new URL(c.req.url).protocol === "https:",
      expires: new Date(session.expiresAt),
    });
    return c.json({ user: userView(user), csrfToken: session.csrfToken }, 200);
  });
  app.openapi(guard(routes.getSession), async (c) => {
    const actor = c.get("actor");
    const user = actor.id ? await deps.store.users.findById(actor.id) : undefined;
    return c.json({ user: user ? userView(user) : null, csrfToken: c.get("session")?.csrfToken ?? null }, 200);
  });
  app.openapi(guard(routes.signOut), async (c) => {
    const cookie = getCookie(c, sessionCookieName);
    if (cookie) await endSession(deps, cookie);
    deleteCookie(c, sessionCookieName, { path: "/" });
    return c.body(null, 204);
  });
  app.openapi(guard(routes.issueCliToken), async (c) => {
    const body = c.req.valid("json");
    const user = await authenticatePassword(deps, logins, { username: body.username, password: body.password, address: address() });
    const actor = { id: user.id, username: user.username, role: user.role };
    const issued = await createApiToken(deps, actor, user, body.name);
    return c.json({ id: issued.id, name: issued.name, token: issued.token.reveal(), user: userView(user) }, 201);
  });
}
