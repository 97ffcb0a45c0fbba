// The storage engine's layout (layout 10): every record is an item in one table, filed under
// (partition, kind, id) with its JSON value, and its cross-partition refs in a side table so a
// lookup by ref is one indexed read. The earlier layouts' tables stay: their records are moved into
// items by a one-time import, which drops them afterwards.
import type Database from 'better-sqlite3';
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
export function migrateToItems(db: Database.Database): void {
  migrate(db);
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current !== ITEMS_LAYOUT_VERSION - 1) return;
  db.transaction(() => {
    db.exec(ITEMS_LAYOUT);
    db.pragma(`user_version = ${ITEMS_LAYOUT_VERSION}`);
  }).immediate();
}
