import { verify } from "node:crypto";
import { githubError, type RestResult } from "./github-errors.ts";
import type { FakeApp, GithubFakeState } from "./state.ts";

/** True when a bearer value has a JWT's shape (three base64url parts). */
export const looksLikeJwt = (value: string): boolean => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(value);

const refused = (message: string): RestResult => ({ status: 401, body: githubError(401, message) });

/**
 * Verifies an App's JWT the way GitHub does: RS256 signed by one of the App's keys, `iss` its
 * ID or client ID, `iat` not in the future and `exp` at most 10 minutes after it, on GitHub's
 * clock (`nowSeconds`, which the fake may run ahead of the caller's).
 */
export function verifyAppJwt(state: GithubFakeState, jwt: string, nowSeconds: number): FakeApp | RestResult {
  const [header = "", payload = "", signature = ""] = jwt.split(".");
  let claims: { iat?: unknown; exp?: unknown; iss?: unknown };
  try {
    const alg = (JSON.parse(Buffer.from(header, "base64url").toString("utf8")) as { alg?: string }).alg;
    if (alg !== "RS256") return refused("A JSON web token could not be decoded");
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return refused("A JSON web token could not be decoded");
  }
  const app = [...state.apps.values()].find((a) => String(a.id) === String(claims.iss) || a.clientId === claims.iss);
  const signed = Buffer.from(`${header}.${payload}`);
  if (!app || !app.publicKeys.some((key) => verify("sha256", signed, key, Buffer.from(signature, "base64url")))) {
    return refused("A JSON web token could not be decoded");
  }
  if (typeof claims.iat !== "number" || !Number.isInteger(claims.iat) || claims.iat > nowSeconds) {
    return refused("'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued.");
  }
  if (typeof claims.exp !== "number" || claims.exp <= nowSeconds) {
    return refused("'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires.");
  }
  if (claims.exp - claims.iat > 600) return refused("'Expiration time' claim ('exp') is too far in the future.");
  return app;
}
