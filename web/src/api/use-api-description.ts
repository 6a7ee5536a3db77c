import { useEffect, useState } from "react";

interface OpenApiOperation {
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
}
type OpenApiDocument = { paths?: Record<string, Record<string, OpenApiOperation>> };

/** What the server's API offers, read from its OpenAPI description. */
export interface ApiDescription {
  /** True when `METHOD path` exists (path as in the document, e.g. `/api/v1/credentials/{ref}`). */
  has(method: string, path: string): boolean;
  /** True when that operation's JSON body accepts `property`. */
  bodyAccepts(method: string, path: string, property: string): boolean;
}

let cached: Promise<OpenApiDocument> | null = null;

function load(): Promise<OpenApiDocument> {
  cached ??= fetch("/api/openapi.json", { credentials: "same-origin" })
    .then((r) => (r.ok ? (r.json() as Promise<OpenApiDocument>) : {}))
    .catch(() => ({}));
  return cached;
}

function describe(doc: OpenApiDocument): ApiDescription {
  const op = (method: string, path: string) => doc.paths?.[path]?.[method.toLowerCase()];
  return {
    has: (method, path) => op(method, path) !== undefined,
    bodyAccepts: (method, path, property) => {
      const props = op(method, path)?.requestBody?.content?.["application/json"]?.schema?.properties;
      return props !== undefined && property in props;
    },
  };
}

/** The API description, or `null` while it loads; fetched once per page load. */
export function useApiDescription(): ApiDescription | null {
  const [value, setValue] = useState<ApiDescription | null>(null);
  useEffect(() => {
    let live = true;
    void load().then((doc) => live && setValue(describe(doc)));
    return () => {
      live = false;
    };
  }, []);
  return value;
}
