// The storage engine on Azure Cosmos DB (NoSQL API): every item in one container, `items`,
// partitioned by the engine's partition (see cosmosItems.ts for the document). Every call runs under
// one deadline that also aborts the SDK's requests, and maps what the SDK threw to the store's errors.
//
// Transactional batches: Azure Cosmos DB applies a batch all or nothing. The loopback test server
// runs the operations one by one and keeps those before the one that failed, so callers put their
// conditional operation first (as the check-in batch does): where it fails, nothing was applied on
// either. Inside a batch Cosmos DB knows nothing of expiresAt: a create fails over an expired item
// not yet deleted (a caller sees a lost race), and a replace or delete at the version of an item
// that expired since it was read still applies.
import type { Container, CosmosClient, Database } from '@azure/cosmos';
import type {
  BatchOperation,
  ItemKey,
  ItemWrite,
  JsonValue,
  RangeQuery,
  ScanPage,
  ScanRequest,
  StorageEngine,
  StoredItem,
} from '../engine/engine';
import { StoreUnavailableError, StoreValidationError } from '../errors';
import { DEFAULT_CONFLICT_POLICY, LOST_RACE, retryOnConflict, type ConflictPolicy } from '../optimisticRetry';
import {
  checkBatch,
  checkKey,
  checkKeyPart,
  checkPageSize,
  checkPartition,
  checkRange,
  checkRef,
  checkWrite,
} from '../engine/keys';
import { createCosmosClient, type CosmosConnectionOptions } from './client';
import { CONFLICT, NOT_FOUND, PRECONDITION_FAILED, statusOf, toStoreError } from './cosmosErrors';
import {
  batchInput,
  batchWritten,
  documentId,
  isConditionFailure,
  isLive,
  ITEMS_CONTAINER,
  ITEMS_CONTAINER_ID,
  partitionQuery,
  rangeQuery,
  refQuery,
  toDocument,
  toStoredItem,
  type ItemDocument,
  type StoredDocument,
} from './cosmosItems';
import { withDeadline } from './deadline';
import { deleteItem, forEachLimited, queryAll, type ItemContext } from './itemOps';

/** How to reach the account; the store opens from the same settings. Key: without one, DefaultAzureCredential. */
export interface CosmosEngineOptions
  extends
    Pick<CosmosConnectionOptions, 'endpoint' | 'key' | 'managedIdentityClientId' | 'agent'>,
    Partial<Pick<CosmosConnectionOptions, 'endpointDiscovery'>> {
  databaseId: string;
  /** Create the database and the items container at start (needs control-plane rights; production runs without). */
  createIfMissing: boolean;
  /** Upper bound on any one engine call, retries included. Default 5000. */
  requestTimeoutMs?: number;
  /** Attempts at an unconditional delete that keeps meeting concurrent writes. Default 10. */
  conflictAttempts?: number;
  /** Epoch ms; for tests. */
  clock?: () => number;
}

const DEFAULT_TIMEOUT_MS = 5000;
/** Creating containers is a control-plane operation and much slower than data calls. */
const SETUP_TIMEOUT_FACTOR = 4;
const BULK_DELETE_CONCURRENCY = 8;
/** The readiness probe: its own kind and partition, so no record ever meets it. */
const WRITE_PROBE = { partition: 'engine:probe', kind: 'probe', id: 'write-probe' } as const;
const WRITE_PROBE_LIFETIME_MS = 300_000;

export class CosmosEngine implements StorageEngine {
  private closed = false;

  private constructor(
    private readonly client: CosmosClient,
    private readonly container: Container,
    private readonly timeoutMs: number,
    private readonly policy: ConflictPolicy,
    private readonly clock: () => number,
    private readonly databaseId: string,
  ) {}

  static async open(options: CosmosEngineOptions): Promise<CosmosEngine> {
    const timeoutMs = options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    const client = createCosmosClient({
      endpoint: options.endpoint,
      key: options.key,
      managedIdentityClientId: options.managedIdentityClientId,
      requestTimeoutMs: timeoutMs,
      agent: options.agent,
      endpointDiscovery: options.endpointDiscovery ?? false,
    });
    if (options.createIfMissing) {
      const what = 'create the database and the items container';
      try {
        await withDeadline(timeoutMs * SETUP_TIMEOUT_FACTOR, what, async (signal) => {
          const { database } = await client.databases.createIfNotExists(
            { id: options.databaseId },
            { abortSignal: signal },
          );
          await database.containers.createIfNotExists(ITEMS_CONTAINER, { abortSignal: signal });
        });
      } catch (error) {
        client.dispose();
        throw toStoreError(error, what);
      }
    }
    const policy = {
      ...DEFAULT_CONFLICT_POLICY,
      ...(options.conflictAttempts ? { attempts: options.conflictAttempts } : {}),
    };
    const container = client.database(options.databaseId).container(ITEMS_CONTAINER_ID);
    return new CosmosEngine(client, container, timeoutMs, policy, options.clock ?? Date.now, options.databaseId);
  }

