import { readFileSync } from "node:fs";
import { CliError, exitCodes } from "./cli-error.ts";

/** Reads all of stdin (for --secret-stdin, --password-stdin); a trailing newline is dropped. */
export async function readStdin(what: string): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write(`Enter ${what}, then press Ctrl-D:\n`);
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
