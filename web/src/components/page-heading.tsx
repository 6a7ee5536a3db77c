import { useEffect, useRef, type ReactNode } from "react";

/** The page's h1; it takes focus when the page opens so screen readers announce the new page. */
export function PageHeading({ children, intro }: { children: ReactNode; intro?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
    document.title = `${ref.current?.textContent ?? ""} · Repolink`;
  }, []);
  return (
    <header className="page-heading">
      <h1 tabIndex={-1} ref={ref}>
        {children}
      </h1>
      {intro ? <p className="intro">{intro}</p> : null}
    </header>
  );
}
