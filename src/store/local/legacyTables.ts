// The local file's layouts before the engine (versions 1 to 9 of schema.ts): one table per kind of
// record. Opening such a file brings it to layout 9 with the old steps, then the records move into
// the engine's items (store/records/legacy.ts) and these tables go, in that order, so a crash part
// way through simply moves them again on the next start (moving is idempotent).
import type Database from 'better-sqlite3';
import type { JsonValue } from '../engine/engine';
import type { LegacyRecord } from '../records/shared';
import { digest } from '../records/shared';

/** Every table the old layouts had, in the order they are read and dropped. */
const LEGACY_TABLES = [
  'installations',
  'team_settings',
  'check_ins',
  'rollups',
  'away',
  'assessments',
  'team_maturity',
  'person_teams',
  'practice_parts',
  'practice_examples',
  'activities',
  'leases',
] as const;

/** Submitted assessments were kept "until deleted" with the largest safe integer as their expiry. */
const KEPT_UNTIL_DELETED = Number.MAX_SAFE_INTEGER;

function tableExists(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** True while the file still has any table of the old layouts. */
export function hasLegacyTables(db: Database.Database): boolean {
  return LEGACY_TABLES.some((table) => tableExists(db, table));
}

type Row = Record<string, string | number | null>;

function rows(db: Database.Database, table: string, sql: string): Row[] {
  return tableExists(db, table) ? (db.prepare(sql).all() as Row[]) : [];
}

/** A row's JSON document; undefined (and counted by the caller) when it cannot be read. */
function parsed(text: unknown): JsonValue | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
}

function expiry(value: unknown): number | undefined {
  return typeof value === 'number' && value < KEPT_UNTIL_DELETED ? value : undefined;
}

export interface LegacyRows {
  records: LegacyRecord[];
  /** Rows whose document could not be read (already unreadable to the old store); they are not moved. */
  unreadable: number;
}

/**
 * The records the old tables hold, in the shape store/records/legacy.ts moves. Leases are not moved (a lease lasts minutes and is taken again); practice_parts is an index the
 * practice records rebuild from the examples.
 */
export function readLegacyRows(db: Database.Database): LegacyRows {
  const records: LegacyRecord[] = [];
  let unreadable = 0;
  const add = (type: string, text: unknown, expiresAt?: unknown) => {
    const data = parsed(text);
    if (data === undefined) {
      unreadable++;
      return;
    }
    const until = expiry(expiresAt);
    records.push(until === undefined ? { type, data } : { type, data, expiresAt: until });
  };
  for (const row of rows(db, 'installations', 'SELECT data FROM installations')) add('installation', row.data);
  for (const row of rows(db, 'team_settings', 'SELECT data FROM team_settings')) add('settings', row.data);
  for (const row of rows(db, 'check_ins', 'SELECT kind, data, expires_at FROM check_ins'))
    add(row.kind === 'draft' ? 'draft' : 'answer', row.data, row.expires_at);
  for (const row of rows(db, 'rollups', 'SELECT data FROM rollups')) add('rollup', row.data);
  for (const row of rows(db, 'away', 'SELECT data, expires_at FROM away')) add('away', row.data, row.expires_at);
  for (const row of rows(db, 'assessments', 'SELECT kind, data, expires_at FROM assessments'))
    add(row.kind === 'assessmentDraft' ? 'assessmentDraft' : 'assessment', row.data, row.expires_at);
  for (const row of rows(db, 'team_maturity', 'SELECT data FROM team_maturity')) add('maturity', row.data);
  for (const row of rows(db, 'practice_examples', 'SELECT data FROM practice_examples'))
    add('practiceExample', row.data);
  records.push(...personTeams(db));
  for (const row of rows(db, 'activities', 'SELECT * FROM activities')) {
    // Before layout 5 every claim was "done".
    const state = typeof row.state === 'string' ? row.state : 'done';
    records.push({
      type: 'activity',
      data: { activityId: String(row.activity_id), state },
      ...(typeof row.expires_at === 'number' ? { expiresAt: row.expires_at } : {}),
    });
  }
  return { records, unreadable };
}

/** The person → teams rows, one record per person as the index keeps them now (newest first). */
function personTeams(db: Database.Database): LegacyRecord[] {
  const byPerson = new Map<string, JsonValue[]>();
  const sql = 'SELECT user_id, team_id, tenant_id, seen_at FROM person_teams ORDER BY user_id, seen_at DESC, team_id';
  for (const row of rows(db, 'person_teams', sql)) {
    const userId = String(row.user_id);
    const teams = byPerson.get(userId) ?? [];
    teams.push({ teamId: String(row.team_id), tenantId: String(row.tenant_id), seenAt: String(row.seen_at) });
    byPerson.set(userId, teams);
  }
  return [...byPerson].map(([userId, teams]) => ({ type: 'personTeams', data: teams, personHash: digest(userId) }));
}

/** Drops the old tables (after their records moved), in one transaction. */
export function dropLegacyTables(db: Database.Database): void {
  db.transaction(() => {
    for (const table of LEGACY_TABLES) db.exec(`DROP TABLE IF EXISTS ${table}`);
  }).immediate();
}
