import { classifyToken } from "../../src/integrations/github/classify-token.ts";
import { tokenTypeLabels } from "../../src/integrations/github/github-token-formats.ts";

/** What the token field says about its value as it is typed or pasted. */
export interface TokenFieldCheck {
  state: "empty" | "ok" | "warning" | "error";
  message: string;
  /** May the form be submitted with this value? */
  acceptable: boolean;
}

/**
 * Checks a token in the browser with the server's own rules (prefix, charset, length and
 * GitHub's CRC-32 checksum); nothing is sent anywhere. The message never holds the value.
 */
export function checkTokenAsTyped(value: string): TokenFieldCheck {
  if (value.trim() === "") return { state: "empty", message: "", acceptable: false };
  const result = classifyToken(value);
  if (!result.ok) return { state: "error", message: result.message, acceptable: false };
  if (result.type === "unknown") {
    const message =
      result.unknownFormat === "legacy-40-hex"
        ? "This looks like an older GitHub Enterprise Server token without a type prefix; it cannot be checked offline."
        : "This does not look like a GitHub token. GitHub does not accept account passwords for Git over HTTPS: " +
          "create a personal access token (steps 1–9).";
    return { state: "warning", message, acceptable: true };
  }
  const checksum = result.checksum === "valid" ? "; its checksum is valid" : "";
  return { state: "ok", message: `Looks like a ${tokenTypeLabels[result.type]}${checksum}.`, acceptable: true };
}
