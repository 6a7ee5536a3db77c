import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { connect, createServer, type AddressInfo } from "node:net";
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

/** Why an sshd cannot run here, or null when it can (needs /usr/sbin/sshd and root for its privilege separation). */
export function sshdUnavailable(): string | null {
  if (!existsSync(SSHD)) return "no /usr/sbin/sshd on this machine";
  if (process.getuid?.() !== 0) return "sshd needs root here";
  return null;
}

/** Makes an ed25519 key pair in `dir` (passphrase only for tests) and returns the private and public key text. */
export async function makeKeyPair(dir: string, name: string, passphrase = ""): Promise<{ privateKey: string; publicKey: string }> {
  await run("ssh-keygen", ["-q", "-t", "ed25519", "-N", passphrase, "-C", name, "-f", join(dir, name)]);
  return { privateKey: await readFile(join(dir, name), "utf8"), publicKey: await readFile(join(dir, `${name}.pub`), "utf8") };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`sshd exited with ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1", () => { socket.end(); resolve(true); });
      socket.on("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("sshd did not start");
}

/** Starts sshd in `dir` with a fresh host key, accepting `authorizedKeys`. */
export async function startTestSshd(dir: string, authorizedKeys: string[]): Promise<TestSshd> {
  await mkdir("/run/sshd", { recursive: true, mode: 0o755 });
  const host = await makeKeyPair(dir, "host_key");
  await writeFile(join(dir, "authorized_keys"), authorizedKeys.join(""), { mode: 0o600 });
  const port = await freePort();
  await writeFile(join(dir, "sshd_config"), [
    `Port ${port}`, "ListenAddress 127.0.0.1", `HostKey ${join(dir, "host_key")}`, `AuthorizedKeysFile ${join(dir, "authorized_keys")}`,
    "StrictModes no", "PasswordAuthentication no", "KbdInteractiveAuthentication no", "UsePAM no", "PermitRootLogin prohibit-password",
    `PidFile ${join(dir, "sshd.pid")}`, "LogLevel ERROR", "",
  ].join("\n"));
  const child = spawn(SSHD, ["-D", "-e", "-f", join(dir, "sshd_config")], { stdio: "ignore" });
  await waitForPort(port, child);
  const [type = "", key = ""] = host.publicKey.trim().split(" ");
  return {
    port,
    knownHosts: `[127.0.0.1]:${port} ${type} ${key}\n`,
    async close() {
      if (child.exitCode === null) {
        const closed = new Promise((resolve) => child.once("close", resolve));
        child.kill("SIGTERM");
        await closed;
      }
    },
  };
}
