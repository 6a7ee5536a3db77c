import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../../core/errors.ts";

/**
 * Creates the data dir (0700) if needed and proves it writable with a real write, at start:
 * a read-only or misplaced directory is named with its reason, not reported later as INTERNAL.
 * @throws InputError `DATA_DIR_NOT_WRITABLE` (field `dataDir`)
 */
export function prepareDataDir(dataDir: string): void {
  const probe = join(dataDir, `.write-check-${process.pid}`);
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(probe, "", { mode: 0o600 });
    rmSync(probe, { force: true });
  } catch (error) {
    const code = typeof (error as { code?: unknown }).code === "string" ? (error as { code: string }).code : "unknown error";
    throw new InputError(
      "DATA_DIR_NOT_WRITABLE",
      `The data dir ${dataDir} cannot be written (${code}): choose another with --data-dir or REPOLINK_DATA_DIR, or fix its permissions.`,
      "dataDir",
    );
  }
}
