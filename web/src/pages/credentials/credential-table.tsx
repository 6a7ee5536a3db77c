import { Fragment, useState } from "react";
import { call } from "../../api/api-client.ts";
import { ApiError, errorMessage } from "../../api/api-error.ts";
import type { CredentialView } from "../../api/types.ts";
import { StatusBadge } from "../../components/status-badge.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";
import { DependentsList } from "./dependents-list.tsx";

/** The id of a row's Update button, where focus returns after the update panel closes. */
export const updateButtonId = (c: { id: string }) => `update-credential-${c.id}`;

/** Credentials with preview, kind, scope, host, expiry, status and dependents; row actions. */
export function CredentialTable({
  items,
  onEdit,
  onChanged,
}: {
  items: CredentialView[];
  onEdit(c: CredentialView): void;
  onChanged(message: string): void;
}) {
  const [error, setError] = useState<{ message: string; dependentCount: number; credential: CredentialView } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // The deleted row's neighbour takes the focus, so keyboard users stay where they were in the list.
  const focusNeighbourOf = (c: CredentialView) => {
    const index = items.findIndex((item) => item.id === c.id);
    const neighbour = items[index + 1] ?? items[index - 1];
    if (neighbour) document.getElementById(updateButtonId(neighbour))?.focus();
  };

  const run = async (c: CredentialView, action: "validate" | "delete" | "force-delete") => {
    setBusy(`${action}-${c.id}`);
    setError(null);
    try {
      if (action === "validate") {
        const { credential } = await call("POST /credentials/{ref}/validate", { params: { ref: c.id } });
        onChanged(`Checked ${credential.name}: ${credential.status}.`);
      } else if (action === "delete") {
        if (!window.confirm(`Delete the credential ${c.name}? This cannot be undone.`)) return;
        await call("DELETE /credentials/{ref}", { params: { ref: c.id } });
        focusNeighbourOf(c);
        onChanged(`Deleted ${c.name}.`);
      } else {
        if (!window.confirm(`Delete ${c.name} although repositories use it? They will fail until they get another credential.`)) return;
        await call("DELETE /credentials/{ref}", { params: { ref: c.id }, query: { force: "true" } });
        focusNeighbourOf(c);
        onChanged(`Deleted ${c.name}; the repositories that used it are now failing.`);
      }
    } catch (e) {
      const count = e instanceof ApiError && typeof e.details?.dependentCount === "number" ? e.details.dependentCount : 0;
      setError({ message: errorMessage(e), dependentCount: count, credential: c });
    } finally {
      setBusy(null);
    }
  };

  const rowError = (c: CredentialView) =>
    error && error.credential.id === c.id ? (
      <tr className="row-message">
        <td colSpan={9}>
          <div className="alert alert-error" role="alert">
            <p>{error.message.replace(/ or delete with --force\.?$/, ".")}</p>
            {error.dependentCount > 0 ? (
              <>
                <DependentsList count={error.dependentCount} credential={error.credential.name} intro="Still used by:" />
                <p>Give those repositories another credential on their pages first, or delete it anyway.</p>
                <button type="button" className="danger" onClick={() => void run(error.credential, "force-delete")}>
                  Delete {error.credential.name} anyway
                </button>
              </>
            ) : null}
          </div>
        </td>
      </tr>
    ) : null;

  if (items.length === 0) return <p>No credentials yet.</p>;
  return (
    <>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Stored credentials</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Preview</th>
              <th scope="col">Type</th>
              <th scope="col">Scope</th>
              <th scope="col">Host</th>
              <th scope="col">Expires</th>
              <th scope="col">Status</th>
              <th scope="col">Used by</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => {
              const usedBy = c.usedByCount ?? 0;
              return (
                <Fragment key={c.id}>
                  <tr>
                    <th scope="row">
                      {c.name}
                      <div className="sub">v{c.version}</div>
                    </th>
                    <td>
                      <code>{c.preview}</code>
                    </td>
                    <td>{c.type}</td>
                    <td>{c.scope}</td>
                    <td>{c.host}</td>
                    <td>
                      <RelativeTime iso={c.expiresAt} none="Never" />
                    </td>
                    <td>
                      <StatusBadge status={c.status} />
                    </td>
                    <td>{usedBy === 0 ? "None" : <DependentsList count={usedBy} credential={c.name} intro="Used by:" />}</td>
                    <td className="row-actions">
                      <button type="button" id={updateButtonId(c)} onClick={() => onEdit(c)}>
                        Update<span className="visually-hidden"> {c.name}</span>
                      </button>
                      <button type="button" onClick={() => busy === null && void run(c, "validate")} aria-disabled={busy !== null}>
                        {busy === `validate-${c.id}` ? "Checking…" : "Check"}
                        <span className="visually-hidden"> {c.name}</span>
                      </button>
                      <button
                        type="button"
                        className="danger"
                        onClick={() => busy === null && void run(c, "delete")}
                        aria-disabled={busy !== null}
                      >
                        Delete<span className="visually-hidden"> {c.name}</span>
                      </button>
                    </td>
                  </tr>
                  {rowError(c)}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
