// Every submission that must not change anything: old cards, steps out of order, values off the
// scale or unknown to the framework, text over the limit, weeks that have ended, and garbage. Each
// gets a clear card and the store is exactly as it was.
import { ownerOf } from '../../src/checkins/draftState';
import {
  answerAll,
  channelContext,
  DAY_MS,
  harnessPerTest,
  OTHER_TEAM,
  Person,
  storeState,
  TEAM,
  titleOf,
  USER,
  WEEK,
} from './harness';

const h = harnessPerTest();
const inTeam = { teamId: TEAM, teamName: 'Digital team' };

function person(): Person {
  return new Person(h, () => channelContext(), inTeam);
}

/** Sends `data` and checks the reply is a new notice card titled `title`, with the store untouched. */
async function expectRefused(me: Person, data: unknown, title: RegExp): Promise<void> {
  const before = await storeState(h.local, [TEAM, OTHER_TEAM]);
  const screen = me.screen;
  const reply = await me.send(data);
  expect(titleOf(reply)).toMatch(title);
  // A new message: the card the person pressed stays as it was, so they can still use it.
  expect(reply.kind).toBe('card');
  expect(me.screen).toBe(screen);
  expect(await storeState(h.local, [TEAM, OTHER_TEAM])).toBe(before);
}

/** A person part-way through: on the outcomes question, one draft saved. */
async function partWay(): Promise<{ me: Person; first: Record<string, unknown>; outcomes: Record<string, unknown> }> {
  const me = person();
  await me.start({ mission: 'digitally-enabled-councils' });
  const first = me.dataFor('Next', { progress: '3' });
  await me.send(first);
  return { me, first, outcomes: me.dataFor('Next') };
}

describe('stale and out-of-order cards', () => {
  test('an old card pressed again with a different answer is out of date', async () => {
    const { me, first } = await partWay();
    await expectRefused(me, { ...first, progress: '5' }, /^This card is out of date/);
  });

  test('an old card two steps back is out of date even with the same answer', async () => {
    const { me, first } = await partWay();
    await me.press('Next', { outcomes: 'outcome:data' });
    await expectRefused(me, first, /^This card is out of date/);
  });

  test('a card for another step at the current revision is out of order', async () => {
    const { me, outcomes } = await partWay();
    await expectRefused(
      me,
      { ...outcomes, step: 'enabler', enabler: 'enabler:data' },
      /^That question is not the current one/,
    );
    await expectRefused(
      me,
      { ...outcomes, step: 'summary', op: 'submit', token: '0123456789abcdef' },
      /^That question is not the current one/,
    );
  });

  test('actions that do not belong to the step are refused', async () => {
    const { me, first } = await partWay();
    const outcomes = me.dataFor('Next');
    await expectRefused(me, { ...outcomes, op: 'edit', target: 'progress' }, /^That question is not the current one/);
    await expectRefused(me, { ...outcomes, op: 'submit' }, /^That question is not the current one/);
    // Progress has no "back" and cannot be skipped, whatever a forged card says.
    await me.press('Back');
    const progress = me.dataFor('Next');
    expect(progress.rev).not.toBe(first.rev);
    await expectRefused(me, { ...progress, op: 'skip' }, /^That question is not the current one/);
    await expectRefused(me, { ...progress, op: 'back' }, /^That question is not the current one/);
  });

  test('a summary whose answers changed elsewhere cannot be submitted from the old card', async () => {
    const me = person();
    await me.start({ mission: 'digitally-enabled-councils' });
    await answerAll(me, { progress: '3' });
    const submit = me.dataFor('Submit');
    await expectRefused(me, { ...submit, token: 'ffffffffffffffff' }, /^This card is out of date/);
    // After submitting, an old step card and a summary from before a change are both stale.
    await me.press('Submit');
    await me.start({ mission: 'digitally-enabled-councils' });
    await me.change('progress');
    await me.press('Save and review', { progress: '1' });
    await expectRefused(me, submit, /^This card is out of date/);
  });
});

