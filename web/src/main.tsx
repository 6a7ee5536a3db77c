import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app.tsx";
import { requestRepositoryPageEarly } from "./pages/repositories/early-repository-page.ts";
import "./styles.css";

requestRepositoryPageEarly();

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
