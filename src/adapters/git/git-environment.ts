/** One `key=value` handed to git through `GIT_CONFIG_COUNT`/`GIT_CONFIG_KEY_n`/`GIT_CONFIG_VALUE_n`. */
export type GitConfigEntry = readonly [key: string, value: string];

/** The transports a git process may use: network ones, or `file` for mirror-local work. */
export type GitProtocol = "https" | "http" | "ssh" | "file";

/** What the environment of one git process is built from. */
export interface GitEnvironmentInput {
  /** A private, empty directory: nothing of the machine's user config is read. */
  home: string;
  protocols: readonly GitProtocol[];
  config?: readonly GitConfigEntry[];
  /** Extra variables (SSH askpass); never `GIT_*` overrides of the fixed ones. */
  extra?: Readonly<Record<string, string>>;
}

// Settings that make a cloned repository inert: no hooks, no submodules, no helpers, no
// redirects, no background maintenance that would outlive the operation (SECURITY 20).
const FIXED_CONFIG: readonly GitConfigEntry[] = [
  ["core.hooksPath", "/dev/null"],
  ["core.fsmonitor", "false"],
  ["submodule.recurse", "false"],
  ["fetch.recurseSubmodules", "false"],
  ["credential.helper", ""],
  ["http.followRedirects", "false"],
  ["gc.autoDetach", "false"],
  ["maintenance.auto", "false"],
  ["init.defaultBranch", "main"],
  ["advice.detachedHead", "false"],
];

/**
 * Builds the whole environment of a git process from an allowlist: nothing of the
 * parent's (`GIT_TRACE*`, `GIT_CURL_VERBOSE`, `GIT_SSH_COMMAND`, `GIT_CONFIG_PARAMETERS`…)
 * is passed (SECURITY 14), prompts are off (SECURITY 23) and only `protocols` are allowed.
 */
export function buildGitEnvironment(input: GitEnvironmentInput): Record<string, string> {
  const fileAllowed = input.protocols.includes("file");
  const config: GitConfigEntry[] = [...FIXED_CONFIG, ["protocol.file.allow", fileAllowed ? "always" : "never"], ...(input.config ?? [])];
  const env: Record<string, string> = {
    ...input.extra,
    PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
    LANG: "C",
    LC_ALL: "C",
    HOME: input.home,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_TERMINAL_PROMPT: "0",
    GIT_ASKPASS: "/bin/false",
    GIT_PROTOCOL_FROM_USER: "0",
    GIT_ALLOW_PROTOCOL: input.protocols.join(":"),
    GIT_NO_REPLACE_OBJECTS: "1",
    GIT_CONFIG_COUNT: String(config.length),
  };
  config.forEach(([key, value], index) => {
    env[`GIT_CONFIG_KEY_${index}`] = key;
    env[`GIT_CONFIG_VALUE_${index}`] = value;
  });
  return env;
}
