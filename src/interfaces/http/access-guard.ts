import type { MiddlewareHandler } from "hono";
import { systemActor } from "../../core/access/actor.ts";
import { requireAdmin } from "../../core/access/require-admin.ts";
import type { CoreDeps } from "../../core/deps.ts";
import { AuthError } from "../../core/errors.ts";
import type { Guard } from "./api-env.ts";
import { ApiTokenCache } from "./api-token-cache.ts";
import { requireJsonBody } from "./require-json-body.ts";
import { resolveActor } from "./resolve-actor.ts";

/**
 * Returns a function that puts a route behind its declared access: the caller is resolved
 * (API token or session) before the input is validated, so an anonymous caller learns nothing
 * about a route's input; a route that takes a body then gets only JSON.
 */
export function accessGuard(deps: CoreDeps): Guard {
  const tokens = new ApiTokenCache();
  return (route) => {
    const access = route["x-repolink-access"];
    const guard: MiddlewareHandler = async (c, next) => {
      // Any change (a revoked token, a demoted user) invalidates the cached identities.
      if (route.method !== "get") tokens.clear();
      const caller = await resolveActor(deps, c, tokens);
      if (access !== "public" && caller === null) {
        throw new AuthError("unauthenticated", "UNAUTHENTICATED", "Sign in or send an API token (Authorization: Bearer …).");
      }
      if (access === "admin" && caller) requireAdmin(caller.actor, (route.summary ?? "").toLowerCase());
      c.set("actor", caller?.actor ?? { ...systemActor, role: "member", username: "anonymous" });
      c.set("session", caller?.session ?? null);
      await next();
      if (route.method !== "get") tokens.clear();
    };
    return { ...route, middleware: route.request?.body ? [guard, requireJsonBody] : [guard] };
  };
}
