// Which team a check-in belongs to (channel, group chat, personal chat with 0, 1 or several teams),
// the team settings card, and "my check-ins".
import { CHECKIN_ACTIONS } from '../../src/checkins';
import {
  answerAll,
  cardText,
  channelContext,
  groupContext,
  inputValue,
  harnessPerTest,
  OTHER_TEAM,
  Person,
  personalContext,
  storeState,
  TEAM,
  titleOf,
  USER,
  WEEK,
} from './harness';

const h = harnessPerTest();

const twoTeams = [
  { teamId: TEAM, name: 'Digital team' },
  { teamId: OTHER_TEAM, name: 'Planning team' },
];

describe('which team', () => {
  test('personal chat, no team with the app: says to add it to a team first', async () => {
    const me = new Person(h, () => personalContext());
    const reply = await me.start();
    expect(titleOf(reply)).toBe('Add Framework Guide to a team first');
    expect(titleOf(await me.settings())).toBe('Add Framework Guide to a team first');
  });

  test('personal chat, one team: no question about the team', async () => {
    h.directory.memberships.set(USER, [{ teamId: OTHER_TEAM, name: 'Planning team' }]);
    const me = new Person(h, () => personalContext());
    const reply = await me.start();
    expect(titleOf(reply)).toBe('Check in for Planning team');
    await me.pressWhere('Start', { mission: 'digitally-enabled-councils' });
    await answerAll(me, { progress: '3' });
    await me.press('Submit');
    expect(await h.local.listTeamCheckIns(OTHER_TEAM, WEEK)).toHaveLength(1);
  });

  test('personal chat, several teams: the person chooses, and the choice carries through', async () => {
    h.directory.memberships.set(USER, twoTeams);
    const me = new Person(h, () => personalContext());
    const choice = await me.start({ mission: 'digitally-equipped-places' });
    expect(titleOf(choice)).toBe('Which team are you checking in for?');
    expect(cardText(choice)).toContain('Planning team');
    // The choice arrives as the "teamId" input merged into the button's data.
    const question = await me.press('Continue', { teamId: OTHER_TEAM });
    expect(question.kind).toBe('updateCard');
    expect(titleOf(question)).toBe('Check-in: Digitally equipped places');
    await answerAll(me, { progress: '2' });
    await me.press('Submit');
    expect(await h.local.listTeamCheckIns(OTHER_TEAM, WEEK)).toHaveLength(1);
    expect(await h.local.listTeamCheckIns(TEAM, WEEK)).toHaveLength(0);
  });

  test('personal chat: a team the person is not in is refused, and nothing changes', async () => {
    h.directory.memberships.set(USER, [{ teamId: TEAM, name: 'Digital team' }]);
    const me = new Person(h, () => personalContext());
    await me.start({ mission: 'digitally-enabled-councils' });
    const forged = me.dataFor('Next', { progress: '3', teamId: OTHER_TEAM });
    const before = await storeState(h.local, [TEAM, OTHER_TEAM]);
    expect(titleOf(await me.send(forged))).toBe("That team isn't available");
    expect(titleOf(await me.send({ action: 'checkinStart', teamId: OTHER_TEAM }))).toBe("That team isn't available");
    expect(await storeState(h.local, [TEAM, OTHER_TEAM])).toBe(before);
  });

  test('a channel without the team id from the edge uses the channel conversation, without its thread', async () => {
    const me = new Person(h, () => channelContext());
    await me.start({ mission: 'digitally-enabled-councils' });
    await answerAll(me, { progress: '4' });
    await me.press('Submit');
    expect(await h.local.listTeamCheckIns('19:checkins-channel@thread.tacv2', WEEK)).toHaveLength(1);
    expect(h.directory.calls).toBe(0);
  });

  test('a group chat is its own team', async () => {
    const me = new Person(h, () => groupContext());
    const choice = await me.start();
    expect(titleOf(choice)).toBe('Check in for this chat');
    await me.pressWhere('Start', { mission: 'digitally-enabled-councils' });
    await answerAll(me, { progress: '1' });
    await me.press('Submit');
    expect(await h.local.listTeamCheckIns('19:group-chat@thread.v2', WEEK)).toHaveLength(1);
  });
});

