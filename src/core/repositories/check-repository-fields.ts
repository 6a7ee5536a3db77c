import type { TokenFormats } from "../text/check-not-a-secret.ts";
import { checkNameText } from "../text/check-name-text.ts";
import { InputError } from "../errors.ts";

const namePattern = /^[A-Za-z0-9_.][A-Za-z0-9_.-]*(?:\/[A-Za-z0-9_.][A-Za-z0-9_.-]*)*$/;
const branchPattern = /^[A-Za-z0-9_][A-Za-z0-9._/-]*$/;

/**
 * Checks a repository's display name: path-like (`owner/name`, `group/sub/project`), at most 255 characters;
 * never a `:`, which `HOST:PATH` keeps for itself. @throws InputError `REPOSITORY_NAME_INVALID`
 */
export function checkRepositoryName(name: string, tokens: TokenFormats): string {
  checkNameText(name, "name", tokens);
  if (name.length > 255 || !namePattern.test(name)) {
    throw new InputError(
      "REPOSITORY_NAME_INVALID",
      "name must be 1–255 letters, digits, '.', '_', '-' or '/', not starting with '-' or '/' (':' is kept for HOST:PATH).",
      "name",
    );
  }
  return name;
}

/**
 * Checks a branch name the way git would accept it, and refuses option-like names (CVE-2017-1000117).
 * @throws InputError `BRANCH_INVALID`
 */
export function checkBranchName(branch: string): string {
  const bad = branch.length > 255 || !branchPattern.test(branch) || /\.\.|\/\/|\/\.|\.lock$|[/.]$/.test(branch);
  if (bad)
    throw new InputError(
      "BRANCH_INVALID",
      "branch must be a valid Git branch name (letters, digits, '.', '_', '-', '/'), not starting with '-'.",
      "branch",
    );
  return branch;
}

/** Checks `needs`: `push` (default) or `pull`. @throws InputError `NEEDS_INVALID` */
export function checkNeeds(needs: string | undefined): "push" | "pull" {
  if (needs === undefined || needs === "push" || needs === "pull") return needs ?? "push";
  throw new InputError("NEEDS_INVALID", "needs must be push or pull.", "needs");
}
