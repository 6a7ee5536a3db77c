import { useState, type FormEvent } from "react";
import { api, call } from "../../api/api-client.ts";
import { errorMessage } from "../../api/api-error.ts";
import type { ApiTokenView } from "../../api/types.ts";
import { ErrorAlert } from "../../components/error-alert.tsx";
import { FormField } from "../../components/form-field.tsx";
import { PageHeading } from "../../components/page-heading.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";
import { useApiData } from "../../hooks/use-api-data.ts";
import { NewTokenNotice } from "./new-token-notice.tsx";

/** Your API tokens for pipelines and the CLI; a new token is shown once and then only its name. */
export function ApiTokensPage() {
  const tokens = useApiData("GET /tokens");
  const [issued, setIssued] = useState<{ name: string; token: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    setError(null);
    try {
      const body = await api<{ name: string; token: string }>("POST", "/tokens", {
        name: String(new FormData(formElement).get("name") ?? "").trim(),
      });
      formElement.reset();
      setIssued({ name: body.name, token: body.token });
      tokens.reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const revoke = async (t: ApiTokenView) => {
    if (!window.confirm(`Revoke the API token ${t.name}? Pipelines using it stop working.`)) return;
    try {
      await call("DELETE /tokens/{id}", { params: { id: t.id } });
      tokens.reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <>
      <PageHeading intro="Pipelines and the CLI authenticate with an API token (Authorization: Bearer …).">API tokens</PageHeading>
      <ErrorAlert message={tokens.error ?? error} />
      {issued ? <NewTokenNotice name={issued.name} token={issued.token} onDismiss={() => setIssued(null)} /> : null}
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Your API tokens</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">State</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {(tokens.data?.items ?? []).map((t) => (
              <tr key={t.id}>
                <th scope="row">{t.name}</th>
                <td>
                  <RelativeTime iso={t.createdAt} />
                </td>
                <td>
                  <RelativeTime iso={t.lastUsedAt} none="Never" />
                </td>
                <td>{t.revoked ? "Revoked" : "Active"}</td>
                <td>
                  {t.revoked ? null : (
                    <button type="button" className="danger" onClick={() => void revoke(t)}>
                      Revoke<span className="visually-hidden"> {t.name}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="card" aria-labelledby="new-token">
        <h2 id="new-token">Create an API token</h2>
        <form onSubmit={create}>
          <FormField label="Name" name="name" required hint="What uses it, e.g. “release pipeline”." autoComplete="off" />
          <button type="submit" className="primary">
            Create token
          </button>
        </form>
      </section>
    </>
  );
}
