// The privacy capability against a real store, shared by the local store and CosmosStore runs:
// export, deletion in the middle of a week (roll-ups checked against a rebuild of the remaining
// answers), other people's data untouched, and stale, expired, forged or repeated confirmations
// changing nothing. Every card is validated as Teams would receive it.
import { reconcileRound } from '../../src/maturity/context';
import { reconcileRollup, rollupOf } from '../../src/checkins/rollupContribution';
import { createPrivacy, PRIVACY_ACTIONS, type Privacy, type PrivacyReply } from '../../src/privacy';
import type { CheckInAnswers, Mission } from '../../src/domain';
import type { FrameworkStore, InstallationInput } from '../../src/store/port';
import type { TurnContextInfo } from '../../src/turns/types';
import { expectValidCard, firstTextBlock } from '../support/cardValidation';
import { submitAnswers } from '../support/submitAnswers';

export interface PrivacyHarness {
  name: string;
  open(): Promise<FrameworkStore>;
  closeAll(): Promise<void>;
}

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const ALICE = '29:alice';
const BOB = '29:bob';
const CAROL = '29:carol';
const M1: Mission = 'digitally-enabled-councils';
const M2: Mission = 'digitally-empowered-residents';
const W48 = '2026-W48';
const W47 = '2026-W47';
const MINUTE = 60 * 1000;

let teamCounter = 0;
function teamId(label: string): string {
  teamCounter += 1;
  return `19:${label}-${process.pid}-${teamCounter}@thread.tacv2`;
}

function answersOf(progress: 1 | 2 | 3 | 4 | 5, outcome: string, extra: Partial<CheckInAnswers> = {}): CheckInAnswers {
  return {
    progress,
    outcomes: [outcome, 'shared-data'],
    enabler: progress > 2 ? 'leadership' : null,
    principles: ['user-centred'],
    ...extra,
  };
}

function contextFor(userId: string, kind: TurnContextInfo['conversationKind'] = 'personal'): TurnContextInfo {
  return {
    activityId: `a-${Math.random()}`,
    tenantId: TENANT,
    conversationId: kind === 'personal' ? `a:personal-${userId}` : '19:somechannel@thread.tacv2',
    conversationKind: kind,
    userId,
  };
}

function personalInstallation(userId: string): InstallationInput {
  const conversationId = `a:personal-${userId}`;
  return {
    conversationId,
    tenantId: TENANT,
    kind: 'personal',
    reference: {
      serviceUrl: 'https://smba.trafficmanager.net/uk/',
      channelId: 'msteams',
      conversation: { id: conversationId, tenantId: TENANT, conversationType: 'personal' },
      bot: { id: '28:bot' },
      user: { id: userId },
    },
  };
}

function channelInstallation(team: string): InstallationInput {
  return {
    conversationId: team,
    tenantId: TENANT,
    kind: 'channel',
    teamId: team,
    reference: {
      serviceUrl: 'https://smba.trafficmanager.net/uk/',
      channelId: 'msteams',
      conversation: { id: team, tenantId: TENANT, conversationType: 'channel' },
      bot: { id: '28:bot' },
      user: { id: '29:installer' },
    },
  };
}

/** Validates every card reply; returns the replies. */
function valid(replies: PrivacyReply[]): PrivacyReply[] {
  for (const reply of replies) if (reply.kind !== 'file' && reply.kind !== 'fileOffer') expectValidCard(reply.card);
  return replies;
}

function onlyCard(replies: PrivacyReply[]) {
  expect(replies).toHaveLength(1);
  const [reply] = valid(replies);
  if (!reply || reply.kind === 'file' || reply.kind === 'fileOffer') throw new Error('expected a card');
  return reply;
}

