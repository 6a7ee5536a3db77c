import { checkNameText } from "../text/check-name-text.ts";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Actor } from "../access/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { CoreDeps } from "../deps.ts";
import { AuthError, InputError, NotFoundError } from "../errors.ts";
import { Secret } from "../secret.ts";
import { checkGrantPatterns, type GrantAccess, type TokenGrant } from "./token-grant.ts";
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
  repos: string[] | null;
  access: GrantAccess;
  expiresAt: string | null;
}

/** What a new token may reach (`token create --repos P… --access read|push --expires-in DAYS`); all optional. */
export interface TokenGrantInput {
  repos?: string[];
  access?: GrantAccess;
  expiresInDays?: number;
}

const maxExpiryDays = 3650;

/** A token's grant as the actor of its requests carries it. */
export function grantOf(token: ApiToken): TokenGrant {
  return { tokenId: token.id, tokenName: token.name, repos: token.repos, access: token.access, expiresAt: token.expiresAt };
}

/** Whether a grant limits anything: such a token may not mint tokens (it could mint itself a wider one). */
function isLimited(grant: TokenGrant | undefined): boolean {
  return grant !== undefined && (grant.repos !== null || grant.access !== "push" || grant.expiresAt !== null);
}

/**
 * Issues a personal API token for `user`, optionally limited to repositories, an access level and a lifetime;
 * only the SHA-256 of its secret part is stored.
 * @throws InputError `TOKEN_NAME_INVALID`, `TOKEN_GRANT_INVALID`; AuthError `FORBIDDEN` when a limited token asks
 */
export async function createApiToken(
  deps: CoreDeps,
  actor: Actor,
  user: User,
  name: string,
  grant: TokenGrantInput = {},
): Promise<IssuedApiToken> {
  if (isLimited(actor.grant)) {
    throw new AuthError("forbidden", "FORBIDDEN", "A token with a grant cannot create API tokens; sign in, or use an unlimited token.");
  }
  checkNameText(name, "name", deps.integrations);
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 100 || hasUnsafeCharacters(trimmed)) {
    throw new InputError("TOKEN_NAME_INVALID", "name must be 1–100 printable characters.", "name");
  }
  const repos = checkGrantPatterns(grant.repos);
  const access = grant.access ?? "push";
  if (access !== "read" && access !== "push") throw new InputError("TOKEN_GRANT_INVALID", "access must be read or push.", "access");
  const days = grant.expiresInDays;
  if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= maxExpiryDays)) {
    throw new InputError(
      "TOKEN_GRANT_INVALID",
      `expiresInDays must be a whole number of days from 1 to ${maxExpiryDays}.`,
      "expiresInDays",
    );
  }
  const expiresAt = days === undefined ? null : new Date(deps.now().getTime() + days * 86_400_000).toISOString();
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
    repos,
    access,
    expiresAt,
  };
  await deps.store.apiTokens.insert(record);
  await recordAudit(deps, actor, {
    action: "api-token.create",
    targetType: "api-token",
    targetId: id,
    targetName: trimmed,
    detail: { repos, access, expiresAt },
  });
  return { id, name: trimmed, createdAt: record.createdAt, token: new Secret(`rlk_${id}_${secretPart}`), repos, access, expiresAt };
}

/**
 * Finds the user an API token belongs to, comparing the secret in constant time.
 * @throws AuthError `TOKEN_INVALID` for malformed, unknown, revoked or mismatched tokens alike; `TOKEN_EXPIRED` for a
 *   genuine token past its expiry (only its holder can present it, so saying so discloses nothing)
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
  if (record.expiresAt !== null && Date.parse(record.expiresAt) <= deps.now().getTime()) throw tokenExpired(record);
  const user = await deps.store.users.findById(record.userId);
  if (!user || user.disabledAt !== null) throw invalid();
  return { user, token: record };
}

/**
 * Notes that a token was just used (shown as its "last used"), at most once a minute per token so a busy
 * pipeline does not write on every request. The API and the Git gateway both call it.
 */
export async function recordApiTokenUse(
  deps: Pick<CoreDeps, "store">,
  token: Pick<ApiToken, "id" | "lastUsedAt">,
  now: Date,
): Promise<void> {
  if (token.lastUsedAt !== null && now.getTime() - Date.parse(token.lastUsedAt) <= 60_000) return;
  await deps.store.apiTokens.update(token.id, { lastUsedAt: now.toISOString() });
}

/** The refusal of an expired token, naming it and when it expired. */
export function tokenExpired(token: Pick<ApiToken, "name" | "expiresAt">): AuthError {
  return new AuthError(
    "unauthenticated",
    "TOKEN_EXPIRED",
    `The API token "${token.name}" expired at ${token.expiresAt ?? "?"}; create a new one with \`repolink token create\`.`,
  );
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

/** Public fields of an API token (never its hash), with its grant and last use. */
export function apiTokenView(
  t: ApiToken,
  now: Date,
): {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revoked: boolean;
  repos: string[] | null;
  access: GrantAccess;
  expiresAt: string | null;
  expired: boolean;
} {
  return {
    id: t.id,
    name: t.name,
    createdAt: t.createdAt,
    lastUsedAt: t.lastUsedAt,
    revoked: t.revokedAt !== null,
    repos: t.repos,
    access: t.access,
    expiresAt: t.expiresAt,
    expired: t.expiresAt !== null && Date.parse(t.expiresAt) <= now.getTime(),
  };
}
