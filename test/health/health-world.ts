import { systemActor } from "../../src/core/access/actor.ts";
import { createCredential } from "../../src/core/credentials/create-credential.ts";
import type { CoreDeps } from "../../src/core/deps.ts";
import { addHost } from "../../src/core/hosts/add-host.ts";
import { type Repository, unlearntHostFacts } from "../../src/core/repositories/repository.ts";
import { startGithubFake, type FakeTokenOptions, type GithubFake } from "../github-fake/index.ts";

/** A GitHub fake with `repos` repositories of `acme`, readable by `credentials` tokens of octocat. */
export interface HealthFake {
  fake: GithubFake;
  tokens: string[];
  /** `acme/r0000`… in order. */
  fullNames: string[];
}

/**
 * Starts the fake: one real bare repository, the others sharing its Git data (fast).
 * `tokens[i]` shapes token i (default: classic, `repo`).
 */
export async function startHealthFake(
  repos: number,
  credentials: number,
  options: { rateLimit?: number; tokens?: Omit<FakeTokenOptions, "login">[] } = {},
): Promise<HealthFake> {
  const fake = await startGithubFake(options);
  fake.addUser({ login: "octocat" });
  fake.addUser({ login: "acme", type: "Organization", members: { octocat: "write" } });
  const fullNames = Array.from({ length: repos }, (_, i) => `acme/r${String(i).padStart(5, "0")}`);
  for (const [i, fullName] of fullNames.entries()) {
    await fake.addRepo({ owner: "acme", name: fullName.slice(5), private: true, ...(i === 0 ? {} : { shareGitWith: fullNames[0] }) });
  }
  const tokens = Array.from({ length: credentials }, (_, i) => fake.addToken({ ...options.tokens?.[i], login: "octocat" }));
  return { fake, tokens, fullNames };
}

/**
 * Registers the fake as host `ghe.test`, one credential per token (`cred-0`…) and the
 * repositories round-robin over them — or, with `holdings`, the first `holdings[0]` to
 * `cred-0`, the next `holdings[1]` to `cred-1`… — straight into the store (no per-repository check).
 * @returns the credential ids in token order
 */
export async function seedHealthRepositories(deps: CoreDeps, world: HealthFake, holdings?: number[]): Promise<string[]> {
  await addHost(deps, systemActor, { name: "ghe.test", url: world.fake.url, allowPrivateNetwork: true });
  const ids: string[] = [];
  for (const [i, token] of world.tokens.entries()) {
    const credential = await createCredential(deps, systemActor, {
      name: `cred-${i}`,
      hostName: "ghe.test",
      username: "octocat",
      secret: { kind: "token", secret: token },
      validate: false,
    });
    ids.push(credential.id);
  }
  const owners = holdings
    ? holdings.flatMap((n, i) => Array.from({ length: n }, () => ids[i] ?? null))
    : world.fullNames.map((_, i) => ids[i % ids.length] ?? null);
  if (owners.length !== world.fullNames.length)
    throw new Error(`holdings add up to ${owners.length}, not ${world.fullNames.length} repositories`);
  await insertHealthRepositories(deps, world.fake.url, world.fullNames, owners);
  return ids;
}

/**
 * Registers `fullNames` of the fake (host `ghe.test`, added already) straight into the store,
 * repository i served by credential `owners[i]`, ids `repo-00000`… in order, needing push.
 */
export async function insertHealthRepositories(
  deps: CoreDeps,
  fakeUrl: string,
  fullNames: readonly string[],
  owners: readonly (string | null)[],
): Promise<void> {
  const now = deps.now().toISOString();
  await deps.store.transaction(async (store) => {
    for (const [i, fullName] of fullNames.entries()) {
      const [owner = "", repo = ""] = fullName.split("/");
      const repository: Repository = {
        id: `repo-${String(i).padStart(5, "0")}`,
        name: fullName,
        hostName: "ghe.test",
        path: fullName,
        owner,
        repo,
        url: `${fakeUrl}/${fullName}.git`,
        protocol: "https",
        credentialId: owners[i] ?? null,
        defaultBranch: null,
        ...unlearntHostFacts,
        needs: "push",
        status: "unchecked",
        reasonCode: null,
        message: null,
        remedy: null,
        lastCheckedAt: null,
        createdBy: "test",
        createdAt: now,
      };
      await store.repositories.insert(repository);
    }
  });
}

/** GitHub API units the fake counted: REST requests plus GraphQL points. */
export const apiUnits = (fake: GithubFake): number => fake.counters.rest + fake.counters.graphqlPoints;
