// The storage engine on a local SQLite file (better-sqlite3), for development and single-instance
// use. WAL journaling and transactions keep the file consistent if the process dies mid-write; the
// version column gives the same optimistic concurrency as Cosmos DB's ETags, so two processes
// sharing the file (or two async callers in one) never lose an update.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
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
import { StoreOpenError, StoreUnavailableError, StoreValidationError } from '../errors';
import { migrateToItems } from './itemsSchema';
import { toStoreError } from './sqliteErrors';
import {
  checkKey,
  checkKeyPart,
  checkPageSize,
  checkPartition,
  checkRange,
  checkRef,
  MAX_BATCH_OPERATIONS,
} from '../engine/keys';
import {
  damagedMessage,
  decodeScanToken,
  encodeScanToken,
  insertParams,
  openError,
  parseVersion,
  prepareWrite,
  quickCheck,
  rangeSql,
  sql,
  toStoredItem,
  updateParams,
  writtenItem,
  type ItemRow,
  type PreparedWrite,
  type WriteOutcome,
} from './sqliteItems';

export interface SqliteEngineOptions {
  /** Directory for the database file; created if missing. */
  dataDir: string;
  fileName?: string;
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
  /** One transaction for a turn's writes; each write inside its own savepoint (a nested transaction). */
  private readonly commitWrites: Database.Transaction<(writes: QueuedWrite[], now: number) => WriteOutcome[]>;
  private readonly inSavepoint: Database.Transaction<(run: (now: number) => unknown, now: number) => unknown>;

  private constructor(
    private readonly db: Database.Database,
    private readonly clock: () => number,
    purgeIntervalMs: number,
  ) {
    this.inSavepoint = db.transaction((run: (now: number) => unknown, now: number) => run(now));
    this.commitWrites = db.transaction((writes: QueuedWrite[], now: number) =>
      writes.map((write) => this.decide(write, now)),
    );
    if (purgeIntervalMs > 0) {
      // Unreferenced so a forgotten close() never keeps the process alive. A failed purge is
      // harmless: expired items stay invisible and the next purge takes them.
      this.purgeTimer = setInterval(() => void this.purgeExpired().catch(() => undefined), purgeIntervalMs);
      this.purgeTimer.unref();
    }
  }

  static async open(options: SqliteEngineOptions): Promise<SqliteEngine> {
    const file = join(options.dataDir, options.fileName ?? LOCAL_STORE_FILE);
    const clock = options.clock ?? Date.now;
    let db: Database.Database | undefined;
    try {
      mkdirSync(options.dataDir, { recursive: true });
      db = new Database(file, { timeout: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS });
      // Before anything writes: a file whose header is fine but whose pages are damaged opens
      // without complaint, and would fail write after write later.
      const damage = quickCheck(db);
      if (damage) throw new StoreOpenError(damagedMessage(file, damage));
      // WAL: readers never block the writer, and a crash mid-write cannot corrupt the file.
      db.pragma('journal_mode = WAL');
      // NORMAL (with WAL): every commit stays atomic and survives a crash of the bot; only the last
      // moments before a power cut may be lost. The local store is for local use (Azure uses Cosmos DB).
      db.pragma('synchronous = NORMAL');
      migrateToItems(db);
      // A read-only file (or folder, or disk) opens and reads normally: only a write tells.
      db.prepare(sql.writeProbe).run(clock());
    } catch (error) {
      db?.close();
      throw openError(file, error);
    }
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
    const { partition, kind, id } = checkKey(key);
    return this.call('read the item', (now) => {
      const row = this.prepare(sql.read).get(partition, kind, id, now) as ItemRow | undefined;
      return row ? toStoredItem<T>(row) : undefined;
    });
  }

  async create<T extends JsonValue>(item: ItemWrite<T>): Promise<StoredItem<T> | undefined> {
    const write = prepareWrite(item);
    return this.enqueue('create the item', (now) => this.createNow<T>(write, now));
  }

