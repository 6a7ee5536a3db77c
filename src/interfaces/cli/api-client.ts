import type { ErrorCode } from "../../shared/error-codes.ts";
import { CliError, exitCodeForStatus, exitCodes } from "./cli-error.ts";
import type { CliSettings } from "./cli-settings.ts";
import { sendJsonRequest, type JsonExchange } from "./send-json-request.ts";

/** A small JSON client for the Repolink API as the CLI uses it. */
export class ApiClient {
  readonly #server: string;
  readonly #token: string | null;

  constructor(settings: CliSettings, options: { requireToken?: boolean } = {}) {
    if (!settings.server) {
      throw new CliError("SERVER_UNKNOWN", "No server: pass --server URL, set REPOLINK_SERVER, or run `repolink login`.", exitCodes.usage, {
        field: "server",
      });
    }
    if (options.requireToken !== false && !settings.token) {
      throw new CliError("UNAUTHENTICATED", "Not signed in: run `repolink login`, or set REPOLINK_TOKEN.", exitCodes.auth);
    }
    this.#server = settings.server.replace(/\/+$/, "");
    this.#token = settings.token;
  }

  /** Sends a request and returns the parsed JSON body; an error status becomes a CliError. */
  async request<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
    let exchange: JsonExchange;
    try {
      exchange = await sendJsonRequest(
        new URL(`${this.#server}/api/v1${path}`),
        method,
        {
          ...(this.#token ? { authorization: `Bearer ${this.#token}` } : {}),
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body === undefined ? undefined : JSON.stringify(body),
      );
    } catch {
      throw new CliError("SERVER_UNREACHABLE", `Cannot reach the Repolink server at ${this.#server}.`, exitCodes.failure);
    }
    const { status, text } = exchange;
    const parsed = text ? (safeJson(text) as Record<string, unknown>) : {};
    if (status < 200 || status > 299) {
      const error = (parsed.error ?? {}) as { code?: ErrorCode; message?: string; field?: string; details?: Record<string, unknown> };
      throw new CliError(error.code ?? `HTTP_${status}`, error.message ?? `The server answered ${status}.`, exitCodeForStatus(status), {
        ...(error.field ? { field: error.field } : {}),
        ...(error.details ? { details: error.details } : {}),
      });
    }
    return parsed as T;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}
