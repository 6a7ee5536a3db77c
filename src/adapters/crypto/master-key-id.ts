import { hkdfSync } from "node:crypto";

/**
 * A short, public name of a master key (`mk-` and 16 hex digits), derived one-way so a
 * backup and a sealed store can say which key they need without holding it.
 */
export function masterKeyId(masterKey: Buffer): string {
  return `mk-${Buffer.from(hkdfSync("sha256", masterKey, Buffer.alloc(0), "repolink master key id", 8)).toString("hex")}`;
}
