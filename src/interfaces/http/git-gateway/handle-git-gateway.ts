import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Http2ServerRequest, Http2ServerResponse } from "node:http2";
import { join } from "node:path";
import { Transform, type Readable } from "node:stream";
import type { Logger } from "pino";
import { forwardToUpstream } from "../../../adapters/git/gateway/forward-to-upstream.ts";
import type { GatewayMirrors } from "../../../adapters/git/gateway/gateway-mirrors.ts";
import { serveUploadPack } from "../../../adapters/git/gateway/serve-upload-pack.ts";
import type { Actor } from "../../../core/access/actor.ts";
import type { CoreDeps } from "../../../core/deps.ts";
import { AppError } from "../../../core/errors.ts";
import type { GatewayAccess } from "../../../core/gateway/gateway-access.ts";
import { openGatewayUpstream, type GatewayUpstream } from "../../../core/gateway/open-gateway-upstream.ts";
import { recordGatewayUse, type GatewayUse } from "../../../core/gateway/record-gateway-use.ts";
import { errorKinds } from "../../../shared/error-kinds.ts";
import { gatewayCaller } from "./gateway-caller.ts";
import { parseGatewayPath, type GatewayRequestPath } from "./parse-gateway-path.ts";

type Incoming = IncomingMessage | Http2ServerRequest;
// HTTP/2's compatibility response offers the same calls the gateway makes (writeHead, write, drain, end, destroy).
type Outgoing = ServerResponse;

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

const REALM = 'Basic realm="Repolink Git gateway"';

/** A one-line plain-text answer git shows as `remote: …`; 401 asks git for credentials (the API token as password). */
function refuse(res: Outgoing, status: number, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const headers: Record<string, string> = { "content-type": "text/plain; charset=utf-8", "cache-control": "no-cache" };
  if (status === 401) headers["www-authenticate"] = REALM;
  res.writeHead(status, headers);
  res.end(`${message.replace(/[\r\n]+/g, " ")}\n`);
}

/** One smart-HTTP packet line (`0023# service=git-upload-pack\n`). */
const pktLine = (text: string): string => `${(text.length + 4).toString(16).padStart(4, "0")}${text}`;

/** Counts a request body and fails it past `max` bytes. */
function capped(body: Readable, max: number, onTooLarge: () => void): { stream: Transform; bytes: () => number } {
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > max) {
        onTooLarge();
        callback(new Error("request too large"));
      } else callback(null, chunk);
    },
  });
  body.pipe(stream);
  return { stream, bytes: () => bytes };
}

/** Status and one line for a failure: AppErrors by their kind, anything else a plain 500. */
function describe(error: unknown): { status: number; message: string; code: string } {
  if (error instanceof AppError) {
    const status = error.code === "GIT_TIMEOUT" ? 504 : errorKinds[error.kind].status;
    return { status, message: `${error.message} [${error.code}]`, code: error.code };
  }
  return { status: 500, message: "The Git gateway failed; see the server log.", code: "INTERNAL" };
}

/**
 * Serves Git smart HTTP at `/git/<host name>/<path>.git/…`: fetches from the server's mirror
 * (one coalesced upstream ref check per advertisement, a fetch only when refs moved), pushes
 * relayed to the upstream with the stored credential and its answer passed back unchanged.
 * The caller authenticates with its Repolink API token (Bearer, or Basic with the token as
 * password); every operation is audited. The stored token never leaves the server.
 */
