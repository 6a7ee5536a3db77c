import { tokenTypeLabels, type GithubTokenType, type TokenProblemCode } from "./github-token-formats.ts";

const COPY_AGAIN = "Copy the token again from GitHub and paste all of it (GitHub shows it once, right after Generate token).";

/** The plain-English message for an offline token problem; it never includes the token. */
export function tokenProblemMessage(code: TokenProblemCode, type: GithubTokenType): string {
  const looksLike = `This looks like a ${tokenTypeLabels[type]}`;
  switch (code) {
    case "TOKEN_EMPTY":
      return "The token is empty. Copy the token from GitHub and paste it.";
    case "TOKEN_TRUNCATED":
      return `${looksLike}, but it is shorter than one: part of it was probably cut off when it was copied. ${COPY_AGAIN}`;
    case "TOKEN_TOO_LONG":
      return type === "unknown"
        ? `The token is far longer than any GitHub token: something else was probably pasted with it. ${COPY_AGAIN}`
        : `${looksLike}, but it is longer than one: something extra was probably pasted with it. ${COPY_AGAIN}`;
    case "TOKEN_INVALID_CHARS":
      return type === "unknown"
        ? `The token contains line breaks or control characters, which no token has. ${COPY_AGAIN}`
        : `${looksLike}, but it contains characters a GitHub token never has (only letters, digits and '_'). ${COPY_AGAIN}`;
    case "TOKEN_CHECKSUM_MISMATCH":
      return `${looksLike}, but its built-in checksum does not match: a character was probably mistyped or changed. ${COPY_AGAIN}`;
    case "TOKEN_MALFORMED":
      return `${looksLike}, but its parts are not where GitHub puts them: it was probably mistyped. ${COPY_AGAIN}`;
    case "TOKEN_PREFIX_UNKNOWN":
      return (
        `This looks like a GitHub token, but it does not start with a prefix GitHub uses (such as ghp_ or github_pat_): ` +
        `it was probably mistyped. ${COPY_AGAIN}`
      );
  }
}
