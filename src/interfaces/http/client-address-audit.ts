import type { AuditEvent } from "../../core/audit/audit-event.ts";
import type { AuditStore, Store } from "../../core/storage/store.ts";
import { requestClientScope } from "./request-client-scope.ts";

/**
 * The store as HTTP requests use it: every audit event written while a request is handled
 * records that request's client address (the client's, not the proxy's, behind a trusted proxy).
 */
export function withClientAddressAudit(store: Store): Store {
  const audit: AuditStore = {
    append: (event) => store.audit.append(withClientAddress(event)),
    updateDetail: (id, detail) => store.audit.updateDetail(id, detail),
    list: (query) => store.audit.list(query),
  };
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === "audit") return audit;
      if (property === "transaction") {
        return <T>(work: (tx: Store) => Promise<T>): Promise<T> => target.transaction((tx) => work(withClientAddressAudit(tx)));
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function withClientAddress(event: AuditEvent): AuditEvent {
  const client = requestClientScope.getStore();
  return client ? { ...event, detail: { ...event.detail, clientAddress: client.address } } : event;
}
