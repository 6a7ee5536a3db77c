import { InputError } from "../errors.ts";

const keyType = /ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(?:256|384|521)|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com/;
const linePattern = new RegExp(
  [/^(?:@cert-authority |@revoked )?[^\s#]+ /.source, `(?:${keyType.source})`, / [A-Za-z0-9+/]+={0,3}(?: [^\r\n]*)?$/.source].join(""),
);

/**
 * Checks pinned SSH host keys in known_hosts form (`host keytype base64`), one per line;
 * blank lines and comments are dropped.
 * @throws InputError `SSH_KNOWN_HOSTS_INVALID` naming the line
 */
export function checkKnownHosts(text: string): string {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
  if (lines.length === 0) throw new InputError("SSH_KNOWN_HOSTS_INVALID", "sshKnownHosts holds no host key.", "sshKnownHosts");
  lines.forEach((line, i) => {
    if (!linePattern.test(line)) {
      throw new InputError(
        "SSH_KNOWN_HOSTS_INVALID",
        `sshKnownHosts line ${i + 1} is not "host keytype base64-key" (as ssh-keyscan prints).`,
        "sshKnownHosts",
      );
    }
  });
  return lines.join("\n");
}
