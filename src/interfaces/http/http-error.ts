import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { ZodError } from "zod";
import { AppError } from "../../core/errors.ts";
import { errorKinds } from "../../shared/error-kinds.ts";

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: string; message: string; field?: string; details?: Record<string, unknown> };
}

/** Turns any thrown value into a JSON error response; unknown errors say nothing of their cause. */
export function errorResponse(c: Context, error: unknown, log: (error: unknown) => void): Response {
  if (error instanceof AppError) {
    const { field, ...details } = error.details ?? {};
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (typeof field === "string") body.error.field = field;
    if (Object.keys(details).length > 0) body.error.details = details;
    if (error.kind === "internal" || error.kind === "upstream" || error.kind === "unavailable") log(error);
    if ((error.kind === "unavailable" || error.kind === "throttled") && typeof details.retryAfterSeconds === "number")
      c.header("Retry-After", String(details.retryAfterSeconds));
    return c.json(body, errorKinds[error.kind].status as 400);
  }
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    const field = issue?.path.join(".") || "body";
    return c.json({ error: { code: "INPUT_INVALID", message: `${field}: ${issue?.message ?? "is invalid"}`, field } }, 400);
  }
  if (error instanceof HTTPException) {
    const code = error.status === 413 ? "BODY_TOO_LARGE" : "HTTP_ERROR";
    const message = error.status === 413 ? "The request body is too large." : error.message || "Request failed.";
    return c.json({ error: { code, message } }, error.status);
  }
  log(error);
  return c.json({ error: { code: "INTERNAL", message: "Something went wrong inside Repolink; the server log has the details." } }, 500);
}
