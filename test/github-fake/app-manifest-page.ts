import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { newAppKey } from "./app-keys.ts";
import type { FakeUrls } from "./payloads.ts";
import type { GithubFakeState } from "./state.ts";

/** The pages of GitHub's App manifest flow: where a manifest is posted for the user or an organization. */
export const newAppPagePattern = /^\/(?:organizations\/([^/]+)\/)?settings\/apps\/new$/;

function page(res: ServerResponse, status: number, text: string): void {
  res
    .writeHead(status, { "content-type": "text/html; charset=utf-8" })
    .end(`<!doctype html><html lang="en"><head><title>GitHub fake</title></head><body><p>${text}</p></body></html>`);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

/**
 * `POST /settings/apps/new?state=…` (or an organization's): GitHub shows the manifest's App for the
 * signed-in user to confirm; the fake confirms at once — it creates the App with the manifest's name and
 * `default_permissions`, owned by the organization or the first user, and redirects to the manifest's
 * `redirect_url` with a one-time `code` (and the `state` it was given), as GitHub does after "Create GitHub App".
 */
export async function handleNewAppPage(
  state: GithubFakeState,
  urls: FakeUrls,
  req: IncomingMessage,
  res: ServerResponse,
  organization: string | undefined,
): Promise<void> {
  if (req.method !== "POST") {
    req.resume();
    return page(res, 200, "Register a new GitHub App: post a manifest here.");
  }
  const form = await readForm(req);
  let manifest: { name?: unknown; url?: unknown; redirect_url?: unknown; default_permissions?: unknown };
  try {
    manifest = JSON.parse(form.get("manifest") ?? "") as typeof manifest;
  } catch {
    return page(res, 422, "Invalid GitHub App configuration: the manifest is not JSON.");
  }
  if (typeof manifest.url !== "string" || typeof manifest.redirect_url !== "string")
    return page(res, 422, "Invalid GitHub App configuration: url and redirect_url are required.");
  const owner = organization ? state.account(organization) : [...state.accounts.values()].find((account) => account.type === "User");
  if (!owner || (organization && owner.type !== "Organization")) return page(res, 404, "Not Found");
  const name = typeof manifest.name === "string" && manifest.name ? manifest.name : `app-${state.nextId()}`;
  let slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  while ([...state.apps.values()].some((a) => a.slug === slug)) slug = `${slug}-${state.nextId()}`;
  const permissions =
    typeof manifest.default_permissions === "object" && manifest.default_permissions !== null
      ? Object.fromEntries(Object.entries(manifest.default_permissions).map(([k, v]) => [k, String(v)]))
      : { metadata: "read" };
  const key = newAppKey("pkcs1");
  const id = state.nextId();
  state.apps.set(id, {
    id,
    slug,
    name,
    owner: owner.login,
    clientId: `Iv23li${id}${slug.slice(0, 8)}`,
    publicKeys: [key.publicKey],
    permissions,
  });
  state.manifestApps.push(id);
  const code = randomBytes(20).toString("hex");
  state.manifestCodes.set(code, { appId: id, privateKey: key.privateKey, webhookSecret: null });
  const back = new URL(manifest.redirect_url);
  back.searchParams.set("code", code);
  const given = new URL(req.url ?? "/", urls.web).searchParams.get("state");
  if (given !== null) back.searchParams.set("state", given);
  res.writeHead(302, { location: back.toString() }).end();
}
