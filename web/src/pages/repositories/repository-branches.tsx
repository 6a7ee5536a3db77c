import { useEffect, useState } from "react";
import { errorMessage } from "../../api/api-error.ts";
import { repositoryApi } from "../../api/repository-api.ts";

type Branches = Awaited<ReturnType<typeof repositoryApi.branches>>;

/** The repository's branches, the default one marked. */
export function RepositoryBranches({ id }: { id: string }) {
  const [data, setData] = useState<Branches>();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    repositoryApi.branches(id).then(setData, (e: unknown) => setError(errorMessage(e)));
  }, [id]);
  return (
    <section aria-labelledby="branches">
      <h2 id="branches">Branches</h2>
      {error ? <p>Branches are not available: {error}</p> : null}
      {data ? (
        <ul className="plain-list">
          {data.items.map((b) => (
            <li key={b.name}>
              <code>{b.name}</code>
              {b.default || b.name === data.defaultBranch ? <span className="tag">default</span> : null}
              {b.protected ? <span className="tag">protected</span> : null}
            </li>
          ))}
        </ul>
      ) : error ? null : (
        <p>Loading branches…</p>
      )}
    </section>
  );
}
