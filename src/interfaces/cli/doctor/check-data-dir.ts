import { accessSync, constants, statSync } from "node:fs";
import { fail, ok, warn, type Finding } from "./finding.ts";

/** The data dir exists, is the service user's, is private (0700) and writable. */
export function checkDataDir(dataDir: string): Finding[] {
  const check = "data dir";
  let mode: number;
  let uid: number;
  try {
    ({ mode, uid } = statSync(dataDir));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    return [fail(check, `${dataDir} cannot be read (${code}).`, `Create it for the service user: install -d -m 0700 ${dataDir}`)];
  }
  const findings: Finding[] = [];
  if ((mode & 0o077) !== 0) {
    findings.push(fail(check, `${dataDir} has mode 0${(mode & 0o777).toString(8)}: others can look inside.`, `chmod 700 ${dataDir}`));
  }
  if (process.getuid && uid !== process.getuid()) {
    findings.push(
      warn(check, `${dataDir} belongs to uid ${uid}, but doctor runs as uid ${process.getuid()}.`, "Run doctor as the service's user."),
    );
  }
  try {
    accessSync(dataDir, constants.W_OK);
  } catch {
    findings.push(fail(check, `${dataDir} is not writable.`, `Give the service user write access: chown <user> ${dataDir}`));
  }
  return findings.length > 0 ? findings : [ok(check, `${dataDir}: private (0${(mode & 0o777).toString(8)}) and writable.`)];
}
