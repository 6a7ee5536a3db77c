import type { Context, Hono } from "hono";
import { z } from "zod";
import type { CoreDeps } from "../../core/deps.ts";
import { AuthError, InputError } from "../../core/errors.ts";
import { requireAdmin } from "../../core/access/require-admin.ts";
import { systemActor } from "../../core/access/actor.ts";
import { resolveActor } from "./resolve-actor.ts";
import { ApiTokenCache } from "./api-token-cache.ts";
import type { AnyRoute } from "./route.ts";

async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new InputError("BODY_NOT_JSON", "The request body must be JSON.", "body");
  }
}

/** Registers each route on the app under `/api/v1`, with access control and input parsing. */
export function mountRoutes(app: Hono, deps: CoreDeps, routes: AnyRoute[]): void {
  const tokens = new ApiTokenCache();
  for (const route of routes) {
    app.on(route.method.toUpperCase(), `/api/v1${route.path}`, async (c) => {
      // Any change (a revoked token, a demoted user) invalidates the cached identities.
      if (route.method !== "get") tokens.clear();
      const caller = await resolveActor(deps, c, tokens);
      if (route.access !== "public" && caller === null) {
        throw new AuthError("unauthenticated", "UNAUTHENTICATED", "Sign in or send an API token (Authorization: Bearer …).");
      }
      if (route.access === "admin" && caller) requireAdmin(caller.actor, route.summary.toLowerCase());
      const body = route.body ? route.body.parse(await readJson(c)) : undefined;
      const query = route.query ? route.query.parse(c.req.query()) : undefined;
      const result = await route.handler({
        body,
        query,
        params: c.req.param() as Record<string, string>,
        actor: caller?.actor ?? { ...systemActor, role: "member", username: "anonymous" },
        session: caller?.session ?? null,
        c,
      });
      if (route.method !== "get") tokens.clear();
      if (result instanceof Response) return result;
      return result.status === 204 ? c.body(null, 204) : c.json(result.body as object, result.status as 200);
    });
  }
}

/** Shared zod pieces for route schemas. */
export const schemas = {
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  yesNo: z.enum(["true", "false"]).optional(),
};
