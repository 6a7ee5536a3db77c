import type { KeyObject } from "node:crypto";
import { sshMpint, sshString } from "./ssh-wire.ts";

const CURVES: Record<string, string> = { "P-256": "nistp256", "P-384": "nistp384", "P-521": "nistp521" };

/**
 * A private key's public half in SSH wire form (RFC 4253 §6.6, RFC 5656, RFC 8709), so its
 * fingerprint matches `ssh-keygen -l`; `null` for a key type SSH does not use (Ed448, X25519)
 * or no longer accepts (DSA, off since OpenSSH 7.0).
 */
export function pemSshPublicBlob(key: KeyObject): { keyType: string; publicBlob: Buffer } | null {
  const type = key.asymmetricKeyType;
  if (type !== "rsa" && type !== "ec" && type !== "ed25519") return null;
  const jwk = key.export({ format: "jwk" });
  const field = (name: "e" | "n" | "x" | "y") => Buffer.from(jwk[name] ?? "", "base64url");
  if (type === "rsa")
    return { keyType: "ssh-rsa", publicBlob: Buffer.concat([sshString("ssh-rsa"), sshMpint(field("e")), sshMpint(field("n"))]) };
  if (type === "ed25519") return { keyType: "ssh-ed25519", publicBlob: Buffer.concat([sshString("ssh-ed25519"), sshString(field("x"))]) };
  const curve = CURVES[jwk.crv ?? ""];
  if (!curve) return null;
  const keyType = `ecdsa-sha2-${curve}`;
  const point = Buffer.concat([Buffer.from([4]), field("x"), field("y")]);
  return { keyType, publicBlob: Buffer.concat([sshString(keyType), sshString(curve), sshString(point)]) };
}
