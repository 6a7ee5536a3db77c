import { z } from "zod";
import type { AnyRoute } from "./route.ts";

const errorSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: { code: { type: "string" }, message: { type: "string" }, field: { type: "string" }, details: { type: "object" } },
    },
  },
};

function toOpenApiPath(path: string): string {
  return `/api/v1${path.replace(/:([A-Za-z]+)/g, "{$1}")}`;
}

/** The OpenAPI 3.1 description of every route, built from the same specs the router uses. */
export function buildOpenApi(routes: AnyRoute[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const params = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({
      name: m[1],
      in: "path",
      required: true,
      schema: { type: "string" },
    }));
    const querySchema = route.query ? (z.toJSONSchema(route.query, { io: "input" }) as { properties?: Record<string, unknown> }) : null;
    const queryParams = Object.entries(querySchema?.properties ?? {}).map(([name, schema]) => ({ name, in: "query", schema }));
    const success = String(route.successStatus ?? (route.method === "post" ? 201 : route.method === "delete" ? 204 : 200));
    const responses: Record<string, unknown> = { [success]: { description: "Success" } };
    for (const status of [
      ...(route.errors ?? []),
      ...(route.access === "public" ? [] : [401]),
      ...(route.access === "admin" ? [403] : []),
    ]) {
      responses[String(status)] = { description: "Error", content: { "application/json": { schema: errorSchema } } };
    }
    paths[toOpenApiPath(route.path)] ??= {};
    paths[toOpenApiPath(route.path)]![route.method] = {
      summary: route.summary,
      tags: [route.tag],
      operationId: `${route.method}${route.path.replace(/[/:]+(\w)/g, (_, ch: string) => ch.toUpperCase())}`,
      security: route.access === "public" ? [] : [{ bearer: [] }, { session: [] }],
      "x-repolink-access": route.access,
      parameters: [...params, ...queryParams],
      ...(route.body
        ? { requestBody: { required: true, content: { "application/json": { schema: z.toJSONSchema(route.body, { io: "input" }) } } } }
        : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Repolink API", version, description: "Connect Git hosting to a release pipeline. Secrets are write-only." },
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "A personal API token (rlk_…)" },
        session: {
          type: "apiKey",
          in: "cookie",
          name: "repolink_session",
          description: "Browser session; unsafe methods need X-CSRF-Token",
        },
      },
    },
    paths,
  };
}
