import { api, seg } from "./api-client.ts";
import type { BranchView, ConnectionReport, ImportResult, Items, RepositoryCheckView, RepositoryView } from "./types.ts";

/** What registering or checking a repository answers: the repository and the check it ran. */
export interface RepositoryCheckOutcome {
  repository: RepositoryView;
  check: ConnectionReport | null;
}

/** The repository calls of the API, in one place; repositories are addressed by id. */
export const repositoryApi = {
  list: async (): Promise<RepositoryView[]> => (await api<Items<RepositoryView>>("GET", "/repositories")).items,
  get: async (id: string): Promise<RepositoryView> =>
    (await api<{ repository: RepositoryView }>("GET", `/repositories/${seg(id)}`)).repository,
  register: (input: { url: string; credential: string; name?: string; branch?: string; needs?: "push" | "pull" }) =>
    api<RepositoryCheckOutcome>("POST", "/repositories", input),
  validate: (id: string) => api<RepositoryCheckOutcome>("POST", `/repositories/${seg(id)}/validate`),
  history: async (id: string): Promise<RepositoryCheckView[]> =>
    (await api<Items<RepositoryCheckView>>("GET", `/repositories/${seg(id)}/checks`)).items,
  branches: (id: string) =>
    api<{ defaultBranch: string | null; source: string; items: BranchView[] }>("GET", `/repositories/${seg(id)}/branches`),
  remove: (id: string) => api<void>("DELETE", `/repositories/${seg(id)}`),
  import: (input: { credential: string; owner?: string }) => api<ImportResult>("POST", "/repositories/import", input),
};
