import type { RepositoryInfo } from "./github-client.ts";
import type { CheckStep } from "../../core/repositories/connection-report.ts";

/** The highest permission GitHub granted, as a word. */
function level(info: RepositoryInfo): string {
  const p = info.permissions;
  if (!p) return "unknown";
  return p.admin ? "admin" : p.maintain ? "maintain" : p.push ? "push" : p.triage ? "triage" : p.pull ? "pull" : "none";
}

/** Compares what GitHub grants with what the repository needs (`push` or `pull`); a fine-grained token is told the permission to set. */
export function permissionStep(info: RepositoryInfo, needs: "push" | "pull", login: string | null, fineGrained = false): CheckStep {
  const granted = level(info);
  const who = login ?? "the token's owner";
  if (needs === "push" && info.archived) {
    return {
      name: "permission",
      status: "warning",
      code: "REPO_ARCHIVED",
      message: `${info.fullName} is archived: nobody can push to it.`,
      remedy: "Unarchive it on GitHub (Settings → Danger Zone), or change what it needs to pull (read only).",
    };
  }
  if (info.permissions === null) {
    if (needs === "pull")
      return {
        name: "permission",
        status: "passed",
        code: null,
        message: "GitHub did not report permissions; reading is checked by the Git transport step.",
        remedy: null,
      };
    return {
      name: "permission",
      status: "warning",
      code: "PERMISSION_UNKNOWN",
      message: "GitHub did not report whether this token may push.",
      remedy: "Check the token's access on GitHub, or change what the repository needs to pull (read only).",
    };
  }
  if (needs === "push" && !info.permissions.push && fineGrained) {
    return {
      name: "permission",
      status: "warning",
      code: "PERMISSION_READ_ONLY",
      message: `The fine-grained token can only read ${info.fullName}: pushing needs Contents: write.`,
      remedy:
        `On GitHub (Settings → Developer settings → Fine-grained tokens), edit the token and set Repository permissions → Contents ` +
        `to "Read and write"${login ? `; ${login} also needs write access to ${info.fullName}` : ""}. ` +
        `If Repolink only needs to read, change what it needs to pull (read only).`,
    };
  }
  if (needs === "push" && !info.permissions.push) {
    return {
      name: "permission",
      status: "warning",
      code: "PERMISSION_READ_ONLY",
      message: `The token can only read ${info.fullName} (${granted}), but this repository needs push.`,
      remedy:
        `Ask an admin of ${info.fullName} to give ${who} write access; for a fine-grained token set Contents to "Read and write". ` +
        `If Repolink only needs to read, change what it needs to pull (read only).`,
    };
  }
  if (!info.permissions.pull) {
    return {
      name: "permission",
      status: "failed",
      code: "PERMISSION_NONE",
      message: `The token may not read ${info.fullName}.`,
      remedy: `Ask an admin of ${info.fullName} to give ${who} read access.`,
    };
  }
  return {
    name: "permission",
    status: "passed",
    code: null,
    message: `The token has ${granted} permission; this repository needs ${needs}.`,
    remedy: null,
  };
}
