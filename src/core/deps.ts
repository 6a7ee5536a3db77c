import type { CredentialChecker } from "./credentials/credential-checker.ts";
import type { CredentialsProvider } from "./ports/credentials-provider.ts";
import type { IntegrationRegistry } from "./ports/integration.ts";
import type { GitTransport } from "./ports/git-transport.ts";
import type { TransportProbe } from "./health/transport-probe.ts";
import type { SecretCipher } from "./crypto/secret-cipher.ts";
import type { KeyManager } from "./crypto/key-manager.ts";
import type { Notifier } from "./notifications/notifier.ts";
import type { HealthJobQueue } from "./ports/health-job-queue.ts";
import type { Metrics } from "./ports/metrics.ts";
import type { SshKeyInspector } from "./ports/ssh-key-inspector.ts";
import type { Store } from "./storage/store.ts";
import type { PasswordHasher } from "./users/password-hasher.ts";

/** The ports every use case may need; built once in main.ts. */
export interface CoreDeps {
  store: Store;
  /** Throws `STORE_SEALED` on every call when the master key is missing or wrong. */
  cipher: SecretCipher;
  keys: KeyManager;
  passwords: PasswordHasher;
  now: () => Date;
  newId: () => string;
  /** Online check of secrets; absent when no host can be reached (tests, offline use). */
  checker?: CredentialChecker;
  /** The host kinds (GitHub, generic Git…), keyed by `host.kind`: their checks, secret formats and capabilities. */
  integrations: IntegrationRegistry;
  /** Turns a credential's opened secret into what git or a host's API sends. */
  credentials: CredentialsProvider;
  /** Reads submitted SSH private keys and proves their passphrase. */
  sshKeys: SshKeyInspector;
  /** Runs git against remotes with stored credentials. */
  git: GitTransport;
  /** Checks Git transport with one smart-HTTP request (health cycles); absent means `git.lsRemote`. */
  probe?: TransportProbe;
  /** The health cycle's batch jobs: pg-boss on PostgreSQL (shared by every instance), in process on SQLite. */
  healthJobs: HealthJobQueue;
  /** Sends webhook deliveries; absent means deliveries wait in the log. */
  notifier?: Notifier;
  /** Counters and gauges for /metrics; absent means nothing is measured. */
  metrics?: Metrics;
}
