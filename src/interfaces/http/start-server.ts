import { serve, type Http2Bindings, type HttpBindings, type ServerType } from "@hono/node-server";
import { RESPONSE_ALREADY_SENT } from "@hono/node-server/utils/response";
import { join } from "node:path";
import { GatewayMirrors } from "../../adapters/git/gateway/gateway-mirrors.ts";
import { gitGatewayHandler } from "./git-gateway/handle-git-gateway.ts";
import { isGatewayPath } from "./git-gateway/parse-gateway-path.ts";
import { createSecureServer, type Http2SecureServer } from "node:http2";
import type { AddressInfo } from "node:net";
import { healthOptionsOf } from "../../config/health-options-of.ts";
import { SetupCode } from "../../core/users/setup-code.ts";
import type { LoginGuard } from "../../core/users/login-guard.ts";
import type { Runtime } from "../../main.ts";
import { BackgroundTasks } from "./background-tasks.ts";
import { ConnectionDrain } from "./connection-drain.ts";
import { withClientAddressAudit } from "./client-address-audit.ts";
import { createApp } from "./create-app.ts";
import { requestClientScope } from "./request-client-scope.ts";
import { resolveRequestClient, type RequestClient } from "./resolve-request-client.ts";
import { toBlockList } from "../../config/parse-trusted-proxies.ts";
import { readTlsFiles, type TlsFiles } from "./read-tls-files.ts";

/** A running HTTP server and how to stop it. */
const KEEP_ALIVE_MS = 65_000;

export interface RunningServer {
  url: string;
  setupCode: string | null;
  /** Resolves once the work requests left running (re-checks after an update) is done. */
  settled(): Promise<void>;
  /**
   * Stops accepting connections, then waits up to `timeoutMs` (default: no limit) for open
   * requests and that work; resolves to false when it had to cut requests off.
   */
  close(timeoutMs?: number): Promise<boolean>;
  /**
   * Reads the certificate and key again and uses them for new connections; open ones keep theirs.
   * @throws InputError `TLS_FILE_UNREADABLE`, `TLS_PAIR_INVALID`; the old certificate stays in use
   */
  reloadTls(): void;
}

/** How to listen: host:port (port 0 picks a free one), and HTTPS (HTTP/2 and HTTP/1.1) when `tls` is given. */
export interface ListenOptions {
  host: string;
  port: number;
  tls?: TlsFiles | null;
  /** Sign-in back-off and password-check queue (tests tune it); by default a new guard. */
  logins?: LoginGuard;
}

/**
 * Serves the app on host:port, over HTTPS when `tls` names a certificate and key.
 * @throws InputError `TLS_FILE_UNREADABLE`, `TLS_PAIR_INVALID` before listening
 */
export async function startServer(runtime: Runtime, options: ListenOptions): Promise<RunningServer> {
  const tls = options.tls ?? null;
  const material = tls ? readTlsFiles(tls) : null;
  const setup = SetupCode.create((await runtime.deps.store.users.count()) === 0);
  const background = new BackgroundTasks((error) => runtime.logger.error({ err: error }, "background re-check failed"));
  const deps = { ...runtime.deps, store: withClientAddressAudit(runtime.deps.store) };
  const app = createApp({
    deps,
    setup,
    logger: runtime.logger,
    background,
    health: healthOptionsOf(runtime.config),
    ...(options.logins ? { logins: options.logins } : {}),
  });
  const trusted = runtime.config.trustedProxies.length > 0 ? toBlockList(runtime.config.trustedProxies) : null;
  const publicUrl = runtime.config.publicUrl;
  const gateway = gitGatewayHandler({
    deps,
    logger: runtime.logger,
    mirrors: new GatewayMirrors({
      workDir: join(runtime.config.dataDir, "git"),
      logger: runtime.logger,
      timeoutMs: runtime.config.gateway.timeoutSeconds * 1000,
      packCacheBytes: runtime.config.gateway.packCacheBytes,
    }),
    limits: {
      timeoutMs: runtime.config.gateway.timeoutSeconds * 1000,
      maxPushBytes: runtime.config.gateway.maxPushBytes,
      maxNegotiationBytes: 64 * 1024 * 1024,
    },
  });
  const fetch = (request: Request, env: HttpBindings | Http2Bindings): Response | Promise<Response> => {
    const client = resolveRequestClient(env.incoming.socket.remoteAddress ?? "", request.headers, trusted, material ? "https" : "http");
    const url = new URL(request.url);
    // Git's smart HTTP streams both ways: the gateway answers on node's own request and response.
    if (isGatewayPath(url.pathname))
      return requestClientScope.run(client, () => gateway(env.incoming, env.outgoing, url).then(() => RESPONSE_ALREADY_SENT));
    return requestClientScope.run(client, () => app.fetch(asClientSawIt(request, client, publicUrl), env));
  };
  const listen = { fetch, hostname: options.host, port: options.port };
  let drain: ConnectionDrain | undefined;
  const server: ServerType = await new Promise((resolve) => {
    const started = material
      ? serve({ ...listen, createServer: createSecureServer, serverOptions: { ...material, allowHTTP1: true } }, () => resolve(started))
      : serve(listen, () => resolve(started));
    // Before the first connection can arrive: the drain must see every one.
    drain = new ConnectionDrain(started, material !== null);
    keepIdleConnectionsLongerThanProxies(started);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `${material ? "https" : "http"}://${host}:${address.port}`,
    setupCode: setup.value,
    settled: () => background.settled(),
    close: async (timeoutMs = Number.POSITIVE_INFINITY) => {
      const started = Date.now();
      const drained = await drain!.close(Math.min(timeoutMs, 2 ** 31 - 1));
      const left = Math.max(0, timeoutMs - (Date.now() - started));
      const settled = await Promise.race([
        background.settled().then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), Math.min(left, 2 ** 31 - 1)).unref()),
      ]);
      return drained && settled;
    },
    reloadTls: () => {
      if (!tls) return;
      (server as Http2SecureServer).setSecureContext(readTlsFiles(tls));
    },
  };
}

/** The request with the URL the client used (public URL, or what a trusted proxy forwarded): links and `Secure` cookies follow it. */
function asClientSawIt(request: Request, client: RequestClient, publicUrl: string | null): Request {
  if (publicUrl === null && !client.forwarded) return request;
  const url = new URL(request.url);
  const origin = publicUrl ?? `${client.protocol}://${client.forwardedHost ?? url.host}`;
  return origin === url.origin ? request : new Request(`${origin}${url.pathname}${url.search}`, request);
}

/**
 * Node closes an idle keep-alive connection after 5 s; a proxy (nginx, a load balancer) keeps its
 * upstream connections for 60 s and may send a request on one the server is closing at that very
 * moment, which fails with a reset. Idle connections therefore live longer here than in any proxy;
 * a shutdown still closes them at once (ConnectionDrain).
 */
function keepIdleConnectionsLongerThanProxies(server: ServerType): void {
  const http1 = server as { keepAliveTimeout?: number; headersTimeout?: number };
  http1.keepAliveTimeout = KEEP_ALIVE_MS;
  // Node requires the header deadline to exceed the keep-alive one.
  http1.headersTimeout = KEEP_ALIVE_MS + 1_000;
}