describe('team settings', () => {
  test('shows the current settings and saves missions and focus outcomes, keeping the rest', async () => {
    await h.local.updateTeamSettings(TEAM, (settings) => ({
      ...settings,
      schedule: { day: 3, time: '14:30', timeZone: 'Europe/London' },
      leads: ['29:lead'],
    }));
    const me = new Person(h, () => channelContext(), { teamId: TEAM, teamName: 'Digital team' });
    const card = await me.settings();
    expect(titleOf(card)).toBe('Check-in settings: Digital team');
    expect(inputValue(card.card, 'missions')).toBe(
      'digitally-enabled-councils,digitally-empowered-residents,digitally-equipped-places',
    );
    expect(inputValue(card.card, 'focusOutcomes')).toBe('');

    const saved = await me.press('Save settings', {
      missions: 'digitally-empowered-residents',
      focusOutcomes: 'outcome:inclusion,outcome:connectivity',
    });
    expect(saved.kind).toBe('updateCard');
    expect(cardText(saved)).toContain('Saved.');
    expect(inputValue(saved.card, 'focusOutcomes')).toBe('outcome:connectivity,outcome:inclusion');
    expect((await h.local.getTeamSettings(TEAM))?.value).toMatchObject({
      missions: ['digitally-empowered-residents'],
      focusOutcomes: ['outcome:connectivity', 'outcome:inclusion'],
      schedule: { day: 3, time: '14:30' },
      leads: ['29:lead'],
    });

    // One mission: "check in" goes straight to it, with the focus outcomes ticked.
    const question = await me.start();
    expect(titleOf(question)).toBe('Check-in: Digitally empowered residents');
    const outcomes = await me.press('Next', { progress: '3' });
    expect(inputValue(outcomes.card, 'outcomes')).toBe('outcome:connectivity,outcome:inclusion');

    // A mission the team does not check in on is refused, with the way on.
    const refused = await me.start({ mission: 'digitally-equipped-places' });
    expect(titleOf(refused)).toBe('Your team doesn’t check in on Digitally equipped places');
    expect(cardText(refused)).toContain('Check-in settings');
  });

  test.each([
    ['no mission', { missions: '', focusOutcomes: '' }],
    ['no mission, the empty input left out as clients do', {}],
    ['an unknown mission', { missions: 'digital-moon', focusOutcomes: '' }],
    ['an unknown outcome', { missions: 'digitally-enabled-councils', focusOutcomes: 'outcome:nope' }],
  ])('%s is refused and nothing is saved', async (_name, inputs) => {
    const me = new Person(h, () => channelContext(), { teamId: TEAM });
    await me.settings();
    const before = await storeState(h.local);
    expect(titleOf(await me.press('Save settings', inputs))).toBe("That answer couldn't be saved");
    expect(await storeState(h.local)).toBe(before);
  });

  test('saves when the client leaves out the focus outcomes because none is ticked', async () => {
    // The Agents Playground (like Teams) sends no value at all for a multi-select with nothing ticked.
    const me = new Person(h, () => channelContext(), { teamId: TEAM });
    await me.settings();
    const saved = await me.press('Save settings', { missions: 'digitally-equipped-places' });
    expect(cardText(saved)).toContain('Saved.');
    expect((await h.local.getTeamSettings(TEAM))?.value).toMatchObject({
      missions: ['digitally-equipped-places'],
      focusOutcomes: [],
    });
  });

  test('saves the bank holidays and weeks off, and says the next prompt’s actual date, moved off a bank holiday', async () => {
    // 09:00 on Monday 23 November 2026: the team prompts on Mondays at 08:30, so the next one is on the 30th.
    await h.local.updateTeamSettings(TEAM, (settings) => ({
      ...settings,
      schedule: { day: 1, time: '08:30', timeZone: 'Europe/London' },
      leads: [USER],
    }));
    const lead = new Person(h, () => channelContext(), { teamId: TEAM, teamName: 'Digital team' });
    const card = await lead.settings();
    expect(inputValue(card.card, 'bankHolidayRegion')).toBe('england-and-wales');
    expect(inputValue(card.card, 'onBankHoliday')).toBe('move');
    expect(cardText(card)).toContain('Next prompt: Monday 30 November 2026 at 08:30.');
    expect(cardText(card)).toContain('21 to 27 December 2026');

    // St Andrew's Day, 30 November, is a Scottish bank holiday: the next prompt moves to the Tuesday.
    const base = { missions: 'digitally-enabled-councils', focusOutcomes: '' };
    const scottish = await lead.press('Save settings', {
      ...base,
      bankHolidayRegion: 'scotland',
      onBankHoliday: 'move',
    });
    expect(cardText(scottish)).toContain('Next prompt: Tuesday 1 December 2026 at 08:30 (moved from St Andrew’s Day).');
    // Skipping it, and marking the week after off, puts the next prompt three weeks on.
    const skipping = await lead.press('Save settings', {
      ...base,
      bankHolidayRegion: 'scotland',
      onBankHoliday: 'skip',
      weeksOff: '2026-W50',
    });
    expect(cardText(skipping)).toContain('Next prompt: Monday 14 December 2026 at 08:30.');
    expect(inputValue(skipping.card, 'weeksOff')).toBe('2026-W50');
    expect((await h.local.getTeamSettings(TEAM))?.value).toMatchObject({
      bankHolidays: { region: 'scotland', onHoliday: 'skip' },
      weeksOff: ['2026-W50'],
    });
    // Nothing ticked: the client sends no weeksOff at all, which clears them.
    await lead.press('Save settings', { ...base, bankHolidayRegion: 'scotland', onBankHoliday: 'skip' });
    expect((await h.local.getTeamSettings(TEAM))?.value.weeksOff).toEqual([]);
  });

  test('only a lead changes the weeks off; anyone may save the rest with the weeks off as they are', async () => {
    await h.local.updateTeamSettings(TEAM, (settings) => ({ ...settings, leads: ['29:lead'], weeksOff: ['2026-W52'] }));
    const member = new Person(h, () => channelContext(), { teamId: TEAM });
    await member.settings();
    const base = { missions: 'digitally-enabled-councils', focusOutcomes: '', bankHolidayRegion: 'england-and-wales' };
    const before = await storeState(h.local);
    const refused = await member.press('Save settings', { ...base, onBankHoliday: 'move', weeksOff: '' });
    expect(titleOf(refused)).toBe("That answer couldn't be saved");
    expect(cardText(refused)).toContain('Only the team');
    expect(await storeState(h.local)).toBe(before);
    const saved = await member.press('Save settings', { ...base, onBankHoliday: 'skip', weeksOff: '2026-W52' });
    expect(cardText(saved)).toContain('Saved.');
    expect((await h.local.getTeamSettings(TEAM))?.value).toMatchObject({
      weeksOff: ['2026-W52'],
      bankHolidays: { region: 'england-and-wales', onHoliday: 'skip' },
    });
  });

  test.each([
    ['an unknown nation', { bankHolidayRegion: 'wales', onBankHoliday: 'move' }],
    ['no choice of move or skip', { bankHolidayRegion: 'scotland' }],
    ['a week off that is not a week', { bankHolidayRegion: 'scotland', onBankHoliday: 'move', weeksOff: 'Christmas' }],
  ])('%s is refused and nothing is saved', async (_name, inputs) => {
    await h.local.updateTeamSettings(TEAM, (settings) => ({ ...settings, leads: [USER] }));
    const lead = new Person(h, () => channelContext(), { teamId: TEAM });
    await lead.settings();
    const before = await storeState(h.local);
    const reply = await lead.press('Save settings', { missions: 'digitally-enabled-councils', ...inputs });
    expect(titleOf(reply)).toBe("That answer couldn't be saved");
    expect(await storeState(h.local)).toBe(before);
  });

  test('a week off newly ticked before this week is refused; one already off may stay', async () => {
    // Now is Monday 23 November 2026, week 48.
    await h.local.updateTeamSettings(TEAM, (settings) => ({ ...settings, leads: [USER], weeksOff: ['2026-W40'] }));
    const lead = new Person(h, () => channelContext(), { teamId: TEAM });
    await lead.settings();
    const base = {
      missions: 'digitally-enabled-councils',
      bankHolidayRegion: 'england-and-wales',
      onBankHoliday: 'move',
    };
    const before = await storeState(h.local);
    const refused = await lead.press('Save settings', { ...base, weeksOff: '2026-W40,2026-W47' });
    expect(titleOf(refused)).toBe("That answer couldn't be saved");
    expect(cardText(refused)).toContain('A week off cannot be in the past');
    expect(await storeState(h.local)).toBe(before);
    await lead.settings();
    const saved = await lead.press('Save settings', { ...base, weeksOff: '2026-W40,2026-W48,2026-W50' });
    expect(cardText(saved)).toContain('Saved.');
    expect((await h.local.getTeamSettings(TEAM))?.value.weeksOff).toEqual(['2026-W40', '2026-W48', '2026-W50']);
  });

  test('personal chat with several teams asks which team first', async () => {
    h.directory.memberships.set(USER, twoTeams);
    const me = new Person(h, () => personalContext());
    const choice = await me.settings();
    expect(titleOf(choice)).toBe('Which team’s check-in settings?');
    const card = await me.press('Continue', { teamId: OTHER_TEAM });
    expect(titleOf(card)).toBe('Check-in settings: Planning team');
    await me.press('Save settings', { missions: 'digitally-enabled-councils', focusOutcomes: '' });
    expect((await h.local.getTeamSettings(OTHER_TEAM))?.value.missions).toEqual(['digitally-enabled-councils']);
  });
});

