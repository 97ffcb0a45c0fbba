// Picks the store from configuration: Cosmos DB when an endpoint is configured, otherwise a local
// SQLite file. The options are plain values so the lead's config parsing stays free of SDK types.
import type { Agent } from 'node:https';
import { openCosmosStore } from './cosmos/openCosmosStore';
import { openLocalStore } from './local/openLocalStore';
import type { FrameworkStore } from './port';

export interface OpenStoreOptions {
  cosmos?: {
    /** Empty means "not configured": the local store is used. */
    endpoint?: string;
    key?: string;
    managedIdentityClientId?: string;
    databaseId: string;
    createIfMissing: boolean;
    agent?: Agent;
  };
  /** DATA_DIR: where the local store keeps its file. */
  dataDir: string;
  /** Upper bound on one store call (Cosmos DB), or on waiting for a lock (SQLite). Default 5000. */
  requestTimeoutMs?: number;
}

export async function openStore(options: OpenStoreOptions): Promise<FrameworkStore> {
  const cosmos = options.cosmos;
  if (cosmos?.endpoint) {
    return openCosmosStore({ ...cosmos, endpoint: cosmos.endpoint, requestTimeoutMs: options.requestTimeoutMs });
  }
  return openLocalStore({ dataDir: options.dataDir, busyTimeoutMs: options.requestTimeoutMs });
}
