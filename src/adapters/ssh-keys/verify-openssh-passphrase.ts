import { spawn } from "node:child_process";
import { join } from "node:path";
import { createPrivateTempDir, writePrivateFile } from "../git/private-temp-dir.ts";
import { sshAskpassEnv } from "../git/ssh-askpass.ts";

const TIMEOUT_MS = 60_000;

/**
 * Whether `passphrase` opens an encrypted OpenSSH key: node's crypto has no bcrypt-pbkdf, so
 * `ssh-keygen -y` (the same OpenSSH that will use the key) tries it. The key goes to a 0600
 * file in a 0700 directory under `workDir` (ssh-keygen reads it twice, so a pipe will not do)
 * and the passphrase through askpass, never argv.
 */
export async function verifyOpensshPassphrase(workDir: string, privateKey: string, passphrase: string): Promise<boolean> {
  const dir = await createPrivateTempDir(workDir);
  try {
    const keyFile = join(dir.path, "id_key");
    await writePrivateFile(keyFile, privateKey);
    const env = {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: dir.home,
      LANG: "C",
      LC_ALL: "C",
      ...(await sshAskpassEnv(dir.path, passphrase)),
    };
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn("ssh-keygen", ["-y", "-f", keyFile], { env, stdio: ["ignore", "ignore", "ignore"], timeout: TIMEOUT_MS });
      child.on("error", reject);
      child.on("close", resolve);
    });
    return code === 0;
  } finally {
    await dir.dispose();
  }
}
