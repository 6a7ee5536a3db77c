import type { CredentialView } from "../api/types.ts";
import { formatDateTime } from "../format.ts";

const text = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

/** What the last check learned about a GitHub App: its name, owner, permissions, and where to install it. */
export function AppFacts({ credential }: { credential: CredentialView }) {
  const v = credential.validation ?? {};
  const permissions = (typeof v.permissions === "object" && v.permissions !== null ? v.permissions : {}) as Record<string, unknown>;
  const installUrl = text(v.installUrl);
  const name = text(v.appName);
  return (
    <dl className="facts">
      <dt>App</dt>
      <dd>{name ? <strong>{name}</strong> : "Unknown (not checked)"}</dd>
      <dt>Owned by</dt>
      <dd>{text(v.appOwner) ?? "Unknown"}</dd>
      <dt>Permissions</dt>
      <dd>
        {Object.keys(permissions).length === 0
          ? "None reported"
          : Object.entries(permissions).map(([k, level]) => (
              <code key={k} className={k === "contents" ? "scope scope-needed" : "scope"}>
                {k}: {String(level)}
              </code>
            ))}
      </dd>
      <dt>Installed on</dt>
      <dd>
        {installUrl ? (
          <>
            Checked per repository when you connect one.{" "}
            <a href={installUrl} target="_blank" rel="noopener noreferrer">
              Install the App on an account<span className="visually-hidden"> (opens in a new tab)</span>
            </a>
          </>
        ) : (
          "Checked per repository when you connect one."
        )}
      </dd>
      <dt>Last checked</dt>
      <dd>{formatDateTime(credential.lastValidatedAt)}</dd>
    </dl>
  );
}
