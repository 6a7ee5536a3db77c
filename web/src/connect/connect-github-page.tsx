import { useEffect, useState } from "react";
import { call } from "../api/api-client.ts";
import type { CredentialView } from "../api/types.ts";
import { PageHeading } from "../components/page-heading.tsx";
import { useApiData } from "../hooks/use-api-data.ts";
import { AppKeyStep } from "./app-key-step.tsx";
import { ChooseHostStep } from "./choose-host-step.tsx";
import { ConnectRepositoriesStep } from "./connect-repositories-step.tsx";
import { CreateAppStep } from "./create-app-step.tsx";
import { CreateTokenStep } from "./create-token-step.tsx";
import { PasteTokenStep } from "./paste-token-step.tsx";
import type { SaveOutcome } from "./save-checked-credential.ts";
import { TokenCheckStep } from "./token-check-step.tsx";
import { WizardProgress } from "./wizard-progress.tsx";
import { useWizardLocation } from "./wizard-location.ts";

/**
 * The guided flow: host and method → create a token (or the GitHub App) → paste it (or the App's key) →
 * check → repositories. The step lives in the URL; what was saved is found again by the credential's id.
 */
const intro =
  "Let Repolink reach your repositories on GitHub with a personal access token or a GitHub App, check it, " +
  "and connect your repositories with it.";

export function ConnectGithubPage() {
  const [at, goTo] = useWizardLocation();
  const hosts = useApiData("GET /hosts");
  const host = hosts.data?.items.find((h) => h.name === at.host) ?? null;
  const [outcome, setOutcome] = useState<SaveOutcome | null>(null);
  const saved = outcome?.kind === "saved" ? outcome.credential : null;

  // After a reload (or GitHub's manifest flow) the saved credential is read back by its id.
  useEffect(() => {
    if (!at.credential || saved?.id === at.credential) return;
    let live = true;
    call("GET /credentials/{ref}", { params: { ref: at.credential } })
      .then(({ credential }) => live && setOutcome({ kind: "saved", credential }))
      .catch(() => live && goTo({ step: 3, credential: null }));
    return () => {
      live = false;
    };
  }, [at.credential, saved?.id]);

  const onOutcome = (o: SaveOutcome) => {
    setOutcome(o);
    goTo({ step: 4, credential: o.kind === "saved" ? o.credential.id : null });
  };
  const onChecked = (credential: CredentialView) => setOutcome({ kind: "saved", credential });
  const step = !host ? 1 : at.step >= 4 && !outcome ? (at.credential ? 0 : 3) : at.step;
  const app = at.method === "app";

  return (
    <>
      <PageHeading intro={intro}>Connect GitHub</PageHeading>
      <WizardProgress current={Math.max(step, 1)} method={at.method} />
      {step === 0 ? (
        <p role="status">Loading the saved credential…</p>
      ) : step === 1 || !host ? (
        hosts.loading && at.host ? (
          <p role="status">Loading…</p>
        ) : (
          <ChooseHostStep
            initial={at.host}
            initialMethod={at.method}
            onChoose={(h, method) => goTo({ step: 2, host: h.name, method, credential: null })}
          />
        )
      ) : step === 2 ? (
        app ? (
          <CreateAppStep host={host} onBack={() => goTo({ step: 1 })} onNext={() => goTo({ step: 3 })} />
        ) : (
          <CreateTokenStep host={host} onBack={() => goTo({ step: 1 })} onNext={() => goTo({ step: 3 })} />
        )
      ) : step === 3 || !outcome ? (
        app ? (
          <AppKeyStep host={host} onBack={() => goTo({ step: 2 })} onOutcome={onOutcome} />
        ) : (
          <PasteTokenStep host={host} onBack={() => goTo({ step: 2 })} onOutcome={onOutcome} />
        )
      ) : step === 4 || outcome.kind === "refused" ? (
        <TokenCheckStep
          outcome={outcome}
          what={app ? "app" : "token"}
          onRetry={() => goTo({ step: 3, credential: null })}
          onChecked={onChecked}
          onNext={() => goTo({ step: 5 })}
        />
      ) : (
        <ConnectRepositoriesStep credential={outcome.credential} hosts={hosts.data?.items ?? []} />
      )}
    </>
  );
}
