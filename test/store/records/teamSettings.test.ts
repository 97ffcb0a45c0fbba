// What only the team settings record module has: moving old settings records forward (read back
// through the port, changed, deleted with the team's data), and the settings type inferred from its
// schema staying the domain's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as domain from '../../../src/domain';
import type * as stored from '../../../src/domain/records/teamSettings';
import { defaultTeamSettings } from '../../../src/store/defaults';
import { StoreValidationError } from '../../../src/store/errors';
import { SqliteEngine } from '../../../src/store/local/sqliteEngine';
import { DEFAULT_CONFLICT_POLICY } from '../../../src/store/optimisticRetry';
import type { TeamSettingsPort } from '../../../src/store/port';
import type { LegacyRecord } from '../../../src/store/records/shared';
import { createTeamSettingsRecords, legacyImports } from '../../../src/store/records/teamSettings';
import { TestClock } from '../fixtures';

// Assignable both ways: the inferred type is the domain's, so the lead can switch to it.
const settingsIn: stored.TeamSettings = {} as domain.TeamSettings;
const settingsOut: domain.TeamSettings = {} as stored.TeamSettings;
void [settingsIn, settingsOut];

const TEAM = '19:legacy-settings@thread.tacv2';

let dir: string;
let engine: SqliteEngine;
let store: TeamSettingsPort;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'framework-guide-settings-records-'));
  const clock = new TestClock();
  engine = await SqliteEngine.open({ dataDir: dir, clock: clock.now, purgeIntervalMs: 0 });
  store = createTeamSettingsRecords(engine, { conflictPolicy: DEFAULT_CONFLICT_POLICY });
});

afterEach(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

async function importLegacy(record: LegacyRecord): Promise<void> {
  const items = legacyImports[record.type]?.(record);
  if (!items) throw new Error(`No import for ${record.type}`);
  for (const item of items) await engine.upsert(item);
}

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
