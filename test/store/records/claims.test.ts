// What only the claims record module has: moving old activity claims forward (a claimed activity
// stays claimed until its old expiry), and a claim costing one write and no read, since every turn
// makes one.
import type { StorageEngine } from '../../../src/store/engine/engine';
import type { SqliteEngine } from '../../../src/store/local/sqliteEngine';
import type { ClaimsPort } from '../../../src/store/port';
import { createClaimsRecords, legacyImports } from '../../../src/store/records/claims';
import type { LegacyRecord } from '../../../src/store/records/shared';
import { StoreValidationError } from '../../../src/store/errors';
import type { TestClock } from '../fixtures';
import { fileLegacy, openRecordsEngine, RECORDS_OPTIONS } from './recordsOnSqlite';

/** What the engine does for a caller (its clock is not a call to the database). */
const ENGINE_CALLS = new Set([
  'read',
  'create',
  'replace',
  'upsert',
  'delete',
  'batch',
  'query',
  'count',
  'scan',
  'findByRef',
]);

let engine: SqliteEngine;
let clock: TestClock;
let store: ClaimsPort;
let close: () => Promise<void>;

beforeEach(async () => {
  ({ engine, clock, close } = await openRecordsEngine());
  store = createClaimsRecords(engine, RECORDS_OPTIONS);
});

afterEach(() => close());

const importLegacy = (record: LegacyRecord) => fileLegacy(engine, legacyImports, record);

describe('activity claims moved from the old layout', () => {
  it('keeps an old claim, in progress or done, claimed until its old expiry and no longer', async () => {
    const inProgress = '1:old-in-progress/with?odd#chars';
    const done = '1:old-done';
    await importLegacy({
      type: 'activity',
      data: { activityId: inProgress, state: 'in progress' },
      expiresAt: clock.now() + 30_000,
    });
    await importLegacy({
      type: 'activity',
      data: { activityId: done, state: 'done' },
      expiresAt: clock.now() + 600_000,
    });
    expect(await store.claimActivity(inProgress, 60)).toBe(false);
    expect(await store.claimActivity(done, 60)).toBe(false);
    clock.advance(31_000);
    expect(await store.claimActivity(inProgress, 60)).toBe(true);
    expect(await store.claimActivity(done, 60)).toBe(false);
    clock.advance(570_000);
    expect(await store.claimActivity(done, 60)).toBe(true);
  });

  it('moves no claim without an expiry, and refuses one without its activity id', () => {
    expect(legacyImports.activity?.({ type: 'activity', data: { activityId: '1:x', state: 'done' } })).toEqual([]);
    expect(() =>
      legacyImports.activity?.({ type: 'activity', data: { state: 'done' }, expiresAt: clock.now() + 1000 }),
    ).toThrow(StoreValidationError);
  });
});

describe('claims on the hot path', () => {
  it('claims and finishes an activity with one write each and no read', async () => {
    const calls: string[] = [];
    const counted = new Proxy(engine, {
      get(target, name, receiver) {
        const member = Reflect.get(target, name, receiver) as unknown;
        if (typeof member !== 'function' || !ENGINE_CALLS.has(String(name))) return member;
        return (...args: unknown[]) => {
          calls.push(String(name));
          return (member as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    }) as StorageEngine;
    const claims = createClaimsRecords(counted, RECORDS_OPTIONS);
    expect(await claims.claimActivity('1:hot', 60)).toBe(true);
    expect(await claims.claimActivity('1:hot', 60)).toBe(false);
    await claims.finishActivity('1:hot', 600);
    expect(calls).toEqual(['create', 'create', 'upsert']);
  });
});
