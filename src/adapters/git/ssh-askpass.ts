import { join } from "node:path";
import { writePrivateFile } from "./private-temp-dir.ts";

const PASSPHRASE_VARIABLE = "REPOLINK_SSH_PASSPHRASE";
// The passphrase stays in the environment (readable only by our own user), never in a file or argv.
const ASKPASS_SCRIPT = `#!/bin/sh\nprintf '%s\\n' "$${PASSPHRASE_VARIABLE}"\n`;

/**
 * Writes the askpass script into the 0700 `dir` and returns the environment that makes
 * `ssh` or `ssh-keygen` read a key's passphrase from it, without a terminal.
 */
export async function sshAskpassEnv(dir: string, passphrase: string): Promise<Record<string, string>> {
  const askpass = join(dir, "askpass.sh");
  await writePrivateFile(askpass, ASKPASS_SCRIPT, 0o700);
  return { SSH_ASKPASS: askpass, SSH_ASKPASS_REQUIRE: "force", DISPLAY: "none", [PASSPHRASE_VARIABLE]: passphrase };
}
