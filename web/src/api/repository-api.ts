import { call } from "./api-client.ts";
import type { RepositoryCheckOutcome as CheckedRepository } from "../../../src/contract/views/repository-views.ts";

/** A repository and its check: the one just run, or none yet (a repository shown before any check). */
export type RepositoryCheckOutcome = Omit<CheckedRepository, "check"> & { check: CheckedRepository["check"] | null };

/** The repository calls of the API, in one place; repositories are addressed by id. */
export const repositoryApi = {
  list: async () => (await call("GET /repositories", {})).items,
  get: async (id: string) => (await call("GET /repositories/{ref}", { params: { ref: id } })).repository,
  register: (input: { url: string; credential: string; name?: string; branch?: string; needs?: "push" | "pull" }) =>
    call("POST /repositories", { body: input }),
  validate: (id: string) => call("POST /repositories/{ref}/validate", { params: { ref: id } }),
  followMove: (id: string) => call("POST /repositories/{ref}/follow-move", { params: { ref: id } }),
  history: async (id: string) => (await call("GET /repositories/{ref}/checks", { params: { ref: id } })).items,
  branches: (id: string) => call("GET /repositories/{ref}/branches", { params: { ref: id } }),
  remove: (id: string) => call("DELETE /repositories/{ref}", { params: { ref: id } }),
  import: (input: { credential: string; owner?: string; repositories?: string[]; needs?: "push" | "pull" }) =>
    call("POST /repositories/import", { body: input }),
  /** What a credential reaches on its host, marked archived and registered (the import picker). */
  reachable: (credential: string) => call("GET /credentials/{ref}/reachable-repositories", { params: { ref: credential } }),
  /** How far a check (an import's) has come. */
  checkProgress: (cycleId: string) => call("GET /health/cycles/{id}/progress", { params: { id: cycleId } }),
};
