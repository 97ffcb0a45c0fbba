// What only the installations record module has: moving old installation records forward (read
// back through the port, listed, swept).
import type { Installation } from '../../../src/domain';
import { StoreValidationError } from '../../../src/store/errors';
import type { SqliteEngine } from '../../../src/store/local/sqliteEngine';
import type { InstallationsPort } from '../../../src/store/port';
import { createInstallationsRecords, legacyImports } from '../../../src/store/records/installations';
import type { LegacyRecord } from '../../../src/store/records/shared';
import { channelInstallation, DAY_MS, type TestClock } from '../fixtures';
import { fileLegacy, openRecordsEngine, RECORDS_OPTIONS } from './recordsOnSqlite';

let engine: SqliteEngine;
let clock: TestClock;
let store: InstallationsPort;
let close: () => Promise<void>;

beforeEach(async () => {
  ({ engine, clock, close } = await openRecordsEngine());
  store = createInstallationsRecords(engine, RECORDS_OPTIONS);
});

afterEach(() => close());

const importLegacy = (record: LegacyRecord) => fileLegacy(engine, legacyImports, record);

/** An installation as the old stores kept it under `data`. */
function oldInstallation(conversationId: string, extra: Partial<Installation> = {}): Installation {
  const at = new Date(clock.now() - 30 * DAY_MS).toISOString();
  return { ...channelInstallation(conversationId), active: true, installedAt: at, updatedAt: at, ...extra };
}

describe('installation records moved from the old layout', () => {
  it('reads an old installation back as it was, and refreshes it keeping when it was installed', async () => {
    const old = oldInstallation('19:old-active@thread.tacv2');
    await importLegacy({ type: 'installation', data: { ...old } });
    expect(await store.getInstallation(old.conversationId)).toEqual(old);
    expect((await store.listInstallations({ activeOnly: true })).items).toEqual([old]);

    const moved = await store.upsertInstallation(
      channelInstallation(old.conversationId, 'https://smba.trafficmanager.net/emea/'),
    );
    expect(moved.installedAt).toBe(old.installedAt);
    expect(moved.updatedAt).toBe(new Date(clock.now()).toISOString());
  });

  it('keeps an old removal, so the sweep still lists and deletes it', async () => {
    const removedAt = new Date(clock.now() - 20 * DAY_MS).toISOString();
    const old = oldInstallation('19:old-removed@thread.tacv2', { active: false, removedAt, updatedAt: removedAt });
    await importLegacy({ type: 'installation', data: { ...old } });
    const cutoff = new Date(clock.now() - 10 * DAY_MS).toISOString();
    expect((await store.listInstallations({ removedBefore: cutoff })).items).toEqual([old]);
    expect((await store.listInstallations({ activeOnly: true })).items).toEqual([]);
    expect(await store.deleteInstallation(old.conversationId, { removedBefore: cutoff })).toBe(true);
    expect(await store.getInstallation(old.conversationId)).toBeUndefined();
  });

  it('refuses an old installation without the reference needed to message it', () => {
    const { reference: _reference, ...withoutReference } = oldInstallation('19:broken@thread.tacv2');
    expect(() => legacyImports.installation?.({ type: 'installation', data: withoutReference })).toThrow(
      StoreValidationError,
    );
  });
});
