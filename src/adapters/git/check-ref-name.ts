import { InputError } from "../../core/errors.ts";

// git check-ref-format's rules, plus no leading '-' so a ref can never be read as an option (CVE-2017-1000117).
// eslint-disable-next-line no-control-regex -- control characters are what is being matched
const BAD_REF = /(?:^[-/.]|\.\.|@\{|[\u0000-\u0020\u007f~^:?*[\\]|\/\.|\.lock(?:\/|$)|[/.]$|\/\/|^@$)/;

/**
 * Checks a branch, tag, full ref name or commit id given by a caller.
 * @throws InputError `GIT_REF_INVALID`
 */
export function checkRefName(ref: string, field = "ref"): string {
  if (typeof ref !== "string" || ref === "" || ref.length > 255 || BAD_REF.test(ref)) {
    throw new InputError("GIT_REF_INVALID", `The ${field} is not a valid git ref name.`, field);
  }
  return ref;
}

/** A push refspec split and checked: `[+]<src>:<dst>` where dst is a full `refs/heads/` or `refs/tags/` ref, or a branch name. */
export interface PushRefspec {
  force: boolean;
  source: string;
  destination: string;
}

/**
 * Parses a push refspec such as `HEAD:refs/heads/topic` or `main`; `refs/heads/` is added to a bare destination.
 * @throws InputError `GIT_REF_INVALID`
 */
export function parsePushRefspec(refspec: string): PushRefspec {
  const force = refspec.startsWith("+");
  const body = force ? refspec.slice(1) : refspec;
  const parts = body.split(":");
  if (parts.length > 2) throw new InputError("GIT_REF_INVALID", "The refspec is not valid: more than one ':'.", "refspec");
  const source = checkRefName(parts[0] ?? "", "refspec");
  const target = checkRefName(parts[1] ?? (source === "HEAD" ? "" : source), "refspec");
  const destination = target.startsWith("refs/") ? target : `refs/heads/${target.replace(/^heads\//, "")}`;
  if (!/^refs\/(?:heads|tags)\/./.test(destination))
    throw new InputError("GIT_REF_INVALID", "The push destination must be a branch or a tag.", "refspec");
  return { force, source, destination };
}
