import { generateKeyPairSync, randomBytes } from "node:crypto";
import { AesGcmCipher } from "../src/adapters/crypto/aes-gcm-cipher.ts";
import { Keyring } from "../src/adapters/crypto/keyring.ts";
import { credentialAad, type Credential, type CredentialSecretPayload } from "../src/core/credentials/credential.ts";
import { Secret } from "../src/core/secret.ts";

const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const randomText = (length: number): string => Array.from(randomBytes(length), (b) => alnum[b % alnum.length]).join("");

// Generated once: the sizes matter for decryption, not the key material (every box has its own data key).
let keys: { ed25519: string; rsa: string } | undefined;
const pemKey = (type: "ed25519" | "rsa"): string =>
  generateKeyPairSync(type as "rsa", {
    modulusLength: 3072,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  }).privateKey;

/** A payload like those users store: mostly GitHub tokens, some SSH keys (i-th of a fixed mix). */
function payloadFor(i: number): CredentialSecretPayload {
  const kind = i % 10;
  if (kind < 5) return { kind: "token", token: `ghp_${randomText(36)}` };
  if (kind < 8) return { kind: "token", token: `github_pat_${randomText(22)}_${randomText(59)}` };
  keys ??= { ed25519: pemKey("ed25519"), rsa: pemKey("rsa") };
  return { kind: "ssh-key", privateKey: kind === 8 ? keys.ed25519 : keys.rsa, passphrase: null };
}

/** A keyring with one active KEK, a cipher over it, and `count` sealed credential records. */
export function makeSealedCredentials(count: number): { keyring: Keyring; cipher: AesGcmCipher; credentials: Credential[] } {
  const keyring = Keyring.open(randomBytes(32), []);
  const kek = keyring.createKek(new Date().toISOString());
  keyring.activate(kek.id);
  const cipher = new AesGcmCipher(keyring);
  const credentials = Array.from({ length: count }, (_, i) => {
    const id = crypto.randomUUID();
    const payload = payloadFor(i);
    const sealed = cipher.seal(new Secret(JSON.stringify(payload)), credentialAad(id, 1));
    return { id, secretVersion: 1, secretBox: sealed.box, kekId: sealed.kekId, kind: payload.kind } as Credential;
  });
  return { keyring, cipher, credentials };
}
