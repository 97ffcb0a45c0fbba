// The privacy threshold: any figure made from answers, and any free text, shows only when at least
// MIN_RESPONSES people answered; below it the card says why the figure is hidden.
import type { FrameworkStore } from '../../src/store/port';
import {
  answers,
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
  TEAM,
  textOf,
  THIS_WEEK,
} from './support';

let store: FrameworkStore;

beforeEach(async () => {
  store = await openStore();
  await makeLead(store);
});

afterEach(closeStores);

const secret = (n: number) =>
  answers(5, {
    outcomes: ['outcome:democracy-and-participation'],
    enabler: 'enabler:connectivity',
    win: `Secret win ${n}`,
  });

test('two answers: the average, breakdowns and free text are hidden, with the reason', async () => {
  await checkIn(store, 'A', THIS_WEEK, secret(1));
  await checkIn(store, 'B', THIS_WEEK, secret(2));
  const text = textOf(only(await progressFor(store).overview(channelContext(LEAD), TEAM)));
  expect(text).toContain('hidden this week');
  expect(text).toContain(
    "Hidden: 2 people answered; figures show once at least 3 do, so no one's answers can be picked out.",
  );
  expect(text).toContain('Hidden: no week had at least 3 people answering.');
  expect(text).not.toContain('Secret win');
  expect(text).not.toContain('Democracy');
  expect(text).not.toContain('Connectivity');
  // Participation names nobody, so it still shows.
  expect(text).toContain('2 people');
});

test('three answers: everything shows', async () => {
  for (const [index, user] of ['A', 'B', 'C'].entries()) await checkIn(store, user, THIS_WEEK, secret(index));
  const text = textOf(only(await progressFor(store).overview(channelContext(LEAD), TEAM)));
  expect(text).toContain('5.0 this week');
  expect(text).toContain('Secret win 0');
  expect(text).toContain('Democracy and participation');
  expect(text).toContain('Connectivity');
  expect(text).not.toContain('Hidden: 3');
});

test('a small week stays out of multi-week totals, and the card says how many answers were left out', async () => {
  for (const user of ['A', 'B', 'C']) await checkIn(store, user, LAST_WEEK, answers(3, { outcomes: ['outcome:data'] }));
  await checkIn(store, 'A', THIS_WEEK, answers(1, { outcomes: ['outcome:value'] }));
  const text = textOf(only(await progressFor(store).overview(channelContext(LEAD), TEAM)));
  expect(text).toContain(
    'From 3 answers in weeks where at least 3 people answered. 1 answers from weeks with fewer people are left out',
  );
  expect(text).not.toContain('Value');
  expect(text).toContain('average 3.0');
  const mission = textOf(only(await progressFor(store).mission(channelContext(LEAD), TEAM, MISSION)));
  expect(mission).toContain('Hidden: 1 person answered');
});

test('the threshold is a parameter', async () => {
  await checkIn(store, 'A', THIS_WEEK, secret(1));
  await checkIn(store, 'B', THIS_WEEK, secret(2));
  const text = textOf(only(await progressFor(store, { minResponses: 2 }).overview(channelContext(LEAD), TEAM)));
  expect(text).toContain('5.0 this week');
  expect(text).toContain('Secret win 1');
  expect(text).toContain('at least 2 people answered');
});
