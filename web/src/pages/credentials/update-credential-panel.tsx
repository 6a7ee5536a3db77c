import { useEffect, useRef, useState, type FormEvent } from "react";
import { api, seg } from "../../api/api-client.ts";
import { ApiError, errorMessage } from "../../api/api-error.ts";
import type { CredentialProblem, CredentialView } from "../../api/types.ts";
import { ErrorAlert } from "../../components/error-alert.tsx";
import { ProblemList } from "../../components/problem-list.tsx";
import { SshKeyFields } from "../../components/ssh-key-fields.tsx";
import { emptyTokenCheck, TokenInput } from "../../components/token-input.tsx";
import { useSession } from "../../session/session-context.ts";
import { RotationReport, rotationRows, type RotationRow } from "./rotation-report.tsx";

/** Rotates a credential's secret in place; with safe rotation every dependent repository is checked first. */
export function UpdateCredentialPanel({
  credential,
  onCancel,
  onUpdated,
}: {
  credential: CredentialView;
  onCancel(): void;
  onUpdated(message: string, report: RotationRow[]): void;
}) {
  const [check, setCheck] = useState(emptyTokenCheck);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [problems, setProblems] = useState<CredentialProblem[]>([]);
  const [report, setReport] = useState<RotationRow[]>([]);
  const [busy, setBusy] = useState(false);
  const { user } = useSession();
  // The refused secret, kept in memory only while "Rotate anyway" is offered: the field is cleared on submit.
  const refusedSecret = useRef<Record<string, unknown> | null>(null);
  const [canForce, setCanForce] = useState(false);
  const tokenRef = useRef<HTMLInputElement>(null);
  const keyRef = useRef<HTMLTextAreaElement>(null);
  const passphraseRef = useRef<HTMLInputElement>(null);
  const isToken = credential.type === "token";
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Focus moves to the panel once, when it opens for a credential.
  useEffect(() => headingRef.current?.focus(), [credential.id]);

  const rotate = async (body: Record<string, unknown>, force: boolean) => {
    setBusy(true);
    setError(null);
    setProblems([]);
    setReport([]);
    setCanForce(false);
    try {
      const answer = await api<{ credential: CredentialView } & Record<string, unknown>>("PATCH", `/credentials/${seg(credential.id)}`, {
        ...body,
        ...(force ? { force: true } : {}),
      });
      refusedSecret.current = null;
      const rows = rotationRows(answer);
      const worse = rows.filter((r) => r.getsWorse).length;
      onUpdated(
        `Credential ${answer.credential.name} updated to version ${answer.credential.version}` +
          `${rows.length ? `; ${rows.length} ${rows.length === 1 ? "repository" : "repositories"} checked with the new secret` : ""}` +
          `${worse ? `; ${worse} failing or worse off, as you chose` : ""}.`,
        rows,
      );
    } catch (e) {
      setError(e instanceof ApiError ? e : errorMessage(e));
      if (e instanceof ApiError) {
        if (Array.isArray(e.details?.problems)) setProblems(e.details.problems as CredentialProblem[]);
        const rows = rotationRows(e.details ?? {});
        setReport(rows);
        const refusedForWorse = e.code === "ROTATION_REFUSED" && rows.some((r) => r.getsWorse);
        refusedSecret.current = refusedForWorse ? body : null;
        setCanForce(refusedForWorse && user.role === "admin");
      }
    } finally {
      setBusy(false);
    }
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    let secret: Record<string, unknown>;
    if (isToken) {
      secret = { secret: tokenRef.current?.value ?? "" };
      if (tokenRef.current) tokenRef.current.value = "";
      setCheck(emptyTokenCheck);
    } else {
      secret = { privateKey: keyRef.current?.value ?? "", passphrase: passphraseRef.current?.value || null };
      if (keyRef.current) keyRef.current.value = "";
      if (passphraseRef.current) passphraseRef.current.value = "";
    }
    const safe = form.get("safe") === "on";
    await rotate({ ...secret, validate: form.get("validate") === "on", ...(safe ? { safe: true } : {}) }, false);
  };

  const cancel = () => {
    refusedSecret.current = null;
    onCancel();
  };

  return (
    <section aria-labelledby="update-credential" className="card">
      <h2 id="update-credential" tabIndex={-1} ref={headingRef}>
        Update {credential.name}
      </h2>
      <p>
        Paste the new secret. Every repository that uses <strong>{credential.name}</strong> keeps working with it; the old secret is
        replaced in one step.
      </p>
      <form onSubmit={submit}>
        <ErrorAlert message={error instanceof ApiError ? `${error.message} Nothing was changed.` : error} />
        <ProblemList problems={problems} />
        <RotationReport rows={report} />
        {canForce ? (
          <div className="actions">
            <button type="button" className="danger" disabled={busy} onClick={() => void rotate(refusedSecret.current ?? {}, true)}>
              Rotate anyway: {report.filter((r) => r.getsWorse).length}{" "}
              {report.filter((r) => r.getsWorse).length === 1 ? "repository fails or gets" : "repositories fail or get"} worse
            </button>
          </div>
        ) : null}
        {isToken ? (
          <TokenInput label="New token" inputRef={tokenRef} check={check} onCheck={setCheck} />
        ) : (
          <SshKeyFields keyRef={keyRef} passphraseRef={passphraseRef} />
        )}
        <div className="checkbox">
          <input type="checkbox" id="update-validate" name="validate" defaultChecked />
          <label htmlFor="update-validate">Check the new secret with the host first</label>
        </div>
        <div className="checkbox">
          <input type="checkbox" id="update-safe" name="safe" defaultChecked />
          <label htmlFor="update-safe">
            Safe rotation: check every repository with the new secret, and change nothing if one fails with it or gets worse
          </label>
        </div>
        <div className="actions">
          <button type="button" onClick={cancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || (isToken && !check.acceptable)}>
            {busy ? "Updating…" : "Update secret"}
          </button>
        </div>
      </form>
    </section>
  );
}
