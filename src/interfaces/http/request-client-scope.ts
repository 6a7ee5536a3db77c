import { AsyncLocalStorage } from "node:async_hooks";
import type { RequestClient } from "./resolve-request-client.ts";

/** The client of the HTTP request being handled, for code the request reaches (the audit log). */
export const requestClientScope = new AsyncLocalStorage<RequestClient>();
