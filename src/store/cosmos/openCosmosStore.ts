// The store on Azure Cosmos DB: the Cosmos engine with every record module on it. Records kept in
// the earlier layout's four containers are moved into the engine's `items` container before the
// store serves anything, a page at a time, each page deleted once moved (legacyContainers.ts).
import { StoreOpenError, StoreUnavailableError } from '../errors';
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
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  // Once moved, never again in this process; a move cut short by an outage is tried again by the
  // next call, so no call ever sees the items before the old records are among them.
  let moved: Promise<unknown> | undefined;
  const moveOnce = () =>
    (moved ??= moveLegacyContainers(engine.legacyDatabase(), engine, LEGACY_IMPORTS, timeoutMs).catch(
      (error: unknown) => {
        moved = undefined;
        throw toStoreError(error, 'move the old containers');
      },
    ));
  try {
    await moveOnce();
  } catch (error) {
    // An account that is down at start is what /readyz reports and every call answers; the bot
    // still starts and answers what needs no store. Anything else will not pass by waiting.
    if (!(error instanceof StoreUnavailableError)) {
      await engine.close();
      throw new StoreOpenError(
        `The records in Cosmos DB's old containers (teams, installations, activities, leases) could not be moved into ` +
          `the items container (${(error as Error).message}). Nothing was lost: what was not moved stays in the old ` +
          `containers. Check that the identity may read, write and delete items in database ${options.databaseId}, ` +
          'then start again.',
        { cause: error },
      );
    }
  }
  const store = createRecordStore(engine, {
    conflictPolicy: {
      ...DEFAULT_CONFLICT_POLICY,
      ...(options.conflictAttempts ? { attempts: options.conflictAttempts } : {}),
    },
  });
  return { ...afterMove(store, moveOnce), practice: afterMove(store.practice, moveOnce), close: store.close };
}

/** The same calls, each after the old containers' records were moved (at once, once they were). */
function afterMove<T extends object>(calls: T, moveOnce: () => Promise<unknown>): T {
  return Object.fromEntries(
    Object.entries(calls).map(([name, call]) => [
      name,
      typeof call === 'function'
        ? async (...args: unknown[]) => {
            await moveOnce();
            return (call as (...given: unknown[]) => unknown)(...args);
          }
        : call,
    ]),
  ) as T;
}
