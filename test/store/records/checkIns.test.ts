// What only the check-in records have beyond the store contract: their old records (the local
// file's rows, Cosmos DB's items) moved into the engine and read back through the port, and a lost
// race between the roll-up's read and its batch.
import type * as domain from '../../../src/domain';
import type * as stored from '../../../src/domain/records/checkIn';
import { rollupOf } from '../../../src/checkins/rollupContribution';
import type { StorageEngine } from '../../../src/store/engine/engine';
import type { Versioned } from '../../../src/store/port';
import { StoreValidationError } from '../../../src/store/errors';
import type { SqliteEngine } from '../../../src/store/local/sqliteEngine';
import { createCheckInsRecords, legacyImports } from '../../../src/store/records/checkIns';
import { rollupKey } from '../../../src/store/records/rollups';
import type { LegacyRecord } from '../../../src/store/records/shared';
import { answers, DAY_MS, submission, type TestClock, uniqueId } from '../fixtures';
import { submitAnswers } from '../../support/submitAnswers';
import { fileLegacy, openRecordsEngine, RECORDS_OPTIONS as options } from './recordsOnSqlite';

const mission = 'digitally-enabled-councils';
const week = '2026-W48';
let clock: TestClock;
let engine: SqliteEngine;
let close: () => Promise<void>;

beforeEach(async () => {
  ({ engine, clock, close } = await openRecordsEngine());
});
afterEach(() => close());

const importLegacy = (record: LegacyRecord) => fileLegacy(engine, legacyImports, record);

describe('check-in records: legacy imports', () => {
  it('moves an old answer, kept until its old expiry, and the person and team find it', async () => {
    const teamId = uniqueId('19');
    const userId = uniqueId('29');
    const submittedAt = new Date(clock.now()).toISOString();
    const old: stored.CheckInRecord = {
      teamId,
      userId,
      mission,
      week,
      kind: 'answer',
      answers: answers(4, { win: 'Forms online' }),
      submittedAt,
      ttl: 30 * 24 * 3600,
    };
    await importLegacy({ type: 'answer', data: old, expiresAt: clock.now() + DAY_MS });
    const records = createCheckInsRecords(engine, options);
    expect(await records.getCheckIn(old)).toEqual(old);
    expect(await records.listTeamCheckIns(teamId, week, mission)).toEqual([old]);
    expect((await records.listPersonRecords(userId)).checkIns).toEqual([old]);
    clock.advance(DAY_MS);
    expect(await records.getCheckIn(old)).toBeUndefined();
  });

  it('gives an old answer with no expiry written down its own lifetime from when it was submitted', async () => {
    const old: stored.CheckInRecord = {
      teamId: uniqueId('19'),
      userId: uniqueId('29'),
      mission,
      week,
      kind: 'answer',
      answers: answers(2),
      submittedAt: new Date(clock.now()).toISOString(),
      ttl: 3600,
    };
    await importLegacy({ type: 'answer', data: old });
    const records = createCheckInsRecords(engine, options);
    expect(await records.getCheckIn(old)).toMatchObject({ answers: answers(2), ttl: 3600 });
    clock.advance(3600 * 1000);
    expect(await records.getCheckIn(old)).toBeUndefined();
  });

  it('moves an old draft, which a submit then removes', async () => {
    const key = { teamId: uniqueId('19'), userId: uniqueId('29'), mission, week } as const;
    const old: stored.CheckInDraft = {
      ...key,
      kind: 'draft',
      draft: { step: 2, outcomes: ['a'], note: null },
      updatedAt: new Date(clock.now()).toISOString(),
      ttl: 14 * 24 * 3600,
    };
    await importLegacy({ type: 'draft', data: old, expiresAt: clock.now() + 14 * DAY_MS });
    const records = createCheckInsRecords(engine, options);
    expect(await records.getDraft(key)).toEqual(old);
    expect((await records.listPersonRecords(key.userId)).drafts).toEqual([old]);
    await submitAnswers(records, { ...key, answers: answers(3), retentionDays: 30 });
    expect(await records.getDraft(key)).toBeUndefined();
  });

  it('moves an old roll-up, listed in its weeks and changed from where it was', async () => {
    const teamId = uniqueId('19');
    const old: stored.WeeklyRollup = rollupOf(teamId, mission, week, [answers(2), answers(5)]);
    await importLegacy({ type: 'rollup', data: old });
    const records = createCheckInsRecords(engine, options);
    expect((await records.getRollup(teamId, mission, week))?.value).toEqual(old);
    expect(await records.listRollups(teamId, { fromWeek: '2026-W47', toWeek: '2026-W49', mission })).toEqual([old]);
    const changed = await records.applyToRollup(teamId, mission, week, (rollup) => ({
      ...rollup,
      responses: rollup.responses + 1,
    }));
    expect(changed.value.responses).toBe(3);
  });

  it('refuses an old record that breaks the stored shape', () => {
    const answer = legacyImports.answer;
    const rollup = legacyImports.rollup;
    if (!answer || !rollup) throw new Error('imports missing');
    expect(() => answer({ type: 'answer', data: { teamId: 'x', kind: 'answer' } })).toThrow(StoreValidationError);
    expect(() => rollup({ type: 'rollup', data: { ...rollupOf('19:x', mission, week, []), week: '48' } })).toThrow(
      StoreValidationError,
    );
  });
});

