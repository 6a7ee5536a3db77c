import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app.tsx";
import { requestRepositoryPageEarly } from "./pages/repositories/early-repository-page.ts";
import { requestStartEarly } from "./session/start-answers.ts";
import "./styles.css";

requestStartEarly();
requestRepositoryPageEarly();

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
