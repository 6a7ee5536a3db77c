import { execFile, spawn } from "node:child_process";
import { randomInt } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const SSHD = "/usr/sbin/sshd";

/** A throwaway sshd on 127.0.0.1 that accepts the given public keys for the current user. */
export interface TestSshd {
  port: number;
  /** `[127.0.0.1]:port <host key>`: the known_hosts line to pin. */
  knownHosts: string;
  close(): Promise<void>;
}

/** True when the run may skip the SSH tests (REPOLINK_TEST_SKIP_SSH=1); otherwise a missing sshd fails them. */
export const skipSsh = process.env.REPOLINK_TEST_SKIP_SSH === "1";

/** Why an sshd cannot run here, or null when it can (needs /usr/sbin/sshd and root for its privilege separation). */
export function sshdUnavailable(): string | null {
  const remedy = "or set REPOLINK_TEST_SKIP_SSH=1 to skip the SSH tests";
  if (!existsSync(SSHD)) return `no ${SSHD} on this machine: install Debian's openssh-server (.ci/run does) ${remedy}`;
  if (process.getuid?.() !== 0) return `sshd needs root here for its privilege separation: run the tests as root ${remedy}`;
  return null;
}

/** Makes an ed25519 key pair in `dir` (passphrase only for tests) and returns the private and public key text. */
export async function makeKeyPair(dir: string, name: string, passphrase = ""): Promise<{ privateKey: string; publicKey: string }> {
  await run("ssh-keygen", ["-q", "-t", "ed25519", "-N", passphrase, "-C", name, "-f", join(dir, name)]);
  return { privateKey: await readFile(join(dir, name), "utf8"), publicKey: await readFile(join(dir, `${name}.pub`), "utf8") };
}

type Started = { kind: "listening"; close: () => Promise<void> } | { kind: "port-taken" };

/**
 * Runs sshd on `port` and waits for its own "Server listening" line. sshd cannot bind port 0
 * and report it, so the caller picks a port and tries another when sshd says it is taken
 * (a port checked free beforehand could be taken before sshd binds it).
 */
function runSshd(configFile: string): Promise<Started> {
  const child = spawn(SSHD, ["-D", "-e", "-f", configFile], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  return new Promise((resolve, reject) => {
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-64 * 1024);
      if (/Server listening on 127\.0\.0\.1 port \d+/.test(stderr)) {
        resolve({
          kind: "listening",
          async close() {
            if (child.exitCode !== null || child.signalCode !== null) return;
            const closed = new Promise((done) => child.once("close", done));
            child.kill("SIGTERM");
            await closed;
          },
        });
      }
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (/Address already in use/.test(stderr)) resolve({ kind: "port-taken" });
      else reject(new Error(`sshd exited with ${code} before listening:\n${stderr}`));
    });
  });
}

/** Starts sshd in `dir` with a fresh host key, accepting `authorizedKeys`. */
export async function startTestSshd(dir: string, authorizedKeys: string[]): Promise<TestSshd> {
  await mkdir("/run/sshd", { recursive: true, mode: 0o755 });
  const host = await makeKeyPair(dir, "host_key");
  await writeFile(join(dir, "authorized_keys"), authorizedKeys.join(""), { mode: 0o600 });
  const configFile = join(dir, "sshd_config");
  for (let attempt = 0; attempt < 20; attempt++) {
    // Below Linux's ephemeral range (32768–60999), where the kernel hands out ports of its own.
    const port = randomInt(20_000, 32_000);
    await writeFile(
      configFile,
      [
        `Port ${port}`,
        "ListenAddress 127.0.0.1",
        `HostKey ${join(dir, "host_key")}`,
        `AuthorizedKeysFile ${join(dir, "authorized_keys")}`,
        "StrictModes no",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "UsePAM no",
        "PermitRootLogin prohibit-password",
        `PidFile ${join(dir, "sshd.pid")}`,
        "LogLevel INFO",
        "",
      ].join("\n"),
    );
    const started = await runSshd(configFile);
    if (started.kind === "port-taken") continue;
    const [type = "", key = ""] = host.publicKey.trim().split(" ");
    return { port, knownHosts: `[127.0.0.1]:${port} ${type} ${key}\n`, close: started.close };
  }
  throw new Error("sshd found every port it tried taken");
}
