// The storage engine on a local SQLite file (better-sqlite3), for development and single-instance
// use. WAL journaling and transactions keep the file consistent if the process dies mid-write; the
// version column gives the same optimistic concurrency as Cosmos DB's ETags, so two processes
// sharing the file (or two async callers in one) never lose an update.
import { join } from 'node:path';
import type Database from 'better-sqlite3';
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
import { checkKey, checkKeyPart, checkPageSize, checkPartition, checkRef } from '../engine/keys';
import { StoreUnavailableError, StoreValidationError } from '../errors';
import { openItemsFile, WRITE_PROBE } from './itemsSchema';
import { toStoreError } from './sqliteErrors';
import {
  decodeScanToken,
  encodeScanToken,
  firstVersion,
  parseVersion,
  rangeSql,
  sql,
  toBatchWrites,
  toStoredItem,
  toWriteRow,
  type ItemRow,
  type Write,
} from './sqliteItems';

export interface SqliteEngineOptions {
  /** Directory for the database file; created if missing. */
  dataDir: string;
  /** How long a write waits for another process's lock before failing. Default 5000. */
  busyTimeoutMs?: number;
  /** How often expired items are deleted (they are invisible from the moment they expire). Default 1 hour; 0 turns it off. */
  purgeIntervalMs?: number;
  /** Epoch ms; for tests. */
  clock?: () => number;
}

export const LOCAL_STORE_FILE = 'framework-guide.sqlite';
const DEFAULT_BUSY_TIMEOUT_MS = 5000;
const DEFAULT_PURGE_INTERVAL_MS = 60 * 60 * 1000;

/** A write waiting for this turn of the event loop's transaction (see enqueue). */
interface QueuedWrite {
  what: string;
  run(now: number): unknown;
  resolve(result: unknown): void;
  reject(error: unknown): void;
}

/** Thrown inside a batch's savepoint when a condition fails, so everything it wrote rolls back. */
class BatchConditionFailed extends Error {}

export class SqliteEngine implements StorageEngine {
  private closed = false;
  private readonly purgeTimer: NodeJS.Timeout | undefined;
  // Compiling SQL costs more than running these small statements; each distinct text is compiled once.
  private readonly statements = new Map<string, Database.Statement>();
  private readonly pendingWrites: QueuedWrite[] = [];
  /** Runs `run` in a transaction; inside one already, in a savepoint (a nested transaction). */
  private readonly inTransaction: Database.Transaction<(run: () => unknown) => unknown>;

  private constructor(
    private readonly db: Database.Database,
    private readonly clock: () => number,
    purgeIntervalMs: number,
  ) {
    this.inTransaction = db.transaction((run) => run());
    if (purgeIntervalMs > 0) {
      // Unreferenced so a forgotten close() never keeps the process alive. A failed purge is
      // harmless: expired items stay invisible and the next purge takes them.
      this.purgeTimer = setInterval(() => void this.purgeExpired().catch(() => undefined), purgeIntervalMs);
      this.purgeTimer.unref();
    }
  }

  static async open(options: SqliteEngineOptions): Promise<SqliteEngine> {
    const file = join(options.dataDir, LOCAL_STORE_FILE);
    const clock = options.clock ?? Date.now;
    const db = openItemsFile(options.dataDir, file, options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS, clock);
    const engine = new SqliteEngine(db, clock, options.purgeIntervalMs ?? DEFAULT_PURGE_INTERVAL_MS);
    // A purge that fails (another process holding the write lock) must not stop the engine opening:
    // expired items are invisible anyway, and the next purge takes them.
    await engine.purgeExpired().catch(() => undefined);
    return engine;
  }

  /**
   * The open database, for the one-time import of records from the earlier layouts' tables into
   * items (and dropping those tables after). Nothing else should reach past the engine.
   */
  legacyDb(): Database.Database {
    return this.db;
  }

  now(): number {
    return this.clock();
  }

  async read<T extends JsonValue>(key: ItemKey): Promise<StoredItem<T> | undefined> {
    const checked = checkKey(key);
    return this.call('read the item', (now) => this.readItems<T>(sql.read, { ...checked, now })[0]);
  }

