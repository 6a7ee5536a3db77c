/** What a checked SSH private key is: its algorithm as SSH names it and its public key's fingerprint. */
export interface SshKeyFacts {
  /** The SSH algorithm name (`ssh-ed25519`, `ssh-rsa`, `ecdsa-sha2-nistp256`). */
  keyType: string;
  /** `SHA256:` and the unpadded base64 SHA-256 of the public key, as `ssh-keygen -l` and GitHub show it. */
  fingerprint: string;
}

/** Reads a submitted SSH private key (OpenSSH or PEM form) and proves its passphrase opens it. */
export interface SshKeyInspector {
  /**
   * @throws InputError `SSH_KEY_INVALID` (field `key`), `SSH_KEY_PASSPHRASE_REQUIRED`, `SSH_KEY_PASSPHRASE_WRONG` (field `passphrase`)
   */
  inspect(privateKey: string, passphrase: string | null): Promise<SshKeyFacts>;
}
