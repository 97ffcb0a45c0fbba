// Cosmos DB's layout before the engine: four containers (teams, installations, activities, leases)
// holding envelopes `{ id, type, data, expiresAt?, ttl? }`. At start the records in them move into
// the engine's `items` container a page at a time, and each page is deleted once moved, so an
// interrupted move resumes where it stopped and nothing personal is left behind in the old
// containers (an Azure admin may delete the empty containers afterwards; docs/deploy.md).
import type { Container, Database } from '@azure/cosmos';
import type { JsonValue, StorageEngine } from '../engine/engine';
import { moveLegacyRecords, type LegacyMove } from '../records/legacy';
import type { LegacyImport, LegacyRecord } from '../records/shared';
import { NOT_FOUND, statusOf } from './cosmosErrors';
import { withDeadline } from './deadline';
import { forEachLimited } from '../forEachLimited';

const LEGACY_CONTAINERS = ['teams', 'installations', 'activities', 'leases'] as const;
const PAGE_SIZE = 200;
const DELETE_CONCURRENCY = 8;
const PERSON_TEAMS_PREFIX = 'person-teams-';

interface Envelope {
  id: string;
  type?: string;
  data?: JsonValue;
  expiresAt?: number;
  /** The value of the container's partition key path, whichever field it is. */
  [field: string]: unknown;
}

const PARTITION_FIELD: Record<(typeof LEGACY_CONTAINERS)[number], string> = {
  teams: 'teamId',
  installations: 'conversationId',
  activities: 'id',
  leases: 'id',
};

/** An old envelope as the record modules' legacy imports take it; undefined for what is not moved. */
export function legacyRecordOf(item: Envelope): LegacyRecord | undefined {
  if (typeof item.type !== 'string' || item.data === undefined) return undefined;
  const record: LegacyRecord = { type: item.type, data: item.data };
  if (typeof item.expiresAt === 'number') record.expiresAt = item.expiresAt;
  if (item.type === 'personTeams' && item.id.startsWith(PERSON_TEAMS_PREFIX)) {
    record.personHash = item.id.slice(PERSON_TEAMS_PREFIX.length);
  }
  return record;
}

async function exists(container: Container, signal: AbortSignal): Promise<boolean> {
  try {
    await container.read({ abortSignal: signal });
    return true;
  } catch (error) {
    if (statusOf(error) === NOT_FOUND) return false;
    throw error;
  }
}

/** Moves every old container's records into the engine, deleting each page once moved. */
export async function moveLegacyContainers(
  database: Database,
  engine: StorageEngine,
  imports: Readonly<Record<string, LegacyImport>>,
  timeoutMs: number,
): Promise<LegacyMove> {
  const total: LegacyMove = { moved: 0, skipped: 0 };
  for (const name of LEGACY_CONTAINERS) {
    const container = database.container(name);
    if (!(await withDeadline(timeoutMs, `look for the old ${name} container`, (signal) => exists(container, signal))))
      continue;
    // Always the first page: each page is deleted once moved, so the next "first" page is the rest.
    for (;;) {
      const page = await withDeadline(timeoutMs, `read the old ${name} container`, async (signal) => {
        const response = await container.items
          .query<Envelope>('SELECT * FROM c', { maxItemCount: PAGE_SIZE, abortSignal: signal })
          .fetchNext();
        return response.resources;
      });
      if (page.length === 0) break;
      const records = page.map(legacyRecordOf).filter((record): record is LegacyRecord => record !== undefined);
      const moved = await moveLegacyRecords(engine, imports, records);
      total.moved += moved.moved;
      total.skipped += moved.skipped + (page.length - records.length);
      await withDeadline(timeoutMs * 4, `empty the old ${name} container`, (signal) =>
        forEachLimited(page, DELETE_CONCURRENCY, async (item) => {
          const partitionKey = item[PARTITION_FIELD[name]];
          try {
            await container.item(item.id, partitionKey as string).delete({ abortSignal: signal });
          } catch (error) {
            if (statusOf(error) !== NOT_FOUND) throw error;
          }
        }),
      );
    }
  }
  return total;
}
