import { cappedBody } from "../../../adapters/git/gateway/capped-body.ts";
import { forwardToUpstream } from "../../../adapters/git/gateway/forward-to-upstream.ts";
import { relayStream } from "../../../adapters/git/gateway/relay-stream.ts";
import { auditExchange, pickHeaders, settleExchange, type GatewayExchange, type GitGatewayOptions } from "./gateway-exchange.ts";
import { refuse } from "./gateway-refusal.ts";

/**
 * A push relayed to the upstream with the stored credential: git's request streamed there (up to
 * the push limit), the upstream's answer, hook messages included, streamed back unchanged; then the
 * mirror is brought level so the next fetch sees the push.
 * @throws UpstreamError `GIT_UNREACHABLE`, `GIT_TIMEOUT`; InputError `GATEWAY_REQUEST_TOO_LARGE` before any answer was sent
 */
export async function serveGatewayPush(options: GitGatewayOptions, exchange: GatewayExchange): Promise<void> {
  const { mirrors, limits, logger } = options;
  const { req, res, path, upstream, signal, actor, use } = exchange;
  const isPack = path.endpoint === "git-receive-pack";
  const remote = await upstream.openRemote();
  const body = isPack ? cappedBody(req, limits.maxPushBytes, "push") : null;
  const answer = await forwardToUpstream(remote, {
    endpoint: isPack ? "git-receive-pack" : "info/refs",
    headers: pickHeaders(req.headers, ["content-type", "content-encoding", "git-protocol", "accept"]),
    body: body?.stream ?? null,
    signal,
    timeoutMs: limits.timeoutMs,
  });
  const status = answer.statusCode ?? 502;
  if (status === 401 || status === 403 || status === 404) {
    answer.resume();
    // Relaying 401 would make git ask for the gateway's password; say what the upstream did instead.
    const reason =
      status === 404
        ? "the upstream does not show this repository to the stored credential"
        : `the upstream refused the stored credential (HTTP ${status})`;
    auditExchange(options, actor, { ...use, bytes: body?.bytes() ?? 0, source: "upstream", outcome: "failure", code: "GIT_PUSH_DENIED" });
    return refuse(res, status === 404 ? 404 : 403, `Repolink cannot push ${upstream.repository.name}: ${reason}.`);
  }
  res.writeHead(status, { "cache-control": "no-cache", ...pickHeaders(answer.headers, ["content-type", "content-encoding"]) });
  const sent = await relayStream(answer, res);
  const tooLarge = body?.tooLarge() ?? false;
  const complete = answer.complete && !tooLarge;
  settleExchange(options, exchange, {
    complete,
    ok: complete && status === 200,
    bytes: isPack ? (body?.bytes() ?? 0) : sent,
    source: "upstream",
    ...(tooLarge ? { code: "GATEWAY_REQUEST_TOO_LARGE" } : {}),
  });
  if (isPack && complete) {
    // The push landed upstream (or was refused there): bring the mirror level so the next fetch sees it.
    mirrors
      .refresh(upstream.openRemote, mirrors.dirFor(upstream.repository.id))
      .catch((error: unknown) => logger.warn({ err: error, repository: use.target }, "gateway mirror refresh after push failed"));
  }
}
