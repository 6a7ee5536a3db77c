import { spawn } from "node:child_process";
import { cliPath } from "./run-cli.ts";

/**
 * Runs `repolink …` on a pseudo-terminal (script(1)), as a person at a shell does — standard output and error are
 * terminals — and, given `answer`, types its keys once the screen shows `when`. Returns everything the terminal showed
 * and the exit code.
 */
export function atTerminal(
  args: string[],
  env: NodeJS.ProcessEnv,
  answer?: { when: RegExp; keys: string },
): Promise<{ code: number; screen: string }> {
  const command = [process.execPath, cliPath, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  const child = spawn("script", ["-qec", command, "/dev/null"], { env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "pipe"] });
  let screen = "";
  let typed = false;
  const onOutput = (chunk: Buffer) => {
    screen += chunk.toString();
    if (answer && !typed && answer.when.test(screen)) {
      typed = true;
      child.stdin.write(answer.keys);
    }
  };
  child.stdout.on("data", onOutput);
  child.stderr.on("data", onOutput);
  // A prompt that never shows (or a command that never ends) fails the test instead of hanging it.
  const giveUp = setTimeout(() => child.kill("SIGKILL"), 60_000);
  return new Promise((resolve) =>
    child.on("close", (code) => {
      clearTimeout(giveUp);
      resolve({ code: code ?? -1, screen });
    }),
  );
}
