import { afterEach, beforeEach, describe } from "node:test";
import type { Store } from "../../src/core/storage/store.ts";
import { appManifestStateContract } from "./store-contract-app-manifest-states.ts";
import { auditKekContract } from "./store-contract-audit-keks.ts";
import { credentialContract } from "./store-contract-credentials.ts";
import { mappingTemplateContract } from "./store-contract-mappings-templates.ts";
import { repositoryContract } from "./store-contract-repositories.ts";
import { repositoryPageContract } from "./store-contract-repository-pages.ts";
import { transactionContract } from "./store-contract-transactions.ts";
import { userContract } from "./store-contract-users.ts";
import { webhookContract } from "./store-contract-webhooks.ts";

/** A fresh, empty store and the way to dispose of it. */
export interface StoreUnderTest {
  store: Store;
  cleanup(): Promise<void>;
}

/** Runs the one Store contract against `makeStore`, with a fresh store for every test. */
export function runStoreContract(name: string, makeStore: () => Promise<StoreUnderTest>): void {
  describe(`Store contract: ${name}`, () => {
    let current: StoreUnderTest | undefined;
    const store = (): Store => {
      if (current === undefined) throw new Error("store contract: no store for this test");
      return current.store;
    };
    beforeEach(async () => {
      current = await makeStore();
    });
    afterEach(async () => {
      await current?.cleanup();
      current = undefined;
    });
    userContract(store);
    credentialContract(store);
    repositoryContract(store);
    mappingTemplateContract(store);
    repositoryPageContract(store);
    auditKekContract(store);
    transactionContract(store);
    webhookContract(store);
    appManifestStateContract(store);
  });
}
