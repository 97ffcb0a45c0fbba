// The SQL and the checks behind the SQLite engine (sqliteEngine.ts): what every key, write and
// request must satisfy before anything reaches the database, the statements that read and write
// the items table, and rows turned back into StoredItems.
import { randomInt } from 'node:crypto';
import type Database from 'better-sqlite3';
import { StoreOpenError, StoreUnavailableError, StoreValidationError } from '../errors';
import type { ItemKey, ItemWrite, JsonValue, RangeQuery, StoredItem } from '../engine/engine';
import { checkWrite } from '../engine/keys';

/** An item ready to write: checked, its value already JSON (so a bad value fails before it is queued). */
export interface PreparedWrite extends ItemKey {
  valueText: string;
  expiresAt: number | null;
  refs: readonly string[];
  refsText: string | null;
}

export interface ItemRow {
  partition: string;
  kind: string;
  id: string;
  value: string;
  version: number;
  expires_at: number | null;
  refs: string | null;
}

/** An item stays visible until the clock passes its expiry (bound to `now`). */
export const LIVE = '(expires_at IS NULL OR expires_at > ?)';
const COLUMNS = 'partition, kind, id, value, version, expires_at, refs';
const KEY_IS = 'partition = ? AND kind = ? AND id = ?';

export const sql = {
  read: `SELECT ${COLUMNS} FROM items WHERE ${KEY_IS} AND ${LIVE}`,
  // A create takes the place of an expired item, never of a live one (no row comes back then).
  create: `INSERT INTO items (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (partition, kind, id) DO UPDATE SET value = excluded.value, version = excluded.version,
      expires_at = excluded.expires_at, refs = excluded.refs
    WHERE items.expires_at <= ?
    RETURNING version`,
  replace: `UPDATE items SET value = ?, version = version + 1, expires_at = ?, refs = ?
    WHERE ${KEY_IS} AND version = ? AND ${LIVE}
    RETURNING version`,
  upsert: `INSERT INTO items (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (partition, kind, id) DO UPDATE SET value = excluded.value, version = items.version + 1,
      expires_at = excluded.expires_at, refs = excluded.refs
    RETURNING version`,
  delete: `DELETE FROM items WHERE ${KEY_IS} AND ${LIVE}`,
  deleteAtVersion: `DELETE FROM items WHERE ${KEY_IS} AND ${LIVE} AND version = ?`,
  dropRefs: `DELETE FROM item_refs WHERE ${KEY_IS}`,
  // OR IGNORE: an item naming the same ref twice is filed under it once.
  addRef: 'INSERT OR IGNORE INTO item_refs (ref, partition, kind, id) VALUES (?, ?, ?, ?)',
  findByRef: `SELECT i.partition, i.kind, i.id, i.value, i.version, i.expires_at, i.refs
    FROM item_refs r JOIN items i ON i.partition = r.partition AND i.kind = r.kind AND i.id = r.id
    WHERE r.ref = ? AND r.kind IN (SELECT value FROM json_each(?)) AND (i.expires_at IS NULL OR i.expires_at > ?)`,
  scanFirst: `SELECT ${COLUMNS} FROM items WHERE kind = ? AND ${LIVE} ORDER BY partition, id LIMIT ?`,
  scanAfter: `SELECT ${COLUMNS} FROM items WHERE kind = ? AND (partition, id) > (?, ?) AND ${LIVE}
    ORDER BY partition, id LIMIT ?`,
  deletePartitionRefs: 'DELETE FROM item_refs WHERE partition = ?',
  deletePartition: 'DELETE FROM items WHERE partition = ? RETURNING expires_at',
  purgeRefs: `DELETE FROM item_refs WHERE (partition, kind, id) IN
    (SELECT partition, kind, id FROM items WHERE expires_at <= ?)`,
  purge: 'DELETE FROM items WHERE expires_at <= ?',
  writeProbe:
    'INSERT INTO write_probe (id, written_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET written_at = excluded.written_at',
};

/**
 * A range query as one statement: its SQL (a handful of distinct texts, so the statement cache stays
 * small) and its parameters. Ids are compared as UTF-8 bytes (SQLite's BINARY collation), so every id
 * starting with `prefix` sorts below `prefix` + U+10FFFF, the highest character there is.
 */
export function rangeSql(
  counting: boolean,
  kind: string,
  partition: string,
  now: number,
  range: RangeQuery,
): { text: string; params: (string | number)[] } {
  const select = counting ? 'SELECT count(*) AS n' : `SELECT ${COLUMNS}`;
  const where = ['partition = ?', 'kind = ?', LIVE];
  const params: (string | number)[] = [partition, kind, now];
  const order = range.order === 'desc' ? 'DESC' : 'ASC';
  if (range.prefix !== undefined) {
    where.push('id >= ?', 'id < ?');
    params.push(range.prefix, `${range.prefix}\u{10FFFF}`);
  }
  if (range.from !== undefined) {
    where.push('id >= ?');
    params.push(range.from);
  }
  if (range.to !== undefined) {
    where.push('id <= ?');
    params.push(range.to);
  }
  if (range.after !== undefined) {
    where.push(order === 'ASC' ? 'id > ?' : 'id < ?');
    params.push(range.after);
  }
  let text = `${select} FROM items WHERE ${where.join(' AND ')}`;
  if (counting) return { text, params };
  text += ` ORDER BY id ${order}`;
  if (range.limit !== undefined) {
    text += ' LIMIT ?';
    params.push(range.limit);
  }
  return { text, params };
}

