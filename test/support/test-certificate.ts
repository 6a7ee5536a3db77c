import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** A self-signed certificate for 127.0.0.1 and localhost, made with `openssl` at run time. */
export interface TestCertificate {
  certFile: string;
  keyFile: string;
  cert: Buffer;
}

/** Writes `<name>.crt` and `<name>.key` (P-256, valid `days`, two by default) into `dir`. */
export function makeTestCertificate(dir: string, name: string, days = 2): TestCertificate {
  const certFile = join(dir, `${name}.crt`);
  const keyFile = join(dir, `${name}.key`);
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-days",
      String(days),
      "-subj",
      `/CN=repolink test ${name}`,
      "-addext",
      "subjectAltName=IP:127.0.0.1,DNS:localhost",
      "-keyout",
      keyFile,
      "-out",
      certFile,
    ],
    { stdio: "ignore" },
  );
  return { certFile, keyFile, cert: readFileSync(certFile) };
}
