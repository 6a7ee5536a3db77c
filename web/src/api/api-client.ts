import type { ApiRequest, ApiResponse, ApiRouteKey } from "../../../src/contract/api-types.ts";
import { requestTarget } from "../../../src/contract/request-target.ts";
import { ApiError } from "./api-error.ts";

let csrfToken: string | null = null;

/** Remembers the session's CSRF token; every state-changing request sends it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Method = "GET" | "POST" | "PATCH" | "DELETE";

async function readError(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as {
      error?: { code?: string; message?: string; field?: string; details?: Record<string, unknown> };
    };
    const e = body.error ?? {};
    return new ApiError(
      response.status,
      e.code ?? "HTTP_ERROR",
      e.message ?? `The server answered ${response.status}.`,
      e.field,
      e.details,
    );
  } catch {
    return new ApiError(response.status, "HTTP_ERROR", `The server answered ${response.status}.`);
  }
}

/**
 * Calls the Repolink API under /api/v1 with the session cookie (and CSRF token for writes).
 * @throws ApiError with the server's code, message and field
 */
export async function api<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: "same-origin",
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, "NETWORK", "Repolink could not be reached. Check that the server is running, then try again.");
  }
  if (!response.ok) throw await readError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Encodes one path segment (ids and names may contain `/`). */
export const seg = (value: string): string => encodeURIComponent(value);

/**
 * Calls one route of the contract, named as `"METHOD /path/{param}"`; the input and the answer are typed by it.
 * @example await call("GET /credentials/{ref}", { params: { ref: id } });
 * @throws ApiError with the server's code, message and field
 */
export async function call<K extends ApiRouteKey>(route: K, input: ApiRequest<K>): Promise<ApiResponse<K>> {
  const { params, query, body } = input as { params?: Record<string, string>; query?: Record<string, string>; body?: unknown };
  const { method, path } = requestTarget(route, params, query);
  return api<ApiResponse<K>>(method as Method, path, body);
}
