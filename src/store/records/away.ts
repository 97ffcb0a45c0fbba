// Time away: one item per team and person in the team's partition (a new period replaces the old),
// carrying the person's ref so "my data" finds it with their check-ins (checkIns.ts). A team lists
// its periods overlapping some days in one query of its away items: a team holds one per person.
import { awayInputSchema, awayRecordSchema, isoDateSchema, type AwayRecord } from '../../domain/records/away';
import { recordIdSchema } from '../../domain/records/checkIn';
import type { ItemKey, ItemWrite, StorageEngine } from '../engine/engine';
import type { AwayPort } from '../port';
import { awayExpiresAt, awayRecord } from './rules';
import { digest, parseRecord, partitions, refs, type LegacyImport, type RecordOptions } from './shared';

export const AWAY_KIND = 'away';

function awayKey(teamId: string, userId: string): ItemKey {
  return { partition: partitions.team(teamId), kind: AWAY_KIND, id: digest(userId) };
}

function awayWrite(record: AwayRecord, expiresAt: number): ItemWrite {
  const value = parseRecord(awayRecordSchema, record, 'time away');
  return { ...awayKey(value.teamId, value.userId), value, expiresAt, refs: [refs.person(value.userId)] };
}

function byUserId(a: AwayRecord, b: AwayRecord): number {
  return a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0;
}

// Nothing here reads back before writing, so the conflict policy goes unused; the options are
// taken anyway so every record module is made the same way.
export function createAwayRecords(engine: StorageEngine, _options: RecordOptions): AwayPort {
  return {
    async saveAway(input) {
      const checked = parseRecord(awayInputSchema, input, 'time away');
      const record = awayRecord(checked, new Date(engine.now()).toISOString());
      // Upsert on a deterministic id: the new period replaces the old, and a retry lands on the same item.
      await engine.upsert(awayWrite(record, awayExpiresAt(record.until)));
      return record;
    },

    async listTeamAway(teamId, from, until) {
      parseRecord(recordIdSchema, teamId, 'team id');
      parseRecord(isoDateSchema, from, 'first day');
      parseRecord(isoDateSchema, until, 'last day');
      const items = await engine.query<AwayRecord>(AWAY_KIND, partitions.team(teamId));
      return items
        .map((item) => item.value)
        .filter((away) => away.from <= until && away.until >= from)
        .sort(byUserId);
    },

    async deleteAway(teamId, userId) {
      parseRecord(recordIdSchema, teamId, 'team id');
      parseRecord(recordIdSchema, userId, 'user id');
      // False for an expired period too: it is already gone as far as callers can tell.
      return engine.delete(awayKey(teamId, userId));
    },
  };
}

export const legacyImports: Record<string, LegacyImport> = {
  away(record) {
    const away = parseRecord(awayRecordSchema, record.data, 'legacy time away');
    return [awayWrite(away, record.expiresAt ?? awayExpiresAt(away.until))];
  },
};
