import { stat } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { cappedBody } from "../../../adapters/git/gateway/capped-body.ts";
import { CapabilityAdvertisements } from "../../../adapters/git/gateway/capability-advertisements.ts";
import type { GatewayMirrors } from "../../../adapters/git/gateway/gateway-mirrors.ts";
import { LS_REFS_COMMAND } from "../../../adapters/git/gateway/ls-refs-from-memory.ts";
import { peekBody } from "../../../adapters/git/gateway/peek-body.ts";
import { decodedBody, serveUploadPack } from "../../../adapters/git/gateway/serve-upload-pack.ts";
import { pickHeaders, settleExchange, type GatewayExchange, type GitGatewayOptions } from "./gateway-exchange.ts";

/** One smart-HTTP packet line (`0023# service=git-upload-pack\n`). */
const pktLine = (text: string): string => `${(text.length + 4).toString(16).padStart(4, "0")}${text}`;

const answerHeaders = (kind: "advertisement" | "result"): Record<string, string> => ({
  "content-type": `application/x-git-upload-pack-${kind}`,
  "cache-control": "no-cache, max-age=0, must-revalidate",
});

/**
 * A protocol v2 ls-refs answered from the refs the advertisement's refresh just left in memory (no git
 * process); anything else gives back the request body, whole, for git.
 */
async function lsRefsFromMemory(mirrors: GatewayMirrors, mirrorDir: string, body: Readable): Promise<{ answer?: Buffer; body: Readable }> {
  const peeked = await peekBody(body, LS_REFS_COMMAND.length);
  if (!peeked.head.subarray(0, LS_REFS_COMMAND.length).equals(LS_REFS_COMMAND)) return { body: peeked.rest };
  const request = await buffer(peeked.rest);
  const answer = await mirrors.lsRefs(mirrorDir, request);
  return answer === null ? { body: Readable.from([request]) } : { answer, body: Readable.from([]) };
}

async function mirrorExists(mirrorDir: string): Promise<boolean> {
  return (await stat(join(mirrorDir, "HEAD")).catch(() => null)) !== null;
}

/**
 * A fetch or clone from the server's mirror: each advertisement asks the upstream whether refs
 * moved (a coalesced refresh that fetches only then); the negotiation runs `git upload-pack` locally.
 * @throws UpstreamError `GIT_*` when the mirror cannot be brought level (nothing was sent to git yet)
 */
export async function serveGatewayRead(options: GitGatewayOptions, exchange: GatewayExchange): Promise<void> {
  const { mirrors, limits, logger } = options;
  const { req, res, path, upstream, signal } = exchange;
  const mirrorDir = mirrors.dirFor(upstream.repository.id);
  const advertise = path.endpoint === "info/refs";
  const headers = pickHeaders(req.headers, ["git-protocol", "content-encoding"]);
  const gitProtocol = headers["git-protocol"] ?? null;
  // A negotiation uses the mirror as it is (or makes it): its advertisement just refreshed it. Only a
  // refresh opens the stored credential, so a negotiation from an existing mirror does not.
  const refreshed = advertise || !(await mirrorExists(mirrorDir)) ? await mirrors.refresh(upstream.openRemote, mirrorDir) : null;
  const input = advertise ? null : cappedBody(req, limits.maxNegotiationBytes, "fetch negotiation");
  const body = input === null ? null : decodedBody(input.stream, headers["content-encoding"] ?? null);
  const lsRefs = body !== null && CapabilityAdvertisements.cacheable(gitProtocol) ? await lsRefsFromMemory(mirrors, mirrorDir, body) : null;
  if (lsRefs?.answer) {
    res.writeHead(200, answerHeaders("result"));
    res.write(lsRefs.answer);
    settleExchange(options, exchange, { complete: true, ok: true, bytes: lsRefs.answer.length, source: "cache" });
    return;
  }
  res.writeHead(200, answerHeaders(advertise ? "advertisement" : "result"));
  if (advertise && !/version=2/.test(gitProtocol ?? "")) res.write(`${pktLine("# service=git-upload-pack\n")}0000`);
  const v2Capabilities = advertise && gitProtocol !== null && CapabilityAdvertisements.cacheable(gitProtocol);
  const known = v2Capabilities ? mirrors.capabilities.get(mirrorDir, gitProtocol) : null;
  if (known !== null) {
    res.write(known);
    settleExchange(options, exchange, {
      complete: true,
      ok: true,
      bytes: known.length,
      source: refreshed?.fetched === true ? "upstream" : "cache",
    });
    return;
  }
  const recorder = v2Capabilities ? mirrors.capabilities.recorder(mirrorDir, gitProtocol, res) : null;
  // Only a negotiation makes a pack; an advertisement never runs pack-objects.
  const packCache = advertise ? null : (mirrors.packCache?.startRun() ?? null);
  const result = await serveUploadPack({
    mirrorDir,
    home: mirrors.ctx.localHome,
    advertise,
    gitProtocol,
    input: lsRefs?.body ?? body,
    contentEncoding: null,
    output: recorder?.stream ?? res,
    signal,
    timeoutMs: limits.timeoutMs,
    gitBinary: mirrors.ctx.gitBinary,
    packCache,
  });
  packCache?.settle(result.code !== 0).catch((error: unknown) => logger.warn({ err: error }, "gateway pack cache upkeep failed"));
  const tooLarge = input?.tooLarge() ?? false;
  const ok = result.code === 0 && !tooLarge;
  if (ok) recorder?.keep();
  if (!ok)
    logger.warn(
      { repository: exchange.use.target, stopped: result.stopped, tooLarge, stderr: result.stderr },
      "gateway upload-pack ended early",
    );
  const code = tooLarge ? "GATEWAY_REQUEST_TOO_LARGE" : result.stopped === "timeout" ? "GIT_TIMEOUT" : "GIT_CANCELLED";
  settleExchange(options, exchange, {
    complete: ok,
    ok,
    bytes: result.bytes,
    source: refreshed?.fetched === true ? "upstream" : "cache",
    ...(ok ? {} : { code }),
  });
}
