/** One hand-picked change to a security-critical line, and the tests that must notice it. */
export interface Mutation {
  /** Short stable name, used with `--only`. */
  id: string;
  /** What the change breaks, in words. */
  what: string;
  /** File to change, relative to the repository root. */
  file: string;
  /** Text that must occur exactly once in `file`… */
  find: string;
  /** …and what it becomes. */
  replace: string;
  /** The test files that cover the line (run together, one file at a time). */
  tests: string[];
  /**
   * Why no test can tell the mutant from the original (defence in depth behind another check),
   * for a mutation kept to show that; its survival is reported but not counted against the score.
   */
  equivalent?: string;
  /** For a mutation known to survive: the gap it shows, in words. */
  note?: string;
}

const SSH_TESTS = ["test/git/ssh-transport.test.ts"];
const GIT_CREDENTIAL_TESTS = ["src/core/git-credentials/parse-credential-request.test.ts", "test/security/fuzz-git-credential.test.ts"];
const SSRF_TESTS = ["src/adapters/net/address-policy.test.ts", "src/adapters/net/guarded-fetch.test.ts", "test/security/fuzz-ssrf.test.ts"];
const REDACTION_TESTS = ["src/adapters/logging/secret-redactor.test.ts", "src/adapters/logging/create-logger.test.ts"];
const CIPHER_TESTS = ["src/adapters/crypto/aes-gcm-cipher.test.ts"];
const SESSION_TESTS = ["test/api/setup-and-sessions.test.ts"];
const REMOTE_URL_TESTS = ["src/adapters/git/check-remote-url.test.ts", "test/security/fuzz-repo-url.test.ts"];

/**
 * The mutations `npm run test:mutation` applies, one at a time. Each names one line of
 * src/core, src/adapters/net or another security-critical spot, and the tests that cover it.
 */
