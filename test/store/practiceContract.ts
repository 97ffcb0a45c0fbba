// The practice part of the store contract (examples a team offers its organisation), run against
// every store through the same harness as the rest of the contract: offered once however often,
// replaced only at the version read, listed per part and newest first in pages, counted, kept per
// tenant, and deleted by person and by team.
import { createHash } from 'node:crypto';
import { StoreValidationError } from '../../src/store/errors';
import type { FrameworkStore } from '../../src/store/port';
import type { PracticeExample } from '../../src/store/practicePort';
import { uniqueId } from './fixtures';
import type { StoreHarness } from './storeContract';

let made = 0;

function example(tenantId: string, overrides: Partial<PracticeExample> = {}): PracticeExample {
  made += 1;
  return {
    id: createHash('sha256').update(`${tenantId}|${made}|${process.pid}`).digest('hex').slice(0, 32),
    tenantId,
    teamId: '19:planning@thread.tacv2',
    teamName: 'Planning',
    authorId: '29:author',
    text: `We moved the parking permit form online (${made})`,
    parts: ['outcome:inclusion'],
    status: 'offered',
    source: { mission: 'digitally-enabled-councils', week: '2026-W48' },
    offeredAt: new Date(Date.UTC(2026, 10, 23, 9, made)).toISOString(),
    ...overrides,
  };
}

function approved(tenantId: string, minute: number, overrides: Partial<PracticeExample> = {}): PracticeExample {
  return example(tenantId, {
    status: 'approved',
    decidedAt: new Date(Date.UTC(2026, 10, 24, 9, minute)).toISOString(),
    decidedBy: '29:lead',
    ...overrides,
  });
}

export function definePracticeContract(harness: StoreHarness): void {
  describe(`${harness.name}: practice store contract`, () => {
    let store: FrameworkStore;

    beforeEach(async () => {
      store = (await harness.open()).store;
    });
    afterEach(() => harness.closeAll());

    it('offers an example once, however often the same one is offered', async () => {
      const tenant = uniqueId('tenant');
      const offered = example(tenant);
      expect(await store.practice.offerExample(offered)).toEqual({ example: offered, created: true });
      const again = await store.practice.offerExample({ ...offered, text: 'Something else' });
      expect(again).toEqual({ example: offered, created: false });
      expect((await store.practice.getExample(tenant, offered.id))?.value).toEqual(offered);
      expect(await store.practice.listAuthorExamples(tenant, '29:author')).toEqual([offered]);
    });

    it('lists only approved examples, and an approved one once it is approved at the version read', async () => {
      const tenant = uniqueId('tenant');
      const offered = example(tenant, { parts: ['outcome:inclusion', 'enabler:data'] });
      await store.practice.offerExample(offered);
      expect((await store.practice.listExamples(tenant)).items).toEqual([]);
      expect(await store.practice.countExamples(tenant, 'outcome:inclusion')).toBe(0);

      const read = await store.practice.getExample(tenant, offered.id);
      const approval = { ...offered, status: 'approved' as const, decidedAt: '2026-11-24T10:00:00.000Z' };
      expect(await store.practice.replaceExample(approval, read!.etag)).toBe(true);
      // A second press with the version read before: refused, so it is approved once.
      expect(await store.practice.replaceExample({ ...approval, decidedBy: '29:other' }, read!.etag)).toBe(false);

      expect((await store.practice.listExamples(tenant)).items).toEqual([approval]);
      expect((await store.practice.listExamples(tenant, { part: 'enabler:data' })).items).toEqual([approval]);
      expect((await store.practice.listExamples(tenant, { part: 'principle:open' })).items).toEqual([]);
      expect(await store.practice.countExamples(tenant, 'outcome:inclusion')).toBe(1);
      expect(await store.practice.countExamples(tenant, 'enabler:data')).toBe(1);

      // Changing the parts moves it between lists.
      const now = await store.practice.getExample(tenant, offered.id);
      expect(await store.practice.replaceExample({ ...approval, parts: ['principle:open'] }, now!.etag)).toBe(true);
      expect(await store.practice.countExamples(tenant, 'enabler:data')).toBe(0);
      expect(await store.practice.countExamples(tenant, 'principle:open')).toBe(1);
    });

    it("pages one part's examples newest first, and never shows another tenant's", async () => {
      const tenant = uniqueId('tenant');
      const other = uniqueId('tenant');
      const examples = [0, 1, 2, 3, 4].map((minute) => approved(tenant, minute));
      for (const each of examples) await store.practice.offerExample(each);
      await store.practice.offerExample(approved(other, 9));
      await store.practice.offerExample(approved(tenant, 8, { parts: ['enabler:data'] }));

      const seen: PracticeExample[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await store.practice.listExamples(tenant, {
          part: 'outcome:inclusion',
          pageSize: 2,
          continuationToken: token,
        });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items);
        token = page.continuationToken;
        pages += 1;
      } while (token && pages < 10);
      expect(seen.map((each) => each.id)).toEqual([...examples].reverse().map((each) => each.id));
      expect(await store.practice.countExamples(tenant, 'outcome:inclusion')).toBe(5);
      expect(await store.practice.countExamples(other, 'outcome:inclusion')).toBe(1);
      expect((await store.practice.listExamples(tenant)).items).toHaveLength(6);
      expect(await store.practice.getExample(other, examples[0]!.id)).toBeUndefined();
    });

    it('deletes one example, a person’s examples and a team’s examples', async () => {
      const tenant = uniqueId('tenant');
      const one = approved(tenant, 1);
      const mine = approved(tenant, 2, { authorId: '29:leaver' });
      const theirs = approved(tenant, 3, { teamId: '19:removed@thread.tacv2' });
      for (const each of [one, mine, theirs]) await store.practice.offerExample(each);

      expect(await store.practice.deleteExample(tenant, one.id)).toEqual(one);
      expect(await store.practice.deleteExample(tenant, one.id)).toBeUndefined();
      expect(await store.practice.listPersonExamples('29:leaver')).toEqual([mine]);
      expect(await store.practice.deletePersonExamples('29:leaver')).toBe(1);
      expect(await store.practice.listPersonExamples('29:leaver')).toEqual([]);
      expect(await store.practice.deleteTeamExamples('19:removed@thread.tacv2')).toBe(1);
      expect((await store.practice.listExamples(tenant)).items).toEqual([]);
      expect(await store.practice.countExamples(tenant, 'outcome:inclusion')).toBe(0);
    });

    it('refuses an example that breaks the stored shape', async () => {
      const tenant = uniqueId('tenant');
      await expect(store.practice.offerExample(example(tenant, { text: 'x'.repeat(501) }))).rejects.toThrow(
        StoreValidationError,
      );
      await expect(
        store.practice.offerExample(example(tenant, { parts: ['mission:digitally-enabled-councils'] })),
      ).rejects.toThrow(StoreValidationError);
    });
  });
}
