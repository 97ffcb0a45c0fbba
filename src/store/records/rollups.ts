// Weekly roll-ups: one per team, mission and week, in the team's partition beside the answers they
// are built from (checkIns.ts writes the two in one batch). The id `${week}|${mission}` makes "a
// team's weeks A to B, oldest first" one range query.
import {
  isoWeekSchema,
  missionSchema,
  recordIdSchema,
  weekRangeSchema,
  weeklyRollupSchema,
} from '../../domain/records/checkIn';
import type { IsoWeek, Mission, WeeklyRollup } from '../../domain';
import type { ItemKey, JsonValue, StorageEngine } from '../engine/engine';
import { StoreUnavailableError, StoreValidationError } from '../errors';
import type { CheckInsPort } from '../port';
import { rollupChange } from './rules';
import { parseRecord, partitions, readModifyWrite, versioned, type LegacyImport, type RecordOptions } from './shared';

export const ROLLUP_KIND = 'rollup';

/** Above every mission id (lowercase letters and hyphens): the end of a week's roll-up ids. */
const AFTER_EVERY_MISSION = '~';

export function rollupKey(teamId: string, mission: Mission, week: IsoWeek): ItemKey {
  return { partition: partitions.team(teamId), kind: ROLLUP_KIND, id: `${week}|${mission}` };
}

function checkRollupKey(teamId: string, mission: Mission, week: IsoWeek): void {
  parseRecord(recordIdSchema, teamId, 'team id');
  parseRecord(missionSchema, mission, 'mission');
  parseRecord(isoWeekSchema, week, 'week');
}

type RollupRecords = Pick<CheckInsPort, 'getRollup' | 'applyToRollup' | 'listRollups'>;

export function createRollupRecords(engine: StorageEngine, options: RecordOptions): RollupRecords {
  return {
    async getRollup(teamId, mission, week) {
      checkRollupKey(teamId, mission, week);
      const found = await engine.read<WeeklyRollup & JsonValue>(rollupKey(teamId, mission, week));
      return found && versioned<WeeklyRollup>(found);
    },

    async applyToRollup(teamId, mission, week, mutate) {
      checkRollupKey(teamId, mission, week);
      const result = await readModifyWrite<WeeklyRollup>(engine, options.conflictPolicy, {
        what: 'update the roll-up',
        key: rollupKey(teamId, mission, week),
        change: rollupChange(teamId, mission, week, mutate),
        toItem: (value) => ({ value: value as WeeklyRollup & JsonValue }),
      });
      if (!result) throw new StoreUnavailableError('The roll-up was not saved');
      return result;
    },

    async listRollups(teamId, range) {
      parseRecord(recordIdSchema, teamId, 'team id');
      const { fromWeek, toWeek, mission } = parseRecord(weekRangeSchema, range, 'week range');
      if (fromWeek > toWeek) throw new StoreValidationError(`Invalid week range: ${fromWeek} is after ${toWeek}`);
      const items = await engine.query<WeeklyRollup & JsonValue>(ROLLUP_KIND, partitions.team(teamId), {
        from: `${fromWeek}|`,
        to: `${toWeek}|${AFTER_EVERY_MISSION}`,
      });
      // Ids order by week then mission: oldest first, as today's stores list them.
      const rollups = items.map((item) => item.value as WeeklyRollup);
      return mission === undefined ? rollups : rollups.filter((rollup) => rollup.mission === mission);
    },
  };
}

export const legacyRollupImports: Record<string, LegacyImport> = {
  rollup(record) {
    const rollup = parseRecord(weeklyRollupSchema, record.data, 'legacy roll-up');
    return [{ ...rollupKey(rollup.teamId, rollup.mission, rollup.week), value: rollup }];
  },
};
