// Figures on a small hand-computed team: three people, two weeks, one mission.
//
//   W47: A 4 {data, services} leadership {inclusive} · B 2 {data} leadership {} · C 3 {} none {inclusive, user-centric}
//   W48: A 5 {data} · B 4 {services} · C 3 {data} capabilities
//
//   W47 average 3.0, W48 average 4.0, both weeks (weighted) 3.5.
//   Outcomes over 6 answers: Data 4 (67%), Services 2 (33%). Enablers: Leadership 2 (33%), Capabilities 1 (17%).
//   Principles under one answer in five (< 1.2 of 6): every one but Inclusive (2).
import {
  answers,
  TEAM,
  channelContext,
  checkIn,
  closeStores,
  LAST_WEEK,
  LEAD,
  makeLead,
  MISSION,
  only,
  openStore,
  progressFor,
  textOf,
  THIS_WEEK,
  titleOf,
} from './support';
import type { FrameworkStore } from '../../src/store/port';

let store: FrameworkStore;

beforeEach(async () => {
  store = await openStore();
  await makeLead(store);
  await checkIn(
    store,
    'A',
    LAST_WEEK,
    answers(4, {
      outcomes: ['outcome:data', 'outcome:services'],
      enabler: 'enabler:leadership',
      principles: ['principle:inclusive'],
    }),
  );
  await checkIn(store, 'B', LAST_WEEK, answers(2, { outcomes: ['outcome:data'], enabler: 'enabler:leadership' }));
  await checkIn(store, 'C', LAST_WEEK, answers(3, { principles: ['principle:inclusive', 'principle:user-centric'] }));
  await checkIn(store, 'A', THIS_WEEK, answers(5, { outcomes: ['outcome:data'], win: 'Launched the bin app' }));
  await checkIn(
    store,
    'B',
    THIS_WEEK,
    answers(4, { outcomes: ['outcome:services'], blocker: 'Waiting on the data sharing agreement' }),
  );
  await checkIn(store, 'C', THIS_WEEK, answers(3, { outcomes: ['outcome:data'], enabler: 'enabler:capabilities' }));
});

afterEach(closeStores);

test('the overview shows participation, the mission trend, outcomes, enablers and rare principles', async () => {
  const reply = only(
    await progressFor(store).overview(channelContext(LEAD), TEAM, { prompted: 4, teamName: 'Digital team' }),
  );
  expect(titleOf(reply)).toBe('Team progress overview');
  const text = textOf(reply);
  expect(text).toContain('Digital team · Week 48, 23 to 29 November 2026');
  expect(text).toContain('3 of 4'); // people this week, of those asked
  expect(text).toContain('W47: 3 · W48: 3');
  expect(text).toContain('4.0 this week');
  expect(text).toContain('average 3.5');
  expect(text).toContain('From 6 answers in weeks where at least 3 people answered.');
  expect(text).toContain('Named in 4 of 6 answers (67%)'); // Data
  expect(text).toContain('Named in 2 of 6 answers (33%)'); // Services, Leadership
  expect(text).toContain('Named in 1 of 6 answers (17%)'); // Capabilities
  expect(text).toContain('Checked in 1 of 6 answers (17%)'); // User-centric: rare
  expect(text).not.toContain('Checked in 2 of 6 answers'); // Inclusive: not rare
  expect(text).toContain('Launched the bin app');
  expect(text).toContain('Waiting on the data sharing agreement');
  // No names anywhere: the user ids behind the answers never reach the card.
  expect(JSON.stringify(reply.card)).not.toMatch(/"(A|B|C)"/);
});

test('weeks a lead marked off say "week off" on the overview and the mission card, not no answers', async () => {
  await store.updateTeamSettings(TEAM, (settings) => ({ ...settings, weeksOff: ['2026-W46', THIS_WEEK] }));
  const overview = textOf(only(await progressFor(store).overview(channelContext(LEAD), TEAM, { prompted: 4 })));
  expect(overview).toMatch(/This week\nA lead marked this week off[^\n]*\nWeek off/);
  expect(overview).toContain('W46: week off · W47: 3 · W48: week off');
  expect(overview).toMatch(/Weeks off\n[^\n]*\n2/);
  const mission = textOf(only(await progressFor(store).mission(channelContext(LEAD), TEAM, MISSION)));
  expect(mission).toMatch(/Week 46, 9 to 15 November 2026\n[^\n]*\nweek off/);
  expect(mission).toMatch(/Week 45, 2 to 8 November 2026\n[^\n]*\nno answers/);
});

test('people away are counted as away, not as missing: this week, and week by week', async () => {
  // D is away all of this week and has not checked in; A is away too but checked in anyway.
  await store.saveAway({ teamId: TEAM, userId: 'D', from: '2026-11-16', until: '2026-11-29' });
  await store.saveAway({ teamId: TEAM, userId: 'A', from: '2026-11-23', until: '2026-11-23' });
  const text = textOf(only(await progressFor(store).overview(channelContext(LEAD), TEAM, { prompted: 4 })));
  expect(text).toContain('3 of 3'); // D is not among those asked
  expect(text).toMatch(/Away this week\n[^\n]*\n1 person/);
  expect(text).toContain('W47: 3 (1 away) · W48: 3 (2 away)');
  // Nobody's name or id reaches the card.
  expect(text).not.toMatch(/\bD\b/);
});

test('the mission card has week-by-week averages and the ratings histogram', async () => {
  const reply = only(await progressFor(store).mission(channelContext(LEAD), TEAM, MISSION));
  expect(titleOf(reply)).toBe('Progress: Digitally enabled councils');
  const text = textOf(reply);
  expect(text).toMatch(/Week 48, 23 to 29 November 2026\n3 answers █+\n4\.0/);
  expect(text).toMatch(/Week 47, 16 to 22 November 2026\n3 answers █+\n3\.0/);
  // Ratings over both weeks: 5 once, 4 twice, 3 twice, 2 once.
  expect(text).toMatch(/4: Good progress\n2 of 6 answers \(33%\)\n2/);
  expect(text).toContain('1 of 6 answers (17%)');
});

test('the outcome card counts answers naming the outcome, week by week and by mission', async () => {
  const reply = only(await progressFor(store).outcome(channelContext(LEAD), TEAM, 'outcome:data'));
  expect(titleOf(reply)).toBe('Outcome: Data');
  const text = textOf(reply);
  expect(text).toMatch(/Week 48, 23 to 29 November 2026\nNamed in 2 of 3 answers \(67%\)\n2/);
  expect(text).toMatch(/Week 47, 16 to 22 November 2026\nNamed in 2 of 3 answers \(67%\)\n2/);
  expect(text).toMatch(/Digitally enabled councils\nNamed in 4 of 6 answers \(67%\)\n4/);
});

test('an outcome the framework does not have gets a plain notice', async () => {
  const reply = only(await progressFor(store).outcome(channelContext(LEAD), TEAM, 'outcome:nonsense'));
  expect(titleOf(reply)).toBe('That outcome is not in the framework');
});
