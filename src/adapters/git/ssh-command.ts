/** What the `ssh` command git runs is built from; every path lives in the operation's 0700 temp dir. */
export interface SshCommandInput {
  keyFile: string;
  knownHostsFile: string;
  /** True when a passphrase is supplied through SSH_ASKPASS; batch mode would refuse to ask for it. */
  passphrase: boolean;
  /** The checked address to connect to, pinned so DNS cannot change between check and connect. */
  pinnedAddress?: string;
  /** The name known_hosts is searched under when the address is pinned: `host` or `[host]:port`. */
  hostKeyAlias?: string;
  connectTimeoutSeconds?: number;
}

/** Quotes one word for the POSIX shell git runs `core.sshCommand` through. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The `core.sshCommand` value: only this key, only the pinned known_hosts, strict host key
 * checking (SECURITY 21), no user or system ssh config, no agent, no password prompts.
 * @example buildSshCommand({ keyFile: "/t/key", knownHostsFile: "/t/kh", passphrase: false })
 */
export function buildSshCommand(input: SshCommandInput): string {
  const options: string[] = [
    "IdentitiesOnly=yes",
    "IdentityAgent=none",
    "StrictHostKeyChecking=yes",
    `UserKnownHostsFile=${input.knownHostsFile}`,
    "GlobalKnownHostsFile=/dev/null",
    "UpdateHostKeys=no",
    "CheckHostIP=no",
    "PasswordAuthentication=no",
    "KbdInteractiveAuthentication=no",
    "PreferredAuthentications=publickey",
    "NumberOfPasswordPrompts=1",
    "ControlMaster=no",
    "ControlPath=none",
    "ForwardAgent=no",
    "ClearAllForwardings=yes",
    `ConnectTimeout=${input.connectTimeoutSeconds ?? 20}`,
    `BatchMode=${input.passphrase ? "no" : "yes"}`,
  ];
  if (input.pinnedAddress !== undefined && input.hostKeyAlias !== undefined) {
    options.push(`HostName=${input.pinnedAddress}`, `HostKeyAlias=${input.hostKeyAlias}`);
  }
  const words = ["ssh", "-F", "/dev/null", "-i", input.keyFile, ...options.flatMap((option) => ["-o", option])];
  return words.map((word, index) => (index === 0 ? word : shellQuote(word))).join(" ");
}

/** Checks pinned known_hosts text: lines of `hosts keytype base64key`, comments allowed, at least one key. */
export function normalizeKnownHosts(text: string): string | null {
  const lines = text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.trim());
  const keys = lines.filter((line) => line !== "" && !line.startsWith("#"));
  if (keys.length === 0) return null;
  const valid = keys.every((line) =>
    /^(?:@(?:cert-authority|revoked) )?\S+ (?:ssh|ecdsa|sk)-[\w@.-]+ [A-Za-z0-9+/]+={0,2}(?: .*)?$/.test(line),
  );
  return valid ? `${keys.join("\n")}\n` : null;
}
