import { isIP, type Socket } from "node:net";
import type { buildConnector } from "undici";

/** What the tripwire saw: every host a socket was about to connect to, and those it stopped. */
export interface LoopbackTripwire {
  attempts: string[];
  blocked: string[];
  /** Give as `wrapConnector` to each guarded fetch under test; sockets of anything else are untouched. */
  wrap(connect: buildConnector.connector): buildConnector.connector;
}

const LOOPBACK = new Set(["127.0.0.1", "::ffff:127.0.0.1"]);

const tripped = (): Error => Object.assign(new Error("tripwire"), { code: "ETRIPWIRE" });

/**
 * Test support: wraps the connector of the guarded fetches a test builds so their sockets can
 * only ever reach 127.0.0.1 — a bug in the guard then fails a test instead of sending traffic
 * elsewhere. Scoped to those fetches: no global of `net` is patched.
 */
export function createLoopbackTripwire(): LoopbackTripwire {
  const attempts: string[] = [];
  const blocked: string[] = [];
  const allow = (address: string): boolean => {
    if (LOOPBACK.has(address)) return true;
    blocked.push(address);
    return false;
  };
  const wrap =
    (connect: buildConnector.connector): buildConnector.connector =>
    (options, callback) => {
      const host = options.hostname.replace(/^\[(.*)\]$/, "$1");
      attempts.push(host);
      if (isIP(host) !== 0) {
        if (!allow(host)) callback(tripped(), null);
        else connect(options, callback);
        return;
      }
      // A name: undici's connector returns the socket (its type says void); stop it once the name
      // is resolved, before it connects (Node emits `lookup` before connecting).
      const socket = (connect as (...args: Parameters<buildConnector.connector>) => unknown)(options, callback) as Socket | undefined;
      socket?.once("lookup", (error: Error | null, address: string) => {
        if (error === null && !allow(address)) socket.destroy(tripped());
      });
    };
  return { attempts, blocked, wrap };
}