  async create<T extends JsonValue>(item: ItemWrite<T>): Promise<StoredItem<T> | undefined> {
    return this.writeItem<T>({ op: 'create', row: toWriteRow(item) });
  }

  async replace<T extends JsonValue>(item: ItemWrite<T>, version: string): Promise<StoredItem<T> | undefined> {
    return this.writeItem<T>({ op: 'replace', row: toWriteRow(item), version });
  }

  async upsert<T extends JsonValue>(item: ItemWrite<T>): Promise<StoredItem<T>> {
    return (await this.writeItem<T>({ op: 'upsert', row: toWriteRow(item) }))!;
  }

  async delete(key: ItemKey, version?: string): Promise<boolean> {
    const write: Write = { op: 'delete', row: checkKey(key), version };
    return (await this.enqueue('delete the item', (now) => this.apply(write, now))) !== undefined;
  }

  async batch(partition: string, operations: readonly BatchOperation[]): Promise<(string | undefined)[] | undefined> {
    const writes = toBatchWrites(partition, operations);
    return this.enqueue('write the batch', (now) =>
      writes.map((write) => {
        const row = this.apply(write, now);
        if (!row) throw new BatchConditionFailed();
        return write.op === 'delete' ? undefined : String(row.version);
      }),
    );
  }

  async query<T extends JsonValue>(kind: string, partition: string, range?: RangeQuery): Promise<StoredItem<T>[]> {
    const { text, params } = rangeSql(false, kind, partition, range);
    return this.call('query the items', (now) => this.readItems<T>(text, { ...params, now }));
  }

  async count(kind: string, partition: string, range?: Omit<RangeQuery, 'limit' | 'after' | 'order'>): Promise<number> {
    const { text, params } = rangeSql(true, kind, partition, range);
    return this.call('count the items', (now) => (this.prepare(text).get({ ...params, now }) as { n: number }).n);
  }

  async scan<T extends JsonValue>(kind: string, request: ScanRequest): Promise<ScanPage<T>> {
    checkKeyPart(kind, 'kind');
    const pageSize = checkPageSize(request?.pageSize);
    const after = request.continuationToken === undefined ? undefined : decodeScanToken(request.continuationToken);
    return this.call('scan the items', (now) => {
      // Keyset paging: the page starts past the (partition, id) the last one ended at.
      const items = this.readItems<T>(after ? sql.scanAfter : sql.scanFirst, { kind, now, pageSize, ...after });
      const last = items[items.length - 1];
      return items.length === pageSize && last
        ? { items, continuationToken: encodeScanToken(last.partition, last.id) }
        : { items };
    });
  }

  async findByRef<T extends JsonValue>(ref: string, kinds: readonly string[]): Promise<StoredItem<T>[]> {
    checkRef(ref);
    if (!Array.isArray(kinds)) throw new StoreValidationError('Invalid kinds: not a list');
    kinds.forEach((kind) => checkKeyPart(kind, 'kind'));
    return this.call('find the items by ref', (now) =>
      this.readItems<T>(sql.findByRef, { ref, kinds: JSON.stringify(kinds), now }),
    );
  }

  async deletePartition(partition: string): Promise<number> {
    checkPartition(partition);
    return this.enqueue('delete the partition', (now) => {
      this.prepare(sql.deletePartitionRefs).run({ partition });
      const gone = this.prepare(sql.deletePartition).all({ partition }) as { expires_at: number | null }[];
      // Expired items were already gone as far as callers could tell.
      return gone.filter((row) => row.expires_at === null || row.expires_at > now).length;
    });
  }

  async checkWritable(): Promise<void> {
    await this.enqueue('write to the database', (now) => this.prepare(WRITE_PROBE).run({ now }));
  }

