// The local store: the SQLite engine with every record module on it. A file written by an earlier
// version (one table per kind of record) is moved forward on open: its records are filed as items
// by their own modules, then the old tables go (store/local/legacyTables.ts).
import { StoreOpenError } from '../errors';
import type { FrameworkStore } from '../port';
import { moveLegacyRecords } from '../records/legacy';
import { createRecordStore, LEGACY_IMPORTS } from '../records/recordStore';
import { DEFAULT_CONFLICT_POLICY } from '../optimisticRetry';
import { dropLegacyTables, hasLegacyTables, readLegacyRows } from './legacyTables';
import { LOCAL_STORE_FILE, SqliteEngine, type SqliteEngineOptions } from './sqliteEngine';

export { LOCAL_STORE_FILE };

export interface LocalStoreOptions extends SqliteEngineOptions {
  /** Attempts at a read-modify-write before ConflictError. Default 10. */
  conflictAttempts?: number;
}

export async function openLocalStore(options: LocalStoreOptions): Promise<FrameworkStore> {
  const engine = await SqliteEngine.open(options);
  try {
    await moveLegacyTablesForward(engine);
  } catch (error) {
    await engine.close();
    throw new StoreOpenError(
      `The local store file could not be moved to this version's layout (${(error as Error).message}). ` +
        'Nothing was lost: the old tables stay until the move succeeds. Free some disk space or restore write access, then start again.',
      { cause: error },
    );
  }
  return createRecordStore(engine, {
    conflictPolicy: {
      ...DEFAULT_CONFLICT_POLICY,
      ...(options.conflictAttempts ? { attempts: options.conflictAttempts } : {}),
    },
  });
}

/** Moves the records of an earlier layout's tables into items, then drops those tables. */
async function moveLegacyTablesForward(engine: SqliteEngine): Promise<void> {
  const db = engine.legacyDb();
  if (!hasLegacyTables(db)) return;
  const { records } = readLegacyRows(db);
  await moveLegacyRecords(engine, LEGACY_IMPORTS, records);
  dropLegacyTables(db);
}
