import type { Command } from "commander";

type Register = (program: Command) => void;

/**
 * Every top-level command and the module that declares it, loaded only when needed: a
 * pipeline's `repolink git-credential get` parses and loads its own command and nothing else.
 */
export const commandGroups: readonly { names: readonly string[]; load: () => Promise<Register> }[] = [
  { names: ["serve", "admin"], load: async () => (await import("./commands/local-commands.ts")).registerLocalCommands },
  { names: ["backup", "restore"], load: async () => (await import("./commands/backup-commands.ts")).registerBackupCommands },
  { names: ["doctor"], load: async () => (await import("./commands/doctor-command.ts")).registerDoctorCommand },
  {
    names: ["login", "token", "audit", "keys"],
    load: async () => (await import("./commands/account-commands.ts")).registerAccountCommands,
  },
  { names: ["credential"], load: async () => (await import("./commands/credential-commands.ts")).registerCredentialCommands },
  { names: ["host"], load: async () => (await import("./commands/host-commands.ts")).registerHostCommands },
  { names: ["git-credential"], load: async () => (await import("./commands/git-credential-command.ts")).registerGitCredentialCommand },
  { names: ["checkout", "push"], load: async () => (await import("./commands/checkout-commands.ts")).registerCheckoutCommands },
  { names: ["repo"], load: async () => (await import("./commands/repo-commands.ts")).registerRepoCommands },
  { names: ["webhook"], load: async () => (await import("./commands/webhook-commands.ts")).registerWebhookCommands },
  { names: ["health"], load: async () => (await import("./commands/health-commands.ts")).registerHealthCommands },
];

const valueOptions = new Set(["--server", "--token"]);

/** The command `argv` (as process.argv) names, skipping the global options before it; null for none. */
export function commandNameIn(argv: readonly string[]): string | null {
  for (let i = 2; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (valueOptions.has(arg)) i++;
    else if (!arg.startsWith("-")) return arg;
  }
  return null;
}
