/** The kinds of GitHub token Repolink recognises by prefix; `unknown` is anything else. */
export type GithubTokenType = "classic-pat" | "fine-grained-pat" | "oauth" | "user-to-server" | "server-to-server" | "refresh" | "unknown";

/** Stable codes for a token rejected offline, before GitHub is asked. */
export type TokenProblemCode =
  | "TOKEN_EMPTY"
  | "TOKEN_TRUNCATED"
  | "TOKEN_TOO_LONG"
  | "TOKEN_INVALID_CHARS"
  | "TOKEN_CHECKSUM_MISMATCH"
  | "TOKEN_MALFORMED"
  | "TOKEN_PREFIX_UNKNOWN";

/** What `classifyToken` says about a pasted value; a failure never holds the value. */
export type TokenClassification =
  | {
      ok: true;
      type: GithubTokenType;
      normalized: string;
      checksum: "valid" | "not-applicable";
      /** Only for `unknown`: a GitHub Enterprise Server legacy token, or something else (a password?). */
      unknownFormat?: "legacy-40-hex" | "other";
    }
  | { ok: false; type: GithubTokenType; code: TokenProblemCode; message: string };

/** The `gh?_` prefixes: 4 characters, then 30 random base62 characters and a 6-character checksum. */
export const checksummedPrefixes: Readonly<Record<string, GithubTokenType>> = {
  ghp_: "classic-pat",
  gho_: "oauth",
  ghu_: "user-to-server",
  ghs_: "server-to-server",
  ghr_: "refresh",
};

/** Prefix of fine-grained personal access tokens: `github_pat_` + 22 base62 + `_` + 59 base62. */
export const fineGrainedPrefix = "github_pat_";

/** Length of the part after a `gh?_` prefix. */
export const checksummedBodyLength = 36;

/** Length of the part after `github_pat_`. */
export const fineGrainedBodyLength = 82;

/** How each token type is named in messages. */
export const tokenTypeLabels: Readonly<Record<GithubTokenType, string>> = {
  "classic-pat": "GitHub personal access token (classic)",
  "fine-grained-pat": "GitHub fine-grained personal access token",
  oauth: "GitHub OAuth token",
  "user-to-server": "GitHub App user token",
  "server-to-server": "GitHub App installation token",
  refresh: "GitHub App refresh token",
  unknown: "token",
};
