// What every record-module test stands on: a SQLite engine of its own in a fresh directory, with a
// clock the test moves, and old records filed the way the one-time move files them. The local engine
// is enough here: the engine contract itself is run on every backend elsewhere (engineContract.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StorageEngine } from '../../../src/store/engine/engine';
import { SqliteEngine } from '../../../src/store/local/sqliteEngine';
import { DEFAULT_CONFLICT_POLICY } from '../../../src/store/optimisticRetry';
import type { LegacyImport, LegacyRecord } from '../../../src/store/records/shared';
import { TestClock } from '../fixtures';

/** The options every record module is created with in these tests. */
export const RECORDS_OPTIONS = { conflictPolicy: DEFAULT_CONFLICT_POLICY };

export interface RecordsEngine {
  engine: SqliteEngine;
  clock: TestClock;
  /** Closes the engine and removes its directory. */
  close(): Promise<void>;
}

/** An engine no other test sees; purging is off so that expiry is decided by the test's clock alone. */
export async function openRecordsEngine(): Promise<RecordsEngine> {
  const dataDir = mkdtempSync(join(tmpdir(), 'framework-guide-records-'));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  const clock = new TestClock();
  let engine: SqliteEngine;
  try {
    engine = await SqliteEngine.open({ dataDir, clock: clock.now, purgeIntervalMs: 0 });
  } catch (error) {
    removeDir();
    throw error;
  }
  return {
    engine,
    clock,
    close: async () => {
      try {
        await engine.close();
      } finally {
        removeDir();
      }
    },
  };
}

/**
 * Files an old record as the one-time move does (store/records/legacy.ts): each of its items created.
 * A create that finds its item already there would mean the record's items collide, so it fails the test.
 */
export async function fileLegacy(
  engine: StorageEngine,
  imports: Readonly<Record<string, LegacyImport>>,
  record: LegacyRecord,
): Promise<void> {
  const file = imports[record.type];
  if (!file) throw new Error(`No import for ${record.type}`);
  for (const item of file(record)) expect(await engine.create(item)).toBeDefined();
}
