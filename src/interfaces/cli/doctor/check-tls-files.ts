import { X509Certificate } from "node:crypto";
import { AppError } from "../../../core/errors.ts";
import { readTlsFiles, type TlsFiles } from "../../http/read-tls-files.ts";
import { fail, ok, warn, type Finding } from "./finding.ts";

const DAY_MS = 86_400_000;

/** The certificate and key can be read, belong together, and the certificate is not expiring. */
export function checkTlsFiles(tls: TlsFiles, now = new Date()): Finding[] {
  const check = "TLS";
  let cert: Buffer;
  try {
    ({ cert } = readTlsFiles(tls));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return [fail(check, error.message, "Point --tls-cert/--tls-key (REPOLINK_TLS_CERT_FILE/KEY_FILE) at a PEM chain and its key.")];
  }
  const x509 = new X509Certificate(cert);
  const left = Math.floor((new Date(x509.validTo).getTime() - now.getTime()) / DAY_MS);
  const names = x509.subjectAltName ?? x509.subject;
  if (left < 0) return [fail(check, `The certificate (${names}) expired on ${x509.validTo}.`, "Renew it, then: systemctl reload repolink")];
  if (left < 14) return [warn(check, `The certificate (${names}) expires in ${left} days.`, "Renew it, then: systemctl reload repolink")];
  return [ok(check, `Certificate for ${names}, valid ${left} more days; the key matches.`)];
}
