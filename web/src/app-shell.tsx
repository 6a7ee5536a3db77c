import { NavBar } from "./components/nav-bar.tsx";
import { RouteView } from "./route-view.tsx";
import { usePath } from "./router/use-path.ts";

/** The signed-in layout: skip link, navigation, and the current page. */
export function AppShell() {
  const path = usePath();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <NavBar path={path} />
      <main id="main" key={path}>
        <RouteView path={path} />
      </main>
    </>
  );
}
