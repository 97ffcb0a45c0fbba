// What only the claims record module has: moving old activity claims forward (a claimed activity
// stays claimed until its old expiry), and a claim costing one write and no read, since every turn
// makes one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StorageEngine } from '../../../src/store/engine/engine';
import { SqliteEngine } from '../../../src/store/local/sqliteEngine';
import { DEFAULT_CONFLICT_POLICY } from '../../../src/store/optimisticRetry';
import type { ClaimsPort } from '../../../src/store/port';
import { createClaimsRecords, legacyImports } from '../../../src/store/records/claims';
import type { LegacyRecord } from '../../../src/store/records/shared';
import { StoreValidationError } from '../../../src/store/errors';
import { TestClock } from '../fixtures';

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

let dir: string;
let engine: SqliteEngine;
let clock: TestClock;
let store: ClaimsPort;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'framework-guide-claim-records-'));
  clock = new TestClock();
  engine = await SqliteEngine.open({ dataDir: dir, clock: clock.now, purgeIntervalMs: 0 });
  store = createClaimsRecords(engine, { conflictPolicy: DEFAULT_CONFLICT_POLICY });
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
    const claims = createClaimsRecords(counted, { conflictPolicy: DEFAULT_CONFLICT_POLICY });
    expect(await claims.claimActivity('1:hot', 60)).toBe(true);
    expect(await claims.claimActivity('1:hot', 60)).toBe(false);
    await claims.finishActivity('1:hot', 600);
    expect(calls).toEqual(['create', 'create', 'upsert']);
  });
});
