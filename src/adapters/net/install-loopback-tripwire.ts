import net, { type LookupFunction } from "node:net";

/** What the tripwire saw: every address a socket was about to connect to. */
export interface LoopbackTripwire {
  attempts: string[];
  blocked: string[];
}

const LOOPBACK = new Set(["127.0.0.1", "::ffff:127.0.0.1"]);

/**
 * Test support: patches `net.Socket#connect` in this test process so a socket can only ever
 * reach 127.0.0.1 — a bug in the guard then fails a test instead of sending traffic elsewhere.
 */
export function installLoopbackTripwire(): LoopbackTripwire {
  const tripwire: LoopbackTripwire = { attempts: [], blocked: [] };
  const original = net.Socket.prototype.connect;
  const allow = (address: string): boolean => {
    tripwire.attempts.push(address);
    if (LOOPBACK.has(address)) return true;
    tripwire.blocked.push(address);
    return false;
  };
  net.Socket.prototype.connect = function patchedConnect(this: net.Socket, ...args: unknown[]) {
    const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
    const options = typeof first === "object" && first !== null ? (first as net.TcpNetConnectOpts) : undefined;
    if (options?.host !== undefined && net.isIP(options.host) !== 0 && !allow(options.host)) {
      options.host = "blocked.invalid";
      options.lookup = (_host, _options, callback) => callback(Object.assign(new Error("tripwire"), { code: "ETRIPWIRE" }), "");
    } else if (options?.lookup !== undefined) {
      options.lookup = wrapLookup(options.lookup, allow);
    }
    return (original as (...rest: unknown[]) => net.Socket).apply(this, args);
  } as typeof original;
  return tripwire;
}

function wrapLookup(inner: LookupFunction, allow: (address: string) => boolean): LookupFunction {
  return (hostname, options, callback) =>
    inner(hostname, options, (error, address, family) => {
      const addresses = Array.isArray(address) ? address.map((entry) => entry.address) : [address];
      if (error === null && !addresses.every(allow)) {
        callback(Object.assign(new Error("tripwire"), { code: "ETRIPWIRE" }), "");
      } else {
        callback(error, address, family);
      }
    });
}
