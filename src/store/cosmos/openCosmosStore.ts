// The store on Azure Cosmos DB: the Cosmos engine with every record module on it. Records kept in
// the earlier layout's four containers are moved into the engine's `items` container on open, a
// page at a time, each page deleted once moved (store/cosmos/legacyContainers.ts).
import { StoreOpenError } from '../errors';
import { DEFAULT_CONFLICT_POLICY } from '../optimisticRetry';
import type { FrameworkStore } from '../port';
import { createRecordStore, LEGACY_IMPORTS } from '../records/recordStore';
import { CosmosEngine, type CosmosEngineOptions } from './cosmosEngine';
import { toStoreError } from './cosmosErrors';
import { moveLegacyContainers } from './legacyContainers';

/** The engine's options; `conflictAttempts` also bounds each record's read-modify-write. */
export type CosmosStoreOptions = CosmosEngineOptions;

const DEFAULT_TIMEOUT_MS = 5000;

export async function openCosmosStore(options: CosmosStoreOptions): Promise<FrameworkStore> {
  const engine = await CosmosEngine.open(options);
  try {
    await moveLegacyContainers(
      engine.legacyDatabase(),
      engine,
      LEGACY_IMPORTS,
      options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    );
  } catch (error) {
    await engine.close();
    // The SDK's own errors say little on their own (a status, a socket error's code): name the step.
    const reason = toStoreError(error, 'move the old containers') as Error;
    throw new StoreOpenError(
      `The records in Cosmos DB's old containers (teams, installations, activities, leases) could not be moved into ` +
        `the items container (${reason.message}). Nothing was lost: what was not moved stays in the old containers. Check that ` +
        'the account answers and that the identity may read, write and delete items in database ' +
        `${options.databaseId}, then start again.`,
      { cause: reason },
    );
  }
  const store = createRecordStore(engine, {
    conflictPolicy: {
      ...DEFAULT_CONFLICT_POLICY,
      ...(options.conflictAttempts ? { attempts: options.conflictAttempts } : {}),
    },
  });
  // A metadata read of the items container rather than a point read of an absent item: Cosmos DB
  // answers a point read in a database that was never created as "absent", which would pass.
  return { ...store, ping: () => engine.ping() };
}
