import type { z } from "@hono/zod-openapi";
import type { ApiContract } from "./api-contract.ts";

type AnyRoute = ApiContract[keyof ApiContract];

/** `"GET /repositories/{ref}"`: a route's method and its path below /api/v1, as the clients name it. */
type KeyOf<R> = R extends { method: infer M extends string; path: `/api/v1${infer P}` } ? `${Uppercase<M>} ${P}` : never;

/** Every route of the API, named as `"METHOD /path/{param}"`. */
export type ApiRouteKey = KeyOf<AnyRoute>;

type RouteFor<K extends ApiRouteKey> = {
  [N in keyof ApiContract]: KeyOf<ApiContract[N]> extends K ? ApiContract[N] : never;
}[keyof ApiContract];

type JsonSchemaOf<T> = T extends { content: { "application/json": { schema: infer S extends z.ZodType } } } ? S : never;

type ParamsOf<R> = R extends { request: { params: infer P extends z.ZodType } } ? { params: z.output<P> } : { params?: undefined };
type QueryOf<R> = R extends { request: { query: infer Q extends z.ZodType } }
  ? { query?: { [F in keyof z.output<Q>]?: string | number | boolean } }
  : { query?: undefined };
type BodyOf<R> = R extends { request: { body: infer B } } ? { body: z.input<JsonSchemaOf<B>> } : { body?: undefined };

type RequestOf<R> = ParamsOf<R> & QueryOf<R> & BodyOf<R>;

/**
 * What a request to a route sends: its path parameters, its query and its JSON body, typed by the contract. Built
 * route by route: intersecting three unions over every route would grow as the cube of the number of routes.
 */
export type ApiRequest<K extends ApiRouteKey> = {
  [N in keyof ApiContract]: KeyOf<ApiContract[N]> extends K ? RequestOf<ApiContract[N]> : never;
}[keyof ApiContract];

type SuccessStatus = 200 | 201 | 202 | 204;

/** What a route answers when it succeeds (any of its 2xx bodies; `undefined` for 204), typed by the contract. */
export type ApiResponse<K extends ApiRouteKey> =
  RouteFor<K> extends { responses: infer Rs }
    ? { [S in keyof Rs & SuccessStatus]: [JsonSchemaOf<Rs[S]>] extends [never] ? undefined : z.output<JsonSchemaOf<Rs[S]>> }[keyof Rs &
        SuccessStatus]
    : never;
