// The storage engine on Azure Cosmos DB (NoSQL API): every item in one container, `items`,
// partitioned by the engine's partition (see cosmosItems.ts for the document). Every call runs under
// one deadline that also aborts the SDK's requests, and maps what the SDK threw to the store's errors.
//
// Transactional batches: Azure Cosmos DB applies a batch all or nothing, but knows nothing of expiresAt inside one:
// a create fails over an expired item not yet deleted (a caller sees a lost race), and a replace or delete at the
// version of an item that expired since it was read still applies.
import type { Container, Database } from '@azure/cosmos';
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
import * as keys from '../engine/keys';
import { StoreUnavailableError, StoreValidationError } from '../errors';
import { DEFAULT_CONFLICT_POLICY, LOST_RACE, retryOnConflict, type ConflictPolicy } from '../optimisticRetry';
import { createCosmosClient, type CosmosConnectionOptions } from './client';
import { CONFLICT, NOT_FOUND, PRECONDITION_FAILED, statusOf, toStoreError } from './cosmosErrors';
import {
  batchInput,
  documentId,
  isLive,
  ITEMS_CONTAINER,
  rangeQuery,
  refQuery,
  toDocument,
  toStoredItem,
  type ItemDocument,
  type StoredDocument,
} from './cosmosItems';
import { withDeadline } from './deadline';
import { forEachLimited } from '../forEachLimited';
import { deleteItem, queryAll, type ItemContext } from './itemOps';

/** How to reach the account; the store opens from the same settings. Key: without one, DefaultAzureCredential. */
export interface CosmosEngineOptions extends Omit<CosmosConnectionOptions, 'requestTimeoutMs' | 'endpointDiscovery'> {
  databaseId: string;
  /** Follow the account's region list (see CosmosConnectionOptions). Default off. */
  endpointDiscovery?: boolean;
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
/** A failed batch answers the failing operation's status and 424 for the others. */
const FAILED_DEPENDENCY = 424;
/** 412, 409 and 404: a batch's condition did not hold (the item changed, was taken, or is absent). */
const CONDITION_FAILED = new Set<number | undefined>([PRECONDITION_FAILED, CONFLICT, NOT_FOUND]);

type CountRange = Omit<RangeQuery, 'limit' | 'after' | 'order'>;

export class CosmosEngine implements StorageEngine {
  private closed = false;

  private constructor(
    private readonly container: Container,
    private readonly timeoutMs: number,
    private readonly policy: ConflictPolicy,
    private readonly clock: () => number,
  ) {}

  static async open(options: CosmosEngineOptions): Promise<CosmosEngine> {
    const { databaseId, requestTimeoutMs = DEFAULT_TIMEOUT_MS, endpointDiscovery = false, conflictAttempts } = options;
    // The client takes only its own settings from the options.
    const client = createCosmosClient({ ...options, requestTimeoutMs, endpointDiscovery });
    if (options.createIfMissing) {
      const what = 'create the database and the items container';
      await withDeadline(requestTimeoutMs * SETUP_TIMEOUT_FACTOR, what, async (abortSignal) => {
        const { database } = await client.databases.createIfNotExists({ id: databaseId }, { abortSignal });
        await database.containers.createIfNotExists(ITEMS_CONTAINER, { abortSignal });
      }).catch((error: unknown) => {
        client.dispose();
        throw toStoreError(error, what);
      });
    }
    const policy = { ...DEFAULT_CONFLICT_POLICY, attempts: conflictAttempts || DEFAULT_CONFLICT_POLICY.attempts };
    const container = client.database(databaseId).container(ITEMS_CONTAINER.id);
    return new CosmosEngine(container, requestTimeoutMs, policy, options.clock ?? Date.now);
  }

  now(): number {
    return this.clock();
  }

  async read<T extends JsonValue>(key: ItemKey): Promise<StoredItem<T> | undefined> {
    keys.checkKey(key);
    return this.call('read an item', async ({ abortSignal, now }) => {
      const found = await this.readDocument(key, abortSignal);
      return found && isLive(found, now) ? toStoredItem<T>(found, found._etag) : undefined;
    });
  }

  async create<T extends JsonValue>(item: ItemWrite<T>): Promise<StoredItem<T> | undefined> {
    keys.checkWrite(item);
    return this.call('create an item', async ({ abortSignal, now }) => {
      const document = toDocument(item, now);
      // Two rounds cover an expired item that Cosmos DB deletes between our steps.
      for (let round = 0; round < 2; round++) {
        try {
          const { etag } = await this.container.items.create(document, { abortSignal });
          return toStoredItem<T>(document, etag);
        } catch (error) {
          if (statusOf(error) !== CONFLICT) throw error;
        }
        // Taken. An expired item not yet deleted is ours to take over, with If-Match so that of
        // several callers racing for it only one wins.
        const found = await this.readDocument(item, abortSignal);
        if (found && isLive(found, now)) return undefined;
        if (!found) continue;
        const replaced = await this.replaceAt<T>(document, found._etag, abortSignal);
        if (replaced === PRECONDITION_FAILED) return undefined;
        if (replaced !== NOT_FOUND) return replaced;
      }
      return undefined;
    });
  }

