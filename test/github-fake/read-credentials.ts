/** What an `Authorization` header carried: nothing, or a token (from `token`, `Bearer` or Basic's password). */
export type Credentials = { kind: "none" } | { kind: "token"; value: string } | { kind: "malformed" };

/** Reads the credentials of a request the way GitHub accepts them for the API and for Git. */
export function readCredentials(header: string | undefined): Credentials {
  if (header === undefined || header.trim() === "") return { kind: "none" };
  const match = /^(\w+)\s+(\S+)\s*$/.exec(header);
  if (!match) return { kind: "malformed" };
  const [, scheme = "", value = ""] = match;
  switch (scheme.toLowerCase()) {
    case "token":
    case "bearer":
      return { kind: "token", value };
    case "basic": {
      const decoded = Buffer.from(value, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      return colon < 0 ? { kind: "malformed" } : { kind: "token", value: decoded.slice(colon + 1) };
    }
    default:
      return { kind: "malformed" };
  }
}