/** The data of the button titled `title` on the card (Action.Execute), checking its Action.Submit fallback carries the same. */
function buttonData(replies: PrivacyReply[], title: string): Record<string, unknown> {
  const card = onlyCard(replies).card;
  const action = (
    card.actions as
      | { title: string; type: string; data: Record<string, unknown>; fallback?: { type: string; data: unknown } }[]
      | undefined
  )?.find((each) => each.title === title);
  if (!action) throw new Error(`no button "${title}" on ${JSON.stringify(card).slice(0, 500)}`);
  expect(action.type).toBe('Action.Execute');
  expect(action.fallback?.type).toBe('Action.Submit');
  expect(action.fallback?.data).toEqual(action.data);
  // The router sends a button's data here by its action name.
  expect(PRIVACY_ACTIONS).toContain(action.data.action);
  return action.data;
}

export function definePrivacySuite(harness: PrivacyHarness): void {
  describe(`privacy on ${harness.name}`, () => {
    let store: FrameworkStore;
    let clock: number;
    let privacy: Privacy;
    let team1: string;
    let team2: string;

    afterEach(async () => {
      await harness.closeAll();
    });

    async function submit(
      team: string,
      userId: string,
      mission: Mission,
      week: string,
      answers: CheckInAnswers,
    ): Promise<void> {
      await submitAnswers(store, { teamId: team, userId, mission, week, answers, retentionDays: 730 });
      await reconcileRollup(store, team, mission, week);
    }

    /** Alice, Bob and Carol mid-week in team 1; Alice and Bob also in team 2; Alice and Bob lead team 1. */
    beforeEach(async () => {
      store = await harness.open();
      clock = Date.UTC(2026, 10, 25, 12, 0, 0);
      privacy = createPrivacy({ store, now: () => new Date(clock) });
      team1 = teamId('team1');
      team2 = teamId('team2');
      await store.upsertInstallation(channelInstallation(team1));
      await store.upsertInstallation(channelInstallation(team2));
      await store.upsertInstallation(personalInstallation(ALICE));
      await store.upsertInstallation(personalInstallation(BOB));
      await store.updateTeamSettings(team1, (settings) => ({ ...settings, leads: [ALICE, BOB] }));
      await store.updateTeamSettings(team2, (settings) => ({ ...settings, leads: [BOB] }));
      await submit(team1, ALICE, M1, W48, answersOf(5, 'alice-only-outcome', { principles: ['alice-principle'] }));
      await submit(team1, BOB, M1, W48, answersOf(3, 'bob-outcome'));
      await submit(team1, CAROL, M1, W48, answersOf(2, 'carol-outcome'));
      await submit(team1, ALICE, M2, W48, answersOf(4, 'alice-m2'));
      await submit(team2, ALICE, M1, W47, answersOf(1, 'alice-w47'));
      await submit(team2, BOB, M1, W47, answersOf(4, 'bob-w47'));
      await store.saveDraft({
        teamId: team2,
        userId: ALICE,
        mission: M2,
        week: W48,
        draft: { step: 'progress', progress: 2 },
      });
      await store.saveDraft({ teamId: team1, userId: BOB, mission: M2, week: W48, draft: { step: 'outcomes' } });
    });

    async function rollupEqualsRebuild(team: string, mission: Mission, week: string): Promise<void> {
      const stored = await store.getRollup(team, mission, week);
      const answers = (await store.listTeamCheckIns(team, week, mission)).map((record) => record.answers);
      expect(stored?.value).toEqual(rollupOf(team, mission, week, answers));
    }

    it('exports everything kept about the person, and nothing about anyone else', async () => {
      const exported = await privacy.exportPersonData(ALICE);
      expect(exported.format).toBe('framework-guide-person-data');
      expect(exported.userId).toBe(ALICE);
      expect(exported.checkIns.map((record) => [record.teamId, record.mission, record.week]).sort()).toEqual(
        [
          [team1, M1, W48],
          [team1, M2, W48],
          [team2, M1, W47],
        ].sort(),
      );
      expect(exported.checkIns.every((record) => record.userId === ALICE)).toBe(true);
      expect(exported.drafts.map((draft) => [draft.teamId, draft.mission, draft.week, draft.draft])).toEqual([
        [team2, M2, W48, { step: 'progress', progress: 2 }],
      ]);
      expect(exported.personalChats.map((chat) => chat.conversationId)).toEqual([`a:personal-${ALICE}`]);
      expect(exported.leadOf).toEqual([team1]);
      const text = JSON.stringify(exported);
      for (const other of [BOB, CAROL, 'bob-outcome', 'carol-outcome']) expect(text).not.toContain(other);
      expect(JSON.parse(text)).toEqual(exported); // a plain JSON document

      // "Download my data" offers the file (in Teams, a consent card); the offer names it and carries it as it is now.
      const download = await privacy.handleAction(
        contextFor(ALICE),
        buttonData(await privacy.myData(contextFor(ALICE)), 'Download my data'),
      );
      expect(download).toHaveLength(1);
      const [offer] = download;
      if (offer?.kind !== 'fileOffer') throw new Error('expected a file offer');
      expect(offer.offer).toBe('personData');
      expect(offer.description).toMatch(/JSON file/);
      const { file } = offer;
      expect(file.contentType).toBe('application/json');
      expect(file.fileName).toMatch(/^framework-guide-my-data-\d{4}-\d{2}-\d{2}\.json$/);
      expect(file.content).toEqual({ ...exported, exportedAt: file.content.exportedAt });
    });

    it('builds the file afresh when the offer is accepted, and says so plainly when it is declined or fails', async () => {
      const offered = (await privacy.handleAction(contextFor(ALICE), { action: 'privacy', op: 'export' }))[0];
      if (offered?.kind !== 'fileOffer') throw new Error('expected a file offer');
      // Alice checks in again before accepting: the file she gets has it.
      clock += 5 * MINUTE;
      await submit(team2, ALICE, M2, W47, answersOf(3, 'answered-after-the-offer'));
      const accepted = await privacy.fileOfferAnswered(contextFor(ALICE), 'accepted');
      expect(accepted).toHaveLength(1);
      const [file] = accepted;
      if (file?.kind !== 'file') throw new Error('expected a file');
      expect(file.content.userId).toBe(ALICE);
      expect(file.content.checkIns).toHaveLength(offered.file.content.checkIns.length + 1);
      expect(JSON.stringify(file.content)).toContain('answered-after-the-offer');
      expect(file.content.exportedAt).toBe(new Date(clock).toISOString());
      for (const other of [BOB, CAROL]) expect(JSON.stringify(file.content)).not.toContain(other);

      const declined = onlyCard(await privacy.fileOfferAnswered(contextFor(ALICE), 'declined'));
      expect(firstTextBlock(declined.card)).toBe('Nothing was sent');
      expect(buttonData([declined], 'Download my data')).toEqual({ action: 'privacy', op: 'export' });
      const failed = onlyCard(await privacy.fileOfferAnswered(contextFor(ALICE), 'failed'));
      expect(firstTextBlock(failed.card)).toBe('Your data file could not be sent');
      expect(JSON.stringify(failed.card)).toMatch(/try again/);
      expect(buttonData([failed], 'Download my data')).toEqual({ action: 'privacy', op: 'export' });

      // Never outside the personal chat, whatever arrives there.
      const inChannel = onlyCard(await privacy.fileOfferAnswered(contextFor(ALICE, 'channel'), 'accepted'));
      expect(firstTextBlock(inChannel.card)).toBe('Let’s do this in private');
      expect(JSON.stringify(inChannel.card)).not.toContain('alice');
    });

    it('"my data" lists answers, drafts, the personal chat and lead roles on a valid card', async () => {
      const card = onlyCard(await privacy.myData(contextFor(ALICE)));
      expect(card.kind).toBe('card');
      expect(firstTextBlock(card.card)).toBe('What Framework Guide keeps about you');
      const text = JSON.stringify(card.card);
      expect(text).toContain('Check-in answers (3)');
      expect(text).toContain('Unfinished check-ins (1)');
      expect(text).toContain('Personal chat with the bot (1)');
      expect(text).toContain('Check-in lead (1)');
      expect(text).not.toContain(BOB);
      const nobody = onlyCard(await privacy.myData(contextFor('29:nobody')));
      expect(JSON.stringify(nobody.card)).toContain('Nothing: there are no check-ins');
      expect(nobody.card.actions ?? []).toEqual([]);
    });

    it('deletes the person in the middle of a week, rebuilds the roll-ups without them, and leaves everyone else alone', async () => {
      const bobBefore = await privacy.exportPersonData(BOB);
      const carolBefore = await store.listPersonRecords(CAROL);
      const confirmCard = await privacy.deleteMyData(contextFor(ALICE));
      expect(firstTextBlock(onlyCard(confirmCard).card)).toBe('Delete your Framework Guide data?');
      expect(JSON.stringify(onlyCard(confirmCard).card)).toContain('the record of your personal chat with the bot');
      const data = buttonData(confirmCard, 'Yes, delete my data');
      expect(data).toMatchObject({ action: 'privacy', op: 'confirmDelete' });
      expect(typeof data.token).toBe('string');

      clock += 2 * MINUTE;
      const done = onlyCard(await privacy.handleAction(contextFor(ALICE), data));
      expect(done.kind).toBe('updateCard');
      expect(firstTextBlock(done.card)).toBe('Your data has been deleted');
      const facts = JSON.stringify(done.card);
      expect(facts).toContain('"title":"Check-in answers","value":"3"');
      expect(facts).toContain('"title":"Unfinished check-ins","value":"1"');
      expect(facts).toContain('"title":"Lead roles removed","value":"1"');
      expect(facts).toContain('"title":"Weekly totals recounted","value":"3"');
      expect(facts).toContain('"title":"Personal chat records","value":"1"');
      expect(facts).toContain('when you next message it, it records this chat again');

      // Nothing of Alice's is left.
      expect(await store.listPersonRecords(ALICE)).toEqual({ checkIns: [], drafts: [] });
      const after = await privacy.exportPersonData(ALICE);
      expect(after.checkIns).toEqual([]);
      expect(after.drafts).toEqual([]);
      expect(after.leadOf).toEqual([]);
      // Her personal chat's record went too; Bob's, and the teams' installations, are still there.
      expect(after.personalChats).toEqual([]);
      expect(await store.getInstallation(`a:personal-${ALICE}`)).toBeUndefined();
      expect((await store.getInstallation(`a:personal-${BOB}`))?.reference.user.id).toBe(BOB);
      expect((await store.getInstallation(team1))?.active).toBe(true);
      expect((await store.getInstallation(team2))?.active).toBe(true);
      expect((await store.getTeamSettings(team1))?.value.leads).toEqual([BOB]);
      expect((await store.getTeamSettings(team2))?.value.leads).toEqual([BOB]);

      // Every roll-up she was in equals a rebuild of the remaining answers, and has no trace of hers.
      await rollupEqualsRebuild(team1, M1, W48);
      await rollupEqualsRebuild(team1, M2, W48);
      await rollupEqualsRebuild(team2, M1, W47);
      const team1m1 = (await store.getRollup(team1, M1, W48))?.value;
      expect(team1m1?.responses).toBe(2);
      expect(team1m1?.progressSum).toBe(5);
      expect(team1m1?.progressHistogram).toEqual([0, 1, 1, 0, 0]);
      expect(team1m1?.outcomes['alice-only-outcome']).toBeUndefined();
      expect(team1m1?.principles['alice-principle']).toBeUndefined();
      expect(team1m1?.outcomes['shared-data']).toBe(2);
      expect((await store.getRollup(team1, M2, W48))?.value.responses).toBe(0);
      expect((await store.getRollup(team2, M1, W47))?.value).toMatchObject({ responses: 1, progressSum: 4 });

      // Bob and Carol are untouched, and so are their check-ins' roll-ups going forward.
      const bobAfter = await privacy.exportPersonData(BOB);
      expect({ ...bobAfter, exportedAt: '' }).toEqual({ ...bobBefore, exportedAt: '' });
      expect(await store.listPersonRecords(CAROL)).toEqual(carolBefore);
      await submit(team1, CAROL, M1, W48, answersOf(4, 'carol-changed'));
      await rollupEqualsRebuild(team1, M1, W48);
    });

    it('exports a person’s self-assessments (ratings and notes) and deletes them, recounting the round without them', async () => {
      const round = '2026-Q4';
      const rate = async (userId: string, level: 1 | 2 | 3 | 4 | 5, note: string) => {
        await store.submitAssessment({ teamId: team1, userId, round, ratings: { 'enabler:data': { level, note } } });
        await reconcileRound(store, team1, round);
      };
      await rate(ALICE, 5, 'alice-maturity-note');
      await rate(BOB, 2, 'bob-maturity-note');
      await rate(CAROL, 3, 'carol-maturity-note');
      await store.saveAssessmentDraft({ teamId: team2, userId: ALICE, round, draft: { step: 'summary' } });

      const exported = await privacy.exportPersonData(ALICE);
      expect(exported.assessments.map((record) => [record.teamId, record.round, record.ratings])).toEqual([
        [team1, round, { 'enabler:data': { level: 5, note: 'alice-maturity-note' } }],
      ]);
      expect(exported.assessmentDrafts.map((draft) => draft.teamId)).toEqual([team2]);
      expect(JSON.stringify(exported)).not.toContain('bob-maturity-note');
      expect(JSON.stringify(onlyCard(await privacy.myData(contextFor(ALICE))).card)).toContain('Self-assessments (1)');

      const data = buttonData(await privacy.deleteMyData(contextFor(ALICE)), 'Yes, delete my data');
      const done = onlyCard(await privacy.handleAction(contextFor(ALICE), data));
      expect(JSON.stringify(done.card)).toContain('"title":"Self-assessments","value":"2"');
      expect(await store.listPersonAssessments(ALICE)).toEqual({ assessments: [], drafts: [] });
      const figures = (await store.getTeamMaturity(team1))?.value.rollups[round];
      expect(figures).toEqual({ round, responses: 2, levels: { 'enabler:data': [0, 1, 1, 0, 0] } });
      expect((await store.listRoundAssessments(team1, round)).map((record) => record.userId).sort()).toEqual(
        [BOB, CAROL].sort(),
      );
    });

    it('exports the action plan items a person owns, and on deletion leaves them in the plan without an owner', async () => {
      const action = (id: string, ownerUserId: string, title: string, status: 'open' | 'done' = 'open') => ({
        id,
        title,
        theme: 'enabler:data',
        ownerUserId,
        ownerName: `Name of ${ownerUserId}`,
        due: '2026-12-15',
        status,
        createdAt: '2026-11-01T09:00:00.000Z',
      });
      await store.updateTeamMaturity(team1, (current) => ({
        ...current,
        actions: [
          action('a-0000000000000001', ALICE, 'Alice’s open action'),
          action('a-0000000000000002', BOB, 'Bob’s action'),
          action('a-0000000000000003', ALICE, 'Alice’s done action', 'done'),
        ],
      }));
      await store.updateTeamMaturity(team2, (current) => ({
        ...current,
        actions: [{ ...action('a-0000000000000004', ALICE, 'Alice’s action in team 2'), theme: 'principle:ethical' }],
      }));

      const exported = await privacy.exportPersonData(ALICE);
      expect(exported.ownedActions).toEqual(
        expect.arrayContaining([
          {
            teamId: team1,
            actionId: 'a-0000000000000001',
            title: 'Alice’s open action',
            theme: 'enabler:data',
            due: '2026-12-15',
            status: 'open',
          },
          expect.objectContaining({ teamId: team1, title: 'Alice’s done action', status: 'done' }),
          expect.objectContaining({ teamId: team2, title: 'Alice’s action in team 2', theme: 'principle:ethical' }),
        ]),
      );
      expect(exported.ownedActions).toHaveLength(3);
      expect(JSON.stringify(exported)).not.toContain('Bob’s action');
      expect(JSON.stringify(onlyCard(await privacy.myData(contextFor(ALICE))).card)).toContain('Actions you own (3)');

      const confirm = await privacy.deleteMyData(contextFor(ALICE));
      expect(JSON.stringify(onlyCard(confirm).card)).toContain('your name on 3 actions you own');
      const done = onlyCard(await privacy.handleAction(contextFor(ALICE), buttonData(confirm, 'Yes, delete my data')));
      expect(JSON.stringify(done.card)).toContain('"title":"Actions no longer in your name","value":"3"');

      // The actions are the team's: all still there, Alice's without an owner, Bob's as it was.
      const plan1 = (await store.getTeamMaturity(team1))?.value.actions ?? [];
      expect(plan1.map((each) => [each.id, each.title, each.ownerUserId, each.ownerName, each.status])).toEqual([
        ['a-0000000000000001', 'Alice’s open action', undefined, undefined, 'open'],
        ['a-0000000000000002', 'Bob’s action', BOB, `Name of ${BOB}`, 'open'],
        ['a-0000000000000003', 'Alice’s done action', undefined, undefined, 'done'],
      ]);
      const plan2 = (await store.getTeamMaturity(team2))?.value.actions ?? [];
      expect(plan2.map((each) => [each.title, each.ownerUserId, each.ownerName])).toEqual([
        ['Alice’s action in team 2', undefined, undefined],
      ]);
      expect(JSON.stringify(plan1)).not.toContain(ALICE);
      expect((await privacy.exportPersonData(ALICE)).ownedActions).toEqual([]);
      expect((await privacy.exportPersonData(BOB)).ownedActions.map((each) => each.title)).toEqual(['Bob’s action']);
    });

    it('ignores a stale confirmation: data changed since the card was drawn', async () => {
      const data = buttonData(await privacy.deleteMyData(contextFor(ALICE)), 'Yes, delete my data');
      await submit(team2, ALICE, M2, W47, answersOf(3, 'late-answer'));
      const reply = onlyCard(await privacy.handleAction(contextFor(ALICE), data));
      expect(firstTextBlock(reply.card)).toBe('That confirmation is out of date');
      expect((await store.listPersonRecords(ALICE)).checkIns).toHaveLength(4);
      expect((await store.getTeamSettings(team1))?.value.leads).toEqual([ALICE, BOB]);
      // The notice offers a fresh confirmation, which works.
      const fresh = await privacy.handleAction(contextFor(ALICE), buttonData([reply], 'Delete my data'));
      const done = await privacy.handleAction(contextFor(ALICE), buttonData(fresh, 'Yes, delete my data'));
      expect(firstTextBlock(onlyCard(done).card)).toBe('Your data has been deleted');
      expect((await store.listPersonRecords(ALICE)).checkIns).toHaveLength(0);
    });

    it('covers the personal chat record in the confirmation: one recorded after the card was drawn makes it stale', async () => {
      const data = buttonData(await privacy.deleteMyData(contextFor(CAROL)), 'Yes, delete my data');
      await store.upsertInstallation(personalInstallation(CAROL));
      expect(firstTextBlock(onlyCard(await privacy.handleAction(contextFor(CAROL), data)).card)).toBe(
        'That confirmation is out of date',
      );
      expect(await store.getInstallation(`a:personal-${CAROL}`)).toBeDefined();
      const fresh = buttonData(await privacy.deleteMyData(contextFor(CAROL)), 'Yes, delete my data');
      const done = onlyCard(await privacy.handleAction(contextFor(CAROL), fresh));
      expect(JSON.stringify(done.card)).toContain('"title":"Personal chat records","value":"1"');
      expect(await store.getInstallation(`a:personal-${CAROL}`)).toBeUndefined();
      expect((await store.listPersonRecords(CAROL)).checkIns).toHaveLength(0);
    });

    it('ignores an expired, forged, replayed or someone else’s confirmation', async () => {
      const data = buttonData(await privacy.deleteMyData(contextFor(ALICE)), 'Yes, delete my data');
      const before = await store.listPersonRecords(ALICE);
      const rollupBefore = (await store.getRollup(team1, M1, W48))?.value;
      const stale = async (context: TurnContextInfo, payload: unknown) =>
        expect(firstTextBlock(onlyCard(await privacy.handleAction(context, payload)).card)).toBe(
          'That confirmation is out of date',
        );

      await stale(contextFor(BOB), data); // Bob presses Alice's card: it is not his data
      await stale(contextFor(ALICE), { ...data, token: 'f'.repeat(32) }); // forged token
      await stale(contextFor(ALICE), { ...data, issuedAt: Number(data.issuedAt) + 1 }); // forged time
      clock += 16 * MINUTE;
      await stale(contextFor(ALICE), data); // expired
      expect(await store.listPersonRecords(ALICE)).toEqual(before);
      expect(await store.listPersonRecords(BOB)).toMatchObject({ checkIns: expect.any(Array) });
      expect((await store.listPersonRecords(BOB)).checkIns).toHaveLength(2);
      expect((await store.getRollup(team1, M1, W48))?.value).toEqual(rollupBefore);

      // Replayed after a successful deletion: nothing more happens.
      const fresh = buttonData(await privacy.deleteMyData(contextFor(ALICE)), 'Yes, delete my data');
      expect(firstTextBlock(onlyCard(await privacy.handleAction(contextFor(ALICE), fresh)).card)).toBe(
        'Your data has been deleted',
      );
      await submit(team1, ALICE, M1, W48, answersOf(2, 'alice-again'));
      await stale(contextFor(ALICE), fresh);
      expect((await store.listPersonRecords(ALICE)).checkIns).toHaveLength(1);
    });

    it('answers garbage with a notice, cancels cleanly, and never shows or deletes data outside the personal chat', async () => {
      for (const garbage of [
        null,
        'privacy',
        { action: 'privacy' },
        { action: 'privacy', op: 'confirmDelete', token: 'x', issuedAt: 1 },
        { action: 'privacy', op: 'drop' },
      ]) {
        expect(firstTextBlock(onlyCard(await privacy.handleAction(contextFor(ALICE), garbage)).card)).toBe(
          "That button didn't work",
        );
      }
      const cancel = buttonData(await privacy.deleteMyData(contextFor(ALICE)), 'Cancel');
      expect(firstTextBlock(onlyCard(await privacy.handleAction(contextFor(ALICE), cancel)).card)).toBe(
        'Nothing was deleted',
      );

      const inChannel = contextFor(ALICE, 'channel');
      for (const replies of [await privacy.myData(inChannel), await privacy.deleteMyData(inChannel)]) {
        const card = onlyCard(replies).card;
        expect(firstTextBlock(card)).toBe('Let’s do this in private');
        expect(JSON.stringify(card)).not.toContain('alice');
      }
      const confirm = buttonData(await privacy.deleteMyData(contextFor(ALICE)), 'Yes, delete my data');
      expect(firstTextBlock(onlyCard(await privacy.handleAction(inChannel, confirm)).card)).toBe(
        'Let’s do this in private',
      );
      expect(
        firstTextBlock(onlyCard(await privacy.handleAction(inChannel, { action: 'privacy', op: 'export' })).card),
      ).toBe('Let’s do this in private');
      expect((await store.listPersonRecords(ALICE)).checkIns).toHaveLength(3);
    });
  });
}
