import type { IncomingMessage, ServerResponse } from "node:http";
import type { Http2ServerRequest, Http2ServerResponse, Http2Session } from "node:http2";
import type { Socket } from "node:net";
import type { ServerType } from "@hono/node-server";

/**
 * How long a connection accepted just before the shutdown may take to send its first request.
 * A proxy sends it at once; closing such a connection at once resets a request already on its way.
 */
const FIRST_REQUEST_GRACE_MS = 2_000;

/**
 * Follows a server's connections so a shutdown can stop accepting, let every request in
 * flight finish, and close keep-alive connections as soon as they fall idle.
 */
export class ConnectionDrain {
  readonly #server: ServerType;
  /** HTTP/1 connections and how many requests each is answering; -1 before its first request. */
  readonly #sockets = new Map<Socket, number>();
  readonly #sessions = new Set<Http2Session>();
  #closing = false;

  constructor(server: ServerType, tls: boolean) {
    this.#server = server;
    server.on(tls ? "secureConnection" : "connection", (socket: Socket & { alpnProtocol?: string | false }) => {
      if (socket.alpnProtocol === "h2") return;
      this.#sockets.set(socket, -1);
      socket.once("close", () => this.#sockets.delete(socket));
    });
    server.on("session", (session: Http2Session) => {
      this.#sessions.add(session);
      session.once("close", () => this.#sessions.delete(session));
      if (this.#closing) session.close();
    });
    server.on("request", (request: IncomingMessage | Http2ServerRequest, response: ServerResponse | Http2ServerResponse) => {
      if (request.httpVersionMajor >= 2) return;
      const socket = request.socket as Socket;
      this.#sockets.set(socket, Math.max(0, this.#sockets.get(socket) ?? 0) + 1);
      response.once("close", () => {
        const left = (this.#sockets.get(socket) ?? 1) - 1;
        this.#sockets.set(socket, left);
        if (this.#closing && left === 0) socket.end();
      });
    });
  }

  /**
   * Stops accepting connections and waits up to `timeoutMs` for the open ones to finish their
   * requests; after that it cuts what is left.
   * @returns true when every request finished in time
   */
  async close(timeoutMs: number): Promise<boolean> {
    this.#closing = true;
    const closed = new Promise<boolean>((resolve) => this.#server.close(() => resolve(true)));
    for (const [socket, inFlight] of this.#sockets) if (inFlight === 0) socket.end();
    const lateFirstRequests = setTimeout(
      () => {
        for (const [socket, inFlight] of this.#sockets) if (inFlight === -1) socket.end();
      },
      Math.min(FIRST_REQUEST_GRACE_MS, timeoutMs),
    );
    // GOAWAY: the client opens no new stream here; the streams already open run to their end.
    for (const session of this.#sessions) session.close();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const drained = await Promise.race([closed, expired]);
    clearTimeout(timer);
    clearTimeout(lateFirstRequests);
    if (!drained) {
      for (const socket of this.#sockets.keys()) socket.destroy();
      for (const session of this.#sessions) session.destroy();
      await closed;
    }
    return drained;
  }
}
