// The local file, opened at the storage engine's layout (layout 10): every record is an item in one
// table, filed under (partition, kind, id) with its JSON value, and its cross-partition refs in a side
// table so a lookup by ref is one indexed read. The earlier layouts' tables stay: their records are
// moved into items by a one-time import, which drops them afterwards.
import { mkdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { StoreOpenError, StoreUnavailableError } from '../errors';
import { migrate } from './schema';

/** The layout this step writes (user_version after migrateToItems). */
export const ITEMS_LAYOUT_VERSION = 10;

const ITEMS_LAYOUT = `
  CREATE TABLE items (
    partition TEXT NOT NULL,
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    value TEXT NOT NULL,
    version INTEGER NOT NULL,
    expires_at INTEGER,
    refs TEXT,
    PRIMARY KEY (partition, kind, id)
  ) STRICT, WITHOUT ROWID;
  -- A scan walks one kind across partitions, in (partition, id) order for keyset paging.
  CREATE INDEX items_by_kind ON items (kind, partition, id);
  -- Only items with a lifetime, for the purge.
  CREATE INDEX items_by_expiry ON items (expires_at) WHERE expires_at IS NOT NULL;
  CREATE TABLE item_refs (
    ref TEXT NOT NULL,
    partition TEXT NOT NULL,
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    PRIMARY KEY (ref, partition, kind, id)
  ) STRICT, WITHOUT ROWID;
  -- Rewriting or deleting an item drops its refs by its key.
  CREATE INDEX item_refs_by_item ON item_refs (partition, kind, id);
`;

/** Brings the file up to the earlier layouts (schema.ts), then adds the items tables; each step in a transaction. */
function migrateToItems(db: Database.Database): void {
  migrate(db);
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current !== ITEMS_LAYOUT_VERSION - 1) return;
  db.transaction(() => {
    db.exec(ITEMS_LAYOUT);
    db.pragma(`user_version = ${ITEMS_LAYOUT_VERSION}`);
  }).immediate();
}

export const WRITE_PROBE =
  'INSERT INTO write_probe (id, written_at) VALUES (1, @now) ON CONFLICT (id) DO UPDATE SET written_at = excluded.written_at';

/** Opens the file (creating it and its folder if missing) at the items layout; fails with what to do about it. */
export function openItemsFile(dataDir: string, file: string, busyTimeoutMs: number, clock: () => number) {
  let db: Database.Database | undefined;
  try {
    mkdirSync(dataDir, { recursive: true });
    db = new Database(file, { timeout: busyTimeoutMs });
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
    db.prepare(WRITE_PROBE).run({ now: clock() });
    return db;
  } catch (error) {
    db?.close();
    throw openError(file, error);
  }
}

/** SQLite's own page-level check; undefined when the file is sound, else what it found (first problem). */
function quickCheck(db: Database.Database): string | undefined {
  const rows = db.pragma('quick_check(1)') as { quick_check: string }[];
  const result = rows[0]?.quick_check ?? 'no answer';
  return result === 'ok' ? undefined : result;
}

function damagedMessage(file: string, detail: string): string {
  return `The local store file ${file} is damaged (${oneLine(detail)}). Stop the bot, move the file aside (keep it for recovery), and restore the latest backup to that path, or start without it for an empty store.`;
}

const DAMAGED_CODE = /^SQLITE_CORRUPT(_|$)|^SQLITE_NOTADB$/;
const UNWRITABLE_CODE = /^SQLITE_(READONLY|CANTOPEN)|^(EACCES|EPERM|EROFS)$/;

/** What stops the store opening, as one line naming the file and what to do. */
function openError(file: string, error: unknown): Error {
  if (error instanceof StoreOpenError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const codeText = typeof code === 'string' ? code : '';
  const detail = oneLine((error as Error).message ?? String(error));
  if (DAMAGED_CODE.test(codeText)) return new StoreOpenError(damagedMessage(file, detail), { cause: error });
  if (UNWRITABLE_CODE.test(codeText))
    return new StoreOpenError(
      `The local store file ${file} cannot be written (${detail}). Make the file, its folder and the -wal and -shm files beside it writable by the user the bot runs as, or set DATA_DIR to a writable folder.`,
      { cause: error },
    );
  return new StoreUnavailableError(`Cannot open the local store at ${file}: ${detail}`, { cause: error });
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
