import { InputError } from "../errors.ts";
import { hasControlCharacters } from "../text/has-control-characters.ts";

/** What git asks a credential helper (https://git-scm.com/docs/git-credential#IOFMT). */
export interface GitCredentialRequest {
  protocol: string;
  host: string;
  path: string | null;
  username: string | null;
}

const maxInput = 64 * 1024;

/**
 * Parses git's `key=value` lines. Any value holding CR, NUL or an embedded newline, a
 * repeated key, or a missing protocol/host is refused: git itself was fooled that way
 * (CVE-2020-5260, CVE-2024-52006), so no answer is safer than a guess.
 * @throws InputError `GIT_CREDENTIAL_INPUT_INVALID`
 */
export function parseCredentialRequest(input: string): GitCredentialRequest {
  const invalid = (why: string): InputError =>
    new InputError("GIT_CREDENTIAL_INPUT_INVALID", `git credential input refused: ${why}.`, "input");
  if (input.length > maxInput) throw invalid("too long");
  if (input.includes("\r") || input.includes("\u0000")) throw invalid("it holds a carriage return or NUL");
  const fields = new Map<string, string>();
  for (const line of input.split("\n")) {
    if (line === "") continue;
    const eq = line.indexOf("=");
    if (eq <= 0) throw invalid("a line is not key=value");
    const key = line.slice(0, eq);
    const value = line.slice(eq + 1);
    if (!/^[a-z_[\]]+$/.test(key)) throw invalid("an unknown key form");
    if (key.endsWith("[]")) continue;
    if (fields.has(key)) throw invalid(`"${key}" is given twice`);
    fields.set(key, value);
  }
  const protocol = fields.get("protocol");
  const host = fields.get("host");
  if (!protocol || !host) throw invalid("protocol and host are required");
  if (fields.has("url")) throw invalid("url= is not accepted; git sends protocol, host and path");
  return { protocol: protocol.toLowerCase(), host, path: fields.get("path") ?? null, username: fields.get("username") ?? null };
}

/** Formats an answer for git; values are checked to hold no line breaks or NUL. */
export function formatCredentialAnswer(fields: Record<string, string>): string {
  let out = "";
  for (const [key, value] of Object.entries(fields)) {
    if (hasControlCharacters(value))
      throw new InputError("GIT_CREDENTIAL_VALUE_INVALID", `The ${key} cannot be given to git: it holds a line break.`, key);
    out += `${key}=${value}\n`;
  }
  return out;
}
