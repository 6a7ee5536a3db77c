import type { Context } from "hono";
import type { CoreDeps } from "../../../core/deps.ts";
import { AuthError } from "../../../core/errors.ts";
import { answerGitCredential } from "../../../core/git-credentials/answer-git-credential.ts";
import { openGitAccess } from "../../../core/git-credentials/open-git-access.ts";
import { formatCredentialAnswer, parseCredentialRequest } from "../../../core/git-credentials/parse-credential-request.ts";
import { reportRejectedGitCredential } from "../../../core/git-credentials/report-rejected-git-credential.ts";
import { gitContract as routes } from "../../../contract/routes/git-contract.ts";
import type { ApiApp, Guard } from "../api-env.ts";
import type { BackgroundTasks } from "../background-tasks.ts";

// The helper endpoint hands a token to git, so a browser session (open to XSS/CSRF
// tricks) may not call it: only a pipeline's or person's API token.
function requireApiToken(c: Context): void {
  if (c.get("session") !== null)
    throw new AuthError("forbidden", "API_TOKEN_REQUIRED", "The git credential helper needs an API token, not a browser session.");
}

/** Backs `repolink git-credential get|erase` (git's credential helper protocol), `checkout` and `push`. */
export function gitCredentialRoutes(app: ApiApp, guard: Guard, deps: CoreDeps, background: BackgroundTasks): void {
  app.openapi(guard(routes.gitCredentialGet), async (c) => {
    requireApiToken(c);
    const request = parseCredentialRequest(c.req.valid("json").input);
    const answer = await answerGitCredential(deps, c.get("actor"), request, new URL(c.req.url).origin);
    if ("none" in answer) return c.json({ answer: null, reason: answer.none }, 200);
    const fields: Record<string, string> = { username: answer.username, password: answer.password };
    if (answer.passwordExpiryUtc !== null) fields.password_expiry_utc = String(answer.passwordExpiryUtc);
    return c.json({ answer: formatCredentialAnswer(fields), credential: answer.credentialName }, 200);
  });
  app.openapi(guard(routes.gitAccess), async (c) => {
    requireApiToken(c);
    const body = c.req.valid("json");
    const target = body.url !== undefined ? { url: body.url } : { repository: body.repository ?? "" };
    const { repository, credential, host } = await openGitAccess(
      deps,
      c.get("actor"),
      target,
      body.access ?? "read",
      new URL(c.req.url).origin,
    );
    return c.json(
      {
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
      200,
    );
  });
  app.openapi(guard(routes.gitCredentialErase), async (c) => {
    requireApiToken(c);
    const { rechecking, done } = await reportRejectedGitCredential(deps, c.get("actor"), parseCredentialRequest(c.req.valid("json").input));
    background.run(() => done);
    return c.json({ rechecking }, 202);
  });
}
