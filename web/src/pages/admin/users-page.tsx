import { useState, type FormEvent } from "react";
import { api, call } from "../../api/api-client.ts";
import { ApiError, errorMessage } from "../../api/api-error.ts";
import type { UserView } from "../../api/types.ts";
import { ErrorAlert } from "../../components/error-alert.tsx";
import { FormField } from "../../components/form-field.tsx";
import { LiveStatus } from "../../components/live-status.tsx";
import { PageHeading } from "../../components/page-heading.tsx";
import { SelectField } from "../../components/select-field.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";
import { useApiData } from "../../hooks/use-api-data.ts";
import { useSession } from "../../session/session-context.ts";

/** Users and roles (admins only): create users, change roles, disable accounts. */
export function UsersPage() {
  const users = useApiData("GET /users");
  const { user: me } = useSession();
  const [error, setError] = useState<ApiError | string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const change = async (u: UserView, patch: { role?: "admin" | "member"; disabled?: boolean }) => {
    setError(null);
    try {
      await call("PATCH /users/{id}", { params: { id: u.id }, body: patch });
      setNotice(`${u.username} updated.`);
      users.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e : errorMessage(e));
    }
  };

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setError(null);
    try {
      const { user } = await api<{ user: UserView }>("POST", "/users", {
        username: String(form.get("username") ?? "").trim(),
        password: String(form.get("password") ?? ""),
        role: form.get("role") === "admin" ? "admin" : "member",
      });
      formElement.reset();
      setNotice(`User ${user.username} created.`);
      users.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e : errorMessage(e));
    }
  };

  return (
    <>
      <PageHeading intro="Admins manage hosts and team-wide credentials; members register repositories and keep private credentials.">
        Users and roles
      </PageHeading>
      <LiveStatus tone="success">{notice}</LiveStatus>
      <ErrorAlert message={users.error ?? (error instanceof ApiError ? error.message : error)} />
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Users</caption>
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Role</th>
              <th scope="col">Created</th>
              <th scope="col">State</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {(users.data?.items ?? []).map((u) => (
              <tr key={u.id}>
                <th scope="row">{u.username}</th>
                <td>{u.role}</td>
                <td>
                  <RelativeTime iso={u.createdAt} />
                </td>
                <td>{u.disabled ? "Disabled" : "Active"}</td>
                <td className="row-actions">
                  {/* The server refuses an admin's change of their own role or state: offer none. */}
                  {u.id === me.id ? (
                    <span className="hint">You</span>
                  ) : (
                    <>
                      <button type="button" onClick={() => void change(u, { role: u.role === "admin" ? "member" : "admin" })}>
                        Make {u.role === "admin" ? "member" : "admin"}
                        <span className="visually-hidden"> ({u.username})</span>
                      </button>
                      <button type="button" onClick={() => void change(u, { disabled: !u.disabled })}>
                        {u.disabled ? "Enable" : "Disable"}
                        <span className="visually-hidden"> {u.username}</span>
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="card" aria-labelledby="add-user">
        <h2 id="add-user">Add a user</h2>
        <form onSubmit={create}>
          <FormField label="Username" name="username" required autoComplete="off" />
          <FormField
            label="Initial password"
            name="password"
            type="password"
            required
            autoComplete="new-password"
            hint="At least 10 characters."
          />
          <SelectField label="Role" name="role" defaultValue="member">
            <option value="member">Member</option>
            <option value="admin">Admin</option>
          </SelectField>
          <button type="submit" className="primary">
            Add user
          </button>
        </form>
      </section>
    </>
  );
}
