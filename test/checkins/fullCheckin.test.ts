// The guided check-in end to end against a real local store: every mission step by step, back and
// skip, drafts resumed, answers changed in the same week, and "submit" pressed twice, always with
// exactly one stored answer and a roll-up that counts each answer once.
import { MISSIONS, type Mission } from '../../src/domain';
import {
  answerAll,
  cardText,
  channelContext,
  inputValue,
  harnessPerTest,
  Person,
  TEAM,
  titleOf,
  USER,
  WEEK,
} from './harness';

const h = harnessPerTest();
const inTeam = { teamId: TEAM, teamName: 'Digital team' };

function person(userId = USER): Person {
  return new Person(h, () => channelContext(userId), inTeam);
}

const key = (mission: Mission, userId = USER) => ({ teamId: TEAM, userId, mission, week: WEEK });

describe('a full check-in', () => {
  test.each(MISSIONS.map((mission) => [mission]))(
    'on %s, step by step, stores one answer and counts it once',
    async (mission) => {
      const me = person();
      const first = await me.start({ mission });
      expect(first.kind).toBe('card');
      expect(titleOf(first)).toMatch(/^Check-in: Digitally/);
      expect(cardText(first)).toContain('Question 1 of 5');
      expect(cardText(first)).toContain('Week 48, 23 to 29 November 2026');
      expect(cardText(first)).toContain('Questions written by Framework Guide');
      // Every point of the scale has a label.
      for (const point of [
        '1: No progress',
        '2: A little progress',
        '3: Steady progress',
        '4: Good progress',
        '5: A big step forward',
      ]) {
        expect(cardText(first)).toContain(point);
      }

      const second = await me.press('Next', { progress: '4' });
      expect(second.kind).toBe('updateCard');
      expect(cardText(second)).toContain('Question 2 of 5');
      const third = await me.press('Next', { outcomes: 'outcome:data,outcome:services' });
      expect(cardText(third)).toContain('Question 3 of 5');
      expect(cardText(third)).toContain('None: nothing is holding us back');
      const fourth = await me.press('Next', { enabler: 'enabler:leadership' });
      expect(cardText(fourth)).toContain('Question 4 of 5');
      const fifth = await me.press('Next', { principles: 'principle:inclusive,principle:user-centric' });
      expect(cardText(fifth)).toContain('Question 5 of 5');
      const summary = await me.press('Next', {
        win: '  Launched the new bin app  ',
        blocker: 'Waiting on the data sharing agreement',
      });
      expect(titleOf(summary)).toMatch(/^Check your answers: /);
      for (const text of [
        '4 of 5: Good progress',
        'Data, Services',
        'Leadership',
        'Inclusive, User-centric',
        'Win: Launched the new bin app',
      ]) {
        expect(cardText(summary)).toContain(text);
      }
      // Nothing is stored as an answer until submit; the draft holds the progress so far.
      expect(await h.local.getCheckIn(key(mission))).toBeUndefined();
      expect(await h.local.getDraft(key(mission))).toBeDefined();

      const saved = await me.press('Submit');
      expect(saved.kind).toBe('updateCard');
      expect(titleOf(saved)).toMatch(/^Check-in saved: /);

      const records = await h.local.listPersonRecords(USER);
      expect(records.drafts).toHaveLength(0);
      expect(records.checkIns).toHaveLength(1);
      expect(records.checkIns[0]).toMatchObject({
        teamId: TEAM,
        userId: USER,
        mission,
        week: WEEK,
        answers: {
          progress: 4,
          outcomes: ['outcome:data', 'outcome:services'],
          enabler: 'enabler:leadership',
          principles: ['principle:inclusive', 'principle:user-centric'],
          win: 'Launched the new bin app',
          blocker: 'Waiting on the data sharing agreement',
        },
      });
      const rollup = (await h.local.getRollup(TEAM, mission, WEEK))?.value;
      expect(rollup).toEqual({
        teamId: TEAM,
        mission,
        week: WEEK,
        responses: 1,
        progressSum: 4,
        progressHistogram: [0, 0, 0, 1, 0],
        outcomes: { 'outcome:data': 1, 'outcome:services': 1 },
        enablers: { 'enabler:leadership': 1 },
        principles: { 'principle:inclusive': 1, 'principle:user-centric': 1 },
      });
    },
  );

  test('several people in the team add up in the roll-up', async () => {
    const people = ['29:a', '29:b', '29:c'].map((id) => person(id));
    const scores = ['2', '4', '5'];
    // Concurrently, as a team checking in at the same meeting would.
    await Promise.all(
      people.map(async (each, index) => {
        await each.start({ mission: 'digitally-enabled-councils' });
        await answerAll(each, {
          progress: scores[index] ?? '3',
          outcomes: 'outcome:data',
          enabler: index === 0 ? 'none' : 'enabler:value',
        });
        await each.press('Submit');
      }),
    );
    const rollup = (await h.local.getRollup(TEAM, 'digitally-enabled-councils', WEEK))?.value;
    expect(rollup).toMatchObject({
      responses: 3,
      progressSum: 11,
      progressHistogram: [0, 1, 0, 1, 1],
      outcomes: { 'outcome:data': 3 },
      enablers: { 'enabler:value': 2 },
    });
  });

  test('focus outcomes from team settings start ticked, and the person can change them', async () => {
    await h.local.updateTeamSettings(TEAM, (settings) => ({
      ...settings,
      focusOutcomes: ['outcome:inclusion', 'outcome:data'],
    }));
    const me = person();
    await me.start({ mission: 'digitally-empowered-residents' });
    const outcomes = await me.press('Next', { progress: '3' });
    expect(inputValue(outcomes.card, 'outcomes')).toBe('outcome:inclusion,outcome:data');
    await me.press('Next', { outcomes: 'outcome:inclusion' });
    const back = await me.press('Back');
    // Once answered, the person's own choice is shown, not the team's focus.
    expect(inputValue(back.card, 'outcomes')).toBe('outcome:inclusion');
  });

  test('each question explains its terms, with buttons to the full explanation', async () => {
    const me = person();
    const progress = await me.start({ mission: 'digitally-equipped-places' });
    expect(cardText(progress)).toContain('"topicId":"mission:digitally-equipped-places"');
    const outcomes = await me.press('Next', { progress: '2' });
    expect(cardText(outcomes)).toContain('Outcomes are the framework');
    expect(cardText(outcomes)).toContain('"topicId":"outcome:democracy-and-participation"');
    const enabler = await me.press('Skip');
    expect(cardText(enabler)).toContain('"topicId":"enabler:capabilities"');
    const principles = await me.press('Skip');
    expect(cardText(principles)).toContain('"topicId":"principle:cyber-resilient"');
  });
});

