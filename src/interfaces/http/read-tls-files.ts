import { readFileSync } from "node:fs";
import { createSecureContext } from "node:tls";
import { InputError } from "../../core/errors.ts";

/** Where the server's certificate chain and private key live (PEM files). */
export interface TlsFiles {
  certFile: string;
  keyFile: string;
}

/** A certificate chain and its key, read and checked to belong together. */
export interface TlsMaterial {
  cert: Buffer;
  key: Buffer;
}

/**
 * Reads the certificate and key and proves they form a usable pair, so a bad file is named
 * at start (or on SIGHUP) instead of failing every handshake later.
 * @throws InputError `TLS_FILE_UNREADABLE` (field `tlsCert` or `tlsKey`), `TLS_PAIR_INVALID` (field `tls`)
 */
export function readTlsFiles(files: TlsFiles): TlsMaterial {
  const cert = readPem(files.certFile, "tlsCert", "certificate");
  const key = readPem(files.keyFile, "tlsKey", "private key");
  try {
    createSecureContext({ cert, key });
  } catch (error) {
    // OpenSSL's reason names no key material, only what went wrong (e.g. "key values mismatch").
    const reason = error instanceof Error ? error.message : "unusable";
    throw new InputError(
      "TLS_PAIR_INVALID",
      `The TLS certificate ${files.certFile} and key ${files.keyFile} cannot be used together (${reason}).`,
      "tls",
    );
  }
  return { cert, key };
}

function readPem(file: string, field: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new InputError("TLS_FILE_UNREADABLE", `Cannot read the TLS ${what} ${file} (${code}).`, field);
  }
}
