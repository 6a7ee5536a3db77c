import { Link } from "../../router/link.tsx";

/** The repositories that use a credential, as links to the repository list. */
export function DependentsList({ names, intro }: { names: string[]; intro?: string }) {
  return (
    <>
      {intro ? <p>{intro}</p> : null}
      <ul className="dependents">
        {names.map((name) => (
          <li key={name}>
            <Link to="/repositories">{name}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}
