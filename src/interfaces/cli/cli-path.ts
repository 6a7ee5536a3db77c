import { join } from "node:path";

/** The CLI's entry script, for commands that must call `repolink` again (git's credential helper). */
export const cliPath = join(import.meta.dirname, "..", "..", "..", "bin", "repolink.js");