  async replace<T extends JsonValue>(item: ItemWrite<T>, version: string): Promise<StoredItem<T> | undefined> {
    keys.checkWrite(item);
    if (typeof version !== 'string' || version === '') throw new StoreValidationError('A replace needs a version');
    return this.call('replace an item', async ({ abortSignal, now }) => {
      // Read first: If-Match alone would write over an item that expired at the version given.
      const found = await this.readDocument(item, abortSignal);
      if (!found || !isLive(found, now) || found._etag !== version) return undefined;
      const replaced = await this.replaceAt<T>(toDocument(item, now), version, abortSignal);
      return typeof replaced === 'number' ? undefined : replaced;
    });
  }

  async upsert<T extends JsonValue>(item: ItemWrite<T>): Promise<StoredItem<T>> {
    keys.checkWrite(item);
    return this.call('write an item', async ({ abortSignal, now }) => {
      const document = toDocument(item, now);
      const { etag } = await this.container.items.upsert(document, { abortSignal });
      return toStoredItem<T>(document, etag);
    });
  }

  async delete(key: ItemKey, version?: string): Promise<boolean> {
    keys.checkKey(key);
    return this.call('delete an item', ({ abortSignal, now }) => {
      // Each delete is If-Match on the ETag just read, so an item written in between (an expired one
      // taken over by a create) is never removed on the strength of an older read.
      const attempt = async () => {
        const found = await this.readDocument(key, abortSignal);
        if (!found || (version !== undefined && found._etag !== version)) return false;
        const deleted = await deleteItem(this.container, found.id, key.partition, abortSignal, found._etag);
        // An expired item counts as absent; deleting it early is only tidying up.
        if (!isLive(found, now)) return false;
        if (deleted || version !== undefined) return deleted;
        return LOST_RACE; // changed since our read, and no version was asked for: read again
      };
      return retryOnConflict('delete an item', this.policy, attempt, abortSignal);
    });
  }

  async batch(partition: string, operations: readonly BatchOperation[]): Promise<(string | undefined)[] | undefined> {
    keys.checkBatch(partition, operations);
    if (operations.length === 0) return [];
    return this.call('write a batch', async ({ abortSignal, now }) => {
      const inputs = operations.map((operation) => batchInput(partition, operation, now));
      const response = await this.container.items.batch(inputs, partition, { abortSignal }).catch((error: unknown) => {
        if (CONDITION_FAILED.has(statusOf(error))) return undefined;
        throw error;
      });
      if (!response) return undefined;
      const results = response.result ?? [];
      const failed = results.map(({ statusCode }) => statusCode).find((s) => s >= 400 && s !== FAILED_DEPENDENCY);
      if (CONDITION_FAILED.has(failed)) return undefined;
      if (failed !== undefined) throw new StoreUnavailableError(`Cosmos DB could not write a batch (${failed})`);
      // Each write's eTag is the version it wrote: a write answered without one is an answer in part.
      const versions = operations.map((operation, at) => (operation.op === 'delete' ? undefined : results[at]?.eTag));
      if (results.length !== operations.length || versions.some((eTag, at) => !eTag && operations[at]?.op !== 'delete'))
        throw new StoreUnavailableError('Cosmos DB answered a batch in part');
      return versions;
    });
  }

  async query<T extends JsonValue>(kind: string, partition: string, range: RangeQuery = {}): Promise<StoredItem<T>[]> {
    keys.checkKeyPart(kind, 'kind');
    keys.checkPartition(partition);
    keys.checkRange(range);
    if (range.limit === 0) return [];
    return this.call('query items', async ({ abortSignal, now }) => {
      const query = rangeQuery(kind, partition, range, now);
      const documents = await queryAll<StoredDocument>(this.container, query, abortSignal, partition);
      return documents.map((document) => toStoredItem<T>(document, document._etag));
    });
  }

  async count(kind: string, partition: string, range: CountRange = {}): Promise<number> {
    keys.checkKeyPart(kind, 'kind');
    keys.checkPartition(partition);
    keys.checkRange(range);
    return this.call('count items', async ({ abortSignal, now }) => {
      const query = rangeQuery(kind, partition, range, now, true);
      const [count] = await queryAll<number>(this.container, query, abortSignal, partition);
      return count ?? 0;
    });
  }

