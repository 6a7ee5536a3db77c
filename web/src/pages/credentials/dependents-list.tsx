import { Link } from "../../router/link.tsx";

/** How many repositories use a credential, as one link to the repository list filtered to them. */
export function DependentsList({ names, credential, intro }: { names: string[]; credential: string; intro?: string }) {
  const count = `${names.length} ${names.length === 1 ? "repository" : "repositories"}`;
  return (
    <p className="dependents">
      {intro ? `${intro} ` : null}
      <Link to={`/repositories?credential=${encodeURIComponent(credential)}`}>{count}</Link>
    </p>
  );
}
