import { generateKeyPairSync, type KeyObject } from "node:crypto";

/** A fresh RSA key pair for a fake App: the PEM GitHub hands out once, and the public key JWTs are verified with. */
export function newAppKey(format: "pkcs1" | "pkcs8"): { privateKey: string; publicKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { privateKey: privateKey.export({ format: "pem", type: format }).toString(), publicKey };
}
