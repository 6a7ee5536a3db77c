import { UpstreamError } from "../../core/errors.ts";
import type { ErrorCode } from "../../shared/error-codes.ts";
import { stderrExcerpt } from "./sanitize-git-output.ts";

/** Which kind of git operation failed; a 403 means something else for a push. */
export type GitOperationKind = "read" | "push" | "local";

interface Rule {
  code: ErrorCode;
  pattern: RegExp;
  message: string;
  only?: GitOperationKind;
}

/** Matches any of `parts` (case-insensitive); lets a long alternation span several lines. */
const anyOf = (...parts: RegExp[]): RegExp => new RegExp(parts.map((part) => part.source).join("|"), "i");

// Order matters: SSH prints "Could not read from remote repository" after an auth failure.
const RULES: Rule[] = [
  {
    code: "GIT_HOST_KEY_MISMATCH",
    pattern: anyOf(
      /Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED/,
      /host key for .* (?:has changed|is not known)|No \S+ host key is known/,
    ),
    message: "The SSH host key of the remote is unknown or changed; check the pinned host keys",
  },
  {
    code: "GIT_PUSH_DENIED",
    only: "push",
    pattern: /returned error: 403|Permission to \S+ denied|denied to \S+|\[remote rejected\]|write access .* not granted|protected branch/i,
    message: "The remote refused the push: the credential has no write access to this repository (read-only token or missing permission)",
  },
  {
    code: "GIT_PUSH_REJECTED",
    only: "push",
    pattern: /\[rejected\]|non-fast-forward|fetch first/i,
    message: "The remote rejected the push because the branch has moved on; fetch and retry",
  },
  {
    code: "GIT_AUTH_FAILED",
    pattern: anyOf(
      /Authentication failed|returned error: 401|could not read (?:Username|Password)/,
      /terminal prompts disabled|Invalid username or (?:password|token)/,
      /Permission denied \((?:publickey|[a-z,-]*)\)|Too many authentication failures|incorrect passphrase/,
      /Load key .*:|SAML SSO|returned error: 403/,
    ),
    message: "The remote refused the credential (wrong, revoked or expired, or not allowed for this repository)",
  },
  {
    code: "GIT_REPO_NOT_FOUND",
    pattern:
      /repository '.*' not found|Repository not found|returned error: 404|does not appear to be a git repository|not a git repository/i,
    message: "The repository was not found on the remote, or the credential may not see it",
  },
  {
    code: "GIT_UNREACHABLE",
    pattern: anyOf(
      /Could not resolve (?:host|hostname)|Failed to connect|Connection refused|Connection timed out/,
      /timed out|Network is unreachable|No route to host|Connection reset|Connection closed|Empty reply|SSL/,
      /TLS|certificate|returned error: 5\d\d|RPC failed|unexpected disconnect|remote end hung up/,
    ),
    message: "The remote could not be reached",
  },
];

/**
 * Maps a failed git process to an UpstreamError with a stable code and a plain message
 * ending in a short, sanitized and redacted excerpt of git's stderr.
 * @example gitFailureError("fatal: Authentication failed for 'https://…'", 128, "read").code; // "GIT_AUTH_FAILED"
 */
export function gitFailureError(stderr: string, exitCode: number, kind: GitOperationKind): UpstreamError {
  const excerpt = stderrExcerpt(stderr);
  const rule = RULES.find((candidate) => (candidate.only === undefined || candidate.only === kind) && candidate.pattern.test(stderr));
  const code = rule?.code ?? "GIT_FAILED";
  const message = rule?.message ?? `git failed with exit code ${exitCode}`;
  return new UpstreamError(code, excerpt === "" ? `${message}.` : `${message}. git said: ${excerpt}`, {
    details: { exitCode, stderr: excerpt },
  });
}