  /** Deletes the items whose lifetime has passed (they were already invisible); also run on open. */
  async purgeExpired(): Promise<number> {
    return this.enqueue('purge expired items', (now) => {
      this.prepare(sql.purgeRefs).run({ now });
      return this.prepare(sql.purge).run({ now }).changes;
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Writes already asked for are committed (or fail) before the file closes.
    this.flushWrites();
    this.closed = true;
    clearInterval(this.purgeTimer);
    this.db.close();
  }

  private async writeItem<T extends JsonValue>(write: Write): Promise<StoredItem<T> | undefined> {
    const row = await this.enqueue(`${write.op} the item`, (now) => this.apply(write, now));
    return row && toStoredItem<T>(row);
  }

  /** Decides one write inside the turn's transaction: the row it wrote or deleted, none when its condition failed. */
  private apply(write: Write, now: number): ItemRow | undefined {
    const expected = write.version === undefined ? null : parseVersion(write.version);
    // A version that cannot be one of ours matches nothing.
    if (expected === undefined) return undefined;
    const params = { ...write.row, now, expected, version: firstVersion() };
    const row = this.prepare(sql[write.op]).get(params) as ItemRow | undefined;
    if (!row) return undefined;
    // Keeps item_refs in step with the item: its refs, and no others.
    this.prepare(sql.dropRefs).run(params);
    if (write.op !== 'delete') this.prepare(sql.addRefs).run(params);
    return row;
  }

  /**
   * A commit costs more than the rows it writes, so the writes that arrive in the same turn of the
   * event loop (concurrent requests) are committed together, in one immediate transaction, before
   * any of them is answered. Each is still decided on its own, in order, in its own savepoint: a
   * second create of the same key finds the first, and a failed batch undoes only itself.
   */
  private enqueue<T>(what: string, run: (now: number) => T): Promise<T> {
    if (this.closed) return Promise.reject(new StoreUnavailableError(`Cannot ${what}: the store is closed`));
    return new Promise<T>((resolve, reject) => {
      this.pendingWrites.push({ what, run, resolve: resolve as (result: unknown) => void, reject });
      if (this.pendingWrites.length === 1) setImmediate(() => this.flushWrites());
    });
  }

  private flushWrites(): void {
    const writes = this.pendingWrites.splice(0);
    if (writes.length === 0) return;
    const now = this.clock();
    let answers: (() => void)[];
    try {
      // One transaction for the turn's writes; each write inside its own savepoint.
      answers = this.inTransaction.immediate(() => writes.map((write) => this.decide(write, now))) as (() => void)[];
    } catch (error) {
      answers = writes.map((write) => () => write.reject(toStoreError(error, write.what)));
    }
    for (const answer of answers) answer();
  }

  /** Runs one write in its savepoint; what to answer it once the transaction has committed. */
  private decide(write: QueuedWrite, now: number): () => void {
    try {
      const result = this.inTransaction(() => write.run(now));
      return () => write.resolve(result);
    } catch (error) {
      if (error instanceof BatchConditionFailed) return () => write.resolve(undefined);
      // Some failures (a full disk, an I/O error) end the whole transaction: then nothing of this turn
      // was written, and every write of it fails.
      if (!this.db.inTransaction) throw error;
      return () => write.reject(toStoreError(error, write.what));
    }
  }

  private prepare(text: string): Database.Statement {
    const statement = this.statements.get(text) ?? this.db.prepare(text);
    this.statements.set(text, statement);
    return statement;
  }

  private readItems<T extends JsonValue>(text: string, params: object): StoredItem<T>[] {
    return (this.prepare(text).all(params) as ItemRow[]).map((row) => toStoredItem<T>(row));
  }

  /**
   * Runs one read and maps SQLite failures to the engine's errors. Writes already asked for are
   * committed first: a read sees every write issued before it, as it would were each write its own
   * transaction (a turn may read what an earlier, unawaited write of the same process just wrote).
   */
  private async call<T>(what: string, run: (now: number) => T): Promise<T> {
    if (this.closed) throw new StoreUnavailableError(`Cannot ${what}: the store is closed`);
    this.flushWrites();
    try {
      return run(this.clock());
    } catch (error) {
      throw toStoreError(error, what);
    }
  }
}
