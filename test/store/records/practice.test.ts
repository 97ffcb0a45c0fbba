// What only the practice record module has: moving old examples forward (with the index items an
// approved one needs), one engine query for a part's page and one for its count, the index items'
// copies kept in step with the example.
import type { StorageEngine } from '../../../src/store/engine/engine';
import { StoreValidationError } from '../../../src/store/errors';
import type { SqliteEngine } from '../../../src/store/local/sqliteEngine';
import type * as port from '../../../src/store/practicePort';
import { createPracticeRecords, legacyImports } from '../../../src/store/records/practice';
import type { LegacyRecord } from '../../../src/store/records/shared';
import { fileLegacy, openRecordsEngine, RECORDS_OPTIONS } from './recordsOnSqlite';

const TENANT = 'tenant-legacy';

let engine: SqliteEngine;
/** Engine calls by method name, counted through a proxy in front of the engine. */
let calls: Map<string, number>;
let practice: port.PracticeStore;
let close: () => Promise<void>;

beforeEach(async () => {
  ({ engine, close } = await openRecordsEngine());
  calls = new Map();
  const counted = new Proxy(engine, {
    get(target, name, receiver) {
      const member = Reflect.get(target, name, receiver) as unknown;
      if (typeof member !== 'function' || typeof name !== 'string') return member;
      return (...args: unknown[]) => {
        calls.set(name, (calls.get(name) ?? 0) + 1);
        return (member as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as StorageEngine;
  practice = createPracticeRecords(counted, RECORDS_OPTIONS);
});

afterEach(() => close());

let made = 0;
function example(overrides: Partial<port.PracticeExample> = {}): port.PracticeExample {
  made += 1;
  return {
    id: `${made.toString(16).padStart(4, '0')}aaaabbbbccccdddd`,
    tenantId: TENANT,
    teamId: '19:team@thread.tacv2',
    teamName: 'Planning',
    authorId: '29:author',
    text: `We moved a form online (${made})`,
    parts: ['outcome:inclusion', 'enabler:data'],
    status: 'approved',
    source: { mission: 'digitally-enabled-councils', week: '2026-W40' },
    offeredAt: new Date(Date.UTC(2026, 9, 1, 9, made)).toISOString(),
    decidedAt: new Date(Date.UTC(2026, 9, 2, 9, made)).toISOString(),
    decidedBy: '29:lead',
    ...overrides,
  };
}

const importLegacy = (record: LegacyRecord) => fileLegacy(engine, legacyImports, record);

describe('practice records: legacy imports', () => {
  it('moves an old approved example forward into its part lists, and an offered one into none', async () => {
    const approved = example();
    const offered = example({ status: 'offered', decidedAt: undefined, decidedBy: undefined });
    delete offered.decidedAt;
    delete offered.decidedBy;
    await importLegacy({ type: 'practiceExample', data: approved as never });
    await importLegacy({ type: 'practiceExample', data: offered as never });

    expect((await practice.getExample(TENANT, approved.id))?.value).toEqual(approved);
    expect((await practice.getExample(TENANT, offered.id))?.value).toEqual(offered);
    expect((await practice.listExamples(TENANT)).items).toEqual([approved]);
    expect((await practice.listExamples(TENANT, { part: 'enabler:data' })).items).toEqual([approved]);
    expect(await practice.countExamples(TENANT, 'outcome:inclusion')).toBe(1);
    expect(await practice.listPersonExamples('29:author')).toEqual([offered, approved]);
    // Its index items came with it: deleting the team's examples leaves no list behind.
    expect(await practice.deleteTeamExamples('19:team@thread.tacv2')).toBe(2);
    expect(await practice.countExamples(TENANT, '')).toBe(0);
  });

  it('refuses an old example that breaks the stored shape', () => {
    const broken = { ...example(), parts: ['mission:digitally-enabled-councils'] };
    expect(() => legacyImports.practiceExample?.({ type: 'practiceExample', data: broken as never })).toThrow(
      StoreValidationError,
    );
  });
});

describe('practice records: index items', () => {
  it("reads a part's page with one engine query, and counts it with one count, however many examples", async () => {
    for (let i = 0; i < 30; i++) await practice.offerExample(example());
    calls.clear();
    const page = await practice.listExamples(TENANT, { part: 'outcome:inclusion', pageSize: 10 });
    expect(page.items).toHaveLength(10);
    expect(page.continuationToken).toBeDefined();
    expect(Object.fromEntries(calls)).toEqual({ query: 1 });

    calls.clear();
    expect(await practice.countExamples(TENANT, 'outcome:inclusion')).toBe(30);
    expect(Object.fromEntries(calls)).toEqual({ count: 1 });
  });

  it('keeps the listed copy in step when an approved example changes in place', async () => {
    const approved = example();
    await practice.offerExample(approved);
    const read = await practice.getExample(TENANT, approved.id);
    const edited = { ...approved, teamName: 'Planning and Housing' };
    expect(await practice.replaceExample(edited, read!.etag)).toBe(true);
    expect((await practice.listExamples(TENANT, { part: 'enabler:data' })).items).toEqual([edited]);

    const declined = { ...edited, status: 'declined' as const, reason: 'Not ready' };
    const again = await practice.getExample(TENANT, approved.id);
    expect(await practice.replaceExample(declined, again!.etag)).toBe(true);
    expect((await practice.listExamples(TENANT)).items).toEqual([]);
    expect(await practice.countExamples(TENANT, 'enabler:data')).toBe(0);
  });

  it('lists and counts nothing for a part no example can show, without an error', async () => {
    await practice.offerExample(example());
    expect(await practice.listExamples(TENANT, { part: 'not a part/x' })).toEqual({ items: [] });
    expect(await practice.countExamples(TENANT, 'mission:x')).toBe(0);
  });
});