describe('my check-ins', () => {
  test('with nothing yet: says so and offers to check in', async () => {
    const me = new Person(h, () => channelContext(), { teamId: TEAM });
    const mine = await me.mine();
    expect(titleOf(mine)).toBe('Your recent check-ins');
    expect(cardText(mine)).toContain('You haven’t submitted a check-in yet');
    expect(me.dataFor('Check in', {}, mine)).toEqual({ action: 'checkinStart', teamId: TEAM });
  });

  test('in a personal chat: the person’s answers across teams, newest first, and unfinished ones to continue', async () => {
    h.directory.memberships.set(USER, twoTeams);
    const me = new Person(h, () => personalContext());
    await me.start({ teamId: TEAM, mission: 'digitally-enabled-councils' });
    await answerAll(me, { progress: '2', win: 'Old win' });
    await me.press('Submit');
    h.clock.advance(7 * 24 * 3600 * 1000);
    await me.start({ teamId: OTHER_TEAM, mission: 'digitally-equipped-places' });
    await answerAll(me, { progress: '5', win: 'New win', outcomes: 'outcome:connectivity' });
    await me.press('Submit');
    await me.start({ teamId: TEAM, mission: 'digitally-empowered-residents' });
    await me.press('Next', { progress: '3' });

    const mine = await me.mine();
    expect(mine.kind).toBe('card');
    const text = cardText(mine);
    expect(text).toContain('Not finished yet');
    expect(text).toContain('Digitally empowered residents · Digital team');
    expect(text.indexOf('New win')).toBeLessThan(text.indexOf('Old win'));
    expect(text).toContain('Digitally equipped places · Planning team');
    expect(text).toContain('5 of 5: A big step forward');
    expect(text).toContain('Week 48, 23 to 29 November 2026');
    const resumed = await me.press('Continue', {}, mine);
    expect(cardText(resumed)).toContain('Question 2 of 5');
  });

  test('in a channel: only that team’s answers', async () => {
    h.directory.memberships.set(USER, twoTeams);
    const personal = new Person(h, () => personalContext());
    await personal.start({ teamId: OTHER_TEAM, mission: 'digitally-enabled-councils' });
    await answerAll(personal, { progress: '2', win: 'Planning win' });
    await personal.press('Submit');
    const inChannel = new Person(h, () => channelContext(), { teamId: TEAM, teamName: 'Digital team' });
    await inChannel.start({ mission: 'digitally-enabled-councils' });
    await answerAll(inChannel, { progress: '4', win: 'Digital win' });
    await inChannel.press('Submit');

    const text = cardText(await inChannel.mine());
    expect(text).toContain('Digital win');
    expect(text).not.toContain('Planning win');
  });

  test('the "My check-ins" button on the saved card sends a new message', async () => {
    const me = new Person(h, () => channelContext(), { teamId: TEAM });
    await me.start({ mission: 'digitally-enabled-councils' });
    await answerAll(me, { progress: '4' });
    const saved = await me.press('Submit');
    const mine = await me.press('My check-ins', {}, saved);
    expect(mine.kind).toBe('card');
    expect(titleOf(mine)).toBe('Your recent check-ins');
  });
});

test('CHECKIN_ACTIONS lists every action the cards send', () => {
  expect([...CHECKIN_ACTIONS].sort()).toEqual([
    'checkin',
    'checkinAway',
    'checkinMine',
    'checkinSettings',
    'checkinStart',
  ]);
});
