import { findDamagedPrefix } from "./find-damaged-prefix.ts";
import {
  checksummedBodyLength,
  checksummedPrefixes,
  fineGrainedBodyLength,
  fineGrainedPrefix,
  type GithubTokenType,
  type TokenClassification,
  type TokenProblemCode,
} from "./github-token-formats.ts";
import { isLegacyHexToken, normalizeTokenInput, startsLikeGithubToken } from "./normalize-token-input.ts";
import { tokenChecksum } from "./token-checksum.ts";
import { tokenProblemMessage } from "./token-problem-message.ts";

/** Longest value accepted as a token or password at all. */
const MAX_LENGTH = 1024;

const fail = (type: GithubTokenType, code: TokenProblemCode): TokenClassification => ({
  ok: false,
  type,
  code,
  message: tokenProblemMessage(code, type),
});

function lengthProblem(actual: number, expected: number): TokenProblemCode | undefined {
  if (actual < expected) return "TOKEN_TRUNCATED";
  if (actual > expected) return "TOKEN_TOO_LONG";
  return undefined;
}

function classifyChecksummed(value: string, type: GithubTokenType): TokenClassification {
  const body = value.slice(4);
  if (!/^[A-Za-z0-9]*$/.test(body)) return fail(type, "TOKEN_INVALID_CHARS");
  const problem = lengthProblem(body.length, checksummedBodyLength);
  if (problem) return fail(type, problem);
  if (tokenChecksum(body.slice(0, 30)) !== body.slice(30)) return fail(type, "TOKEN_CHECKSUM_MISMATCH");
  return { ok: true, type, normalized: value, checksum: "valid" };
}

// GitHub publishes no checksum for fine-grained tokens, so only the shape is checked.
function classifyFineGrained(value: string): TokenClassification {
  const type = "fine-grained-pat";
  const body = value.slice(fineGrainedPrefix.length);
  if (!/^[A-Za-z0-9_]*$/.test(body)) return fail(type, "TOKEN_INVALID_CHARS");
  const problem = lengthProblem(body.length, fineGrainedBodyLength);
  if (problem) return fail(type, problem);
  if (!/^[A-Za-z0-9]{22}_[A-Za-z0-9]{59}$/.test(body)) return fail(type, "TOKEN_MALFORMED");
  return { ok: true, type, normalized: value, checksum: "not-applicable" };
}

/**
 * Classifies a pasted GitHub token offline: type by prefix, charset, length and GitHub's
 * CRC-32 checksum. Never throws; a failure's message never contains the input.
 * @example classifyToken("Bearer ghp_…") // { ok: true, type: "classic-pat", checksum: "valid", … }
 */
export function classifyToken(raw: string): TokenClassification {
  const looksLikeToken = (v: string) => startsLikeGithubToken(v) || findDamagedPrefix(v) !== undefined;
  const value = normalizeTokenInput(typeof raw === "string" ? raw : "", looksLikeToken);
  if (value === "") return fail("unknown", "TOKEN_EMPTY");
  if (value.length > MAX_LENGTH) return fail("unknown", "TOKEN_TOO_LONG");
  if (value.startsWith(fineGrainedPrefix)) return classifyFineGrained(value);
  const type = checksummedPrefixes[value.slice(0, 4)];
  if (type !== undefined) return classifyChecksummed(value, type);
  const damaged = findDamagedPrefix(value);
  if (damaged?.damage === "cut-short") return fail(damaged.type, "TOKEN_TRUNCATED");
  if (damaged !== undefined || startsLikeGithubToken(value)) return fail("unknown", "TOKEN_PREFIX_UNKNOWN");
  // eslint-disable-next-line no-control-regex -- control characters are what is being refused
  if (/[\u0000-\u001f\u007f]/.test(value)) return fail("unknown", "TOKEN_INVALID_CHARS");
  const unknownFormat = isLegacyHexToken(value) ? "legacy-40-hex" : "other";
  return { ok: true, type: "unknown", normalized: value, checksum: "not-applicable", unknownFormat };
}
