import type { OpenAPIHono, RouteConfig } from "@hono/zod-openapi";
import type { BlankEnv } from "hono/types";
import type { Actor } from "../../core/access/actor.ts";
import type { Session } from "../../core/users/user.ts";
import type { RouteAccess } from "../../contract/route-parts.ts";

declare module "hono" {
  /** What the access guard leaves for a route's handler: the caller, and their browser session if any. */
  interface ContextVariableMap {
    actor: Actor;
    session: Session | null;
  }
}

/** The app the API's routes are mounted on. */
export type ApiApp = OpenAPIHono<BlankEnv>;

/** Puts a contract route behind its declared access (see `accessGuard`). */
export type Guard = <R extends RouteConfig & { "x-repolink-access": RouteAccess }>(route: R) => R;
