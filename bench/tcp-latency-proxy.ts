import { connect, createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

/** A TCP proxy that makes a link `rttMs` long; `url` is `http://127.0.0.1:<port>`. */
export interface TcpLatencyProxy {
  url: string;
  rttMs: number;
  /** Connections accepted so far (each paid the handshake). */
  connections(): number;
  close(): Promise<void>;
}

/**
 * Copies one direction of a connection with a one-way delay: each chunk is written `delayMs` after it
 * arrived, never before `notBefore` (the handshake). One queue and one timer per direction keep the order
 * (separate timers may fire out of order: node's timer clock is cached per loop turn).
 */
function delayOneWay(from: Socket, to: Socket, delayMs: number, notBefore: number): void {
  const queue: { due: number; act: () => void }[] = [];
  let timer: NodeJS.Timeout | null = null;
  const drain = () => {
    timer = null;
    while (queue.length > 0 && queue[0]!.due <= Date.now()) queue.shift()!.act();
    if (queue.length > 0) timer = setTimeout(drain, queue[0]!.due - Date.now());
  };
  const later = (act: () => void) => {
    queue.push({ due: Math.max(Date.now(), notBefore) + delayMs, act });
    timer ??= setTimeout(drain, queue[0]!.due - Date.now());
  };
  from.on("data", (chunk: Buffer) => later(() => to.destroyed || to.write(chunk)));
  from.on("end", () => later(() => to.destroyed || to.end()));
  from.on("error", () => later(() => to.destroy()));
}

/**
 * Stands for a network `rttMs` long in front of `target` (netem is not available): every chunk waits
 * half the round trip in each direction, and a new connection's first bytes wait one round trip more
 * for the TCP handshake. No bandwidth limit. Userspace: timer granularity adds about a millisecond.
 */
export async function startTcpLatencyProxy(target: string, rttMs: number): Promise<TcpLatencyProxy> {
  const upstream = new URL(target);
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server: Server = createServer((client) => {
    accepted++;
    const opened = Date.now();
    const far = connect(Number(upstream.port), upstream.hostname);
    for (const socket of [client, far]) {
      socket.setNoDelay(true);
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    }
    delayOneWay(client, far, rttMs / 2, opened + rttMs);
    delayOneWay(far, client, rttMs / 2, 0);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    rttMs,
    connections: () => accepted,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
