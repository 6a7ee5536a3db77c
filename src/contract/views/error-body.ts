import { z } from "@hono/zod-openapi";
import { errorCodes } from "../../shared/error-codes.ts";

/** The JSON body of every error response: a stable code, a plain message, the field that was wrong. */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(errorCodes),
      message: z.string(),
      field: z.string().optional(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .openapi("Error");

/** The JSON body of every error response. */
export type ErrorBody = z.infer<typeof errorBodySchema>;
