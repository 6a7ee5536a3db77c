import type { ApiRequest } from "../../../src/contract/api-types.ts";
import { call } from "../api/api-client.ts";
import { ApiError, errorMessage } from "../api/api-error.ts";
import type { CredentialProblem, CredentialView } from "../api/types.ts";

/** What saving a credential led to: a stored credential, or GitHub's refusal with its problems. */
export type SaveOutcome =
  { kind: "saved"; credential: CredentialView } | { kind: "refused"; message: string; problems: CredentialProblem[] };

/**
 * Stores a credential checked on save. Stored or refused by the check, it is an outcome for the wizard;
 * any other failure is returned for the form to show beside its field.
 */
export async function saveCheckedCredential(
  body: ApiRequest<"POST /credentials">["body"],
  onOutcome: (outcome: SaveOutcome) => void,
): Promise<ApiError | string | null> {
  try {
    const { credential } = await call("POST /credentials", { body });
    onOutcome({ kind: "saved", credential });
    return null;
  } catch (e) {
    if (e instanceof ApiError && e.code === "CREDENTIAL_CHECK_FAILED") {
      const problems = Array.isArray(e.details?.problems) ? (e.details.problems as CredentialProblem[]) : [];
      onOutcome({ kind: "refused", message: e.message, problems });
      return null;
    }
    return e instanceof ApiError ? e : errorMessage(e);
  }
}