describe('back and skip', () => {
  test('back keeps answers, skip records nothing chosen, and progress cannot be skipped', async () => {
    const me = person();
    const first = await me.start({ mission: 'digitally-enabled-councils' });
    const titles = (reply: typeof first) => JSON.stringify(reply.card.actions);
    expect(titles(first)).not.toContain('"Skip"');
    expect(titles(first)).not.toContain('"Back"');

    await me.press('Next', { progress: '3' });
    const again = await me.press('Back');
    expect(cardText(again)).toContain('Question 1 of 5');
    expect(inputValue(again.card, 'progress')).toBe('3');
    await me.press('Next', { progress: '5' });
    await me.press('Skip'); // outcomes
    await me.press('Skip'); // enabler
    await me.press('Next', { principles: 'principle:ethical' });
    const summary = await me.press('Skip'); // notes
    expect(cardText(summary)).toContain('5 of 5: A big step forward');
    expect(cardText(summary)).toContain('Nothing added');
    await me.press('Submit');

    const record = await h.local.getCheckIn(key('digitally-enabled-councils'));
    expect(record?.answers).toEqual({ progress: 5, outcomes: [], enabler: null, principles: ['principle:ethical'] });
    const rollup = (await h.local.getRollup(TEAM, 'digitally-enabled-councils', WEEK))?.value;
    expect(rollup).toMatchObject({
      responses: 1,
      progressSum: 5,
      outcomes: {},
      enablers: {},
      principles: { 'principle:ethical': 1 },
    });
  });

  test('"change" on the summary goes to that question and back to the summary', async () => {
    const me = person();
    await me.start({ mission: 'digitally-enabled-councils' });
    await answerAll(me, { progress: '2', enabler: 'enabler:data' });
    const changeButtons = JSON.stringify(me.screen?.card).match(/"title":"Change"/g) ?? [];
    expect(changeButtons.length).toBe(10); // five rows, each an Execute with its Submit fallback
    const enabler = await me.change('enabler');
    expect(cardText(enabler)).toContain('Question 3 of 5');
    expect(inputValue(enabler.card, 'enabler')).toBe('enabler:data');
    expect(JSON.stringify(enabler.card.actions)).toContain('Back to summary');
    const summary = await me.press('Save and review', { enabler: 'enabler:collaboration' });
    expect(titleOf(summary)).toMatch(/^Check your answers/);
    expect(cardText(summary)).toContain('Collaboration');
  });
});