export function toStoredItem<T extends JsonValue>(row: ItemRow): StoredItem<T> {
  const item: StoredItem<T> = {
    partition: row.partition,
    kind: row.kind,
    id: row.id,
    value: JSON.parse(row.value) as T,
    version: String(row.version),
  };
  if (row.expires_at !== null) item.expiresAt = row.expires_at;
  if (row.refs !== null) item.refs = JSON.parse(row.refs) as string[];
  return item;
}

/** What a write returns: the value as it will read back (JSON drops undefined members). */
export function writtenItem<T extends JsonValue>(write: PreparedWrite, version: number): StoredItem<T> {
  return toStoredItem<T>({
    ...write,
    value: write.valueText,
    version,
    expires_at: write.expiresAt,
    refs: write.refsText,
  });
}

export type WriteOutcome = { ok: true; result: unknown } | { ok: false; error: unknown };

/** The parameters of sql.create and sql.upsert, before create's `now`; a new item gets its first version. */
export function insertParams(write: PreparedWrite): unknown[] {
  return [write.partition, write.kind, write.id, write.valueText, firstVersion(), write.expiresAt, write.refsText];
}

/** The parameters of sql.replace, before its version and `now`. */
export function updateParams(write: PreparedWrite): unknown[] {
  return [write.valueText, write.expiresAt, write.refsText, write.partition, write.kind, write.id];
}

/**
 * A new item's first version. Random rather than 1, so an item deleted and created again never
 * repeats a version an old reader holds (a replace at that stale version must fail, as with ETags);
 * every later write adds one.
 */
function firstVersion(): number {
  return randomInt(1, 2 ** 47);
}

/** A version string as the integer column holds it; undefined when it cannot be one of ours (so nothing matches). */
export function parseVersion(version: string): number | undefined {
  return /^[1-9][0-9]{0,15}$/.test(version) ? Number(version) : undefined;
}

// ---- Checks: the engine's own rules (engine/keys.ts), then the value as the JSON text stored ----

export function prepareWrite(item: ItemWrite): PreparedWrite {
  checkWrite(item);
  const key = { partition: item.partition, kind: item.kind, id: item.id };
  let valueText: string | undefined;
  try {
    valueText = JSON.stringify(item.value);
  } catch (error) {
    throw new StoreValidationError(`Invalid value for ${key.kind} ${key.id}: not JSON (${(error as Error).message})`);
  }
  if (valueText === undefined) throw new StoreValidationError(`Invalid value for ${key.kind} ${key.id}: not JSON`);
  const refs = item.refs ?? [];
  return {
    ...key,
    valueText,
    // Whole milliseconds, rounded up so an item never goes before its time.
    expiresAt: item.expiresAt === undefined ? null : Math.ceil(item.expiresAt),
    refs,
    refsText: item.refs === undefined ? null : JSON.stringify(refs),
  };
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

// ---- Opening the file --------------------------------------------------------------------------

/** SQLite's own page-level check; undefined when the file is sound, else what it found (first problem). */
export function quickCheck(db: Database.Database): string | undefined {
  const rows = db.pragma('quick_check(1)') as { quick_check: string }[];
  const result = rows[0]?.quick_check ?? 'no answer';
  return result === 'ok' ? undefined : result;
}

export function damagedMessage(file: string, detail: string): string {
  return `The local store file ${file} is damaged (${oneLine(detail)}). Stop the bot, move the file aside (keep it for recovery), and restore the latest backup to that path, or start without it for an empty store.`;
}

/** What stops the store opening, as one line naming the file and what to do. */
export function openError(file: string, error: unknown): Error {
  if (error instanceof StoreOpenError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const detail = oneLine((error as Error).message ?? String(error));
  if (
    code === 'SQLITE_CORRUPT' ||
    code === 'SQLITE_NOTADB' ||
    (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT_'))
  )
    return new StoreOpenError(damagedMessage(file, detail), { cause: error });
  if (
    typeof code === 'string' &&
    (code.startsWith('SQLITE_READONLY') ||
      code.startsWith('SQLITE_CANTOPEN') ||
      code === 'EACCES' ||
      code === 'EPERM' ||
      code === 'EROFS')
  )
    return new StoreOpenError(
      `The local store file ${file} cannot be written (${detail}). Make the file, its folder and the -wal and -shm files beside it writable by the user the bot runs as, or set DATA_DIR to a writable folder.`,
      { cause: error },
    );
  return new StoreUnavailableError(`Cannot open the local store at ${file}: ${detail}`, { cause: error });
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