  async replace<T extends JsonValue>(item: ItemWrite<T>, version: string): Promise<StoredItem<T> | undefined> {
    const write = prepareWrite(item);
    return this.enqueue('replace the item', (now) => this.replaceNow<T>(write, version, now));
  }

  async upsert<T extends JsonValue>(item: ItemWrite<T>): Promise<StoredItem<T>> {
    const write = prepareWrite(item);
    return this.enqueue('upsert the item', () => this.upsertNow<T>(write));
  }

  async delete(key: ItemKey, version?: string): Promise<boolean> {
    const checked = checkKey(key);
    return this.enqueue('delete the item', (now) => this.deleteNow(checked, version, now));
  }

  async batch(partition: string, operations: readonly BatchOperation[]): Promise<boolean> {
    checkPartition(partition);
    if (!Array.isArray(operations) || operations.length > MAX_BATCH_OPERATIONS)
      throw new StoreValidationError(`Invalid batch: at most ${MAX_BATCH_OPERATIONS} operations`);
    // Every operation is checked (and its value made JSON) before any is queued: a bad one writes nothing.
    const steps = operations.map((operation): ((now: number) => boolean) => {
      if (operation.op === 'delete') {
        const key = checkKey({ ...operation.key, partition });
        return (now) => this.deleteNow(key, operation.version, now);
      }
      const write = prepareWrite(operation.item);
      if (write.partition !== partition)
        throw new StoreValidationError(`Invalid batch: an item is outside partition ${partition}`);
      if (operation.op === 'create') return (now) => this.createNow(write, now) !== undefined;
      if (operation.op === 'replace') return (now) => this.replaceNow(write, operation.version, now) !== undefined;
      if (operation.op === 'upsert')
        return () => {
          this.upsertNow(write);
          return true;
        };
      throw new StoreValidationError('Invalid batch operation');
    });
    return this.enqueue('write the batch', (now) => {
      for (const step of steps) if (!step(now)) throw new BatchConditionFailed();
      return true;
    });
  }

  async query<T extends JsonValue>(kind: string, partition: string, range?: RangeQuery): Promise<StoredItem<T>[]> {
    checkKeyPart(kind, 'kind');
    checkPartition(partition);
    const checked = checkRange(range);
    return this.call('query the items', (now) => {
      const { text, params } = rangeSql(false, kind, partition, now, checked);
      return (this.prepare(text).all(...params) as ItemRow[]).map((row) => toStoredItem<T>(row));
    });
  }

  async count(kind: string, partition: string, range?: Omit<RangeQuery, 'limit' | 'after' | 'order'>): Promise<number> {
    checkKeyPart(kind, 'kind');
    checkPartition(partition);
    const { prefix, from, to } = checkRange(range);
    return this.call('count the items', (now) => {
      const { text, params } = rangeSql(true, kind, partition, now, { prefix, from, to });
      return (this.prepare(text).get(...params) as { n: number }).n;
    });
  }

  async scan<T extends JsonValue>(kind: string, request: ScanRequest): Promise<ScanPage<T>> {
    checkKeyPart(kind, 'kind');
    const pageSize = checkPageSize(request?.pageSize);
    const after = request.continuationToken === undefined ? undefined : decodeScanToken(request.continuationToken);
    return this.call('scan the items', (now) => {
      // Keyset paging: the page starts past the (partition, id) the last one ended at.
      const rows = (
        after
          ? this.prepare(sql.scanAfter).all(kind, after.partition, after.id, now, pageSize)
          : this.prepare(sql.scanFirst).all(kind, now, pageSize)
      ) as ItemRow[];
      const items = rows.map((row) => toStoredItem<T>(row));
      const last = rows[rows.length - 1];
      return rows.length === pageSize && last
        ? { items, continuationToken: encodeScanToken(last.partition, last.id) }
        : { items };
    });
  }

  async findByRef<T extends JsonValue>(ref: string, kinds: readonly string[]): Promise<StoredItem<T>[]> {
    checkRef(ref);
    if (!Array.isArray(kinds)) throw new StoreValidationError('Invalid kinds: not a list');
    kinds.forEach((kind) => checkKeyPart(kind, 'kind'));
    return this.call('find the items by ref', (now) =>
      (this.prepare(sql.findByRef).all(ref, JSON.stringify(kinds), now) as ItemRow[]).map((row) =>
        toStoredItem<T>(row),
      ),
    );
  }

