import type { Credential } from "../../core/credentials/credential.ts";
import type { CredentialsTable } from "./database-schema.ts";
import { json, rowCodec } from "./row-codec.ts";

/** Credentials as `credentials` rows: `validation` is JSON text. */
export const credentialRows = rowCodec<Credential, CredentialsTable>({ validation: json() });