describe('drafts', () => {
  test('typing "check in" again later the same week resumes at the draft step', async () => {
    const me = person();
    await me.start({ mission: 'digitally-equipped-places' });
    await me.press('Next', { progress: '4' });
    await me.press('Next', { outcomes: 'outcome:connectivity' });
    h.clock.advance(2 * 24 * 3600 * 1000);

    const later = person();
    const resumed = await later.start({ mission: 'digitally-equipped-places' });
    expect(cardText(resumed)).toContain('Question 3 of 5');
    expect(cardText(resumed)).toContain('Welcome back');
    await later.press('Next', { enabler: 'none' });
    await later.press('Skip');
    await later.press('Skip');
    await later.press('Submit');
    const record = await h.local.getCheckIn(key('digitally-equipped-places'));
    expect(record?.answers).toEqual({ progress: 4, outcomes: ['outcome:connectivity'], enabler: null, principles: [] });
  });

  test('without a mission, the choice shows which check-ins are done, started or not started', async () => {
    const me = person();
    await me.start({ mission: 'digitally-enabled-councils' });
    await answerAll(me, { progress: '3' });
    await me.press('Submit');
    await me.start({ mission: 'digitally-empowered-residents' });
    await me.press('Next', { progress: '1' });

    const choice = await me.start();
    expect(titleOf(choice)).toBe('Check in for Digital team');
    const text = cardText(choice);
    expect(text).toContain('Done this week');
    expect(text).toContain('Started: carry on');
    expect(text).toContain('Not started this week');
    const resumed = await me.press('Continue');
    expect(cardText(resumed)).toContain('Question 2 of 5');
  });
});

describe('changing answers in the same week', () => {
  test('checking in again edits the one answer and corrects the roll-up', async () => {
    const me = person();
    const other = person('29:colleague');
    await other.start({ mission: 'digitally-enabled-councils' });
    await answerAll(other, { progress: '2', outcomes: 'outcome:value', enabler: 'enabler:value' });
    await other.press('Submit');

    await me.start({ mission: 'digitally-enabled-councils' });
    await answerAll(me, {
      progress: '5',
      outcomes: 'outcome:data',
      enabler: 'enabler:data',
      principles: 'principle:ethical',
    });
    await me.press('Submit');

    const reopened = await me.start({ mission: 'digitally-enabled-councils' });
    expect(titleOf(reopened)).toMatch(/^Check your answers/);
    expect(cardText(reopened)).toContain('You have already checked in on this mission this week');
    const progress = await me.change('progress', reopened);
    expect(inputValue(progress.card, 'progress')).toBe('5');
    await me.press('Save and review', { progress: '1' });
    await me.change('outcomes');
    await me.press('Save and review', { outcomes: 'outcome:services' });
    await me.press('Submit');

    const records = await h.local.listTeamCheckIns(TEAM, WEEK, 'digitally-enabled-councils');
    expect(records).toHaveLength(2);
    expect(records.find((record) => record.userId === USER)?.answers).toMatchObject({
      progress: 1,
      outcomes: ['outcome:services'],
    });
    const rollup = (await h.local.getRollup(TEAM, 'digitally-enabled-councils', WEEK))?.value;
    expect(rollup).toEqual({
      teamId: TEAM,
      mission: 'digitally-enabled-councils',
      week: WEEK,
      responses: 2,
      progressSum: 3,
      progressHistogram: [1, 1, 0, 0, 0],
      outcomes: { 'outcome:value': 1, 'outcome:services': 1 },
      enablers: { 'enabler:value': 1, 'enabler:data': 1 },
      principles: { 'principle:ethical': 1 },
    });
  });
});

describe('submit pressed twice', () => {
  test('one after the other: one answer, counted once, and the same "saved" card', async () => {
    const me = person();
    await me.start({ mission: 'digitally-enabled-councils' });
    await answerAll(me, { progress: '3', outcomes: 'outcome:data' });
    const summary = me.screen;
    const first = await me.press('Submit', {}, summary);
    const second = await me.press('Submit', {}, summary);
    expect(titleOf(second)).toBe(titleOf(first));
    expect(await h.local.listTeamCheckIns(TEAM, WEEK)).toHaveLength(1);
    expect((await h.local.getRollup(TEAM, 'digitally-enabled-councils', WEEK))?.value).toMatchObject({
      responses: 1,
      progressSum: 3,
      outcomes: { 'outcome:data': 1 },
    });
  });

  test('at the same moment (a double click, or Teams retrying): one answer, counted once', async () => {
    const me = person();
    await me.start({ mission: 'digitally-enabled-councils' });
    await answerAll(me, { progress: '4' });
    const data = me.dataFor('Submit');
    const replies = await Promise.all([me.send(data), me.send(data), me.send(data)]);
    for (const reply of replies) expect(titleOf(reply)).toMatch(/^Check-in saved/);
    expect(await h.local.listTeamCheckIns(TEAM, WEEK)).toHaveLength(1);
    expect((await h.local.getRollup(TEAM, 'digitally-enabled-councils', WEEK))?.value).toMatchObject({
      responses: 1,
      progressSum: 4,
    });
  });

  test('a step pressed twice moves on once and shows the same next card', async () => {
    const me = person();
    const first = await me.start({ mission: 'digitally-enabled-councils' });
    const a = await me.press('Next', { progress: '2' }, first);
    const b = await me.press('Next', { progress: '2' }, first);
    expect(b.card).toEqual(a.card);
    const draft = await h.local.getDraft(key('digitally-enabled-councils'));
    expect(draft?.draft.rev).toBe(1);
  });
});
