import { checkNameText } from "../text/check-name-text.ts";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Actor } from "../access/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { CoreDeps } from "../deps.ts";
import { AuthError, InputError, NotFoundError } from "../errors.ts";
import { Secret } from "../secret.ts";
import type { ApiToken, User } from "./user.ts";
import { hasUnsafeCharacters } from "../text/has-unsafe-characters.ts";

const tokenPattern = /^rlk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

function hashSecretPart(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** A freshly made API token: `token` is shown once and never stored. */
export interface IssuedApiToken {
  id: string;
  name: string;
  createdAt: string;
  token: Secret;
}

/**
 * Issues a personal API token for `user`; only the SHA-256 of its secret part is stored.
 * @throws InputError `TOKEN_NAME_INVALID`
 */
export async function createApiToken(deps: CoreDeps, actor: Actor, user: User, name: string): Promise<IssuedApiToken> {
  checkNameText(name, "name", deps.integrations);
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 100 || hasUnsafeCharacters(trimmed)) {
    throw new InputError("TOKEN_NAME_INVALID", "name must be 1–100 printable characters.", "name");
  }
  const id = randomBytes(8).toString("hex");
  const secretPart = randomBytes(32).toString("base64url");
  const record: ApiToken = {
    id,
    userId: user.id,
    name: trimmed,
    secretHash: hashSecretPart(secretPart),
    createdAt: deps.now().toISOString(),
    lastUsedAt: null,
    revokedAt: null,
  };
  await deps.store.apiTokens.insert(record);
  await recordAudit(deps, actor, { action: "api-token.create", targetType: "api-token", targetId: id, targetName: trimmed });
  return { id, name: trimmed, createdAt: record.createdAt, token: new Secret(`rlk_${id}_${secretPart}`) };
}

/**
 * Finds the user an API token belongs to, comparing the secret in constant time.
 * @throws AuthError `TOKEN_INVALID` for malformed, unknown, revoked or mismatched tokens alike
 */
export async function authenticateApiToken(deps: CoreDeps, presented: string): Promise<{ user: User; token: ApiToken }> {
  const invalid = (): AuthError => new AuthError("unauthenticated", "TOKEN_INVALID", "The API token is not valid.");
  const match = tokenPattern.exec(presented);
  if (!match) throw invalid();
  const [, id, secretPart] = match as unknown as [string, string, string];
  const record = await deps.store.apiTokens.findById(id);
  const expected = Buffer.from(record?.secretHash ?? "0".repeat(64), "hex");
  const actual = Buffer.from(hashSecretPart(secretPart), "hex");
  const same = timingSafeEqual(expected, actual);
  if (!record || !same || record.revokedAt !== null) throw invalid();
  const user = await deps.store.users.findById(record.userId);
  if (!user || user.disabledAt !== null) throw invalid();
  return { user, token: record };
}

/**
 * Revokes one of the actor's tokens (admins may revoke anyone's).
 * @throws NotFoundError `API_TOKEN_NOT_FOUND`
 */
export async function revokeApiToken(deps: CoreDeps, actor: Actor, id: string): Promise<void> {
  const record = await deps.store.apiTokens.findById(id);
  const mayRevoke = record && (record.userId === actor.id || actor.role === "admin");
  if (!record || !mayRevoke || record.revokedAt !== null) {
    throw new NotFoundError("API_TOKEN_NOT_FOUND", `No API token with id "${id.slice(0, 40)}".`);
  }
  await deps.store.apiTokens.update(id, { revokedAt: deps.now().toISOString() });
  await recordAudit(deps, actor, { action: "api-token.revoke", targetType: "api-token", targetId: id, targetName: record.name });
}

/** Public fields of an API token (never its hash). */
export function apiTokenView(t: ApiToken): { id: string; name: string; createdAt: string; lastUsedAt: string | null; revoked: boolean } {
  return { id: t.id, name: t.name, createdAt: t.createdAt, lastUsedAt: t.lastUsedAt, revoked: t.revokedAt !== null };
}
