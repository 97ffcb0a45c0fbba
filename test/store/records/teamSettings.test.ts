// What only the team settings record module has: moving old settings records forward (read back
// through the port, changed, deleted with the team's data).
import type * as stored from '../../../src/domain/records/teamSettings';
import { defaultTeamSettings } from '../../../src/store/defaults';
import { StoreValidationError } from '../../../src/store/errors';
import type { SqliteEngine } from '../../../src/store/local/sqliteEngine';
import type { TeamSettingsPort } from '../../../src/store/port';
import type { LegacyRecord } from '../../../src/store/records/shared';
import { createTeamSettingsRecords, legacyImports } from '../../../src/store/records/teamSettings';
import { fileLegacy, openRecordsEngine, RECORDS_OPTIONS } from './recordsOnSqlite';

const TEAM = '19:legacy-settings@thread.tacv2';

let engine: SqliteEngine;
let store: TeamSettingsPort;
let close: () => Promise<void>;

beforeEach(async () => {
  ({ engine, close } = await openRecordsEngine());
  store = createTeamSettingsRecords(engine, RECORDS_OPTIONS);
});

afterEach(() => close());

const importLegacy = (record: LegacyRecord) => fileLegacy(engine, legacyImports, record);

const oldSettings: stored.TeamSettings = {
  ...defaultTeamSettings(TEAM),
  missions: ['digitally-equipped-places'],
  schedule: { day: 2, time: '09:30', timeZone: 'Europe/London' },
  leads: ['29:lead'],
  weeksOff: ['2026-W52'],
  lastPrompt: { week: '2026-W48', conversationId: TEAM, activityId: '1:prompt' },
};

describe('team settings moved from the old layout', () => {
  it('reads old settings back as they were, changes them, and deletes them with the team data', async () => {
    await importLegacy({ type: 'settings', data: structuredClone(oldSettings) });
    expect((await store.getTeamSettings(TEAM))?.value).toEqual(oldSettings);

    const changed = await store.updateTeamSettings(TEAM, (settings) => ({ ...settings, paused: true }));
    expect(changed.value).toEqual({ ...oldSettings, paused: true });

    expect(await store.deleteTeamData(TEAM)).toBe(1);
    expect(await store.getTeamSettings(TEAM)).toBeUndefined();
  });

  it('refuses old settings that break the shape (a UTC offset for a time zone)', () => {
    const broken = { ...oldSettings, schedule: { ...oldSettings.schedule, timeZone: '+05:00' } };
    expect(() => legacyImports.settings?.({ type: 'settings', data: broken })).toThrow(StoreValidationError);
  });
});
