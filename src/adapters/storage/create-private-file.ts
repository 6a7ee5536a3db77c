import { chmodSync, closeSync, constants, existsSync, openSync } from "node:fs";

/** Creates `file` if missing and makes it readable and writable by its owner only (0600). */
export function createPrivateFile(file: string): void {
  const fd = openSync(file, constants.O_RDWR | constants.O_CREAT, 0o600);
  closeSync(fd);
  chmodSync(file, 0o600);
}

/** Sets 0600 on each of `files` that exists. */
export function restrictExistingFiles(files: string[]): void {
  for (const file of files) {
    if (existsSync(file)) chmodSync(file, 0o600);
  }
}
