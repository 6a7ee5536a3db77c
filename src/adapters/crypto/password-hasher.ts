import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

const LOG_N = 15;
const R = 8;
const P = 1;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
const HASH_PATTERN = /^scrypt\$(\d{1,2})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

/**
 * Hashes a password with scrypt (N=2^15, r=8, p=1) as `scrypt$15$8$1$<salt b64>$<hash b64>`.
 * @example const stored = await hashPassword("correct horse");
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, KEY_BYTES, LOG_N, R, P);
  return `scrypt$${LOG_N}$${R}$${P}$${salt.toString("base64")}$${hash.toString("base64")}`;
}

/** True when `password` matches `stored` (constant-time); false for a wrong password or a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (parsed === undefined) return false;
  const actual = await derive(password, parsed.salt, KEY_BYTES, parsed.logN, parsed.r, parsed.p);
  return timingSafeEqual(actual, parsed.hash);
}

/** True when `stored` was made with other parameters than today's (or is malformed). */
export function needsRehash(stored: string): boolean {
  const parsed = parseHash(stored);
  return parsed === undefined || parsed.logN !== LOG_N || parsed.r !== R || parsed.p !== P;
}

interface ParsedHash {
  logN: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

function parseHash(stored: string): ParsedHash | undefined {
  const match = HASH_PATTERN.exec(stored);
  if (!match) return undefined;
  const [logN, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const salt = Buffer.from(match[4] ?? "", "base64");
  const hash = Buffer.from(match[5] ?? "", "base64");
  // Bounds keep a tampered hash from making verification allocate gigabytes.
  if (logN < 10 || logN > 20 || r < 1 || r > 16 || p < 1 || p > 4) return undefined;
  // A fixed hash length: a truncated hash would otherwise still verify (scrypt output is a prefix stream).
  if (salt.length < 8 || hash.length !== KEY_BYTES) return undefined;
  return { logN, r, p, salt, hash };
}

function derive(password: string, salt: Buffer, length: number, logN: number, r: number, p: number): Promise<Buffer> {
  const N = 2 ** logN;
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r + 1024 * 1024 };
  // NFC so the same password typed on different systems gives the same bytes.
  const bytes = Buffer.from(password.normalize("NFC"), "utf8");
  return new Promise((resolve, reject) => {
    scrypt(bytes, salt, length, options, (error, key) => {
      bytes.fill(0);
      if (error) reject(error);
      else resolve(key);
    });
  });
}
