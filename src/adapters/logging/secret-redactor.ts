import { Secret } from "../../core/secret.ts";
import { LiteralMatcher } from "./literal-matcher.ts";
import { secretVariants } from "./secret-variants.ts";

const REDACTED = "[REDACTED]";
const MIN_SECRET = 8;

const PRIVATE_KEY_BLOCK =
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?:[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY-----|(?:[A-Za-z0-9+/=:, \t\r\n-]|\\+[rn])*)/g;
const BASIC_VALUE = /(\bbasic(?:\s|%20|\+)+)([A-Za-z0-9+/_-]{6,}={0,2})/gi;
const QUOTED_AUTHORIZATION = /(\b(?:proxy-)?authorization(?:\\*["'])?\s*[:=]\s*(?:\[\s*)?\\*["'])([^"'\\\r\n]+)/gi;
const HEADER_AUTHORIZATION = /(\b(?:proxy-)?authorization[ \t]*[:=][ \t]*)([^\s"'\\{}[\],][^"'\\\r\n]*)/gi;
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)(?!git@)[^\s/?#"'<>\\]+@/gi;

/**
 * Removes secrets from text: every remembered secret in any common encoding, plus private
 * key blocks, tokens matching the given patterns (the registered host kinds' token formats,
 * e.g. GitHub's), Authorization values, Basic credentials and URL userinfo.
 *
 * @example
 * redactor.remember(token);
 * redactor.redact(`cloning with ${token}`); // "cloning with [REDACTED]"
 */
export class SecretRedactor {
  readonly #known = new Set<string>();
  readonly #matcher = new LiteralMatcher();
  readonly #tokenPatterns: RegExp[] = [];

  /** @param options.tokenPatterns token formats to redact even when never remembered (global regular expressions) */
  constructor(options: { tokenPatterns?: readonly RegExp[] } = {}) {
    this.addTokenPatterns(options.tokenPatterns ?? []);
  }

  /** Redacts tokens matching `patterns` from now on (the registered host kinds' formats); a pattern already known is skipped. */
  addTokenPatterns(patterns: readonly RegExp[]): void {
    for (const pattern of patterns) {
      if (this.#tokenPatterns.some((p) => p.source === pattern.source)) continue;
      this.#tokenPatterns.push(new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`));
    }
  }

  /** Remembers a secret so that every later `redact` removes it; values shorter than 8 characters are ignored. */
  remember(secret: string): void {
    if (secret.length < MIN_SECRET || this.#known.has(secret)) return;
    this.#known.add(secret);
    for (const variant of secretVariants(secret)) this.#matcher.add(variant);
  }

  /** Returns `text` with every secret it can find replaced by `[REDACTED]`. */
  redact(text: string): string {
    let out = text;
    if (out.includes("PRIVATE KEY-----")) out = out.replace(PRIVATE_KEY_BLOCK, REDACTED);
    out = out.replace(BASIC_VALUE, (match, prefix: string, value: string) => (this.#isCredential(value) ? prefix + REDACTED : match));
    out = out.replace(QUOTED_AUTHORIZATION, `$1${REDACTED}`);
    out = out.replace(HEADER_AUTHORIZATION, `$1${REDACTED}`);
    out = out.replace(URL_USERINFO, `$1${REDACTED}@`);
    out = this.#matcher.replaceAll(out, REDACTED);
    for (const pattern of this.#tokenPatterns) out = out.replace(pattern, REDACTED);
    return out;
  }

  // A Basic value that decodes to `user:password`, a remembered secret or a token is a credential.
  #isCredential(value: string): boolean {
    const bytes = Buffer.from(value.replace(/=+$/, ""), value.includes("-") || value.includes("_") ? "base64url" : "base64");
    const decoded = bytes.toString("utf8");
    if (bytes.length === 0 || /[^\x20-\x7e\u00a0-\ufffc]/.test(decoded)) return false;
    return decoded.includes(":") || this.#tokenPatterns.some((p) => decoded.search(p) !== -1) || this.#matcher.test(decoded);
  }
}

/** The process-wide redactor that the logger uses and every `Secret` feeds. */
export const defaultRedactor = new SecretRedactor();

const installed = new WeakSet<SecretRedactor>();

/** Makes `redactor` remember every value wrapped in (or remembered through) `Secret` from now on; idempotent. */
export function installSecretRedaction(redactor: SecretRedactor = defaultRedactor): void {
  if (installed.has(redactor)) return;
  installed.add(redactor);
  Secret.observe((value) => redactor.remember(value));
}
