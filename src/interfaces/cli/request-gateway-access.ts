import { gatewayUrlOf } from "../../core/gateway/gateway-url.ts";
import { Secret } from "../../core/secret.ts";
import type { ApiClient } from "./api-client.ts";
import { CliError, exitCodes } from "./cli-error.ts";
import type { CliSettings } from "./cli-settings.ts";
import type { GitAccess } from "./request-git-access.ts";

/** The user name git sends with the API token to the gateway; the gateway reads only the password. */
export const GATEWAY_USERNAME = "repolink";

/**
 * A registered repository and the remote that reaches it through the server's Git gateway:
 * `<server>/git/<host>/<path>.git`, authenticated with this pipeline's own Repolink API token.
 * The stored credential is never asked for, so a gateway-only credential works.
 * @throws CliError `REPOSITORY_NOT_FOUND`, `CHECKOUT_SSH_UNSUPPORTED` as the server answers
 */
export async function requestGatewayAccess(api: ApiClient, settings: CliSettings, repository: string): Promise<GitAccess> {
  const { repository: found } = await api.call("GET /repositories/{ref}", { params: { ref: repository } });
  if (found.protocol !== "https")
    throw new CliError(
      "CHECKOUT_SSH_UNSUPPORTED",
      `${found.name} is registered with an SSH URL; the Git gateway serves HTTPS repositories.`,
      exitCodes.usage,
      { field: "repository" },
    );
  const server = settings.server ?? "";
  const url = gatewayUrlOf(server, { hostName: found.host, path: found.path });
  return {
    repository: {
      name: found.name,
      host: found.host,
      path: found.path,
      owner: found.owner,
      repo: found.repo,
      url,
      protocol: found.protocol,
    },
    remote: {
      url,
      auth: { kind: "token", username: GATEWAY_USERNAME, token: new Secret(settings.token ?? "") },
      // The gateway is the server this CLI is configured to talk to: the same trust as its API calls.
      allowPrivateNetwork: true,
      allowHttp: url.startsWith("http:"),
      caBundle: null,
    },
  };
}
