// The storage engine: the few things every kind of record needs from a database, and nothing about
// any record. Each backend (Cosmos DB in store/cosmos, SQLite in store/local) implements it once;
// the record modules (store/records) are written once on top of it, so a record's shape, validation,
// keys and migrations cannot differ between the two. The engine contract suite
// (test/store/engineContract.ts) runs on both.
//
// An item is a JSON value filed under (partition, kind, id). A partition is what Cosmos DB keeps
// together: a transactional batch, a range query and an ordered listing stay inside one. A kind
// says what sort of record the item is, so a partition can hold several kinds (a team's settings,
// answers and roll-ups share the team's partition) and a scan can walk one kind across partitions.
//
// Every method fails with StoreUnavailableError when the database is down or does not answer in
// time, StoreValidationError when a key breaks the rules below (nothing is written), and returns
// `undefined` / `false` (never throws) when a condition it was given does not hold.

/** What the engine stores: plain JSON (no undefined inside arrays, no functions, no Dates). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue | undefined };

/**
 * Where an item is filed. Ids and kinds are 1-200 printable ASCII characters without `/ \ ? #`
 * (what a Cosmos DB id may hold), so record modules hash anything not their own (user ids, activity
 * ids) into ids. Ids compare as byte strings: a range or prefix query orders by them. A partition
 * is any non-empty string up to 1,024 characters (Teams conversation ids are long).
 */
export interface ItemKey {
  partition: string;
  kind: string;
  id: string;
}

export interface ItemWrite<T extends JsonValue = JsonValue> extends ItemKey {
  value: T;
  /**
   * Epoch ms after which the item counts as gone: reads, queries, scans and lookups skip it from
   * that moment (the engine's clock), a create may take its place, and the backend deletes it later
   * (Cosmos DB by ttl, SQLite by a purge). Absent: kept until deleted.
   */
  expiresAt?: number;
  /**
   * Cross-partition references, e.g. `person:<hash>` for everything "my data" must find, or
   * `team:<id>` for a team's items kept in another partition. At most 4, each up to 200 characters.
   * `findByRef` finds the live items that carry one.
   */
  refs?: readonly string[];
}

/** An item as read, with the opaque version it was read at (an ETag, or a row version). */
export interface StoredItem<T extends JsonValue = JsonValue> extends ItemKey {
  value: T;
  version: string;
  expiresAt?: number;
  refs?: readonly string[];
}

/** One write of a transactional batch; every item of a batch is in the batch's partition. */
export type BatchOperation =
  /** Fails the batch when a live item is there. */
  | { op: 'create'; item: ItemWrite }
  /** Fails the batch unless the item is there at `version`. */
  | { op: 'replace'; item: ItemWrite; version: string }
  /** Writes whatever is there. */
  | { op: 'upsert'; item: ItemWrite }
  /** Fails the batch unless the item is there (at `version`, when given). */
  | { op: 'delete'; key: Omit<ItemKey, 'partition'>; version?: string };

/**
 * Items of one kind in one partition, ordered by id. `prefix` keeps ids that start with it; `from`
 * and `to` bound the ids inclusively; `after` continues a listing past the last id already seen (in
 * the order asked for). All optional: without any, every item of the kind in the partition.
 */
export interface RangeQuery {
  prefix?: string;
  from?: string;
  to?: string;
  after?: string;
  /** Default 'asc'. */
  order?: 'asc' | 'desc';
  /** At most this many items; default all of them. */
  limit?: number;
}

export interface ScanRequest {
  /** 1 to 1,000 items per page. */
  pageSize: number;
  /** Opaque token from the previous page. */
  continuationToken?: string;
}

export interface ScanPage<T extends JsonValue = JsonValue> {
  items: StoredItem<T>[];
  /** Present while more items may follow (a page may come back short before the end). */
  continuationToken?: string;
}

export interface StorageEngine {
  /** Epoch ms: the clock expiry is judged by; record modules stamp their times with it too. */
  now(): number;

  /** A point read; undefined when absent or expired. */
  read<T extends JsonValue>(key: ItemKey): Promise<StoredItem<T> | undefined>;
  /** Writes a new item; undefined when a live item is already there (an expired one is replaced). */
  create<T extends JsonValue>(item: ItemWrite<T>): Promise<StoredItem<T> | undefined>;
  /** Writes over the item only while it is still at `version`; undefined when it changed, expired or went. */
  replace<T extends JsonValue>(item: ItemWrite<T>, version: string): Promise<StoredItem<T> | undefined>;
  /** Writes the item whatever is there. */
  upsert<T extends JsonValue>(item: ItemWrite<T>): Promise<StoredItem<T>>;
  /** Removes the item (only while at `version`, when given); false when it was absent, expired or changed. */
  delete(key: ItemKey, version?: string): Promise<boolean>;
  /**
   * All of the operations, in order, or none of them. Up to 100 operations, all in `partition`.
   * Resolves with the version each operation wrote, in the operations' order (undefined for a
   * delete), so a caller holds what it wrote without reading it again; an item written twice in one
   * batch is at its last version. Undefined (nothing written) when any condition fails.
   */
  batch(partition: string, operations: readonly BatchOperation[]): Promise<readonly (string | undefined)[] | undefined>;

  /** Live items of one kind in one partition (see RangeQuery); one query, however many items. */
  query<T extends JsonValue>(kind: string, partition: string, range?: RangeQuery): Promise<StoredItem<T>[]>;
  /** How many live items `query` would return without a limit. */
  count(kind: string, partition: string, range?: Omit<RangeQuery, 'limit' | 'after' | 'order'>): Promise<number>;
  /** Every live item of one kind across all partitions, a page at a time, in no promised order. */
  scan<T extends JsonValue>(kind: string, request: ScanRequest): Promise<ScanPage<T>>;
  /** Live items carrying `ref`, of any of `kinds`, across all partitions. */
  findByRef<T extends JsonValue>(ref: string, kinds: readonly string[]): Promise<StoredItem<T>[]>;
  /** Deletes every item in the partition (of every kind); how many went. */
  deletePartition(partition: string): Promise<number>;

  /** Resolves when the database accepted a small write; for readiness checks. */
  checkWritable(): Promise<void>;
  close(): Promise<void>;
}
