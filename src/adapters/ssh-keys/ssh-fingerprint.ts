import { createHash } from "node:crypto";

/** The `SHA256:…` fingerprint of an SSH public key blob, as `ssh-keygen -l` prints it. */
export function sshFingerprint(publicBlob: Buffer): string {
  return `SHA256:${createHash("sha256").update(publicBlob).digest("base64").replace(/=+$/, "")}`;
}
