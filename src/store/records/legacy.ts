// Moving records kept in an earlier layout (the local file's old tables, Cosmos DB's old containers)
// into the engine's items. Each record module says how it files its own old records
// (`legacyImports`), so the move cannot disagree with how the module writes them today.
import type { ItemWrite, StorageEngine } from '../engine/engine';
import type { LegacyImport, LegacyRecord } from './shared';

export interface LegacyMove {
  /** Records now in the engine (or already there from an earlier, interrupted move). */
  moved: number;
  /** Records not moved: expired already, of a kind nobody keeps any more, or unreadable. */
  skipped: number;
}

/**
 * Files each old record as the items its module writes now. A create that finds the item already
 * there leaves it (an interrupted move, run again, neither duplicates nor overwrites newer data);
 * an old record that fails its schema is skipped, as the old store could not have used it either.
 */
export async function moveLegacyRecords(
  engine: StorageEngine,
  imports: Readonly<Record<string, LegacyImport>>,
  records: Iterable<LegacyRecord> | AsyncIterable<LegacyRecord>,
): Promise<LegacyMove> {
  const now = engine.now();
  const result: LegacyMove = { moved: 0, skipped: 0 };
  let pending: ItemWrite[] = [];
  // Written a chunk at a time, concurrently: the local engine commits the writes of one turn of the
  // event loop together, so a large file moves in a few hundred transactions, not one per record.
  const flush = async () => {
    await Promise.all(pending.map((item) => engine.create(item)));
    pending = [];
  };
  for await (const record of records) {
    const file = imports[record.type];
    const items = file && !(record.expiresAt !== undefined && record.expiresAt <= now) ? fileOf(file, record) : [];
    if (items.length === 0) {
      result.skipped++;
      continue;
    }
    pending.push(...items);
    result.moved++;
    if (pending.length >= WRITES_AT_ONCE) await flush();
  }
  await flush();
  return result;
}

const WRITES_AT_ONCE = 100;

function fileOf(file: LegacyImport, record: LegacyRecord): ItemWrite[] {
  try {
    return file(record);
  } catch {
    return [];
  }
}