  now(): number {
    return this.clock();
  }

  async read<T extends JsonValue>(key: ItemKey): Promise<StoredItem<T> | undefined> {
    checkKey(key);
    return this.call('read an item', async ({ signal, now }) => {
      const found = await this.readDocument(key, signal);
      return found && isLive(found, now) ? toStoredItem<T>(found, found._etag) : undefined;
    });
  }

  async create<T extends JsonValue>(item: ItemWrite<T>): Promise<StoredItem<T> | undefined> {
    checkWrite(item);
    return this.call('create an item', async ({ signal, now }) => {
      const document = toDocument(item, now);
      // Two rounds cover an expired item that Cosmos DB deletes between our steps.
      for (let round = 0; round < 2; round++) {
        try {
          const { etag } = await this.container.items.create(document, { abortSignal: signal });
          return toStoredItem<T>(document, etag);
        } catch (error) {
          if (statusOf(error) !== CONFLICT) throw error;
        }
        // Taken. An expired item not yet deleted is ours to take over, with If-Match so that of
        // several callers racing for it only one wins.
        const found = await this.readDocument(item, signal);
        if (found && isLive(found, now)) return undefined;
        if (found) {
          const outcome = await this.replaceAt(document, found._etag, signal);
          if (outcome === 'changed') return undefined;
          if (outcome !== 'gone') return toStoredItem<T>(document, outcome.etag);
        }
      }
      return undefined;
    });
  }

  async replace<T extends JsonValue>(item: ItemWrite<T>, version: string): Promise<StoredItem<T> | undefined> {
    checkWrite(item);
    if (typeof version !== 'string' || version === '') throw new StoreValidationError('A replace needs a version');
    return this.call('replace an item', async ({ signal, now }) => {
      // Read first: If-Match alone would write over an item that expired at the version given.
      const found = await this.readDocument(item, signal);
      if (!found || !isLive(found, now) || found._etag !== version) return undefined;
      const document = toDocument(item, now);
      const outcome = await this.replaceAt(document, version, signal);
      return typeof outcome === 'string' ? undefined : toStoredItem<T>(document, outcome.etag);
    });
  }

  async upsert<T extends JsonValue>(item: ItemWrite<T>): Promise<StoredItem<T>> {
    checkWrite(item);
    return this.call('write an item', async ({ signal, now }) => {
      const document = toDocument(item, now);
      const { etag } = await this.container.items.upsert(document, { abortSignal: signal });
      return toStoredItem<T>(document, etag);
    });
  }

  async delete(key: ItemKey, version?: string): Promise<boolean> {
    checkKey(key);
    return this.call('delete an item', ({ signal, now }) =>
      // Each delete is If-Match on the ETag just read, so an item written in between (an expired one
      // taken over by a create) is never removed on the strength of an older read.
      retryOnConflict(
        'delete an item',
        this.policy,
        async () => {
          const found = await this.readDocument(key, signal);
          if (!found || (version !== undefined && found._etag !== version)) return false;
          const deleted = await deleteItem(this.container, found.id, key.partition, signal, found._etag);
          // An expired item counts as absent; deleting it early is only tidying up.
          if (!isLive(found, now)) return false;
          if (deleted || version !== undefined) return deleted;
          return LOST_RACE; // changed since our read, and no version was asked for: read again
        },
        signal,
      ),
    );
  }

  async batch(partition: string, operations: readonly BatchOperation[]): Promise<boolean> {
    checkBatch(partition, operations);
    if (operations.length === 0) return true;
    return this.call('write a batch', async ({ signal, now }) => {
      const inputs = operations.map((operation) => batchInput(partition, operation, now));
      let statuses: number[];
      try {
        const response = await this.container.items.batch(inputs, partition, { abortSignal: signal });
        statuses = (response.result ?? []).map((result) => result.statusCode);
      } catch (error) {
        if (isConditionFailure(statusOf(error))) return false;
        throw error;
      }
      return batchWritten(statuses, operations.length);
    });
  }

  async query<T extends JsonValue>(kind: string, partition: string, range: RangeQuery = {}): Promise<StoredItem<T>[]> {
    checkKeyPart(kind, 'kind');
    checkPartition(partition);
    checkRange(range);
    if (range.limit === 0) return [];
    return this.call('query items', async ({ signal, now }) => {
      const query = rangeQuery('*', kind, partition, range, now, true);
      const documents = await queryAll<StoredDocument>(this.container, query, signal, partition);
      return documents.map((document) => toStoredItem<T>(document, document._etag));
    });
  }

  async count(
    kind: string,
    partition: string,
    range: Omit<RangeQuery, 'limit' | 'after' | 'order'> = {},
  ): Promise<number> {
    checkKeyPart(kind, 'kind');
    checkPartition(partition);
    checkRange(range);
    return this.call('count items', async ({ signal, now }) => {
      const query = rangeQuery('VALUE COUNT(1)', kind, partition, range, now, false);
      const [count] = await queryAll<number>(this.container, query, signal, partition);
      return count ?? 0;
    });
  }

