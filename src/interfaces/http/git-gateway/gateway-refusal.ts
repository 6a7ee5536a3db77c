import type { ServerResponse } from "node:http";
import { AppError } from "../../../core/errors.ts";
import { errorKinds } from "../../../shared/error-kinds.ts";

const REALM = 'Basic realm="Repolink Git gateway"';

/** A one-line plain-text answer git shows as `remote: …`; 401 asks git for credentials (the API token as password). */
export function refuse(res: ServerResponse, status: number, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const headers: Record<string, string> = { "content-type": "text/plain; charset=utf-8", "cache-control": "no-cache" };
  if (status === 401) headers["www-authenticate"] = REALM;
  res.writeHead(status, headers);
  res.end(`${message.replace(/[\r\n]+/g, " ")}\n`);
}

// Codes whose HTTP answer says more than their kind's: a gateway timeout, a body over the limit.
const statusByCode: Partial<Record<string, number>> = { GIT_TIMEOUT: 504, GATEWAY_REQUEST_TOO_LARGE: 413 };

/** Status and one line for a failure: AppErrors by their kind, anything else a plain 500. */
export function describeFailure(error: unknown): { status: number; message: string; code: string } {
  if (error instanceof AppError) {
    const status = statusByCode[error.code] ?? errorKinds[error.kind].status;
    return { status, message: `${error.message} [${error.code}]`, code: error.code };
  }
  return { status: 500, message: "The Git gateway failed; see the server log.", code: "INTERNAL" };
}
