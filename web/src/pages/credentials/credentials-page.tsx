import { useState } from "react";
import type { CredentialView } from "../../api/types.ts";
import { ErrorAlert } from "../../components/error-alert.tsx";
import { Toast } from "../../components/toast.tsx";
import { PageHeading } from "../../components/page-heading.tsx";
import { useApiData } from "../../hooks/use-api-data.ts";
import { CreateCredentialForm } from "./create-credential-form.tsx";
import { CredentialTable, updateButtonId } from "./credential-table.tsx";
import { UpdateCredentialPanel } from "./update-credential-panel.tsx";
import { RotationReport, type RotationRow } from "./rotation-report.tsx";

/** The credential manager: list, create, rotate, check and delete. Secrets go in and never come back out. */
export function CredentialsPage() {
  const list = useApiData("GET /credentials");
  const [editing, setEditing] = useState<CredentialView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [report, setReport] = useState<RotationRow[]>([]);
  // Closing the update panel hands the focus back to the row it was opened from.
  const closePanel = () => {
    if (editing) requestAnimationFrame(() => document.getElementById(updateButtonId(editing))?.focus());
    setEditing(null);
  };
  const done = (message: string, rows: RotationRow[] = []) => {
    setNotice(message);
    setReport(rows);
    closePanel();
    list.reload();
  };
  return (
    <>
      <PageHeading intro="Stored secrets are encrypted and write-only: lists show a masked preview and a fingerprint, never the secret.">
        Credentials
      </PageHeading>
      <Toast message={notice} onDismiss={() => setNotice(null)} />
      <ErrorAlert message={list.error} />
      {list.data ? (
        <CredentialTable items={list.data.items} onEdit={setEditing} onChanged={done} />
      ) : list.error ? null : (
        <p role="status">Loading credentials…</p>
      )}
      {editing ? <UpdateCredentialPanel credential={editing} onCancel={closePanel} onUpdated={done} /> : null}
      {/* Where the update panel was: the eye is there when the rotation finishes. */}
      <RotationReport rows={report} />
      <CreateCredentialForm onCreated={(c) => done(`Credential ${c.name} saved (status: ${c.status}).`)} />
    </>
  );
}
