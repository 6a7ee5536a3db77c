import { CliError, exitCodeForStatus, exitCodes } from "./cli-error.ts";
import type { CliSettings } from "./cli-settings.ts";
import { sendJsonRequest, type JsonExchange } from "./send-json-request.ts";
import type { ApiRequest, ApiResponse, ApiRouteKey } from "../../contract/api-types.ts";
import type { ErrorBody } from "../../contract/views/error-body.ts";
import { requestTarget } from "../../contract/request-target.ts";

/** The CLI's client of the Repolink API: typed by the contract, sent with node's own http (see sendJsonRequest). */
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

  /**
   * Calls one route of the contract, named as `"METHOD /path/{param}"`; the input and the answer are typed by it.
   * @example await api.call("GET /credentials/{ref}", { params: { ref: "release-bot" } });
   * @throws CliError with the server's code and the exit code of its status
   */
  async call<K extends ApiRouteKey>(route: K, input: ApiRequest<K>): Promise<ApiResponse<K>> {
    const { params, query, body } = input as { params?: Record<string, string>; query?: Record<string, string>; body?: unknown };
    const { method, path } = requestTarget(route, params, query);
    return (await this.#send(method, path, body)) as ApiResponse<K>;
  }

  async #send(method: string, path: string, body?: unknown): Promise<unknown> {
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
    } catch (error) {
      throw unreachable(this.#server, error);
    }
    const { status, text } = exchange;
    const parsed = text ? (safeJson(text) as Record<string, unknown>) : {};
    if (status < 200 || status > 299) {
      const error: Partial<ErrorBody["error"]> = (parsed as Partial<ErrorBody>).error ?? {};
      throw new CliError(error.code ?? `HTTP_${status}`, error.message ?? `The server answered ${status}.`, exitCodeForStatus(status), {
        ...(error.field ? { field: error.field } : {}),
        ...(error.details ? { details: error.details } : {}),
      });
    }
    // A 204 (a delete) has no body: the contract types it as undefined.
    return status === 204 ? undefined : parsed;
  }
}

// OpenSSL's verification failures, as node reports them: the server answered, but not as one we trust.
const certificateCodes = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

function unreachable(server: string, error: unknown): CliError {
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && certificateCodes.has(code)) {
    return new CliError(
      "SERVER_CERTIFICATE_UNTRUSTED",
      `The Repolink server at ${server} presented a certificate this machine does not trust (${code}). ` +
        "If it is signed by your own CA, set NODE_EXTRA_CA_CERTS to that CA's PEM file.",
      exitCodes.failure,
    );
  }
  return new CliError("SERVER_UNREACHABLE", `Cannot reach the Repolink server at ${server}.`, exitCodes.failure);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}
