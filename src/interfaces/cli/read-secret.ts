import { readFileSync } from "node:fs";
import { CliError, exitCodes } from "./cli-error.ts";

/**
 * At a terminal: asks for the secret without echoing it, and Enter submits it (Backspace
 * erases, Ctrl-C gives up). The terminal stops echoing before the prompt shows, so nothing
 * typed after the prompt is ever on screen.
 */
function readHidden(what: string): Promise<string> {
  const stdin = process.stdin;
  stdin.setRawMode(true);
  process.stderr.write(`Enter ${what} (hidden), then press Enter: `);
  return new Promise((resolve, reject) => {
    let typed = "";
    const done = (outcome: () => void) => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
      outcome();
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString("utf8")) {
        if (char === "\r" || char === "\n" || (char === "\u0004" && typed === "")) return done(() => resolve(typed));
        if (char === "\u0003") return done(() => reject(new CliError("CANCELLED", `No ${what}: cancelled.`, exitCodes.usage)));
        if (char === "\u007f" || char === "\b") typed = [...typed].slice(0, -1).join("");
        else if (char >= " ") typed += char;
      }
    };
    stdin.on("data", onData);
    stdin.resume();
  });
}

/** Reads the secret of --secret-stdin, --password-stdin: piped stdin whole (trailing newline dropped), or a hidden prompt. */
export async function readStdin(what: string): Promise<string> {
  if (process.stdin.isTTY) {
    const typed = await readHidden(what);
    if (typed === "") throw new CliError("SECRET_REQUIRED", `No ${what} was typed.`, exitCodes.usage, { field: what });
    return typed;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
  if (text === "") throw new CliError("SECRET_REQUIRED", `No ${what} on stdin.`, exitCodes.usage, { field: what });
  return text;
}

/** Reads a secret from a file the user named (e.g. --key-file). */
export function readSecretFile(path: string, field: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new CliError(
      "FILE_UNREADABLE",
      `${field}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? "error"}).`,
      exitCodes.usage,
      { field },
    );
  }
}
