// What only the person → teams index has: moving an old index entry forward (filed under the hash
// of the person, read back through the port), the person's ref on the item so "delete my data"
// finds it.
import { StoreValidationError } from '../../../src/store/errors';
import type { SqliteEngine } from '../../../src/store/local/sqliteEngine';
import type { KnownTeam, PersonTeamsPort } from '../../../src/store/port';
import { createPersonTeamsRecords, legacyImports, PERSON_TEAMS_KIND } from '../../../src/store/records/personTeams';
import { digest, refs, type LegacyRecord } from '../../../src/store/records/shared';
import type { TestClock } from '../fixtures';
import { fileLegacy, openRecordsEngine, RECORDS_OPTIONS } from './recordsOnSqlite';

const PERSON = '29:legacy-person/with?odd#chars';

let engine: SqliteEngine;
let clock: TestClock;
let store: PersonTeamsPort;
let close: () => Promise<void>;

beforeEach(async () => {
  ({ engine, clock, close } = await openRecordsEngine());
  store = createPersonTeamsRecords(engine, RECORDS_OPTIONS);
});

afterEach(() => close());

const importLegacy = (record: LegacyRecord) => fileLegacy(engine, legacyImports, record);

const older: KnownTeam = { teamId: '19:a@thread.tacv2', tenantId: 'tenant-1', seenAt: '2026-10-01T09:00:00.000Z' };
const newer: KnownTeam = { teamId: '19:b@thread.tacv2', tenantId: 'tenant-2', seenAt: '2026-11-01T09:00:00.000Z' };

describe('the person → teams index moved from the old layout', () => {
  it("reads an old entry back under the person's own id, newest first, and notes new teams on top of it", async () => {
    await importLegacy({ type: 'personTeams', personHash: digest(PERSON), data: [{ ...older }, { ...newer }] });
    expect(await store.knownTeamsOf(PERSON)).toEqual([newer, older]);

    await store.noteTeamMembers(older.teamId, older.tenantId, [PERSON]);
    const seenNow = new Date(clock.now()).toISOString();
    expect(await store.knownTeamsOf(PERSON)).toEqual([{ ...older, seenAt: seenNow }, newer]);
  });

  it("carries the person's ref, so their records are found across teams, moved or newly written", async () => {
    const other = '29:another-person';
    await importLegacy({ type: 'personTeams', personHash: digest(PERSON), data: [{ ...older }] });
    await store.noteTeamMembers(newer.teamId, newer.tenantId, [other]);
    for (const person of [PERSON, other]) {
      const found = await engine.findByRef(refs.person(person), [PERSON_TEAMS_KIND]);
      expect(found).toHaveLength(1);
    }
  });

  it('refuses an old entry without the hash of its person, or with a malformed team', () => {
    expect(() => legacyImports.personTeams?.({ type: 'personTeams', data: [{ ...older }] })).toThrow();
    expect(() =>
      legacyImports.personTeams?.({
        type: 'personTeams',
        personHash: digest(PERSON),
        data: [{ ...older, seenAt: 'last week' }],
      }),
    ).toThrow(StoreValidationError);
  });
});
