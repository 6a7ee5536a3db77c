/** What a gateway URL asks for: the repository (`/git/<host name>/<path>.git`) and the smart-HTTP endpoint. */
export interface GatewayRequestPath {
  hostName: string;
  path: string;
  endpoint: "info/refs" | "git-upload-pack" | "git-receive-pack";
}

const GATEWAY_PATH = /^\/git\/([^/]+)\/(.+?)(?:\.git)?\/(info\/refs|git-upload-pack|git-receive-pack)$/;
const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,252}$/;
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,99}$/;

/** True when a request path belongs to the gateway (`/git/…`). */
export const isGatewayPath = (pathname: string): boolean => pathname.startsWith("/git/");

/**
 * Reads `/git/<host name>/<path>.git/<endpoint>`; null for anything else, including encoded
 * characters, `.`/`..` segments and option-like names (they never reach a lookup or git).
 */
export function parseGatewayPath(pathname: string): GatewayRequestPath | null {
  const match = GATEWAY_PATH.exec(pathname);
  if (!match) return null;
  const [, hostName = "", path = "", endpoint = ""] = match;
  if (!HOST_NAME.test(hostName)) return null;
  const segments = path.split("/");
  if (segments.length > 20 || !segments.every((segment) => SEGMENT.test(segment) && !/^\.+$/.test(segment))) return null;
  return { hostName, path, endpoint: endpoint as GatewayRequestPath["endpoint"] };
}
