// The maturity part of the store contract (assessments, drafts, each team's maturity record), run
// against every store through the same harness as the rest of the contract.
import { StoreValidationError } from '../../src/store/errors';
import { DEFAULT_DRAFT_TTL_SECONDS } from '../../src/store/defaults';
import type { MaturityLevel, TeamMaturity } from '../../src/domain';
import type { FrameworkStore } from '../../src/store/port';
import { submission, uniqueId } from './fixtures';
import type { StoreHarness } from './storeContract';
import { submitAnswers } from '../support/submitAnswers';

const ratings = (level: MaturityLevel, note?: string) => ({
  'enabler:data': { level, ...(note ? { note } : {}) },
  'principle:ethical': { level: null },
});

const withAction = (id: string) => (current: TeamMaturity) => ({
  ...current,
  actions: [
    ...current.actions,
    {
      id,
      title: 'Write a data sharing agreement',
      theme: 'enabler:data',
      ownerUserId: '29:owner',
      ownerName: 'Owner',
      due: '2026-12-31',
      status: 'open' as const,
      createdAt: '2026-11-23T09:00:00.000Z',
    },
  ],
});

export function defineMaturityContract(harness: StoreHarness): void {
  describe(`${harness.name}: maturity store contract`, () => {
    let store: FrameworkStore;
    let advance: (ms: number) => void;

    beforeEach(async () => {
      const t = await harness.open();
      store = t.store;
      advance = (ms) => t.clock.advance(ms);
    });
    afterEach(() => harness.closeAll());

    it('submits an assessment, reads it back, replaces it on a second submit and removes the draft', async () => {
      const key = { teamId: uniqueId('19'), userId: uniqueId('29'), round: '2026-Q4' };
      await store.saveAssessmentDraft({ ...key, draft: { step: 3 } });
      expect((await store.getAssessmentDraft(key))?.draft).toEqual({ step: 3 });

      const first = await store.submitAssessment({ ...key, ratings: ratings(2, 'We share little data') });
      expect(first).toMatchObject({ ...key, kind: 'assessment', ratings: ratings(2, 'We share little data') });
      expect(await store.getAssessment(key)).toEqual(first);
      expect(await store.getAssessmentDraft(key)).toBeUndefined();

      await store.submitAssessment({ ...key, ratings: ratings(4) });
      const listed = await store.listRoundAssessments(key.teamId, key.round);
      expect(listed.map((each) => each.ratings)).toEqual([ratings(4)]);
    });

    it('lists a round of one team only, and each person once', async () => {
      const teamId = uniqueId('19');
      const users = [uniqueId('29'), uniqueId('29'), uniqueId('29')];
      await Promise.all(
        users.map((userId) => store.submitAssessment({ teamId, userId, round: '2026-Q4', ratings: ratings(3) })),
      );
      await store.submitAssessment({ teamId, userId: users[0] as string, round: '2026-Q3', ratings: ratings(1) });
      await store.submitAssessment({
        teamId: uniqueId('19'),
        userId: users[0] as string,
        round: '2026-Q4',
        ratings: ratings(5),
      });
      const round = await store.listRoundAssessments(teamId, '2026-Q4');
      expect(round.map((each) => each.userId).sort()).toEqual([...users].sort());
      expect(round.every((each) => each.ratings['enabler:data']?.level === 3)).toBe(true);
      expect(await store.listRoundAssessments(teamId, '2026-Q1')).toEqual([]);
    });

    it('drafts expire after the draft lifetime; submitted assessments do not', async () => {
      const key = { teamId: uniqueId('19'), userId: uniqueId('29'), round: '2026-Q4' };
      const other = { ...key, round: '2026-Q3' };
      await store.saveAssessmentDraft({ ...key, draft: { step: 1 } });
      await store.submitAssessment({ ...other, ratings: ratings(3) });
      advance(DEFAULT_DRAFT_TTL_SECONDS * 1000 + 1000);
      expect(await store.getAssessmentDraft(key)).toBeUndefined();
      expect(await store.getAssessment(other)).toBeDefined();
    });

    it("lists and deletes a person's assessments and drafts across teams, and nobody else's", async () => {
      const userId = uniqueId('29');
      const someoneElse = uniqueId('29');
      const [teamA, teamB] = [uniqueId('19'), uniqueId('19')];
      await store.submitAssessment({ teamId: teamA, userId, round: '2026-Q4', ratings: ratings(2, 'note') });
      await store.saveAssessmentDraft({ teamId: teamB, userId, round: '2026-Q4', draft: { step: 0 } });
      await store.submitAssessment({ teamId: teamA, userId: someoneElse, round: '2026-Q4', ratings: ratings(5) });
      // Check-ins are the other half of a person's data and are not touched by this.
      await submitAnswers(store, submission(teamA, userId));

      const mine = await store.listPersonAssessments(userId);
      expect(mine.assessments.map((each) => each.teamId)).toEqual([teamA]);
      expect(mine.assessments[0]?.ratings['enabler:data']?.note).toBe('note');
      expect(mine.drafts.map((each) => each.teamId)).toEqual([teamB]);

      expect(await store.deletePersonAssessments(userId)).toBe(2);
      expect(await store.listPersonAssessments(userId)).toEqual({ assessments: [], drafts: [] });
      expect(await store.listRoundAssessments(teamA, '2026-Q4')).toHaveLength(1);
      expect((await store.listPersonRecords(userId)).checkIns).toHaveLength(1);
      expect(await store.deletePersonAssessments(userId)).toBe(0);
    });

    it("keeps a team's maturity record with optimistic concurrency: concurrent writers all land", async () => {
      const teamId = uniqueId('19');
      expect(await store.getTeamMaturity(teamId)).toBeUndefined();
      const ids = ['a1', 'a2', 'a3', 'a4', 'a5'];
      await Promise.all(ids.map((id) => store.updateTeamMaturity(teamId, withAction(id))));
      const stored = await store.getTeamMaturity(teamId);
      expect(stored?.value.actions.map((action) => action.id).sort()).toEqual(ids);
      expect(stored?.value).toMatchObject({ teamId, rollups: {}, closedRounds: [], targets: {} });
    });

    it('refuses a maturity record of the wrong shape and a change of its team', async () => {
      const teamId = uniqueId('19');
      await expect(
        store.updateTeamMaturity(teamId, (current) => ({
          ...current,
          targets: { 'enabler:data': 7 as MaturityLevel },
        })),
      ).rejects.toBeInstanceOf(StoreValidationError);
      await expect(
        store.updateTeamMaturity(teamId, (current) => ({ ...current, teamId: 'other' })),
      ).rejects.toBeInstanceOf(StoreValidationError);
      await expect(
        store.submitAssessment({ teamId, userId: '29:x', round: '2026-Q5', ratings: ratings(3) }),
      ).rejects.toBeInstanceOf(StoreValidationError);
    });

    it('keeps an action whose owner deleted their data, without an owner; an empty owner is refused', async () => {
      const teamId = uniqueId('19');
      await store.updateTeamMaturity(teamId, withAction('a-0000000000000001'));
      const unowned = await store.updateTeamMaturity(teamId, (current) => ({
        ...current,
        actions: current.actions.map(({ ownerUserId: _id, ownerName: _name, ...action }) => action),
      }));
      expect(unowned.value.actions).toHaveLength(1);
      const [stored] = (await store.getTeamMaturity(teamId))?.value.actions ?? [];
      expect(stored).toMatchObject({ id: 'a-0000000000000001', title: 'Write a data sharing agreement' });
      expect(stored && 'ownerUserId' in stored).toBe(false);
      expect(stored && 'ownerName' in stored).toBe(false);
      await expect(
        store.updateTeamMaturity(teamId, (current) => ({
          ...current,
          actions: current.actions.map((action) => ({ ...action, ownerUserId: '29:x', ownerName: '' })),
        })),
      ).rejects.toBeInstanceOf(StoreValidationError);
    });

    it('pages through every team’s maturity record for the organisation view', async () => {
      const teams = Array.from({ length: 7 }, () => uniqueId('19'));
      await Promise.all(teams.map((teamId) => store.updateTeamMaturity(teamId, (current) => current)));
      const seen: string[] = [];
      let continuationToken: string | undefined;
      let pages = 0;
      do {
        const page = await store.listTeamMaturity({ pageSize: 3, ...(continuationToken ? { continuationToken } : {}) });
        seen.push(...page.items.map((item) => item.teamId));
        continuationToken = page.continuationToken;
        pages += 1;
      } while (continuationToken && pages < 10);
      expect(seen.sort()).toEqual([...teams].sort());
    });

    it("deleting a team's data removes its assessments and maturity record", async () => {
      const teamId = uniqueId('19');
      const key = { teamId, userId: uniqueId('29'), round: '2026-Q4' };
      await store.submitAssessment({ ...key, ratings: ratings(3) });
      await store.updateTeamMaturity(teamId, withAction('a1'));
      await store.deleteTeamData(teamId);
      expect(await store.getAssessment(key)).toBeUndefined();
      expect(await store.getTeamMaturity(teamId)).toBeUndefined();
    });
  });
}
