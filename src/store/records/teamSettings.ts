// Each team's settings, one item in the team's own partition, and deleting everything kept for a
// team: the other record modules keep a team's answers, drafts, roll-ups, time away and maturity in
// the same partition, so one partition delete takes them all.
import type { StorageEngine } from '../engine/engine';
import { StoreUnavailableError } from '../errors';
import type { TeamSettingsPort } from '../port';
import { settingsChange } from './rules';
import { validId } from '../validation';
import { teamSettingsSchema, type TeamSettings } from '../../domain/records/teamSettings';
import { parseRecord, partitions, readModifyWrite, versioned, type LegacyImport, type RecordOptions } from './shared';

const KIND = 'settings';
/** A team has one settings item in its partition. */
const ID = 'settings';

function settingsKey(teamId: string) {
  return { partition: partitions.team(teamId), kind: KIND, id: ID };
}

export function createTeamSettingsRecords(engine: StorageEngine, options: RecordOptions): TeamSettingsPort {
  return {
    async getTeamSettings(teamId) {
      validId(teamId, 'team id');
      const found = await engine.read<TeamSettings>(settingsKey(teamId));
      return found ? versioned<TeamSettings>(found) : undefined;
    },

    async updateTeamSettings(teamId, mutate) {
      validId(teamId, 'team id');
      const change = settingsChange(teamId, mutate);
      const result = await readModifyWrite<TeamSettings>(engine, options.conflictPolicy, {
        what: 'update team settings',
        key: settingsKey(teamId),
        // settingsChange has checked the new settings already.
        change,
        toItem: (value) => ({ value }),
      });
      if (!result) throw new StoreUnavailableError('The team settings were not saved');
      return result;
    },

    async deleteTeamData(teamId) {
      validId(teamId, 'team id');
      return engine.deletePartition(partitions.team(teamId));
    },
  };
}

/** An old settings record (its `data` is the TeamSettings) as the item it is now. */
const importSettings: LegacyImport = (record) => {
  const settings = parseRecord(teamSettingsSchema, record.data, 'team settings');
  return [{ ...settingsKey(settings.teamId), value: settings }];
};

export const legacyImports: Record<string, LegacyImport> = { settings: importSettings };