  async scan<T extends JsonValue>(kind: string, request: ScanRequest): Promise<ScanPage<T>> {
    keys.checkKeyPart(kind, 'kind');
    const pageSize = keys.checkPageSize(request.pageSize);
    return this.call('scan items', async ({ abortSignal, now }) => {
      // Expiry is checked here rather than in the query: a continuation token belongs to one query,
      // and `now` moves between pages. An expired item just makes its page a little shorter.
      const query = { query: 'SELECT * FROM c WHERE c.kind = @kind', parameters: [{ name: '@kind', value: kind }] };
      const found: StoredItem<T>[] = [];
      let continuationToken = request.continuationToken;
      do {
        const options = { maxItemCount: pageSize - found.length, continuationToken, abortSignal };
        const page = await this.container.items.query<StoredDocument>(query, options).fetchNext();
        const live = page.resources.filter((document) => isLive(document, now));
        found.push(...live.map((document) => toStoredItem<T>(document, document._etag)));
        continuationToken = page.continuationToken;
      } while (continuationToken && found.length < pageSize);
      return continuationToken ? { items: found, continuationToken } : { items: found };
    });
  }

  async findByRef<T extends JsonValue>(ref: string, kinds: readonly string[]): Promise<StoredItem<T>[]> {
    keys.checkRef(ref);
    for (const kind of kinds) keys.checkKeyPart(kind, 'kind');
    if (kinds.length === 0) return [];
    return this.call('find items by reference', async ({ abortSignal, now }) => {
      // Crosses every partition: rare (a person asking for their data, a sweep), never in a turn.
      const documents = await queryAll<StoredDocument>(this.container, refQuery(ref, kinds, now), abortSignal);
      return documents.map((document) => toStoredItem<T>(document, document._etag));
    });
  }

  async deletePartition(partition: string): Promise<number> {
    keys.checkPartition(partition);
    return this.call('delete a partition', async ({ abortSignal, now }) => {
      // Live or not; `c.partition` for the loopback test server, as in rangeQuery.
      const parameters = [{ name: '@partition', value: partition }];
      const query = { query: 'SELECT c.id, c.expiresAt FROM c WHERE c.partition = @partition', parameters };
      const found = await queryAll<{ id: string; expiresAt?: number }>(this.container, query, abortSignal, partition);
      let deleted = 0;
      // Each delete stands on its own; if the call is cut short, running it again finishes the job.
      await forEachLimited(found, BULK_DELETE_CONCURRENCY, async (document) => {
        const gone = await deleteItem(this.container, document.id, partition, abortSignal);
        // Expired items go too, but were already gone as far as callers can tell.
        if (gone && isLive(document, now)) deleted += 1;
      });
      return deleted;
    });
  }

  async checkWritable(): Promise<void> {
    // An upsert of one small item that expires on its own: proves the identity may write and the
    // account takes writes (not throttled away, not over its storage), without touching any record.
    await this.call('write to the database', async ({ abortSignal, now }) => {
      const probe = { ...WRITE_PROBE, value: { writtenAt: now }, expiresAt: now + WRITE_PROBE_LIFETIME_MS };
      await this.container.items.upsert(toDocument(probe, now), { abortSignal });
    });
  }

  /** A metadata read of the container: proves the account answers, the identity may read, and the container exists. */
  async ping(): Promise<void> {
    await this.call('reach the database', async ({ abortSignal }) => {
      await this.container.read({ abortSignal });
    });
  }

  /** The database the earlier layout's containers are in, for the one-time move into `items` (legacyContainers.ts). */
  legacyDatabase(): Database {
    return this.container.database;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.container.database.client.dispose();
  }

  private async call<T>(what: string, run: (context: ItemContext) => Promise<T>): Promise<T> {
    if (this.closed) throw new StoreUnavailableError(`Cannot ${what}: the engine is closed`);
    try {
      return await withDeadline(this.timeoutMs, what, (abortSignal) => run({ abortSignal, now: this.clock() }));
    } catch (error) {
      throw toStoreError(error, what);
    }
  }

  /** A point read (the cheapest Cosmos DB operation); expired documents are returned: callers decide. */
  private async readDocument(key: ItemKey, abortSignal: AbortSignal): Promise<StoredDocument | undefined> {
    const item = this.container.item(documentId(key.kind, key.id), key.partition);
    // The SDK answers 404 on a point read with an empty response rather than an error.
    return (await item.read<StoredDocument>({ abortSignal })).resource;
  }

  /** A replace with If-Match on `etag`: the item as written, or 412 (it changed since) or 404 (it went). */
  private async replaceAt<T extends JsonValue>(document: ItemDocument, etag: string, abortSignal: AbortSignal) {
    const accessCondition = { type: 'IfMatch', condition: etag };
    const item = this.container.item(document.id, document.partition);
    try {
      const response = await item.replace(document, { accessCondition, abortSignal });
      return toStoredItem<T>(document, response.etag);
    } catch (error) {
      const status = statusOf(error);
      if (status === PRECONDITION_FAILED || status === NOT_FOUND) return status;
      throw error;
    }
  }
}
