import type { SecretFormats } from "../core/ports/integration.ts";
import { gitSecretFormats } from "./git/git-secret-formats.ts";
import { githubSecretFormats } from "./github/github-secret-formats.ts";

/**
 * The secret formats of every built-in host kind, so a process that builds no integrations
 * (the CLI running git) still redacts their tokens; each kind's integration carries the same object.
 */
export const builtInSecretFormats: readonly SecretFormats[] = [githubSecretFormats, gitSecretFormats];

/** Token patterns of every built-in host kind, for the log redactor. */
export const builtInTokenPatterns = (): RegExp[] => builtInSecretFormats.flatMap((f) => [...f.redactionPatterns]);
