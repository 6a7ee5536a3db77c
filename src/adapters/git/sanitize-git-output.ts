import { defaultRedactor, type SecretRedactor } from "../logging/secret-redactor.ts";

// CSI (ESC [ … final), OSC (ESC ] … BEL/ST), other two-byte escapes, and the 8-bit CSI.
// eslint-disable-next-line no-control-regex -- control characters are what is being matched
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;
// eslint-disable-next-line no-control-regex -- control characters are what is being matched
const OTHER_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const MAX_EXCERPT = 300;

/**
 * Makes text a remote sent through git safe to log or show: ANSI escapes and control
 * characters removed, CR turned into line breaks (SECURITY 22), then secrets redacted.
 */
export function sanitizeGitOutput(text: string, redactor: SecretRedactor = defaultRedactor): string {
  const plain = text.replace(/\r\n?/g, "\n").replace(ANSI, "").replace(OTHER_CONTROLS, "");
  return redactor.redact(plain);
}

/** The last few meaningful lines of sanitized stderr, short enough for an error message. */
export function stderrExcerpt(sanitized: string, maxLines = 3): string {
  const lines = sanitized
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !/^(?:remote: )?(?:Counting|Compressing|Receiving|Resolving|Enumerating|Total|Writing) /.test(line));
  const text = lines.slice(-maxLines).join(" | ");
  return text.length <= MAX_EXCERPT ? text : `…${text.slice(-MAX_EXCERPT)}`;
}