  async deletePartition(partition: string): Promise<number> {
    checkPartition(partition);
    return this.enqueue('delete the partition', (now) => {
      this.prepare(sql.deletePartitionRefs).run(partition);
      const gone = this.prepare(sql.deletePartition).all(partition) as { expires_at: number | null }[];
      // Expired items were already gone as far as callers could tell.
      return gone.filter((row) => row.expires_at === null || row.expires_at > now).length;
    });
  }

  async checkWritable(): Promise<void> {
    await this.enqueue('write to the database', (now) => this.prepare(sql.writeProbe).run(now));
  }

  /** Deletes the items whose lifetime has passed (they were already invisible); also run on open. */
  async purgeExpired(): Promise<number> {
    return this.enqueue('purge expired items', (now) => {
      this.prepare(sql.purgeRefs).run(now);
      return this.prepare(sql.purge).run(now).changes;
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

  // ---- Writes, decided one at a time ------------------------------------------------------------

  private createNow<T extends JsonValue>(write: PreparedWrite, now: number): StoredItem<T> | undefined {
    return this.writeRow<T>(write, sql.create, [...insertParams(write), now]);
  }

  private replaceNow<T extends JsonValue>(write: PreparedWrite, version: string, now: number) {
    const expected = parseVersion(version);
    if (expected === undefined) return undefined;
    return this.writeRow<T>(write, sql.replace, [...updateParams(write), expected, now]);
  }

  private upsertNow<T extends JsonValue>(write: PreparedWrite): StoredItem<T> {
    return this.writeRow<T>(write, sql.upsert, insertParams(write))!;
  }

  /** One write statement; when it wrote (a version came back), the item's refs are filed with it. */
  private writeRow<T extends JsonValue>(write: PreparedWrite, text: string, params: unknown[]) {
    const row = this.prepare(text).get(...params) as { version: number } | undefined;
    if (!row) return undefined;
    this.fileRefs(write);
    return writtenItem<T>(write, row.version);
  }

  private deleteNow(key: ItemKey, version: string | undefined, now: number): boolean {
    const { partition, kind, id } = key;
    let changes: number;
    if (version === undefined) {
      changes = this.prepare(sql.delete).run(partition, kind, id, now).changes;
    } else {
      const expected = parseVersion(version);
      if (expected === undefined) return false;
      changes = this.prepare(sql.deleteAtVersion).run(partition, kind, id, now, expected).changes;
    }
    if (changes === 0) return false;
    this.prepare(sql.dropRefs).run(partition, kind, id);
    return true;
  }

  /** Keeps item_refs in step with the item just written: its refs, and no others. */
  private fileRefs(write: PreparedWrite): void {
    this.prepare(sql.dropRefs).run(write.partition, write.kind, write.id);
    for (const ref of write.refs) this.prepare(sql.addRef).run(ref, write.partition, write.kind, write.id);
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
    let outcomes: WriteOutcome[];
    try {
      outcomes = this.commitWrites.immediate(writes, this.clock());
    } catch (error) {
      for (const write of writes) write.reject(toStoreError(error, write.what));
      return;
    }
    outcomes.forEach((outcome, index) => {
      const write = writes[index]!;
      if (outcome.ok) write.resolve(outcome.result);
      else write.reject(toStoreError(outcome.error, write.what));
    });
  }

  private decide(write: QueuedWrite, now: number): WriteOutcome {
    try {
      return { ok: true, result: this.inSavepoint(write.run, now) };
    } catch (error) {
      if (error instanceof BatchConditionFailed) return { ok: true, result: false };
      // Some failures (a full disk, an I/O error) end the whole transaction: then nothing of this turn
      // was written, and every write of it fails.
      if (!this.db.inTransaction) throw error;
      return { ok: false, error };
    }
  }

  // ---- Internals -------------------------------------------------------------------------------

  private prepare(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
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
