import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";
import { SealedError } from "../../core/errors.ts";

/** Where the master key came from, with warnings for the caller to log. */
export interface MasterKey {
  key: Buffer;
  source: "env" | "file" | "data-dir" | "generated";
  warnings: string[];
}

/** Inputs of `loadMasterKey`; `mayGenerate` only when the store has no KEKs yet. */
export interface MasterKeyOptions {
  keyValue?: string | null;
  keyFile?: string | null;
  dataDir: string;
  mayGenerate: boolean;
}

const FORMAT = "32 bytes, given as 64 hex digits or base64";

/**
 * Finds the master key: REPOLINK_MASTER_KEY, else REPOLINK_MASTER_KEY_FILE, else `<dataDir>/master.key`,
 * else (only when `mayGenerate`) a new random key written there with mode 0600.
 * @throws SealedError `STORE_SEALED` when the key is missing, unreadable or malformed; never echoes the value.
 */
export function loadMasterKey(options: MasterKeyOptions): MasterKey {
  const { keyValue, keyFile, dataDir } = options;
  if (keyValue != null && keyFile != null) {
    throw new SealedError("Set only one of REPOLINK_MASTER_KEY and REPOLINK_MASTER_KEY_FILE.");
  }
  if (keyValue != null) {
    return { key: parseKey(keyValue, `REPOLINK_MASTER_KEY must be ${FORMAT}.`), source: "env", warnings: [] };
  }
  if (keyFile != null) {
    const text = readKeyFile(keyFile, `Cannot read the master key file ${keyFile} (REPOLINK_MASTER_KEY_FILE)`);
    return { key: parseKey(text, `REPOLINK_MASTER_KEY_FILE (${keyFile}) must hold ${FORMAT}.`), source: "file", warnings: [] };
  }
  const path = join(dataDir, "master.key");
  const mode = fileMode(path);
  if (mode !== undefined) {
    const key = parseKey(readKeyFile(path, `Cannot read the master key file ${path}`), `${path} must hold ${FORMAT}.`);
    const warnings = (mode & 0o077) === 0 ? [] : [`${path} has mode 0${(mode & 0o777).toString(8)}; run chmod 600 on it.`];
    return { key, source: "data-dir", warnings };
  }
  if (!options.mayGenerate) {
    throw new SealedError(`No master key: set REPOLINK_MASTER_KEY or REPOLINK_MASTER_KEY_FILE, or restore ${path}.`);
  }
  return { key: generateKeyFile(dataDir, path), source: "generated", warnings: [] };
}

function parseKey(text: string, complaint: string): Buffer {
  const value = text.trim();
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(value)) key = Buffer.from(value, "hex");
  else if (/^[A-Za-z0-9+/]{43}=?$/.test(value)) key = Buffer.from(value, "base64");
  else if (/^[A-Za-z0-9_-]{43}$/.test(value)) key = Buffer.from(value, "base64url");
  if (key?.length !== 32) throw new SealedError(complaint);
  return key;
}

function readKeyFile(path: string, complaint: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new SealedError(`${complaint}: ${code}.`, { cause: error });
  }
}

function fileMode(path: string): number | undefined {
  try {
    return statSync(path).mode;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new SealedError(`Cannot read the master key file ${path}: ${(error as NodeJS.ErrnoException).code ?? "error"}.`, {
      cause: error,
    });
  }
}

function generateKeyFile(dataDir: string, path: string): Buffer {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  const temp = `${path}.${randomBytes(6).toString("hex")}.tmp`;
  const fd = openSync(temp, "wx", 0o600);
  try {
    writeSync(fd, `${key.toString("hex")}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    // link, not rename: it fails if another process made a key first, and a key is never overwritten.
    linkSync(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return parseKey(readKeyFile(path, `Cannot read the master key file ${path}`), `${path} must hold ${FORMAT}.`);
  } finally {
    unlinkSync(temp);
  }
  syncDirectory(dataDir);
  return key;
}

function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // Some platforms cannot fsync a directory; the file itself is already durable.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
