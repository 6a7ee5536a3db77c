export { startGithubFake, type GithubFake, type FakeRepoOptions, type FakeTokenOptions } from "./start-github-fake.ts";
export type { GitFault } from "./server.ts";
