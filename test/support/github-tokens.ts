import { randomInt } from "node:crypto";
import { tokenChecksum } from "../../src/integrations/github/token-checksum.ts";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

const randomBase62 = (length: number): string => Array.from({ length }, () => BASE62[randomInt(BASE62.length)]).join("");

/**
 * A random token that passes GitHub's format checks, made at run time so that no
 * checksum-valid literal is ever committed. `github_pat_` gives the fine-grained shape.
 */
export function generateTestToken(prefix: "ghp_" | "gho_" | "ghu_" | "ghs_" | "ghr_" | "github_pat_" = "ghp_"): string {
  if (prefix === "github_pat_") return `github_pat_${randomBase62(22)}_${randomBase62(59)}`;
  const random = randomBase62(30);
  return `${prefix}${random}${tokenChecksum(random)}`;
}
