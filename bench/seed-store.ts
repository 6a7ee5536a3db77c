import { generateKeyPairSync } from "node:crypto";
import { systemActor, type Actor } from "../src/core/access/actor.ts";
import { createCredential } from "../src/core/credentials/create-credential.ts";
import type { CoreDeps } from "../src/core/deps.ts";
import { type Repository, unlearntHostFacts } from "../src/core/repositories/repository.ts";
import { createApiToken } from "../src/core/users/api-tokens.ts";
import { createUser } from "../src/core/users/create-user.ts";

/** What the seeded store holds that a load run needs. */
export interface SeededStore {
  token: string;
  credentialId: string;
  /** Ids of the seeded repositories, in insertion order. */
  repositoryIds: string[];
}

/** A repository row as registration would store it, `bench-org-<n>/repo-<i>`. */
function benchRepository(deps: CoreDeps, i: number, credentialId: string, createdBy: string, now: string): Repository {
  const owner = `bench-org-${i % 100}`;
  const repo = `repo-${i}`;
  return {
    id: deps.newId(),
    name: `${owner}/${repo}`,
    hostName: "github.com",
    path: `${owner}/${repo}`,
    owner,
    repo,
    url: `https://github.com/${owner}/${repo}.git`,
    protocol: "https",
    credentialId,
    defaultBranch: "main",
    ...unlearntHostFacts,
    needs: "pull",
    status: "connected",
    reasonCode: null,
    message: null,
    remedy: null,
    lastCheckedAt: now,
    createdBy,
    createdAt: now,
  };
}

/**
 * Seeds an admin, an API token, one SSH-key credential (through the core use case, not
 * validated online) and `repositories` repositories inserted in one transaction.
 */
export async function seedStore(deps: CoreDeps, repositories: number): Promise<SeededStore> {
  const user = await createUser(deps, systemActor, { username: "bench-admin", password: "bench password 12345", role: "admin" });
  const actor: Actor = { id: user.id, username: user.username, role: user.role };
  const issued = await createApiToken(deps, actor, user, "bench");
  const { privateKey } = generateKeyPairSync("ed25519", {
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  const credential = await createCredential(deps, actor, {
    name: "bench-deploy-key",
    secret: { kind: "ssh-key", privateKey, passphrase: null },
    validate: false,
  });
  const now = deps.now().toISOString();
  const repositoryIds: string[] = [];
  await deps.store.transaction(async (tx) => {
    for (let i = 0; i < repositories; i += 1) {
      const repository = benchRepository(deps, i, credential.id, user.username, now);
      await tx.repositories.insert(repository);
      repositoryIds.push(repository.id);
    }
  });
  return { token: issued.token.reveal(), credentialId: credential.id, repositoryIds };
}
