import { createHash, createPrivateKey, createPublicKey } from "node:crypto";
import { InputError } from "../../../core/errors.ts";

const pemBlock = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n[\s\S]+?\r?\n-----END \1-----/;

/**
 * A GitHub App's private key as GitHub hands it out (`.pem`, PKCS#1 `RSA PRIVATE KEY` or
 * PKCS#8 `PRIVATE KEY`), normalised, with a preview naming the SHA-256 fingerprint GitHub
 * shows beside the key in the App's settings.
 * @throws InputError `APP_KEY_INVALID`, `APP_KEY_NOT_PRIVATE` (a public key or certificate), `APP_KEY_NOT_RSA`
 */
export function classifyAppKey(privateKey: string): { privateKey: string; preview: string } {
  const block = pemBlock.exec(privateKey.replace(/\r\n/g, "\n"));
  const label = block?.[1] ?? "";
  if (/PUBLIC KEY|CERTIFICATE/.test(label)) {
    throw new InputError(
      "APP_KEY_NOT_PRIVATE",
      `private-key holds a ${label.toLowerCase()}, not a private key: ` +
        `use the .pem file GitHub downloaded when you chose "Generate a private key".`,
      "private-key",
    );
  }
  if (!block || !/PRIVATE KEY$/.test(label)) {
    throw new InputError(
      "APP_KEY_INVALID",
      "private-key must be the App's private key in PEM form (-----BEGIN RSA PRIVATE KEY----- or -----BEGIN PRIVATE KEY-----).",
      "private-key",
    );
  }
  let key;
  try {
    key = createPrivateKey({ key: block[0], format: "pem" });
  } catch {
    throw new InputError("APP_KEY_INVALID", "private-key could not be read as a PEM private key (damaged or encrypted).", "private-key");
  }
  if (key.asymmetricKeyType !== "rsa") {
    throw new InputError(
      "APP_KEY_NOT_RSA",
      `private-key is a ${key.asymmetricKeyType} key; GitHub Apps sign with RSA keys.`,
      "private-key",
    );
  }
  const spki = createPublicKey(key).export({ format: "der", type: "spki" });
  const fingerprint = createHash("sha256").update(spki).digest("base64").replace(/=+$/, "");
  return { privateKey: `${block[0]}\n`, preview: `RSA key SHA256:${fingerprint.slice(0, 12)}…` };
}
