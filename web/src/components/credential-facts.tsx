import type { CredentialView } from "../api/types.ts";
import { RelativeTime } from "./relative-time.tsx";
import { tokenTypeLabels } from "../../../src/integrations/github/github-token-formats.ts";

/** The token type in plain words; checks stored before they were written so named the type by its code (`classic-pat`). */
const tokenTypeText = (value: unknown, fallback: string): string =>
  typeof value !== "string" ? fallback : ((tokenTypeLabels as Record<string, string>)[value] ?? value);

const asStrings = (value: unknown): string[] | null =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : null;

/** What the last online check learned about a credential: identity, scopes, expiry, SSO, rate limit. */
export function CredentialFacts({ credential }: { credential: CredentialView }) {
  const v = credential.validation ?? {};
  const login = typeof v.login === "string" ? v.login : null;
  const scopes = asStrings(v.scopes);
  const ssoUrl = typeof v.ssoUrl === "string" ? v.ssoUrl : null;
  const rate = (typeof v.rateLimit === "object" && v.rateLimit !== null ? v.rateLimit : null) as {
    remaining?: number;
    limit?: number;
  } | null;
  const problems = Array.isArray(v.problems) ? (v.problems as { code: string }[]) : [];
  const ssoProblem = problems.some((p) => p.code === "GITHUB_SSO_REQUIRED");
  return (
    <dl className="facts">
      <dt>Belongs to</dt>
      <dd>{login ? <strong>{login}</strong> : "Unknown (not checked)"}</dd>
      <dt>Token type</dt>
      <dd>{tokenTypeText(v.tokenType, credential.type)}</dd>
      <dt>Scopes</dt>
      <dd>
        {scopes === null
          ? "Not reported (fine-grained tokens are checked per repository)"
          : scopes.length === 0
            ? "None"
            : scopes.map((s) => (
                <code key={s} className={s === "repo" ? "scope scope-needed" : "scope"}>
                  {s}
                </code>
              ))}
      </dd>
      <dt>Expires</dt>
      <dd>
        <RelativeTime iso={credential.expiresAt} none="Never (no expiry date set)" />
      </dd>
      <dt>Single sign-on</dt>
      <dd>
        {ssoProblem || ssoUrl ? (
          // The authorize link is in the problem's "What to do" below: shown once, beside "Check again".
          <strong className="sso-pending">Not authorized yet for an organization's SAML single sign-on (see What to do)</strong>
        ) : (
          "No authorization needed"
        )}
      </dd>
      {rate?.remaining !== undefined ? (
        <>
          <dt>Rate limit left</dt>
          <dd>
            {rate.remaining}
            {rate.limit ? ` of ${rate.limit}` : ""} requests this hour
          </dd>
        </>
      ) : null}
      <dt>Last checked</dt>
      <dd>
        <RelativeTime iso={credential.lastValidatedAt} none="Never" />
      </dd>
    </dl>
  );
}
