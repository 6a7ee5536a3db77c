import { adminContract } from "./routes/admin-contract.ts";
import { appManifestContract } from "./routes/app-manifest-contract.ts";
import { authContract } from "./routes/auth-contract.ts";
import { credentialContract } from "./routes/credential-contract.ts";
import { gitContract } from "./routes/git-contract.ts";
import { hostContract } from "./routes/host-contract.ts";
import { repositoryContract } from "./routes/repository-contract.ts";
import { userContract } from "./routes/user-contract.ts";
import { webhookContract } from "./routes/webhook-contract.ts";

/**
 * Every route of the API under /api/v1, declared once with its schemas: the server mounts
 * these, the OpenAPI description is generated from them, and the CLI's and web UI's clients
 * take their types from them.
 */
export const apiContract = {
  ...authContract,
  ...userContract,
  ...credentialContract,
  ...appManifestContract,
  ...hostContract,
  ...repositoryContract,
  ...adminContract,
  ...gitContract,
  ...webhookContract,
};

/** The routes of the API by operation name. */
export type ApiContract = typeof apiContract;

/** The name of one API operation (`listRepositories`, `createCredential`…). */
export type OperationName = keyof ApiContract;
