import { createPrivateKey, sign } from "node:crypto";
import type { Secret } from "../../../core/secret.ts";

/** How far back `iat` is set, as GitHub advises, so a server clock slightly ahead still accepts it. */
const issuedBackSeconds = 60;
/** GitHub refuses a JWT living longer than 10 minutes; `exp - iat` is exactly that. */
const lifetimeSeconds = 600;

const base64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

/**
 * A JWT for a GitHub App (RS256): `iat` 60 s back, `exp` 10 min after `iat`, `iss` the App
 * ID or client ID. `nowSeconds` is GitHub's clock as far as it is known.
 * @see https://docs.github.com/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-json-web-token-jwt-for-a-github-app
 */
export function signAppJwt(appId: string, privateKey: Secret, nowSeconds: number): { jwt: string; expiresAt: string } {
  const iat = Math.floor(nowSeconds) - issuedBackSeconds;
  const exp = iat + lifetimeSeconds;
  const iss = /^\d+$/.test(appId) ? Number(appId) : appId;
  const signingInput = `${base64url(JSON.stringify({ alg: "RS256", typ: "JWT" }))}.${base64url(JSON.stringify({ iat, exp, iss }))}`;
  const signature = sign("sha256", Buffer.from(signingInput), createPrivateKey(privateKey.reveal()));
  return { jwt: `${signingInput}.${base64url(signature)}`, expiresAt: new Date(exp * 1000).toISOString() };
}
