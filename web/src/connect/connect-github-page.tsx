import { useState } from "react";
import type { HostView } from "../api/types.ts";
import { PageHeading } from "../components/page-heading.tsx";
import { ChooseHostStep } from "./choose-host-step.tsx";
import { ConnectRepositoriesStep } from "./connect-repositories-step.tsx";
import { CreateTokenStep } from "./create-token-step.tsx";
import { PasteTokenStep, type SaveOutcome } from "./paste-token-step.tsx";
import { TokenCheckStep } from "./token-check-step.tsx";
import { WizardProgress } from "./wizard-progress.tsx";

/** The guided flow of the seed guide: host → create token → paste → check → repositories. */
export function ConnectGithubPage() {
  const [step, setStep] = useState(1);
  const [host, setHost] = useState<HostView | null>(null);
  const [outcome, setOutcome] = useState<SaveOutcome | null>(null);

  return (
    <>
      <PageHeading intro="Create a personal access token on GitHub, let Repolink check it, and connect your repositories with it.">
        Connect GitHub
      </PageHeading>
      <WizardProgress current={step} />
      {step === 1 || !host ? (
        <ChooseHostStep
          initial={host?.name ?? null}
          onChoose={(h) => {
            setHost(h);
            setStep(2);
          }}
        />
      ) : step === 2 ? (
        <CreateTokenStep host={host} onBack={() => setStep(1)} onNext={() => setStep(3)} />
      ) : step === 3 || !outcome ? (
        <PasteTokenStep
          host={host}
          onBack={() => setStep(2)}
          onOutcome={(o) => {
            setOutcome(o);
            setStep(4);
          }}
        />
      ) : step === 4 || outcome.kind === "refused" ? (
        <TokenCheckStep outcome={outcome} onRetry={() => setStep(3)} onNext={() => setStep(5)} />
      ) : (
        <ConnectRepositoriesStep credential={outcome.credential} />
      )}
    </>
  );
}
