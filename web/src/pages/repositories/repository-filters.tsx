import type { CredentialView, HostView } from "../../api/types.ts";
import { FormField } from "../../components/form-field.tsx";
import { SelectField } from "../../components/select-field.tsx";
import type { RepositoryListQuery } from "./repository-list-query.ts";

const sorts: [string, string][] = [
  ["name", "Name (A–Z)"],
  ["-name", "Name (Z–A)"],
  ["status", "Problems first"],
  ["checked", "Least recently checked"],
  ["-checked", "Most recently checked"],
];

/** Search, status, credential, host and order of the repository list; each change reloads the first page. */
export function RepositoryFilters({
  query,
  credentials,
  hosts,
  onChange,
}: {
  query: RepositoryListQuery;
  credentials: CredentialView[];
  hosts: HostView[];
  onChange(query: RepositoryListQuery): void;
}) {
  const set = (field: keyof RepositoryListQuery) => (event: { target: { value: string } }) =>
    onChange({ ...query, [field]: event.target.value });
  return (
    <form className="filters" role="search" aria-label="Repositories" onSubmit={(e) => e.preventDefault()}>
      <FormField label="Search by name" type="search" value={query.q} onChange={set("q")} placeholder="owner/name" />
      <SelectField label="Status" value={query.status} onChange={set("status")}>
        <option value="">Any</option>
        <option value="failing,degraded">Problems (failing or degraded)</option>
        <option value="failing">Failing</option>
        <option value="degraded">Degraded</option>
        <option value="unchecked">Not checked</option>
        <option value="connected">Connected</option>
      </SelectField>
      <SelectField label="Credential" value={query.credential} onChange={set("credential")}>
        <option value="">Any</option>
        {credentials.map((c) => (
          <option key={c.id} value={c.name}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <SelectField label="Host" value={query.host} onChange={set("host")}>
        <option value="">Any</option>
        {hosts.map((h) => (
          <option key={h.id} value={h.name}>
            {h.name}
          </option>
        ))}
      </SelectField>
      {query.reason ? (
        <p className="filter-note">
          {query.reason.startsWith("-") ? "Leaving out" : "Only"} repositories whose last check said{" "}
          <code>{query.reason.replace(/^-/, "")}</code>{" "}
          <button type="button" className="button" onClick={() => onChange({ ...query, reason: "" })}>
            Show every reason
          </button>
        </p>
      ) : null}
      <SelectField label="Order" value={query.sort || "name"} onChange={set("sort")}>
        {sorts.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </SelectField>
    </form>
  );
}