  async scan<T extends JsonValue>(kind: string, request: ScanRequest): Promise<ScanPage<T>> {
    checkKeyPart(kind, 'kind');
    const pageSize = checkPageSize(request.pageSize);
    return this.call('scan items', async ({ signal, now }) => {
      // Expiry is checked here rather than in the query: a continuation token belongs to one query,
      // and `now` moves between pages. An expired item just makes its page a little shorter.
      const query = { query: 'SELECT * FROM c WHERE c.kind = @kind', parameters: [{ name: '@kind', value: kind }] };
      const items: StoredItem<T>[] = [];
      let token = request.continuationToken;
      do {
        const page = await this.container.items
          .query<StoredDocument>(query, {
            maxItemCount: pageSize - items.length,
            continuationToken: token,
            abortSignal: signal,
          })
          .fetchNext();
        for (const document of page.resources) {
          if (isLive(document, now)) items.push(toStoredItem<T>(document, document._etag));
        }
        token = page.continuationToken;
      } while (token && items.length < pageSize);
      return token ? { items, continuationToken: token } : { items };
    });
  }

  async findByRef<T extends JsonValue>(ref: string, kinds: readonly string[]): Promise<StoredItem<T>[]> {
    checkRef(ref);
    for (const kind of kinds) checkKeyPart(kind, 'kind');
    if (kinds.length === 0) return [];
    return this.call('find items by reference', async ({ signal, now }) => {
      // Crosses every partition: rare (a person asking for their data, a sweep), never in a turn.
      const query = refQuery(ref, kinds, now);
      const documents = await queryAll<StoredDocument>(this.container, query, signal);
      return documents.map((document) => toStoredItem<T>(document, document._etag));
    });
  }

  async deletePartition(partition: string): Promise<number> {
    checkPartition(partition);
    return this.call('delete a partition', async ({ signal, now }) => {
      const query = partitionQuery('c.id, c.expiresAt', partition);
      const found = await queryAll<{ id: string; expiresAt?: number }>(this.container, query, signal, partition);
      let deleted = 0;
      // Each delete stands on its own; if the call is cut short, running it again finishes the job.
      await forEachLimited(found, BULK_DELETE_CONCURRENCY, async (document) => {
        const gone = await deleteItem(this.container, document.id, partition, signal);
        // Expired items go too, but were already gone as far as callers can tell.
        if (gone && isLive(document, now)) deleted += 1;
      });
      return deleted;
    });
  }

  async checkWritable(): Promise<void> {
    // An upsert of one small item that expires on its own: proves the identity may write and the
    // account takes writes (not throttled away, not over its storage), without touching any record.
    await this.call('write to the database', async ({ signal, now }) => {
      const probe = toDocument(
        { ...WRITE_PROBE, value: { writtenAt: now }, expiresAt: now + WRITE_PROBE_LIFETIME_MS },
        now,
      );
      await this.container.items.upsert(probe, { abortSignal: signal });
    });
  }

  /** A metadata read of the container: proves the account answers, the identity may read, and the container exists. */
  async ping(): Promise<void> {
    await this.call('reach the database', async ({ signal }) => {
      await this.container.read({ abortSignal: signal });
    });
  }

  /** The database the earlier layout's containers are in, for the one-time move into `items` (legacyContainers.ts). */
  legacyDatabase(): Database {
    return this.client.database(this.databaseId);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.client.dispose();
  }

  // ---- Internals -------------------------------------------------------------------------------

  /** Runs one engine call under the deadline and maps whatever the SDK threw to the store's errors. */
  private async call<T>(what: string, run: (ctx: ItemContext) => Promise<T>): Promise<T> {
    if (this.closed) throw new StoreUnavailableError(`Cannot ${what}: the engine is closed`);
    try {
      return await withDeadline(this.timeoutMs, what, (signal) => run({ signal, now: this.clock() }));
    } catch (error) {
      throw toStoreError(error, what);
    }
  }

  /** A point read (the cheapest Cosmos DB operation); expired documents are returned: callers decide. */
  private async readDocument(key: ItemKey, signal: AbortSignal): Promise<StoredDocument | undefined> {
    const response = await this.container
      .item(documentId(key.kind, key.id), key.partition)
      .read<StoredDocument>({ abortSignal: signal });
    // The SDK answers 404 on a point read with an empty response rather than an error.
    return response.resource;
  }

  /** Replace with If-Match: the new ETag, or whether the item changed (412) or went (404) since that ETag. */
  private async replaceAt(
    document: ItemDocument,
    etag: string,
    signal: AbortSignal,
  ): Promise<{ etag: string } | 'changed' | 'gone'> {
    try {
      const response = await this.container
        .item(document.id, document.partition)
        .replace(document, { accessCondition: { type: 'IfMatch', condition: etag }, abortSignal: signal });
      return { etag: response.etag };
    } catch (error) {
      const status = statusOf(error);
      if (status === PRECONDITION_FAILED) return 'changed';
      if (status === NOT_FOUND) return 'gone';
      throw error;
    }
  }
}
