import { Link } from "../../router/link.tsx";

/** How many repositories use a credential, as one link to the repository list filtered to them. */
export function DependentsList({ count, credential, intro }: { count: number; credential: string; intro?: string }) {
  const label = `${count} ${count === 1 ? "repository" : "repositories"}`;
  return (
    <p className="dependents">
      {intro ? `${intro} ` : null}
      <Link to={`/repositories?credential=${encodeURIComponent(credential)}`}>{label}</Link>
    </p>
  );
}
