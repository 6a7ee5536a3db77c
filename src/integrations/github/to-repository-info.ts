import { z } from "zod";
import { UpstreamError } from "../../core/errors.ts";
import type { RepositoryInfo } from "./github-client.ts";

const repositorySchema = z.object({
  id: z.number().optional(),
  name: z.string(),
  full_name: z.string(),
  owner: z.object({ login: z.string() }),
  private: z.boolean(),
  archived: z.boolean().optional(),
  default_branch: z.string().optional(),
  clone_url: z.string().optional(),
  ssh_url: z.string().optional(),
  html_url: z.string(),
  permissions: z
    .object({ admin: z.boolean(), maintain: z.boolean().optional(), push: z.boolean(), triage: z.boolean().optional(), pull: z.boolean() })
    .optional(),
});

/**
 * Maps GitHub's repository JSON (any of its shapes) to `RepositoryInfo`.
 * @throws UpstreamError GITHUB_UNEXPECTED_RESPONSE when required fields are missing.
 */
export function toRepositoryInfo(data: unknown): RepositoryInfo {
  const parsed = repositorySchema.safeParse(data);
  if (!parsed.success) throw new UpstreamError("GITHUB_UNEXPECTED_RESPONSE", "GitHub returned a repository without the expected fields.");
  const r = parsed.data;
  const p = r.permissions;
  return {
    id: r.id === undefined ? null : String(r.id),
    owner: r.owner.login,
    name: r.name,
    fullName: r.full_name,
    private: r.private,
    archived: r.archived ?? false,
    defaultBranch: r.default_branch ?? "main",
    cloneUrl: r.clone_url ?? `${r.html_url}.git`,
    sshUrl: r.ssh_url ?? "",
    htmlUrl: r.html_url,
    permissions: p ? { admin: p.admin, maintain: p.maintain ?? p.admin, push: p.push, triage: p.triage ?? p.push, pull: p.pull } : null,
  };
}
