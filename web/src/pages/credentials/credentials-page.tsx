import { useEffect, useState } from "react";
import type { CredentialView } from "../../api/types.ts";
import { ErrorAlert } from "../../components/error-alert.tsx";
import { Toast } from "../../components/toast.tsx";
import { PageHeading } from "../../components/page-heading.tsx";
import { useApiData } from "../../hooks/use-api-data.ts";
import { useSearch } from "../../router/use-search.ts";
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
  // `?rotate=NAME` (an expiry alert's link) opens that credential's update panel once the list is there.
  const rotate = new URLSearchParams(useSearch()).get("rotate");
  useEffect(() => {
    const target = rotate ? list.data?.items.find((c) => c.name === rotate) : undefined;
    if (!target) return;
    setEditing(target);
    // Once opened, the link has done its job: closing the panel or reloading the list must not open it again.
    window.history.replaceState(null, "", "/credentials");
    window.dispatchEvent(new PopStateEvent("popstate"));
  }, [rotate, list.data]);
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