describe('check-in records: writing the answer with its roll-up', () => {
  const build = (teamId: string) => (given: readonly domain.CheckInAnswers[]) => rollupOf(teamId, mission, week, given);

  /** The engine, with `meddle` run once at the given step, as another writer getting in then would. */
  function meddling(step: 'query' | 'batch', meddle: () => Promise<unknown>): StorageEngine & { batches: number } {
    let pending = true;
    const wrapped = Object.create(engine) as StorageEngine & { batches: number };
    wrapped.batches = 0;
    wrapped.query = async (...args) => {
      const result = await engine.query(...args);
      if (step === 'query' && pending) {
        pending = false;
        await meddle();
      }
      return result as never;
    };
    wrapped.batch = async (...args) => {
      wrapped.batches += 1;
      const written = await engine.batch(...args);
      if (step === 'batch' && pending) {
        pending = false;
        await meddle();
      }
      return written;
    };
    return wrapped;
  }

  it('reads the answers again when another submit changed the roll-up after its read, counting both', async () => {
    const teamId = uniqueId('19');
    const other = createCheckInsRecords(engine, options);
    const wrapped = meddling('query', () =>
      other.submitCheckInWithRollup(submission(teamId, '29:ali', week, mission, 5), build(teamId)),
    );
    const records = createCheckInsRecords(wrapped, options);
    const saved = await records.submitCheckInWithRollup(submission(teamId, '29:sam', week, mission, 2), build(teamId));
    expect(wrapped.batches).toBe(2);
    expect(saved.rollup.value).toMatchObject({ responses: 2, progressSum: 7 });
    expect(await records.getRollup(teamId, mission, week)).toEqual(saved.rollup);
  });

  it('hands back the version its batch wrote the roll-up at, which a later write changes', async () => {
    const teamId = uniqueId('19');
    const other = createCheckInsRecords(engine, options);
    let asWritten: Versioned<stored.WeeklyRollup> | undefined;
    // Another writer changes the roll-up right after our batch, before the submit returns.
    const wrapped = meddling('batch', async () => {
      asWritten = await other.getRollup(teamId, mission, week);
      await other.applyToRollup(teamId, mission, week, (rollup) => ({ ...rollup, responses: rollup.responses + 1 }));
    });
    const saved = await createCheckInsRecords(wrapped, options).submitCheckInWithRollup(
      submission(teamId, '29:sam', week, mission, 2),
      build(teamId),
    );
    expect(saved.rollup.value.responses).toBe(1);
    expect(saved.rollup).toEqual(asWritten);
    const current = await other.getRollup(teamId, mission, week);
    expect(current?.value.responses).toBe(2);
    expect(current?.etag).not.toBe(saved.rollup.etag);
    // What the submit handed back is a real version, now stale: a write at it finds the roll-up changed.
    const atSaved = { ...rollupKey(teamId, mission, week), value: saved.rollup.value };
    expect(await engine.replace(atSaved, saved.rollup.etag)).toBeUndefined();
    expect(await engine.replace(atSaved, current!.etag)).toBeDefined();
  });

  it("passes a roll-up mutator's own error through untouched", async () => {
    class Refused extends Error {}
    const records = createCheckInsRecords(engine, options);
    await expect(
      records.applyToRollup(uniqueId('19'), mission, week, () => {
        throw new Refused('no');
      }),
    ).rejects.toBeInstanceOf(Refused);
  });
});
