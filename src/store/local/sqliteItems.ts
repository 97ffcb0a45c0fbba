// The SQL behind the SQLite engine (sqliteEngine.ts) and what goes in and out of it: writes checked
// and made JSON before they are queued, and rows read back as StoredItems.
import { randomInt } from 'node:crypto';
import type { BatchOperation, ItemKey, ItemWrite, JsonValue, RangeQuery, StoredItem } from '../engine/engine';
import { checkKey, checkKeyPart, checkPartition, checkRange, checkWrite, MAX_BATCH_OPERATIONS } from '../engine/keys';
import { StoreValidationError } from '../errors';

/** An item as the items table holds it. */
export interface ItemRow {
  partition: string;
  kind: string;
  id: string;
  value: string;
  version: number;
  expires_at: number | null;
  refs: string | null;
}

/** An item ready to write: checked, its value already JSON (so a bad value fails before it is queued). */
export type WriteRow = Omit<ItemRow, 'version'>;

// Statements bind their parameters by name from one object (better-sqlite3 ignores the members a
// statement does not use). An item stays visible until the clock passes its expiry.
const LIVE = '(expires_at IS NULL OR expires_at > @now)';
const COLUMNS = 'partition, kind, id, value, version, expires_at, refs';
const KEY_IS = 'partition = @partition AND kind = @kind AND id = @id';
const INSERT = `INSERT INTO items (${COLUMNS}) VALUES (@partition, @kind, @id, @value, @version, @expires_at, @refs)
  ON CONFLICT (partition, kind, id) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at,
    refs = excluded.refs`;

/** The write statements return the row they wrote (or deleted); none when their condition failed. */
export const sql = {
  // A create takes the place of an expired item, never of a live one.
  create: `${INSERT}, version = excluded.version WHERE items.expires_at <= @now RETURNING ${COLUMNS}`,
  replace: `UPDATE items SET value = @value, version = version + 1, expires_at = @expires_at, refs = @refs
    WHERE ${KEY_IS} AND version = @expected AND ${LIVE} RETURNING ${COLUMNS}`,
  upsert: `${INSERT}, version = items.version + 1 RETURNING ${COLUMNS}`,
  delete: `DELETE FROM items WHERE ${KEY_IS} AND ${LIVE} AND (@expected IS NULL OR version = @expected)
    RETURNING ${COLUMNS}`,
  read: `SELECT ${COLUMNS} FROM items WHERE ${KEY_IS} AND ${LIVE}`,
  dropRefs: `DELETE FROM item_refs WHERE ${KEY_IS}`,
  // OR IGNORE: an item naming the same ref twice is filed under it once.
  addRefs: `INSERT OR IGNORE INTO item_refs (ref, partition, kind, id)
    SELECT value, @partition, @kind, @id FROM json_each(@refs)`,
  findByRef: `SELECT i.partition, i.kind, i.id, i.value, i.version, i.expires_at, i.refs
    FROM item_refs r JOIN items i ON i.partition = r.partition AND i.kind = r.kind AND i.id = r.id
    WHERE r.ref = @ref AND r.kind IN (SELECT value FROM json_each(@kinds)) AND (i.expires_at IS NULL OR i.expires_at > @now)`,
  scanFirst: `SELECT ${COLUMNS} FROM items WHERE kind = @kind AND ${LIVE} ORDER BY partition, id LIMIT @pageSize`,
  scanAfter: `SELECT ${COLUMNS} FROM items WHERE kind = @kind AND (partition, id) > (@partition, @id) AND ${LIVE}
    ORDER BY partition, id LIMIT @pageSize`,
  deletePartitionRefs: 'DELETE FROM item_refs WHERE partition = @partition',
  deletePartition: 'DELETE FROM items WHERE partition = @partition RETURNING expires_at',
  purgeRefs: `DELETE FROM item_refs WHERE (partition, kind, id) IN
    (SELECT partition, kind, id FROM items WHERE expires_at <= @now)`,
  purge: 'DELETE FROM items WHERE expires_at <= @now',
};

/**
 * A range query, checked, as one statement: its text (a handful of distinct ones, so the statement cache
 * stays small) and its parameters but `now`. Ids are compared as UTF-8 bytes (SQLite's BINARY collation), so every id
 * starting with `prefix` sorts below `prefix` + U+10FFFF, the highest character there is.
 */
