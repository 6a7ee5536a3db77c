import { guardedFetchForHost } from "../../src/adapters/net/guarded-fetch-for-host.ts";
import { systemActor } from "../../src/core/access/actor.ts";
import { createCredential } from "../../src/core/credentials/create-credential.ts";
import type { CoreDeps } from "../../src/core/deps.ts";
import { addHost } from "../../src/core/hosts/add-host.ts";
import type { AppTokenMint } from "../../src/integrations/github/app/app-types.ts";
import { auditAppTokenMint } from "../../src/integrations/github/app/audit-app-token-mint.ts";
import { GithubAppTokens } from "../../src/integrations/github/app/github-app-tokens.ts";
import { startGithubFake, type GithubFake } from "../github-fake/index.ts";
import type { FakeInstallation } from "../github-fake/state.ts";
import { runtimeGithubClient, useGithubClient } from "../support/use-github-client.ts";
import { insertHealthRepositories } from "./health-world.ts";

/** The fake with one GitHub App installed on `acme` (all but its last repository selected), on `beta` (all), and suspended on `frozen`. */
export interface AppHealthFake {
  fake: GithubFake;
  app: { id: number; privateKey: string };
  acme: FakeInstallation;
  beta: FakeInstallation;
  /** `acme/a000`…, `beta/b000`…, `frozen/ice`, in this order. */
  fullNames: string[];
}

const names = (owner: string, prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${owner}/${prefix}${String(i).padStart(3, "0")}`);

/** Starts the fake with `acme` and `beta` repositories (one real bare repository, the others sharing its Git data). */
export async function startAppHealthFake(acmeRepos: number, betaRepos: number): Promise<AppHealthFake> {
  const fake = await startGithubFake();
  fake.addUser({ login: "octocat" });
  for (const org of ["acme", "beta", "frozen"]) fake.addUser({ login: org, type: "Organization" });
  const acmeNames = names("acme", "a", acmeRepos);
  const fullNames = [...acmeNames, ...names("beta", "b", betaRepos), "frozen/ice"];
  for (const [i, fullName] of fullNames.entries()) {
    const [owner = "", name = ""] = fullName.split("/");
    await fake.addRepo({ owner, name, private: true, ...(i === 0 ? {} : { shareGitWith: fullNames[0] }) });
  }
  const app = fake.addApp({ owner: "octocat", name: "Health App" });
  const acme = fake.installApp({ appId: app.id, account: "acme", repositories: acmeNames.slice(0, -1) });
  const beta = fake.installApp({ appId: app.id, account: "beta" });
  fake.installApp({ appId: app.id, account: "frozen" }).suspended = true;
  return { fake, app, acme, beta, fullNames };
}

/**
 * Wires a runtime's GitHub Apps as main.ts does (each mint audited), with a clock `aheadMs()`
 * ahead of the real one and every mint told to `onMint`.
 */
export function wireAppTokens(deps: CoreDeps, options: { aheadMs?: () => number; onMint?: (mint: AppTokenMint) => void } = {}): void {
  const apps = new GithubAppTokens({
    fetchFor: guardedFetchForHost(),
    now: () => Date.now() + (options.aheadMs?.() ?? 0),
    retryDelayMs: () => 50,
    onMint: async (mint) => {
      options.onMint?.(mint);
      await auditAppTokenMint(deps, mint);
    },
  });
  useGithubClient(deps, runtimeGithubClient(), { checker: true, apps });
}

/** Registers host `ghe.test`, the App as credential `health-app` and every repository of the world under it; returns its id. */
export async function seedAppRepositories(deps: CoreDeps, world: AppHealthFake): Promise<string> {
  await addHost(deps, systemActor, { name: "ghe.test", url: world.fake.url, allowPrivateNetwork: true });
  const credential = await createCredential(deps, systemActor, {
    name: "health-app",
    hostName: "ghe.test",
    secret: { kind: "github-app", appId: String(world.app.id), privateKey: world.app.privateKey, installationId: null },
    validate: false,
  });
  await insertHealthRepositories(
    deps,
    world.fake.url,
    world.fullNames,
    world.fullNames.map(() => credential.id),
  );
  return credential.id;
}

/** API units the App's installations spent at the fake: REST requests and GraphQL points of their tokens. */
export const installationUnitsOf = (world: AppHealthFake): number =>
  [world.acme, world.beta].reduce((n, i) => n + world.fake.installationUnits(i.id).rest + world.fake.installationUnits(i.id).graphql, 0);