export const mutations: readonly Mutation[] = [
  // --- Git credential protocol (SECURITY 16)
  {
    id: "credential-host-prefix-match",
    what: "a git credential request's host is matched by prefix, so github.com.evil.tld gets github.com's token",
    file: "src/core/git-credentials/match-repository-for-git.ts",
    find: "url.host.toLowerCase() !== host)",
    replace: "!host.startsWith(url.host.toLowerCase()))",
    tests: ["src/core/git-credentials/match-repository-for-git.test.ts", "test/security/fuzz-git-credential.test.ts"],
  },
  {
    id: "credential-input-allows-cr",
    what: "git credential input holding a carriage return is parsed instead of refused",
    file: "src/core/git-credentials/parse-credential-request.ts",
    find: 'if (input.includes("\\r") || input.includes("\\u0000"))',
    replace: 'if (input.includes("\\u0000"))',
    tests: GIT_CREDENTIAL_TESTS,
  },
  {
    id: "credential-input-repeated-key",
    what: "a repeated key in git credential input silently overrides the first",
    file: "src/core/git-credentials/parse-credential-request.ts",
    find: 'if (fields.has(key)) throw invalid(`"${key}" is given twice`);',
    replace: "",
    tests: GIT_CREDENTIAL_TESTS,
  },
  {
    id: "credential-answer-line-break",
    what: "an answer value with a line break is written to git, splitting into extra lines",
    file: "src/core/git-credentials/parse-credential-request.ts",
    find: "if (hasControlCharacters(value))",
    replace: "if (false)",
    tests: GIT_CREDENTIAL_TESTS,
  },
  // --- Token checksum (offline check of GitHub tokens)
  {
    id: "checksum-base",
    what: "the token checksum is computed in base 61 instead of base 62",
    file: "src/integrations/github/token-checksum.ts",
    find: "out = BASE62[value % 62] + out;",
    replace: "out = BASE62[value % 61] + out;",
    tests: ["src/integrations/github/token-checksum.test.ts"],
  },
  {
    id: "checksum-ignored",
    what: "a classic token with a wrong checksum is accepted",
    file: "src/integrations/github/classify-token.ts",
    find: 'if (tokenChecksum(body.slice(0, 30)) !== body.slice(30)) return fail(type, "TOKEN_CHECKSUM_MISMATCH");',
    replace: "",
    tests: ["src/integrations/github/classify-token.test.ts", "test/security/fuzz-token-classifier.test.ts"],
  },
  // --- API tokens, setup code, CSRF, constant-time compare (SECURITY 30, 31)
  {
    id: "api-token-revocation-ignored",
    what: "a revoked API token still authenticates",
    file: "src/core/users/api-tokens.ts",
    find: "if (!record || !same || record.revokedAt !== null) throw invalid();",
    replace: "if (!record || !same) throw invalid();",
    tests: SESSION_TESTS,
  },
  {
    id: "api-token-secret-unchecked",
    what: "an API token authenticates by its id alone, whatever its secret part",
    file: "src/core/users/api-tokens.ts",
    find: "if (!record || !same || record.revokedAt !== null) throw invalid();",
    replace: "if (!record || record.revokedAt !== null) throw invalid();",
    tests: SESSION_TESTS,
  },
  {
    id: "setup-code-any-of-same-length",
    what: "any setup code of the right length creates the first admin",
    file: "src/core/users/setup-code.ts",
    find: "return given.length === expected.length && timingSafeEqual(given, expected);",
    replace: "return given.length === expected.length;",
    tests: SESSION_TESTS,
  },
  {
    id: "csrf-post-unchecked",
    what: "POST requests from a browser session need no CSRF token",
    file: "src/interfaces/http/resolve-actor.ts",
    find: 'const unsafeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);',
    replace: 'const unsafeMethods = new Set(["PUT", "PATCH", "DELETE"]);',
    tests: SESSION_TESTS,
  },
  {
    id: "csrf-any-token",
    what: "any non-empty X-CSRF-Token is accepted",
    file: "src/interfaces/http/resolve-actor.ts",
    find: "if (!constantTimeEqual(presented, session.csrfToken)) {",
    replace: 'if (presented === "") {',
    tests: SESSION_TESTS,
  },
  {
    id: "constant-time-compare-unhashed",
    what: "constantTimeEqual compares the raw strings, so different lengths throw (and leak the length)",
    file: "src/adapters/crypto/constant-time-equal.ts",
    find: "return timingSafeEqual(left, right);",
    replace: "return timingSafeEqual(Buffer.from(a), Buffer.from(b));",
    tests: ["src/adapters/crypto/constant-time-equal.test.ts", ...SESSION_TESTS],
  },
  {
    id: "constant-time-compare-early-exit",
    what: "constantTimeEqual uses an ordinary comparison that returns at the first differing byte",
    file: "src/adapters/crypto/constant-time-equal.ts",
    find: "return timingSafeEqual(left, right);",
    replace: "return left.equals(right);",
    tests: ["src/adapters/crypto/constant-time-equal.test.ts", ...SESSION_TESTS],
    note:
      "Known gap: no test measures timing (SECURITY 31 is partial for the same reason); a statistical timing test would be " +
      "flaky on a shared machine, so only code review guards this line.",
  },
  // --- Authorisation and host binding (SECURITY 28, 29)
  {
    id: "private-credential-visible",
    what: "any member can see and use another member's private credential",
    file: "src/core/credentials/credential-access.ts",
    find: 'return credential.scope === "global" || credential.ownerId === actor.id;',
    replace: 'return credential.scope === "global" || credential.ownerId !== null;',
    tests: ["test/api/credentials.test.ts", "test/repositories/repository-access.test.ts"],
  },
  {
    id: "credential-serves-any-host",
    what: "a credential is sent to a host it is not bound to (registration, checks, branches, git's helper)",
    file: "src/core/credentials/credential-serves.ts",
    find: "if (credential.hostName !== repository.hostName) {",
    replace: "if (false) {",
    tests: ["test/repositories/repository-access.test.ts", "src/core/repositories/run-connection-checks.test.ts"],
  },
  {
    id: "serve-binds-all-interfaces",
    what: "`repolink serve` listens on every interface by default instead of 127.0.0.1",
    file: "src/interfaces/cli/commands/local-commands.ts",
    find: '.option("--host <host>", "address to listen on", "127.0.0.1")',
    replace: '.option("--host <host>", "address to listen on", "0.0.0.0")',
    tests: ["test/notifications/webhook-cli.test.ts"],
  },
  // --- Envelope encryption (SECURITY 2, 3, 4)
  {
    id: "aad-without-version",
    what: "the associated data leaves out the secret's version, so an old box opens as a newer version",
    file: "src/core/credentials/credential.ts",
    find: "return `repolink/credential/${id}/v${version}`;",
    replace: "return `repolink/credential/${id}`;",
    tests: CIPHER_TESTS,
  },
  {
    id: "wrapped-key-not-bound-to-record",
    what: "the wrapped data key is bound to the KEK id only, not to the record's associated data",
    file: "src/adapters/crypto/aes-gcm-cipher.ts",
    find: 'return Buffer.from(`${kekId}\\u0000${aad}`, "utf8");',
    replace: 'return Buffer.from(kekId, "utf8");',
    tests: CIPHER_TESTS,
    equivalent:
      "the data part is sealed with the record's associated data too, so a box or a wrapped key moved to another record still " +
      "fails to open (and `rewrap` opens the data before re-wrapping); binding the wrapped key as well is defence in depth that " +
      "no caller can observe",
  },
  {
    id: "fixed-data-nonce",
    what: "every secret is sealed with the same all-zero nonce",
    file: "src/adapters/crypto/aes-gcm-cipher.ts",
    find: 'const data = gcmSeal(dek, randomBytes(GCM_NONCE_BYTES), bytes, Buffer.from(aad, "utf8"));',
    replace: 'const data = gcmSeal(dek, Buffer.alloc(GCM_NONCE_BYTES), bytes, Buffer.from(aad, "utf8"));',
    tests: CIPHER_TESTS,
  },
  // --- SSRF guard (SECURITY 24, 25, 26)
  {
    id: "loopback-range-narrowed",
    what: "only 127.0.0.0/16 counts as loopback, so 127.1.0.1 is treated as public",
    file: "src/adapters/net/address-policy.ts",
    find: '[[127, 0, 0, 0], 8, "loopback"],',
    replace: '[[127, 0, 0, 0], 16, "loopback"],',
    tests: SSRF_TESTS,
  },
  {
    id: "private-allowed-without-opt-in",
    what: "private and loopback addresses are allowed without allowPrivateNetwork",
    file: "src/adapters/net/address-policy.ts",
    find: 'if (!allowPrivateNetwork || kind === "unspecified" || kind === "reserved") return false;',
    replace: 'if (kind === "unspecified" || kind === "reserved") return false;',
    tests: SSRF_TESTS,
  },
  {
    id: "metadata-allowed",
    what: "cloud metadata addresses are allowed on a private network",
    file: "src/adapters/net/address-policy.ts",
    find: "return !isMetadataAddress(ip);",
    replace: "return true;",
    tests: SSRF_TESTS,
  },
  {
    id: "ipv4-mapped-public",
    what: "IPv6 addresses embedding an IPv4 address (::ffff:127.0.0.1) are classed public",
    file: "src/adapters/net/address-policy.ts",
    find: 'return kind === "public" && !reachesPublic ? "reserved" : kind;',
    replace: 'return "public";',
    tests: SSRF_TESTS,
  },
  {
    id: "octal-ipv4-read-as-decimal",
    what: "a legacy octal IPv4 part (0177.0.0.1) is read as decimal",
    file: "src/adapters/net/parse-host-literal.ts",
    find: "return /^0[0-7]+$/.test(part) ? Number.parseInt(part.slice(1), 8) : null;",
    replace: "return /^0[0-7]+$/.test(part) ? Number.parseInt(part.slice(1), 10) : null;",
    tests: ["src/adapters/net/parse-host-literal.test.ts", "test/security/fuzz-ssrf.test.ts"],
  },
  {
    id: "dns-answer-any-allowed",
    what: "a DNS answer passes when any one address is allowed (mixed public/private answers)",
    file: "src/adapters/net/resolve-allowed-addresses.ts",
    find: "if (!addresses.every(({ address }) => isAllowedAddress(address, allowPrivateNetwork))) throw addressRefusedError();",
    replace: "if (!addresses.some(({ address }) => isAllowedAddress(address, allowPrivateNetwork))) throw addressRefusedError();",
    tests: SSRF_TESTS,
  },
  {
    id: "ip-literal-unchecked",
    what: "the guarded fetch connects to IP literals without checking them",
    file: "src/adapters/net/guarded-fetch.ts",
    find: 'if (literal.kind === "invalid" || (literal.kind === "ip" && !isAllowedAddress(literal.address, policy.allowPrivateNetwork))) {',
    replace: 'if (literal.kind === "invalid") {',
    tests: SSRF_TESTS,
  },
  {
    id: "lookup-allows-private",
    what: "the lookup inside the connection allows private addresses whatever the policy",
    file: "src/adapters/net/guarded-fetch.ts",
    find: "lookup: createGuardedLookup(policy.allowPrivateNetwork, policy.lookup),",
    replace: "lookup: createGuardedLookup(true, policy.lookup),",
    tests: SSRF_TESTS,
  },
  {
    id: "redirect-to-other-origin",
    what: "redirects to another origin are followed (and carry Authorization there)",
    file: "src/adapters/net/guarded-fetch.ts",
    find: 'return next.origin === current.origin && next.username === "" && next.password === "" ? next : null;',
    replace: 'return next.username === "" && next.password === "" ? next : null;',
    tests: ["src/adapters/net/guarded-fetch-redirects.test.ts"],
  },
  {
    id: "userinfo-allowed",
    what: "outgoing URLs with a user name or password are allowed",
    file: "src/adapters/net/check-url-allowed.ts",
    find: '(url.protocol !== "http:" && url.protocol !== "https:") || url.username !== "" || url.password !== ""',
    replace: 'url.protocol !== "http:" && url.protocol !== "https:"',
    tests: ["src/adapters/net/check-url-allowed.test.ts", "src/adapters/net/guarded-fetch.test.ts"],
  },
  // --- Redaction (SECURITY 13)
  {
    id: "authorization-header-kept",
    what: "Authorization header values are not redacted",
    file: "src/adapters/logging/secret-redactor.ts",
    find: "out = out.replace(HEADER_AUTHORIZATION, `$1${REDACTED}`);",
    replace: "",
    tests: REDACTION_TESTS,
  },
  {
    id: "github-token-pattern-kept",
    what: "GitHub tokens the redactor was not told about are left in the text",
    file: "src/adapters/logging/secret-redactor.ts",
    find: "for (const pattern of this.#tokenPatterns) out = out.replace(pattern, REDACTED);",
    replace: "",
    tests: REDACTION_TESTS,
  },
  {
    id: "base64-forms-kept",
    what: "base64 forms of a remembered secret are not redacted",
    file: "src/adapters/logging/secret-variants.ts",
    find: 'for (const core of base64Cores(bytes, "base64")) variants.add(core);',
    replace: "",
    tests: REDACTION_TESTS,
  },
  {
    id: "secret-json-reveals",
    what: "a Secret serialised to JSON shows its value",
    file: "src/core/secret.ts",
    find: 'toJSON(): string {\n    return "[REDACTED]";',
    replace: "toJSON(): string {\n    return this.#value;",
    tests: ["src/core/secret.test.ts", ...REDACTION_TESTS],
  },
  // --- Git argv and remote URLs (SECURITY 15, 17, 18, 19)
  {
    id: "ls-remote-without-separator",
    what: "git ls-remote gets the URL without `--` before it",
    file: "src/adapters/git/list-remote-refs.ts",
    find: '["ls-remote", "--symref", "--", session.url, ...patterns]',
    replace: '["ls-remote", "--symref", session.url, ...patterns]',
    tests: ["test/git/git-argv-separator.test.ts"],
  },
  {
    id: "mirror-fetch-without-separator",
    what: "the mirror fetch gets the URL without `--` before it",
    file: "src/adapters/git/sync-mirror.ts",
    find: '["--prune", "--", session.url, ...MIRROR_REFSPECS]',
    replace: '["--prune", session.url, ...MIRROR_REFSPECS]',
    tests: ["test/git/git-argv-separator.test.ts"],
  },
  {
    id: "cli-ref-probe-ignores-host-policy",
    what: "the CLI's in-process ref advertisement connects to private addresses whatever the host allows (SSRF)",
    file: "src/adapters/git/list-refs-over-http.ts",
    find: "await checkHostAllowed(url.hostname, remote.allowPrivateNetwork);",
    replace: "await checkHostAllowed(url.hostname, true);",
    tests: ["test/git/checkout-fast-path.test.ts"],
  },
  {
    id: "helper-get-lists-every-repository",
    what: "git-credential get reads every registered repository instead of the one its path names",
    file: "src/core/git-credentials/resolve-git-credential.ts",
    find: "await deps.store.repositories.listByPath(path);",
    replace: "await deps.store.repositories.list();",
    tests: ["test/git-credential/git-credential-at-scale.test.ts"],
  },
  {
    id: "working-copy-shortcut-ignores-other-refs",
    what: "an up-to-date branch skips the fetch even when other refs moved or went away upstream",
    file: "src/adapters/git/checkout-working-copy.ts",
    find: 'if (state.head === branchRef && local === target.sha && plan.kind === "none")',
    replace: "if (state.head === branchRef && local === target.sha)",
    tests: ["test/git/checkout-fast-path.test.ts"],
  },
  {
    id: "argv-secret-allowed",
    what: "runGit passes an argument that holds a secret to git's command line",
    file: "src/adapters/git/run-git.ts",
    find: "if (defaultRedactor.redact(visible) !== visible)",
    replace: "if (false)",
    tests: ["test/git/git-argv-separator.test.ts"],
  },
  {
    id: "remote-url-encoded-control",
    what: "percent-encoded control characters in a remote URL reach git",
    file: "src/adapters/git/check-remote-url.ts",
    find: 'if (ENCODED_CONTROL.test(input)) throw invalid("it contains percent-encoded control characters");',
    replace: "",
    tests: REMOTE_URL_TESTS,
  },
  {
    id: "remote-url-option-path",
    what: "a remote path segment starting with '-' (option injection) reaches git",
    file: "src/adapters/git/check-remote-url.ts",
    find: 'if (trimmed.startsWith("-") || path.includes("/-")) throw',
    replace: 'if (trimmed.startsWith("-")) throw',
    tests: REMOTE_URL_TESTS,
  },
  {
    id: "remote-url-http-always",
    what: "plain http:// remotes are allowed without the host being registered as http",
    file: "src/adapters/git/check-remote-url.ts",
    find: 'if (scheme !== "https" && scheme !== "ssh" && !(scheme === "http" && policy.allowHttp === true)) {',
    replace: 'if (scheme !== "https" && scheme !== "ssh" && scheme !== "http") {',
    tests: ["src/adapters/git/check-remote-url.test.ts"],
  },
  {
    id: "repo-url-http-for-https-host",
    what: "the repository registry accepts http:// for a host registered with https",
    file: "src/core/repositories/parse-repo-url.ts",
    find: 'if (scheme === "http" && new URL(found.webUrl).protocol !== "http:")',
    replace: "if (false)",
    tests: ["src/core/repositories/parse-repo-url.test.ts", "test/repositories/repository-access.test.ts"],
  },
  // --- SSH (SECURITY 12, 21, 23), proven against a real sshd
  {
    id: "ssh-host-key-unchecked",
    what: "ssh connects to hosts whose key is unknown or changed",
    file: "src/adapters/git/ssh-command.ts",
    find: '"StrictHostKeyChecking=yes",',
    replace: '"StrictHostKeyChecking=no",',
    tests: SSH_TESTS,
  },
  {
    id: "ssh-host-key-accept-new",
    what: "ssh accepts an unknown host key on first use",
    file: "src/adapters/git/ssh-command.ts",
    find: '"StrictHostKeyChecking=yes",',
    replace: '"StrictHostKeyChecking=accept-new",',
    tests: SSH_TESTS,
  },
  {
    id: "ssh-passphrase-asked-again",
    what: "ssh asks for a wrong passphrase again instead of failing",
    file: "src/adapters/git/ssh-command.ts",
    find: '"NumberOfPasswordPrompts=1",',
    replace: '"NumberOfPasswordPrompts=3",',
    tests: SSH_TESTS,
  },
  {
    id: "key-dir-world-readable",
    what: "the operation's key directory is 0755 instead of 0700",
    file: "src/adapters/git/private-temp-dir.ts",
    find: "await chmod(path, 0o700);",
    replace: "await chmod(path, 0o755);",
    tests: SSH_TESTS,
  },
  {
    id: "key-files-left-behind",
    what: "the key, known_hosts and askpass files are not removed after the operation",
    file: "src/adapters/git/private-temp-dir.ts",
    find: "dispose: () => rm(path, { recursive: true, force: true })",
    replace: "dispose: async () => undefined",
    tests: SSH_TESTS,
  },
  {
    id: "leftovers-not-swept",
    what: "key directories left by a killed process are never swept",
    file: "src/adapters/git/git-cli-transport.ts",
    find: "ready: sweepLeftovers(workDir).catch(() => 0),",
    replace: "ready: Promise.resolve(0),",
    tests: SSH_TESTS,
  },
  // --- Items whose tests had no mutation shown yet (SECURITY 2, 5, 10, 14, 17, 20)
  {
    id: "gcm-open-plaintext-fallback",
    what: "a box whose authentication tag fails still gives back the decrypted bytes (SECURITY 2)",
    file: "src/adapters/crypto/aes-gcm-box.ts",
    find: "    body.fill(0);\n    return undefined;",
    replace: "    return body;",
    tests: ["src/adapters/crypto/aes-gcm-cipher.test.ts"],
  },
  {
    id: "missing-master-key-generates",
    what: "a missing master key, with secrets already stored, makes a new key instead of leaving the store sealed (SECURITY 5)",
    file: "src/adapters/crypto/master-key.ts",
    find: "  if (!options.mayGenerate) {",
    replace: "  if (false) {",
    tests: ["src/adapters/crypto/master-key.test.ts", "test/api/sealed-store-and-key-rotation.test.ts"],
  },
  {
    id: "git-stderr-not-sanitized",
    what: "git's stderr reaches errors and logs with its escapes and secrets (SECURITY 10, 22)",
    file: "src/adapters/git/sanitize-git-output.ts",
    find: "  return redactor.redact(plain);",
    replace: "  return text;",
    tests: ["src/adapters/git/sanitize-git-output.test.ts"],
  },
  {
    id: "git-reads-system-config",
    what: "git processes read the machine's system-wide config (SECURITY 14)",
    file: "src/adapters/git/git-environment.ts",
    find: '    GIT_CONFIG_NOSYSTEM: "1",\n',
    replace: "",
    tests: ["src/adapters/git/git-environment.test.ts"],
  },
  {
    id: "remote-url-host-unchecked",
    what: "a remote URL's host is not checked, so https:///x and option-like hosts reach git (SECURITY 17)",
    file: "src/adapters/git/check-remote-url.ts",
    find: '  const host = checkHost(portMatch?.[1] ?? "");',
    replace: '  const host = (portMatch?.[1] ?? "").toLowerCase();',
    tests: ["src/adapters/git/check-remote-url.test.ts", "test/security/fuzz-repo-url.test.ts"],
  },
  {
    id: "hooks-run-on-checkout",
    what: "a cloned repository's hooks path is not disabled, so hooks could run (SECURITY 20)",
    file: "src/adapters/git/git-environment.ts",
    find: '  ["core.hooksPath", "/dev/null"],\n',
    replace: "",
    tests: ["src/adapters/git/git-environment.test.ts", "test/git/hostile-repository.test.ts"],
  },
  {
    id: "secret-into-audit-row",
    what: "the stored secret is written into the audit row of its creation, in the database at rest (SECURITY 1)",
    file: "src/core/credentials/create-credential.ts",
    find: "detail: { type: credential.kind, scope, host: hostName, fingerprint: credential.fingerprint, status: credential.status },",
    replace:
      "detail: { type: credential.kind, scope, host: hostName, fingerprint: credential.fingerprint, status: credential.status, " +
      "raw: JSON.stringify(payload) },",
    tests: ["test/api/credentials.test.ts"],
  },
  {
    id: "preview-shows-whole-token",
    what: "the preview that lists and details show is the whole token (SECURITY 8)",
    file: "src/integrations/github/preview-token.ts",
    find: "if (prefix !== undefined && value.length >= prefix.length + 12) return `${prefix}…${value.slice(-4)}`;",
    replace: "if (prefix !== undefined && value.length >= prefix.length + 12) return value;",
    tests: ["test/api/credentials.test.ts"],
  },
  {
    id: "token-accepted-as-credential-name",
    what: "a token pasted as a credential's name is stored and shown in clear (issue 14)",
    file: "src/core/credentials/check-credential-name.ts",
    find: '  checkNameText(raw, "name", tokens);\n',
    replace: "",
    tests: ["test/security/secret-in-wrong-field.test.ts"],
  },
  {
    id: "login-backoff-ignored",
    what: "a username or address in back-off signs in anyway (issue 14, F4)",
    file: "src/core/users/login-guard.ts",
    find: "    if (waitMs > 0) {\n",
    replace: "    if (false && waitMs > 0) {\n",
    tests: ["test/security/login-throttling.test.ts"],
  },
  {
    id: "unsafe-name-characters-accepted",
    what: "a name with U+202E, ESC or a lone surrogate is stored (issue 14, F3)",
    file: "src/core/text/check-name-text.ts",
    find: "  if (value && hasUnsafeCharacters(value)) {\n",
    replace: "  if (false && value && hasUnsafeCharacters(value)) {\n",
    tests: ["test/security/names-and-origins.test.ts"],
  },
];