export function rangeSql(counting: boolean, kind: string, partition: string, given: RangeQuery | undefined) {
  checkKeyPart(kind, 'kind');
  checkPartition(partition);
  const range = checkRange(given);
  const where = ['partition = @partition', 'kind = @kind', LIVE];
  if (range.prefix !== undefined) where.push('id >= @prefix', 'id < @prefixEnd');
  if (range.from !== undefined) where.push('id >= @from');
  if (range.to !== undefined) where.push('id <= @to');
  const params = { ...range, kind, partition, prefixEnd: `${range.prefix}\u{10FFFF}` };
  if (counting) return { text: `SELECT count(*) AS n FROM items WHERE ${where.join(' AND ')}`, params };
  const descending = range.order === 'desc';
  if (range.after !== undefined) where.push(descending ? 'id < @after' : 'id > @after');
  const limit = range.limit === undefined ? '' : ' LIMIT @limit';
  const text = `SELECT ${COLUMNS} FROM items WHERE ${where.join(' AND ')} ORDER BY id ${descending ? 'DESC' : 'ASC'}${limit}`;
  return { text, params };
}

export function toStoredItem<T extends JsonValue>(row: ItemRow): StoredItem<T> {
  const { value, version, expires_at: expiresAt, refs, ...key } = row;
  const item: StoredItem<T> = { ...key, value: JSON.parse(value) as T, version: String(version) };
  if (expiresAt !== null) item.expiresAt = expiresAt;
  if (refs !== null) item.refs = JSON.parse(refs) as string[];
  return item;
}

/**
 * A new item's first version. Random rather than 1, so an item deleted and created again never
 * repeats a version an old reader holds (a replace at that stale version must fail, as with ETags);
 * every later write adds one.
 */
export function firstVersion(): number {
  return randomInt(1, 2 ** 47);
}

/** A version string as the integer column holds it; undefined when it cannot be one of ours (so nothing matches). */
export function parseVersion(version: string): number | undefined {
  return /^[1-9][0-9]{0,15}$/.test(version) ? Number(version) : undefined;
}

/** One write, its item already checked and made JSON; `version` is the one it must find there. */
export type Write =
  | { op: 'create' | 'upsert'; row: WriteRow; version?: undefined }
  | { op: 'replace'; row: WriteRow; version: string }
  | { op: 'delete'; row: ItemKey; version?: string };
const BATCH_WRITES = new Set(['create', 'replace', 'upsert']);

/** The engine's own rules (engine/keys.ts), then the value as the JSON text stored. */
export function toWriteRow(item: ItemWrite): WriteRow {
  checkWrite(item);
  const { partition, kind, id } = item;
  let value: string | undefined;
  try {
    value = JSON.stringify(item.value);
  } catch (error) {
    throw new StoreValidationError(`Invalid value for ${kind} ${id}: not JSON (${(error as Error).message})`);
  }
  if (value === undefined) throw new StoreValidationError(`Invalid value for ${kind} ${id}: not JSON`);
  // Whole milliseconds, rounded up so an item never goes before its time.
  const expiresAt = item.expiresAt === undefined ? null : Math.ceil(item.expiresAt);
  const refs = item.refs === undefined ? null : JSON.stringify(item.refs);
  return { partition, kind, id, value, expires_at: expiresAt, refs };
}

/** A batch's writes; every operation is checked (and its value made JSON) before any is queued, so a bad one writes nothing. */
export function toBatchWrites(partition: string, operations: readonly BatchOperation[]): Write[] {
  checkPartition(partition);
  if (!Array.isArray(operations) || operations.length > MAX_BATCH_OPERATIONS)
    throw new StoreValidationError(`Invalid batch: at most ${MAX_BATCH_OPERATIONS} operations`);
  return operations.map((operation): Write => {
    if (operation.op === 'delete') return { ...operation, row: checkKey({ ...operation.key, partition }) };
    const row = toWriteRow(operation.item);
    if (row.partition !== partition)
      throw new StoreValidationError(`Invalid batch: an item is outside partition ${partition}`);
    if (!BATCH_WRITES.has(operation.op)) throw new StoreValidationError('Invalid batch operation');
    return { ...operation, row };
  });
}

// Scan continuation tokens are opaque to callers; inside, the (partition, id) the last page ended at.
export function encodeScanToken(partition: string, id: string): string {
  return Buffer.from(JSON.stringify({ p: partition, i: id }), 'utf8').toString('base64url');
}

export function decodeScanToken(token: unknown): { partition: string; id: string } {
  if (typeof token === 'string') {
    try {
      const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { p?: unknown; i?: unknown };
      if (typeof parsed.p === 'string' && typeof parsed.i === 'string') return { partition: parsed.p, id: parsed.i };
    } catch {
      // not ours: the error below
    }
  }
  throw new StoreValidationError('Invalid continuation token');
}
