import { generateKeyPairSync } from "node:crypto";
import { systemActor } from "../../src/core/access/actor.ts";
import { createCredential } from "../../src/core/credentials/create-credential.ts";
import type { CoreDeps } from "../../src/core/deps.ts";
import { type ConnectionStatus, type Repository, unlearntHostFacts } from "../../src/core/repositories/repository.ts";

/** The status of the i-th seeded repository: mostly connected, some degraded, a few failing or unchecked. */
export function seededStatus(i: number): ConnectionStatus {
  return i % 10 === 3 ? "failing" : i % 10 === 6 ? "degraded" : i % 25 === 9 ? "unchecked" : "connected";
}

/** The owner of the i-th seeded repository (`org-00` … `org-19`). */
export const seededOwner = (i: number): string => `org-${String(i % 20).padStart(2, "0")}`;

/** The credential of the i-th seeded repository: `deploy-a` for even i, `deploy-b` for odd. */
export const seededCredential = (i: number): "deploy-a" | "deploy-b" => (i % 2 === 0 ? "deploy-a" : "deploy-b");

/**
 * Seeds two global SSH-key credentials (`deploy-a`, `deploy-b`, not checked online) and `count` repositories on
 * github.com, `org-NN/service-NNNNN`, in one transaction, with the statuses of seededStatus. Checked times are spread
 * over a day.
 */
export async function seedRepositories(deps: CoreDeps, count: number): Promise<{ credentialIds: Record<string, string> }> {
  const credentialIds: Record<string, string> = {};
  for (const name of ["deploy-a", "deploy-b"]) {
    const { privateKey } = generateKeyPairSync("ed25519", {
      privateKeyEncoding: { type: "pkcs8", format: "pem" },
      publicKeyEncoding: { type: "spki", format: "pem" },
    });
    const credential = await createCredential(deps, systemActor, {
      name,
      secret: { kind: "ssh-key", privateKey, passphrase: null },
      validate: false,
    });
    credentialIds[name] = credential.id;
  }
  const start = Date.parse("2026-11-01T00:00:00Z");
  await deps.store.transaction(async (tx) => {
    for (let i = 0; i < count; i++) {
      const owner = seededOwner(i);
      const repo = `service-${String(i).padStart(5, "0")}`;
      const status = seededStatus(i);
      const repository: Repository = {
        id: deps.newId(),
        name: `${owner}/${repo}`,
        hostName: "github.com",
        path: `${owner}/${repo}`,
        owner,
        repo,
        url: `git@github.com:${owner}/${repo}.git`,
        protocol: "ssh",
        credentialId: credentialIds[seededCredential(i)] ?? null,
        defaultBranch: "main",
        needs: "pull",
        status,
        reasonCode: status === "failing" ? "GIT_AUTH_FAILED" : status === "degraded" ? "TOKEN_EXPIRING" : null,
        message: status === "failing" ? "The SSH key was refused." : null,
        remedy: null,
        lastCheckedAt: status === "unchecked" ? null : new Date(start + ((i * 7919) % 86_400) * 1000).toISOString(),
        createdBy: "seed",
        createdAt: new Date(start).toISOString(),
        ...unlearntHostFacts,
      };
      await tx.repositories.insert(repository);
    }
  });
  return { credentialIds };
}