export function gitGatewayHandler(
  options: GitGatewayOptions,
): (req: Incoming, res: Outgoing | Http2ServerResponse, url: URL) => Promise<void> {
  const { deps, mirrors, logger, limits } = options;
  const audit = (actor: Actor, use: GatewayUse): void => {
    recordGatewayUse(deps, actor, use).catch((error: unknown) => logger.error({ err: error }, "gateway audit failed"));
  };

  return async (req, outgoing, url) => {
    const res = outgoing as Outgoing;
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
      return refuse(res, 401, `${describe(error).message} Send a Repolink API token (Bearer, or as the Basic password).`);
    }
    if (actor === null) {
      req.resume();
      return refuse(res, 401, "Authentication required: send a Repolink API token (Bearer, or as the Basic password).");
    }
    let upstream: GatewayUpstream;
    try {
      upstream = await openGatewayUpstream(deps, actor, { hostName: parsed.hostName, path: parsed.path }, access);
    } catch (error) {
      req.resume();
      const failure = describe(error);
      audit(actor, { target, repositoryId: null, access, bytes: 0, source: null, outcome: "denied", code: failure.code });
      return refuse(res, failure.status, failure.message);
    }
    // The client going away (a cancelled clone) stops everything started for it.
    const aborted = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) aborted.abort();
    });
    const use = { target, repositoryId: upstream.repository.id, access };
    try {
      if (access === "read") await serveRead(req, res, parsed, upstream, aborted.signal, actor);
      else await servePush(req, res, parsed, upstream, aborted.signal, actor);
    } catch (error) {
      req.resume();
      const failure = describe(error);
      logger.warn({ code: failure.code, repository: target, endpoint: parsed.endpoint }, "gateway request failed");
      audit(actor, { ...use, bytes: 0, source: null, outcome: "failure", code: failure.code });
      refuse(res, failure.status, `Repolink could not serve ${upstream.repository.name}: ${failure.message}`);
    }

    async function serveRead(
      request: Incoming,
      response: Outgoing,
      path: GatewayRequestPath,
      up: GatewayUpstream,
      signal: AbortSignal,
      who: Actor,
    ): Promise<void> {
      const mirrorDir = mirrors.dirFor(up.repository.id);
      const advertise = path.endpoint === "info/refs";
      const gitProtocol = typeof request.headers["git-protocol"] === "string" ? request.headers["git-protocol"] : null;
      // Each advertisement asks the upstream whether refs moved; a negotiation uses the mirror as it is (or makes it).
      const refreshed = advertise || !(await mirrorExists(mirrorDir)) ? await mirrors.refresh(up.remote, mirrorDir) : null;
      let tooLarge = false;
      const input = advertise
        ? null
        : capped(request, limits.maxNegotiationBytes, () => {
            tooLarge = true;
          });
      response.writeHead(200, {
        "content-type": `application/x-git-upload-pack-${advertise ? "advertisement" : "result"}`,
        "cache-control": "no-cache, max-age=0, must-revalidate",
      });
      if (advertise && !/version=2/.test(gitProtocol ?? "")) response.write(`${pktLine("# service=git-upload-pack\n")}0000`);
      const result = await serveUploadPack({
        mirrorDir,
        home: mirrors.ctx.localHome,
        advertise,
        gitProtocol,
        input: input?.stream ?? null,
        contentEncoding: typeof request.headers["content-encoding"] === "string" ? request.headers["content-encoding"] : null,
        output: response,
        signal,
        timeoutMs: limits.timeoutMs,
        gitBinary: mirrors.ctx.gitBinary,
      });
      const ok = result.code === 0 && !tooLarge;
      if (ok) response.end();
      else response.destroy();
      if (!ok)
        logger.warn(
          { repository: use.target, stopped: result.stopped, tooLarge, stderr: result.stderr },
          "gateway upload-pack ended early",
        );
      audit(who, {
        ...use,
        bytes: result.bytes,
        source: refreshed?.fetched === true ? "upstream" : "cache",
        outcome: ok ? "success" : "failure",
        ...(ok ? {} : { code: tooLarge ? "GATEWAY_REQUEST_TOO_LARGE" : result.stopped === "timeout" ? "GIT_TIMEOUT" : "GIT_CANCELLED" }),
      });
    }

    async function servePush(
      request: Incoming,
      response: Outgoing,
      path: GatewayRequestPath,
      up: GatewayUpstream,
      signal: AbortSignal,
      who: Actor,
    ): Promise<void> {
      const isPack = path.endpoint === "git-receive-pack";
      let tooLarge = false;
      const body = isPack
        ? capped(request, limits.maxPushBytes, () => {
            tooLarge = true;
          })
        : null;
      const headers: Record<string, string> = {};
      for (const name of ["content-type", "content-encoding", "git-protocol", "accept"]) {
        const value = request.headers[name];
        if (typeof value === "string") headers[name] = value;
      }
      const answer = await forwardToUpstream(up.remote, {
        endpoint: isPack ? "git-receive-pack" : "info/refs",
        headers,
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
        audit(who, { ...use, bytes: body?.bytes() ?? 0, source: "upstream", outcome: "failure", code: "GIT_PUSH_DENIED" });
        return refuse(response, status === 404 ? 404 : 403, `Repolink cannot push ${up.repository.name}: ${reason}.`);
      }
      const relayed: Record<string, string> = { "cache-control": "no-cache" };
      for (const name of ["content-type", "content-encoding"]) {
        const value = answer.headers[name];
        if (typeof value === "string") relayed[name] = value;
      }
      response.writeHead(status, relayed);
      let sent = 0;
      await new Promise<void>((resolve) => {
        answer.on("data", (chunk: Buffer) => {
          sent += chunk.length;
          if (!response.write(chunk)) {
            answer.pause();
            response.once("drain", () => answer.resume());
          }
        });
        answer.on("end", () => resolve());
        answer.on("error", () => resolve());
        answer.on("close", () => resolve());
      });
      const complete = answer.complete && !tooLarge;
      if (complete) response.end();
      else response.destroy();
      audit(who, {
        ...use,
        bytes: isPack ? (body?.bytes() ?? 0) : sent,
        source: "upstream",
        outcome: complete && status === 200 ? "success" : "failure",
        ...(tooLarge ? { code: "GATEWAY_REQUEST_TOO_LARGE" } : {}),
      });
      if (isPack && complete) {
        // The push landed upstream (or was refused there): bring the mirror level so the next fetch sees it.
        mirrors
          .refresh(up.remote, mirrors.dirFor(up.repository.id))
          .catch((error: unknown) => logger.warn({ err: error, repository: use.target }, "gateway mirror refresh after push failed"));
      }
    }
  };
}

async function mirrorExists(mirrorDir: string): Promise<boolean> {
  return (await stat(join(mirrorDir, "HEAD")).catch(() => null)) !== null;
}
