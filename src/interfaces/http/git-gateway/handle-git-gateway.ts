import type { IncomingMessage, ServerResponse } from "node:http";
import type { Http2ServerRequest, Http2ServerResponse } from "node:http2";
import type { Actor } from "../../../core/access/actor.ts";
import type { GatewayAccess } from "../../../core/gateway/gateway-access.ts";
import { openGatewayUpstream, type GatewayUpstream } from "../../../core/gateway/open-gateway-upstream.ts";
import { auditExchange, type GatewayExchange, type GitGatewayOptions } from "./gateway-exchange.ts";
import { gatewayCaller } from "./gateway-caller.ts";
import { describeFailure, refuse } from "./gateway-refusal.ts";
import { parseGatewayPath } from "./parse-gateway-path.ts";
import { serveGatewayPush } from "./serve-gateway-push.ts";
import { serveGatewayRead } from "./serve-gateway-read.ts";

export type { GatewayLimits, GitGatewayOptions } from "./gateway-exchange.ts";

const SEND_TOKEN = "a Repolink API token (Bearer, or as the Basic password)";

/**
 * Serves Git smart HTTP at `/git/<host name>/<path>.git/…`: fetches from the server's mirror
 * (one coalesced upstream ref check per advertisement, a fetch only when refs moved), pushes
 * relayed to the upstream with the stored credential and its answer passed back unchanged.
 * The caller authenticates with its Repolink API token (Bearer, or Basic with the token as
 * password); every operation is audited. The stored token never leaves the server.
 */
export function gitGatewayHandler(
  options: GitGatewayOptions,
): (req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse, url: URL) => Promise<void> {
  const { deps, logger } = options;

  return async (req, outgoing, url) => {
    const res = outgoing as ServerResponse;
    const parsed = parseGatewayPath(url.pathname);
    const service = parsed?.endpoint === "info/refs" ? url.searchParams.get("service") : parsed?.endpoint;
    if (parsed === null || (service !== "git-upload-pack" && service !== "git-receive-pack")) {
      req.resume();
      return refuse(res, 404, "Not a Git smart-HTTP path: use /git/<host>/<repository path>.git.");
    }
    const expectedMethod = parsed.endpoint === "info/refs" ? "GET" : "POST";
    if (req.method !== expectedMethod) {
      req.resume();
      return refuse(res, 405, `${parsed.endpoint} takes ${expectedMethod}.`);
    }
    const access: GatewayAccess = service === "git-receive-pack" ? "push" : "read";
    const target = `${parsed.hostName}/${parsed.path}`;
    let actor: Actor | null;
    try {
      actor = await gatewayCaller(deps, req.headers.authorization);
    } catch (error) {
      req.resume();
      return refuse(res, 401, `${describeFailure(error).message} Send ${SEND_TOKEN}.`);
    }
    if (actor === null) {
      req.resume();
      return refuse(res, 401, `Authentication required: send ${SEND_TOKEN}.`);
    }
    let upstream: GatewayUpstream;
    try {
      upstream = await openGatewayUpstream(deps, actor, { hostName: parsed.hostName, path: parsed.path }, access);
    } catch (error) {
      req.resume();
      const failure = describeFailure(error);
      auditExchange(options, actor, { target, repositoryId: null, access, bytes: 0, source: null, outcome: "denied", code: failure.code });
      return refuse(res, failure.status, failure.message);
    }
    const aborted = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) aborted.abort();
    });
    const exchange: GatewayExchange = {
      req,
      res,
      path: parsed,
      upstream,
      actor,
      signal: aborted.signal,
      use: { target, repositoryId: upstream.repository.id, access },
    };
    try {
      await (access === "read" ? serveGatewayRead(options, exchange) : serveGatewayPush(options, exchange));
    } catch (error) {
      // Drain what git still sends, so it reads the one-line answer instead of a reset connection.
      req.resume();
      const failure = describeFailure(error);
      logger.warn({ code: failure.code, repository: target, endpoint: parsed.endpoint }, "gateway request failed");
      auditExchange(options, actor, { ...exchange.use, bytes: 0, source: null, outcome: "failure", code: failure.code });
      refuse(res, failure.status, `Repolink could not serve ${upstream.repository.name}: ${failure.message}`);
    }
  };
}
