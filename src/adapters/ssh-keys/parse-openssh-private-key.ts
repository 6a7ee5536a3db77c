import { SshWireReader } from "./ssh-wire.ts";

/** What the clear part of an `openssh-key-v1` private key says: the public key sits there unencrypted. */
export interface OpensshKeyHeader {
  keyType: string;
  publicBlob: Buffer;
  /** `none` for an unencrypted key, else the cipher its passphrase unlocks (`aes256-ctr`). */
  cipher: string;
  /** For an unencrypted key, whether its private part is intact (matching check integers and key type). */
  intact: boolean;
}

const MAGIC = Buffer.from("openssh-key-v1\0", "latin1");
const BLOCK = /^-----BEGIN OPENSSH PRIVATE KEY-----\n([A-Za-z0-9+/=\n]+)-----END OPENSSH PRIVATE KEY-----\n?$/;

/**
 * Parses OpenSSH's own private key format (PROTOCOL.key in OpenSSH's sources); `null` when the
 * text is not one, or holds other than exactly one key.
 */
export function parseOpensshPrivateKey(text: string): OpensshKeyHeader | null {
  const block = BLOCK.exec(text);
  if (!block?.[1]) return null;
  const bytes = Buffer.from(block[1].replace(/\n/g, ""), "base64");
  if (!bytes.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  const reader = new SshWireReader(bytes.subarray(MAGIC.length));
  const cipher = reader.string()?.toString("latin1");
  const kdf = reader.string();
  const kdfOptions = reader.string();
  const count = reader.uint32();
  const publicBlob = reader.string();
  const privatePart = reader.string();
  if (cipher === undefined || !kdf || !kdfOptions || count !== 1 || !publicBlob || !privatePart) return null;
  const keyType = new SshWireReader(publicBlob).string()?.toString("latin1");
  if (!keyType) return null;
  let intact = false;
  if (cipher === "none") {
    const inner = new SshWireReader(privatePart);
    const check1 = inner.uint32();
    const check2 = inner.uint32();
    intact = check1 !== null && check1 === check2 && inner.string()?.toString("latin1") === keyType;
  }
  return { keyType, publicBlob: Buffer.from(publicBlob), cipher, intact };
}
