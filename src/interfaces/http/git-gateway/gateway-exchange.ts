import type { IncomingMessage, ServerResponse } from "node:http";
import type { Http2ServerRequest } from "node:http2";
import type { Logger } from "pino";
import type { GatewayMirrors } from "../../../adapters/git/gateway/gateway-mirrors.ts";
import type { Actor } from "../../../core/access/actor.ts";
import type { CoreDeps } from "../../../core/deps.ts";
import type { GatewayUpstream } from "../../../core/gateway/open-gateway-upstream.ts";
import { recordGatewayUse, type GatewayUse } from "../../../core/gateway/record-gateway-use.ts";
import type { GatewayRequestPath } from "./parse-gateway-path.ts";

/** The gateway's limits. */
export interface GatewayLimits {
  timeoutMs: number;
  /** Largest push (request body) relayed to the upstream. */
  maxPushBytes: number;
  /** Largest fetch negotiation (the client's wants and haves). */
  maxNegotiationBytes: number;
}

/** What the gateway handler needs. */
export interface GitGatewayOptions {
  deps: CoreDeps;
  mirrors: GatewayMirrors;
  logger: Logger;
  limits: GatewayLimits;
}

/** One authorised smart-HTTP request: who, which repository and upstream, and the client's request and response. */
export interface GatewayExchange {
  req: IncomingMessage | Http2ServerRequest;
  // HTTP/2's compatibility response offers the same calls the gateway makes (writeHead, write, drain, end, destroy).
  res: ServerResponse;
  path: GatewayRequestPath;
  upstream: GatewayUpstream;
  actor: Actor;
  /** Aborted when the client goes away: everything started for it stops. */
  signal: AbortSignal;
  use: Pick<GatewayUse, "target" | "repositoryId" | "access">;
}

/** How an exchange ended: `complete` ends the response whole (else it is cut); `ok` is what the audit says. */
export interface ExchangeOutcome {
  complete: boolean;
  ok: boolean;
  bytes: number;
  source: GatewayUse["source"];
  code?: string;
}

/** Audits one gateway operation; a failing audit is logged, never shown to git. */
export function auditExchange(options: GitGatewayOptions, actor: Actor, use: GatewayUse): void {
  recordGatewayUse(options.deps, actor, use).catch((error: unknown) => options.logger.error({ err: error }, "gateway audit failed"));
}

/** Ends the response (or cuts it, so git sees the failure) and audits the outcome: the one ending of reads and pushes. */
export function settleExchange(options: GitGatewayOptions, exchange: GatewayExchange, outcome: ExchangeOutcome): void {
  if (outcome.complete) exchange.res.end();
  else exchange.res.destroy();
  auditExchange(options, exchange.actor, {
    ...exchange.use,
    bytes: outcome.bytes,
    source: outcome.source,
    outcome: outcome.ok ? "success" : "failure",
    ...(outcome.code === undefined ? {} : { code: outcome.code }),
  });
}

/** The request headers named, those git sent once as a string. */
export function pickHeaders(headers: Record<string, string | string[] | undefined>, names: readonly string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = headers[name];
    if (typeof value === "string") picked[name] = value;
  }
  return picked;
}
