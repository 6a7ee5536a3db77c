import { api, seg } from "./api-client.ts";
import type { CheckStep, Items, RepositoryCheckView, RepositoryView } from "./types.ts";

/** What registering or checking a repository answers: the repository and the check it ran. */
export interface RepositoryCheckOutcome {
  repository: RepositoryView;
  check: RepositoryCheckView | null;
}

type RawOutcome = { repository?: RepositoryView; check?: RepositoryCheckView | null; steps?: CheckStep[] } & Partial<RepositoryView>;

function outcome(raw: RawOutcome): RepositoryCheckOutcome {
  const repository = (raw.repository ?? raw) as RepositoryView;
  const check = raw.check ?? (raw.steps || repository.steps ? { at: repository.lastCheckedAt ?? "", status: repository.status, steps: raw.steps ?? repository.steps ?? [] } : null);
  return { repository, check };
}

/** The repository calls of the API, in one place. */
export const repositoryApi = {
  list: async (): Promise<RepositoryView[]> => (await api<Items<RepositoryView>>("GET", "/repositories")).items,
  get: async (id: string): Promise<RepositoryView> => {
    const raw = await api<{ repository?: RepositoryView } & Partial<RepositoryView>>("GET", `/repositories/${seg(id)}`);
    return (raw.repository ?? raw) as RepositoryView;
  },
  register: async (input: { url: string; credential: string; name?: string; branch?: string; needs?: "push" | "pull" }) =>
    outcome(await api<RawOutcome>("POST", "/repositories", input)),
  validate: async (id: string) => outcome(await api<RawOutcome>("POST", `/repositories/${seg(id)}/validate`)),
  history: async (id: string): Promise<RepositoryCheckView[]> => (await api<Items<RepositoryCheckView>>("GET", `/repositories/${seg(id)}/checks`)).items,
  branches: async (id: string) => api<{ defaultBranch?: string | null; items: { name: string; default?: boolean; protected?: boolean }[] }>("GET", `/repositories/${seg(id)}/branches`),
  remove: async (id: string) => api<void>("DELETE", `/repositories/${seg(id)}`),
  import: async (input: { credential: string; owner?: string }) =>
    api<{ items?: RawOutcome[]; imported?: RawOutcome[]; skipped?: unknown[] }>("POST", "/repositories/import", input),
};
