// `npm run fake-github`: the GitHub Enterprise look-alike of the tests, started by hand to try
// Repolink as a new user would. Tokens are made at run time and printed once.
import { startGithubFake } from "./start-github-fake.ts";

const fake = await startGithubFake();
fake.addUser({ login: "octocat" });
fake.addUser({ login: "acme", type: "Organization", members: { octocat: "write" } });
await fake.addRepo({ owner: "octocat", name: "hello", private: true, branches: ["dev"], files: { "README.md": "hello\n" } });
await fake.addRepo({ owner: "acme", name: "platform", private: true });
const tokens = {
  "valid (repo scope, expires in 90 days)": fake.addToken({ login: "octocat", expiresAt: new Date(Date.now() + 90 * 86_400_000) }),
  "no repo scope": fake.addToken({ login: "octocat", scopes: ["read:user"] }),
  revoked: fake.addToken({ login: "octocat", revoked: true }),
  "SSO not authorized for acme": fake.addToken({ login: "octocat", ssoRequired: ["acme"] }),
  "fine-grained without access to octocat/hello": fake.addToken({
    login: "octocat",
    fineGrained: { repositories: ["acme/platform"], contents: "write" },
  }),
  "read-only": fake.addToken({ login: "octocat", readOnly: true }),
};
process.stdout.write(`GitHub fake listening on ${fake.url} (API ${fake.apiUrl})\n\n`);
process.stdout.write(`  repolink host add --name ghe.local --url ${fake.url} --allow-private-network\n\n`);
process.stdout.write(`Repositories: ${fake.url}/octocat/hello.git, ${fake.url}/acme/platform.git\nTokens:\n`);
for (const [label, token] of Object.entries(tokens)) process.stdout.write(`  ${label}: ${token}\n`);
process.stdout.write("\nCtrl-C stops it.\n");
const stop = async (): Promise<void> => {
  await fake.close();
  process.exit(0);
};
process.once("SIGINT", () => void stop());
process.once("SIGTERM", () => void stop());
