// What only the time-away records have beyond the store contract: old records moved into the
// engine and read back through the port.
import type * as stored from '../../../src/domain/records/away';
import { StoreValidationError } from '../../../src/store/errors';
import type { SqliteEngine } from '../../../src/store/local/sqliteEngine';
import { createAwayRecords, legacyImports } from '../../../src/store/records/away';
import { createCheckInsRecords } from '../../../src/store/records/checkIns';
import { awayExpiresAt } from '../../../src/store/records/rules';
import { uniqueId } from '../fixtures';
import { fileLegacy, openRecordsEngine, RECORDS_OPTIONS as options } from './recordsOnSqlite';

let engine: SqliteEngine;
let close: () => Promise<void>;

beforeEach(async () => {
  ({ engine, close } = await openRecordsEngine());
});
afterEach(() => close());

function importAway(data: stored.AwayRecord, expiresAt?: number) {
  const file = legacyImports.away;
  if (!file) throw new Error('no import for away');
  return file({ type: 'away', data, ...(expiresAt === undefined ? {} : { expiresAt }) });
}

function oldAway(teamId: string, userId: string): stored.AwayRecord {
  return { teamId, userId, from: '2026-12-21', until: '2027-01-02', kind: 'away', setAt: '2026-11-20T10:00:00.000Z' };
}

describe('time-away records: legacy imports', () => {
  it("moves an old period, listed for its team, found with the person's records, and deleted", async () => {
    const teamId = uniqueId('19');
    const userId = uniqueId('29');
    const old = oldAway(teamId, userId);
    await fileLegacy(engine, legacyImports, { type: 'away', data: old, expiresAt: awayExpiresAt(old.until) });
    const away = createAwayRecords(engine, options);
    expect(await away.listTeamAway(teamId, '2026-12-28', '2026-12-28')).toEqual([old]);
    expect((await createCheckInsRecords(engine, options).listPersonRecords(userId)).away).toEqual([old]);
    expect(await away.deleteAway(teamId, userId)).toBe(true);
    expect(await away.listTeamAway(teamId, '2026-12-28', '2026-12-28')).toEqual([]);
  });

  it('keeps an old period until its old expiry, or a year after its last day when none was written down', () => {
    const old = oldAway(uniqueId('19'), uniqueId('29'));
    expect(importAway(old, 12345).map((item) => item.expiresAt)).toEqual([12345]);
    expect(importAway(old).map((item) => item.expiresAt)).toEqual([awayExpiresAt('2027-01-02')]);
  });

  it('refuses an old period that ends before it starts', () => {
    expect(() => importAway({ ...oldAway('19:x', '29:y'), from: '2027-02-01' })).toThrow(StoreValidationError);
  });
});
