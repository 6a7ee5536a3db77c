import type { Context } from "hono";
import type { z } from "zod";
import type { Actor } from "../../core/access/actor.ts";
import type { Session } from "../../core/users/user.ts";

/** Who may call a route: anyone, any signed-in user, or admins only. */
export type RouteAccess = "public" | "user" | "admin";

/** What a handler gets: the parsed body and query, path params, and the caller. */
export interface RouteInput<B, Q> {
  body: B;
  query: Q;
  params: Record<string, string>;
  actor: Actor;
  session: Session | null;
  c: Context;
}

/** A handler's answer: a status and a JSON body, or a ready Response. */
export type RouteResult = { status: number; body: unknown } | Response;

/** One API route, described once for both the router and the OpenAPI document. */
export interface RouteSpec<B = unknown, Q = unknown> {
  method: "get" | "post" | "patch" | "put" | "delete";
  /** Hono-style path below /api/v1, e.g. `/credentials/:ref`. */
  path: string;
  summary: string;
  tag: string;
  access: RouteAccess;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  /** The success status when it is not the method's usual one (POST 201, DELETE 204, else 200). */
  successStatus?: number;
  /** Status codes besides 200/201 this route answers with, for the document. */
  errors?: number[];
  handler: (input: RouteInput<B, Q>) => Promise<RouteResult>;
}

/** Identity for typing a route spec's body and query from its schemas. */
export function defineRoute<B, Q>(spec: RouteSpec<B, Q>): RouteSpec<B, Q> {
  return spec;
}

/** A route of any body and query type, for lists of routes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteSpec<any, any>;
