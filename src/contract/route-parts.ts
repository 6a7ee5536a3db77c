import { z } from "@hono/zod-openapi";
import { errorBodySchema } from "./views/error-body.ts";

/** Who may call a route: anyone, any signed-in user, or admins only. */
export type RouteAccess = "public" | "user" | "admin";

/** The OpenAPI fields that say who may call a route: its security schemes and `x-repolink-access`. */
export function access<A extends RouteAccess>(who: A): { "x-repolink-access": A; security: Record<string, string[]>[] } {
  return { "x-repolink-access": who, security: who === "public" ? [] : [{ bearer: [] }, { session: [] }] };
}

/** A required JSON request body. */
export function jsonBody<S extends z.ZodType>(schema: S) {
  return { required: true, content: { "application/json": { schema } } } as const;
}

/** A JSON response with its description. */
export function jsonResponse<S extends z.ZodType>(schema: S, description: string) {
  return { description, content: { "application/json": { schema } } } as const;
}

/** A response without a body (204). */
export const noContent = { description: "Done; no body" } as const;

const errorDescriptions: Record<number, string> = {
  400: "The input is wrong; `field` names what",
  401: "Not signed in",
  403: "Not allowed",
  404: "Not found",
  409: "Clashes with the current state",
  429: "Too many attempts; retry after the Retry-After seconds",
  502: "An outside system (GitHub, git) failed",
  503: "The store is sealed or the database is unreachable; retry later",
};

/**
 * The error responses a route can answer, each with the one error body; 401 for every
 * route that needs a caller, 403 for admin routes.
 */
export function errorResponses<const S extends number>(who: RouteAccess, ...statuses: S[]) {
  const all = new Set<number>([...statuses, ...(who === "public" ? [] : [401]), ...(who === "admin" ? [403] : [])]);
  return Object.fromEntries(
    [...all].sort().map((status) => [status, jsonResponse(errorBodySchema, errorDescriptions[status] ?? "Error")]),
  ) as Record<S | 401 | 403, ReturnType<typeof jsonResponse<typeof errorBodySchema>>>;
}

/** `{ items }` lists returned by the API. */
export const itemsOf = <S extends z.ZodType>(schema: S) => z.object({ items: z.array(schema) });

/** The page size of a list (1–1000, 50 by default). */
export const limitQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(50) });
