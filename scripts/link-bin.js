// npm does not link a project's own `bin` into its node_modules/.bin; the CLI contract
// promises `node_modules/.bin/repolink` after `npm ci`, so link it here.
import { mkdirSync, rmSync, symlinkSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const binDir = join(root, "node_modules", ".bin");
const link = join(binDir, "repolink");
mkdirSync(binDir, { recursive: true });
rmSync(link, { force: true });
symlinkSync(relative(binDir, join(root, "bin", "repolink.js")), link);
