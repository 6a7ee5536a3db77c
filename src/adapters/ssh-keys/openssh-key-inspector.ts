import { createPrivateKey, type KeyObject } from "node:crypto";
import { InputError } from "../../core/errors.ts";
import type { SshKeyFacts, SshKeyInspector } from "../../core/ports/ssh-key-inspector.ts";
import { parseOpensshPrivateKey } from "./parse-openssh-private-key.ts";
import { pemSshPublicBlob } from "./pem-ssh-public-blob.ts";
import { sshFingerprint } from "./ssh-fingerprint.ts";
import { verifyOpensshPassphrase } from "./verify-openssh-passphrase.ts";

const invalid = (why: string) => new InputError("SSH_KEY_INVALID", `key ${why}.`, "key");
const required = () =>
  new InputError(
    "SSH_KEY_PASSPHRASE_REQUIRED",
    "The key is encrypted: give its passphrase (--passphrase-stdin, or passphrase in the API).",
    "passphrase",
  );
const wrong = () => new InputError("SSH_KEY_PASSPHRASE_WRONG", "The passphrase does not open this key.", "passphrase");

/**
 * Checks SSH private keys as OpenSSH will read them: PEM forms (PKCS#1, SEC1, PKCS#8,
 * encrypted or not) with node's crypto, OpenSSH's own form by parsing its clear header, and an
 * encrypted OpenSSH key's passphrase with `ssh-keygen` (temporary files under `workDir`).
 */
export class OpensshKeyInspector implements SshKeyInspector {
  constructor(private readonly workDir: string) {}

  async inspect(privateKey: string, passphrase: string | null): Promise<SshKeyFacts> {
    if (privateKey.startsWith("-----BEGIN OPENSSH PRIVATE KEY-----")) return this.inspectOpenssh(privateKey, passphrase);
    return inspectPem(privateKey, passphrase);
  }

  private async inspectOpenssh(privateKey: string, passphrase: string | null): Promise<SshKeyFacts> {
    const header = parseOpensshPrivateKey(privateKey);
    if (header === null) throw invalid("is not a readable OpenSSH private key (damaged, or more than one key)");
    if (header.cipher === "none") {
      if (!header.intact) throw invalid("is damaged: its private part does not match its public key");
    } else {
      if (passphrase === null) throw required();
      if (!(await verifyOpensshPassphrase(this.workDir, privateKey, passphrase))) throw wrong();
    }
    return { keyType: header.keyType, fingerprint: sshFingerprint(header.publicBlob) };
  }
}

function inspectPem(privateKey: string, passphrase: string | null): SshKeyFacts {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: privateKey, format: "pem", ...(passphrase === null ? {} : { passphrase }) });
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    const encrypted = /ENCRYPTED/.test(privateKey);
    if (code === "ERR_MISSING_PASSPHRASE" || (encrypted && passphrase === null)) throw required();
    if (encrypted) throw wrong();
    throw invalid("could not be read as a PEM private key (damaged)");
  }
  const ssh = pemSshPublicBlob(key);
  if (ssh === null) throw invalid(`is a ${key.asymmetricKeyType ?? "unknown"} key, which SSH does not accept: use Ed25519, ECDSA or RSA`);
  return { keyType: ssh.keyType, fingerprint: sshFingerprint(ssh.publicBlob) };
}
