// The store failing mid check-in, before or after a write lands (the port warns that a timed-out
// write may still have happened): the person gets a clear "try again" card, nothing is half-saved,
// and pressing the same button again finishes the job without counting anything twice.
import type { Mission } from '../../src/domain';
import {
  answerAll,
  channelContext,
  harnessPerTest,
  Person,
  personalContext,
  storeState,
  TEAM,
  titleOf,
  USER,
  WEEK,
} from './harness';

const h = harnessPerTest();
const inTeam = { teamId: TEAM, teamName: 'Digital team' };
const MISSION: Mission = 'digitally-enabled-councils';
const key = { teamId: TEAM, userId: USER, mission: MISSION, week: WEEK };

function person(): Person {
  return new Person(h, () => channelContext(), inTeam);
}

async function rollup() {
  return (await h.local.getRollup(TEAM, MISSION, WEEK))?.value;
}

describe('a step that cannot be saved', () => {
  test.each([['before'], ['after']] as const)(
    'saveDraft failing %s writing: clear card, then the same press works',
    async (when) => {
      const me = person();
      await me.start({ mission: MISSION });
      const press = me.dataFor('Next', { progress: '4' });
      const before = await storeState(h.local);
      h.flaky.failNext('saveDraft', when);
      const failed = await me.send(press);
      expect(titleOf(failed)).toBe("Sorry, that couldn't be saved");
      expect(failed.kind).toBe('card');
      if (when === 'before') expect(await storeState(h.local)).toBe(before);

      const retried = await me.send(press);
      expect(retried.kind).toBe('updateCard');
      expect(JSON.stringify(retried.card)).toContain('Question 2 of 5');
      const draft = await h.local.getDraft(key);
      expect(draft?.draft).toMatchObject({ rev: 1, step: 'outcomes', answers: { progress: 4 } });
    },
  );

  test('reading the draft failing: clear card, nothing changed, retry works', async () => {
    const me = person();
    await me.start({ mission: MISSION });
    const before = await storeState(h.local);
    h.flaky.failNext('getDraft');
    expect(titleOf(await me.press('Next', { progress: '2' }))).toBe("Sorry, that couldn't be saved");
    expect(await storeState(h.local)).toBe(before);
    expect(JSON.stringify((await me.press('Next', { progress: '2' })).card)).toContain('Question 2 of 5');
  });
});

describe('submitting while the store fails', () => {
  async function atSummary(progress = '3'): Promise<Person> {
    const me = person();
    await me.start({ mission: MISSION });
    await answerAll(me, { progress, outcomes: 'outcome:data', enabler: 'enabler:data' });
    return me;
  }

  test('the answer and its roll-up not stored: the draft is kept and submitting again stores both once', async () => {
    const me = await atSummary();
    h.flaky.failNext('submitCheckInWithRollup', 'before');
    expect(titleOf(await me.press('Submit'))).toBe("Sorry, that couldn't be saved");
    expect(await h.local.getCheckIn(key)).toBeUndefined();
    expect(await h.local.getDraft(key)).toBeDefined();
    expect(await rollup()).toBeUndefined();

    expect(titleOf(await me.press('Submit'))).toMatch(/^Check-in saved/);
    expect(await h.local.listTeamCheckIns(TEAM, WEEK)).toHaveLength(1);
    expect(await rollup()).toMatchObject({ responses: 1, progressSum: 3, enablers: { 'enabler:data': 1 } });
  });

  test('the answer and its roll-up stored together but the reply lost: both already agree, and pressing again counts once', async () => {
    const me = await atSummary('5');
    const summary = me.screen;
    h.flaky.failNext('submitCheckInWithRollup', 'after');
    expect(titleOf(await me.press('Submit'))).toBe("Sorry, that couldn't be saved");
    // One atomic write: the answer never lands without its count.
    expect(await h.local.listTeamCheckIns(TEAM, WEEK)).toHaveLength(1);
    expect(await rollup()).toMatchObject({ responses: 1, progressSum: 5 });

    expect(titleOf(await me.press('Submit'))).toMatch(/^Check-in saved/);
    // And once more from the same summary card, as a person unsure it worked would.
    expect(titleOf(await me.press('Submit', {}, summary))).toMatch(/^Check-in saved/);
    expect(await h.local.listTeamCheckIns(TEAM, WEEK)).toHaveLength(1);
    expect(await rollup()).toMatchObject({
      responses: 1,
      progressSum: 5,
      progressHistogram: [0, 0, 0, 0, 1],
      outcomes: { 'outcome:data': 1 },
    });
  });

  test('the roll-up repair on a repeated press failing: the answer stands, and the next press finishes it', async () => {
    const me = await atSummary('4');
    const summary = me.screen;
    await me.press('Submit');
    h.flaky.failNext('applyToRollup', 'before');
    expect(titleOf(await me.press('Submit', {}, summary))).toBe("Sorry, that couldn't be saved");
    expect(titleOf(await me.press('Submit', {}, summary))).toMatch(/^Check-in saved/);
    expect(await rollup()).toMatchObject({ responses: 1, progressSum: 4 });
  });

  test('changing an answer while the write is lost after landing: corrected, not double counted', async () => {
    const me = await atSummary('5');
    await me.press('Submit');
    await me.start({ mission: MISSION });
    await me.change('progress');
    await me.press('Save and review', { progress: '2' });
    h.flaky.failNext('submitCheckInWithRollup', 'after');
    expect(titleOf(await me.press('Submit'))).toBe("Sorry, that couldn't be saved");
    expect(titleOf(await me.press('Submit'))).toMatch(/^Check-in saved/);
    expect(await rollup()).toMatchObject({ responses: 1, progressSum: 2, progressHistogram: [0, 1, 0, 0, 0] });
  });
});

describe('other calls while the store fails', () => {
  test('starting a check-in: a clear card, and the next try works', async () => {
    const me = person();
    h.flaky.failNext('getTeamSettings');
    expect(titleOf(await me.start({ mission: MISSION }))).toBe("Sorry, that couldn't be opened");
    expect(titleOf(await me.start({ mission: MISSION }))).toMatch(/^Check-in: /);
  });

  test('saving team settings: unchanged, then saved on the retry', async () => {
    const me = person();
    await me.settings();
    const press = me.dataFor('Save settings', {
      missions: 'digitally-enabled-councils',
      focusOutcomes: 'outcome:data',
    });
    h.flaky.failNext('updateTeamSettings');
    expect(titleOf(await me.send(press))).toBe("Sorry, that couldn't be saved");
    expect(await h.local.getTeamSettings(TEAM)).toBeUndefined();
    await me.send(press);
    expect((await h.local.getTeamSettings(TEAM))?.value).toMatchObject({
      missions: ['digitally-enabled-councils'],
      focusOutcomes: ['outcome:data'],
    });
  });

  test('my check-ins: a clear card', async () => {
    const me = person();
    h.flaky.failNext('listPersonRecords');
    expect(titleOf(await me.mine())).toBe("Sorry, that couldn't be opened");
  });

  test('a closed store: a clear card instead of an error', async () => {
    const me = person();
    await me.start({ mission: MISSION });
    await h.local.close();
    expect(titleOf(await me.press('Next', { progress: '3' }))).toBe("Sorry, that couldn't be saved");
  });

  test('the team directory failing in a personal chat: a clear card', async () => {
    h.directory.failing = true;
    const me = new Person(h, () => personalContext());
    expect(titleOf(await me.start())).toBe("Sorry, I couldn't find your teams");
    expect(titleOf(await me.settings())).toBe("Sorry, I couldn't find your teams");
  });
});
