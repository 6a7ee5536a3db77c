import type { MiddlewareHandler } from "hono";
import { InputError } from "../../core/errors.ts";

/**
 * Refuses a JSON body that does not parse with the API's own error (`BODY_NOT_JSON`); the
 * parsed body stays cached on the request for the route's schema validation.
 * @throws InputError `BODY_NOT_JSON`
 */
export const requireJsonBody: MiddlewareHandler = async (c, next) => {
  if (/^application\/([\w.-]+\+)?json/i.test(c.req.header("content-type") ?? "")) {
    try {
      await c.req.json();
    } catch {
      throw new InputError("BODY_NOT_JSON", "The request body must be JSON.", "body");
    }
  }
  await next();
};
