import { useEffect, useState } from "react";
import { Link } from "../router/link.tsx";
import { useSession } from "../session/session-context.ts";

const mainLinks = [
  { to: "/", label: "Dashboard" },
  { to: "/connect", label: "Connect GitHub" },
  { to: "/credentials", label: "Credentials" },
  { to: "/repositories", label: "Repositories" },
];

const adminLinks = [
  { to: "/admin/hosts", label: "Hosts", adminOnly: false },
  { to: "/admin/users", label: "Users", adminOnly: true },
  { to: "/admin/webhooks", label: "Webhooks", adminOnly: true },
  { to: "/tokens", label: "API tokens", adminOnly: false },
  { to: "/audit", label: "Audit log", adminOnly: false },
];

function isCurrent(path: string, to: string): boolean {
  return to === "/" ? path === "/" : path === to || path.startsWith(`${to}/`);
}

/** The site navigation; the current page is marked with aria-current. Narrow screens fold it behind a Menu button. */
export function NavBar({ path }: { path: string }) {
  const { user, signOut } = useSession();
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [path]);
  const item = (link: { to: string; label: string }) => (
    <li key={link.to}>
      <Link to={link.to} aria-current={isCurrent(path, link.to) ? "page" : undefined}>
        {link.label}
      </Link>
    </li>
  );
  return (
    <header className="site-header">
      <div className="brand">
        <Link to="/" className="brand-link">
          <img src="/favicon.svg" alt="" width="24" height="24" /> Repolink
        </Link>
      </div>
      <button
        type="button"
        className="menu-button"
        aria-expanded={menuOpen}
        aria-controls="site-menu"
        onClick={() => setMenuOpen((open) => !open)}
      >
        Menu
      </button>
      <div id="site-menu" className={menuOpen ? "site-menu open" : "site-menu"}>
        <nav aria-label="Main">
          <ul>{mainLinks.map(item)}</ul>
          <ul className="secondary">{adminLinks.filter((l) => !l.adminOnly || user.role === "admin").map(item)}</ul>
        </nav>
        <div className="account">
          <span>
            {user.username} <span className="role">({user.role})</span>
          </span>
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </div>
    </header>
  );
}
