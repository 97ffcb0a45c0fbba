// What only the maturity record module has: moving old records forward (each legacy type in, read
// back through the port), and a mutator's own error reaching the caller as it is.
import type * as domain from '../../../src/domain';
import { DEFAULT_DRAFT_TTL_SECONDS } from '../../../src/store/defaults';
import { StoreValidationError } from '../../../src/store/errors';
import type { SqliteEngine } from '../../../src/store/local/sqliteEngine';
import type { MaturityStore } from '../../../src/store/maturityPort';
import { createMaturityRecords, legacyImports } from '../../../src/store/records/maturity';
import type { LegacyRecord } from '../../../src/store/records/shared';
import type { TestClock } from '../fixtures';
import { fileLegacy, openRecordsEngine, RECORDS_OPTIONS } from './recordsOnSqlite';

const TEAM = '19:legacy@thread.tacv2';
const USER = '29:legacy-user';
/** What the local file stored as a submitted assessment's expiry: none, in effect. */
const LOCAL_KEPT_UNTIL_DELETED = Number.MAX_SAFE_INTEGER;

let engine: SqliteEngine;
let clock: TestClock;
let store: MaturityStore;
let close: () => Promise<void>;

beforeEach(async () => {
  ({ engine, clock, close } = await openRecordsEngine());
  store = createMaturityRecords(engine, RECORDS_OPTIONS);
});

afterEach(() => close());

const importLegacy = (record: LegacyRecord) => fileLegacy(engine, legacyImports, record);

const maturity: domain.TeamMaturity = {
  teamId: TEAM,
  rollups: { '2026-Q3': { round: '2026-Q3', responses: 2, levels: { 'enabler:data': [0, 1, 1, 0, 0] } } },
  closedRounds: ['2026-Q3'],
  targets: { 'enabler:data': 4 },
  actions: [
    {
      id: 'a1',
      title: 'Share the data catalogue',
      theme: 'enabler:data',
      due: '2026-12-31',
      status: 'open',
      createdAt: '2026-09-01T09:00:00.000Z',
    },
  ],
  lastReminderWeek: '2026-W40',
};

const assessment: domain.AssessmentRecord = {
  teamId: TEAM,
  userId: USER,
  round: '2026-Q3',
  kind: 'assessment',
  ratings: { 'enabler:data': { level: 3, note: 'Getting there' }, 'principle:ethical': { level: null } },
  submittedAt: '2026-09-02T10:00:00.000Z',
};

const draft: domain.AssessmentDraft = {
  teamId: TEAM,
  userId: USER,
  round: '2026-Q4',
  kind: 'assessmentDraft',
  draft: { step: 2, answers: { 'enabler:data': 4 } },
  updatedAt: '2026-11-23T08:00:00.000Z',
};

describe('maturity records: legacy imports', () => {
  it("moves a team's old maturity record forward, and later changes build on it", async () => {
    await importLegacy({ type: 'maturity', data: maturity as never });
    expect((await store.getTeamMaturity(TEAM))?.value).toEqual(maturity);
    const changed = await store.updateTeamMaturity(TEAM, (current) => ({ ...current, openedEarly: '2027-Q1' }));
    expect(changed.value).toEqual({ ...maturity, openedEarly: '2027-Q1' });
    expect((await store.listTeamMaturity()).items).toEqual([changed.value]);
  });

  it('moves an old submitted assessment forward without the local file’s stand-in expiry', async () => {
    await importLegacy({ type: 'assessment', data: assessment as never, expiresAt: LOCAL_KEPT_UNTIL_DELETED });
    expect(await store.getAssessment(assessment)).toEqual(assessment);
    expect(await store.listRoundAssessments(TEAM, '2026-Q3')).toEqual([assessment]);
    expect(await store.listPersonAssessments(USER)).toEqual({ assessments: [assessment], drafts: [] });
    const [item] = await engine.query('assessment', `team:${TEAM}`);
    expect(item?.expiresAt).toBeUndefined();
  });

  it('moves an old draft forward with its expiry, after which it is gone', async () => {
    const expiresAt = clock.now() + DEFAULT_DRAFT_TTL_SECONDS * 1000;
    await importLegacy({ type: 'assessmentDraft', data: draft as never, expiresAt });
    expect(await store.getAssessmentDraft(draft)).toEqual(draft);
    expect(await store.listPersonAssessments(USER)).toEqual({ assessments: [], drafts: [draft] });
    clock.advance(DEFAULT_DRAFT_TTL_SECONDS * 1000 + 1);
    expect(await store.getAssessmentDraft(draft)).toBeUndefined();
    expect(await store.deletePersonAssessments(USER)).toBe(0);
  });

  it('refuses an old record that breaks the stored shape', () => {
    const broken = { ...assessment, round: '2026-Q5' };
    expect(() => legacyImports.assessment?.({ type: 'assessment', data: broken as never })).toThrow(
      StoreValidationError,
    );
    expect(() =>
      legacyImports.maturity?.({ type: 'maturity', data: { ...maturity, targets: { x: 9 } } as never }),
    ).toThrow(StoreValidationError);
  });
});

describe('maturity records: read-modify-write', () => {
  it("passes a mutator's own error to the caller as it is, and writes nothing", async () => {
    const failure = new RangeError('the card broke');
    await expect(
      store.updateTeamMaturity(TEAM, () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await store.getTeamMaturity(TEAM)).toBeUndefined();
  });
});