describe('answers the card should never send', () => {
  test.each([
    ['progress 0', { progress: '0' }],
    ['progress 6', { progress: '6' }],
    ['progress 3.5', { progress: '3.5' }],
    ['progress as a number 9', { progress: 9 }],
    ['no progress', {}],
  ])('%s is refused', async (_name, inputs) => {
    const me = person();
    await me.start({ mission: 'digitally-enabled-councils' });
    await expectRefused(me, me.dataFor('Next', inputs), /^That answer couldn't be saved/);
  });

  test.each([
    ['an unknown outcome id', { outcomes: 'outcome:data,outcome:world-peace' }],
    ['an enabler id as an outcome', { outcomes: 'enabler:data' }],
    ['a list of non-strings', { outcomes: [1, 2] }],
    ['an object', { outcomes: { id: 'outcome:data' } }],
  ])('outcomes with %s are refused', async (_name, inputs) => {
    const { me, outcomes } = await partWay();
    await expectRefused(me, { ...outcomes, ...inputs }, /^That answer couldn't be saved/);
  });

  test('an unknown enabler, and no enabler at all, are refused', async () => {
    const { me } = await partWay();
    await me.press('Next', { outcomes: '' });
    await expectRefused(me, me.dataFor('Next', { enabler: 'enabler:money' }), /^That answer couldn't be saved/);
    await expectRefused(me, me.dataFor('Next', {}), /^That answer couldn't be saved/);
  });

  test('text over the limit is refused, and exactly the limit is accepted', async () => {
    const me = person();
    await me.start({ mission: 'digitally-enabled-councils' });
    await me.press('Next', { progress: '3' });
    await me.press('Skip');
    await me.press('Skip');
    await me.press('Skip');
    await expectRefused(me, me.dataFor('Next', { win: 'x'.repeat(501) }), /^That answer couldn't be saved/);
    await expectRefused(me, me.dataFor('Next', { blocker: 'y'.repeat(2000) }), /^That answer couldn't be saved/);
    await expectRefused(me, me.dataFor('Next', { win: 42 }), /^That answer couldn't be saved/);
    const summary = await me.press('Next', { win: 'x'.repeat(500) });
    expect(titleOf(summary)).toMatch(/^Check your answers/);
  });
});

describe('weeks', () => {
  test('a card from a week that has ended changes nothing', async () => {
    const { me, outcomes } = await partWay();
    h.clock.advance(7 * DAY_MS);
    await expectRefused(me, { ...outcomes, outcomes: 'outcome:data' }, /^That week has ended/);
    // Its button starts this week's check-in instead.
    const fresh = await me.press('Check in for this week', {}, me.last);
    expect(JSON.stringify(fresh.card)).toContain('Week 49');
  });

  test('the week follows the team’s time zone', async () => {
    await h.local.updateTeamSettings(TEAM, (settings) => ({
      ...settings,
      schedule: { ...settings.schedule, timeZone: 'Pacific/Auckland' },
    }));
    const { me, outcomes } = await partWay();
    // Sunday 29 November, 12:00 in London: already Monday of week 49 in Auckland.
    h.clock.advance(6 * DAY_MS + 3 * 3600 * 1000);
    await expectRefused(me, { ...outcomes, outcomes: '' }, /^That week has ended/);
  });

  test('a card for a week that has not started is refused', async () => {
    const { me, outcomes } = await partWay();
    await expectRefused(me, { ...outcomes, week: '2026-W49' }, /^That button didn't work/);
  });
});

const OWNER = ownerOf(USER);

describe('garbage', () => {
  test.each([
    ['null', null],
    ['a string', 'checkin'],
    ['an array', [{ action: 'checkin' }]],
    ['no fields', { action: 'checkin' }],
    [
      'an unknown op',
      {
        action: 'checkin',
        op: 'explode',
        step: 'progress',
        mission: 'digitally-enabled-councils',
        week: WEEK,
        teamId: TEAM,
        owner: OWNER,
        rev: 0,
      },
    ],
    [
      'an unknown mission',
      {
        action: 'checkin',
        op: 'next',
        step: 'progress',
        mission: 'digital-moon',
        week: WEEK,
        teamId: TEAM,
        owner: OWNER,
        rev: 0,
        progress: '3',
      },
    ],
    [
      'a bad week',
      {
        action: 'checkin',
        op: 'next',
        step: 'progress',
        mission: 'digitally-enabled-councils',
        week: '2026-48',
        teamId: TEAM,
        owner: OWNER,
        rev: 0,
        progress: '3',
      },
    ],
    [
      'a negative rev',
      {
        action: 'checkin',
        op: 'next',
        step: 'progress',
        mission: 'digitally-enabled-councils',
        week: WEEK,
        teamId: TEAM,
        owner: OWNER,
        rev: -1,
        progress: '3',
      },
    ],
    [
      'an owner that is not a digest',
      {
        action: 'checkin',
        op: 'next',
        step: 'progress',
        mission: 'digitally-enabled-councils',
        week: WEEK,
        teamId: TEAM,
        owner: USER,
        rev: 0,
        progress: '3',
      },
    ],
    [
      'a rev as text',
      {
        action: 'checkin',
        op: 'next',
        step: 'progress',
        mission: 'digitally-enabled-councils',
        week: WEEK,
        teamId: TEAM,
        owner: OWNER,
        rev: '0',
        progress: '3',
      },
    ],
    ['settings with no team', { action: 'checkinSettings', op: 'save', missions: 'digitally-enabled-councils' }],
    ['an unknown check-in action', { action: 'checkinDelete' }],
  ])('%s gets a clear card', async (_name, data) => {
    const me = person();
    await me.start({ mission: 'digitally-enabled-councils' });
    await expectRefused(me, data, /^That button didn't work/);
  });

  test('a card for another team is refused in a channel', async () => {
    const { me, outcomes } = await partWay();
    await expectRefused(
      me,
      { ...outcomes, teamId: OTHER_TEAM, outcomes: 'outcome:data' },
      /^That team isn't available/,
    );
  });

  test('a colleague pressing this person’s card in the channel changes nothing, and can start their own', async () => {
    const { me, outcomes } = await partWay();
    const colleague = new Person(h, () => channelContext('29:colleague'), inTeam);
    colleague.screen = me.screen;
    await expectRefused(colleague, { ...outcomes, outcomes: 'outcome:data' }, /^That check-in card is someone else’s/);
    // Even on the first question, where the colleague's own check-in is also at revision 0.
    const fresh = new Person(h, () => channelContext(), inTeam);
    const first = await fresh.start({ mission: 'digitally-equipped-places' });
    await expectRefused(
      colleague,
      fresh.dataFor('Next', { progress: '5' }, first),
      /^That check-in card is someone else’s/,
    );
    const own = await colleague.press('Start my check-in', {}, colleague.last);
    expect(JSON.stringify(own.card)).toContain('Question 1 of 5');
    expect(
      await h.local.getDraft({
        teamId: TEAM,
        userId: '29:colleague',
        mission: 'digitally-equipped-places',
        week: WEEK,
      }),
    ).toBeUndefined();
  });
});
