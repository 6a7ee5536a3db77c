import { z } from "zod";
import type { CoreDeps } from "../../../core/deps.ts";
import { AuthError } from "../../../core/errors.ts";
import { answerGitCredential } from "../../../core/git-credentials/answer-git-credential.ts";
import { openGitAccess } from "../../../core/git-credentials/open-git-access.ts";
import { formatCredentialAnswer, parseCredentialRequest } from "../../../core/git-credentials/parse-credential-request.ts";
import { reportRejectedGitCredential } from "../../../core/git-credentials/report-rejected-git-credential.ts";
import type { BackgroundTasks } from "../background-tasks.ts";
import { defineRoute, type AnyRoute, type RouteInput } from "../route.ts";

const body = z.object({ input: z.string().max(65_536) }).strict();

const gitAccessBody = z
  .object({
    repository: z.string().min(1).max(300).optional(),
    url: z.string().min(1).max(2048).optional(),
  })
  .strict()
  .superRefine((value, context) => {
    if ((value.repository === undefined) === (value.url === undefined)) {
      context.addIssue({ code: "custom", path: ["repository"], message: "give exactly one of repository (a name or id) and url" });
    }
  });

// The helper endpoint hands a token to git, so a browser session (open to XSS/CSRF
// tricks) may not call it: only a pipeline's or person's API token.
function requireApiToken(input: RouteInput<unknown, unknown>): void {
  if (input.session !== null)
    throw new AuthError("forbidden", "API_TOKEN_REQUIRED", "The git credential helper needs an API token, not a browser session.");
}

/** Backs `repolink git-credential get|erase` (git's credential helper protocol). */
export function gitCredentialRoutes(deps: CoreDeps, background: BackgroundTasks): AnyRoute[] {
  return [
    defineRoute({
      method: "post",
      path: "/git-credential/get",
      successStatus: 200,
      summary: "Answer git's credential `get` for a registered repository (API token only; audited)",
      tag: "git",
      access: "user",
      errors: [400, 403],
      body,
      handler: async (input) => {
        requireApiToken(input);
        const answer = await answerGitCredential(deps, input.actor, parseCredentialRequest(input.body.input));
        if (!answer) return { status: 200, body: { answer: null } };
        const fields: Record<string, string> = { username: answer.username, password: answer.password };
        if (answer.passwordExpiryUtc !== null) fields.password_expiry_utc = String(answer.passwordExpiryUtc);
        return { status: 200, body: { answer: formatCredentialAnswer(fields), credential: answer.credentialName } };
      },
    }),
    defineRoute({
      method: "post",
      path: "/git-access",
      successStatus: 200,
      summary: "A repository's clone URL, network policy and stored token for a pipeline's git, in one answer (API token only; audited)",
      tag: "git",
      access: "user",
      errors: [400, 403, 404, 409],
      body: gitAccessBody,
      handler: async (input) => {
        requireApiToken(input);
        const target = input.body.url !== undefined ? { url: input.body.url } : { repository: input.body.repository ?? "" };
        const { repository, credential, host } = await openGitAccess(deps, input.actor, target);
        return {
          status: 200,
          body: {
            repository: {
              name: repository.name,
              host: repository.hostName,
              path: repository.path,
              owner: repository.owner,
              repo: repository.repo,
              url: repository.url,
              protocol: repository.protocol,
            },
            git: {
              username: credential.username,
              password: credential.password,
              passwordExpiryUtc: credential.passwordExpiryUtc,
              credential: credential.credentialName,
              allowPrivateNetwork: host.allowPrivateNetwork,
              caBundle: host.caBundle,
            },
          },
        };
      },
    }),
    defineRoute({
      method: "post",
      path: "/git-credential/erase",
      successStatus: 202,
      summary: "git reports a rejected credential: audited now, re-checked right after the answer (git is not kept waiting)",
      tag: "git",
      access: "user",
      errors: [400, 403],
      body,
      handler: async (input) => {
        requireApiToken(input);
        const { rechecking, done } = await reportRejectedGitCredential(deps, input.actor, parseCredentialRequest(input.body.input));
        background.run(() => done);
        return { status: 202, body: { rechecking } };
      },
    }),
  ];
}
