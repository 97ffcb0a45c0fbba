// The weekly summary posted to the whole team after a check-in week closes: what every member may see
// about THAT week, with the MIN_RESPONSES threshold as on every progress card, marked with its week,
// and read with the same few store reads whatever the team's history.
import { progressActionSchema } from '../../src/cards/progressPayloads';
import { SAMPLE_DATA_LABEL } from '../../src/progress/views';
import { weeksBefore } from '../../src/progress/weekWindow';
import { StoreUnavailableError } from '../../src/store/errors';
import type { FrameworkStore } from '../../src/store/port';
import type { Mission } from '../../src/domain';
import { buttonsIn } from '../support/cardButtons';
import {
  answers,
  checkIn,
  closeStores,
  countingStore,
  LAST_WEEK,
  makeLead,
  only,
  openStore,
  progressFor,
  TEAM,
  textOf,
  titleOf,
  writeRollup,
} from './support';

const OTHER: Mission = 'digitally-equipped-places';
let store: FrameworkStore;

beforeEach(async () => {
  store = await openStore();
  await makeLead(store);
});

afterEach(closeStores);

const secret = (progress: 1 | 2 | 3 | 4 | 5, n: number) =>
  answers(progress, {
    outcomes: ['outcome:democracy-and-participation'],
    enabler: 'enabler:connectivity',
    win: `Secret win ${n}`,
    blocker: `Secret blocker ${n}`,
  });

test('marks its week, shows that week’s participation and each mission’s average with the week before, and nothing more', async () => {
  for (const [index, user] of ['A', 'B', 'C'].entries()) await checkIn(store, user, LAST_WEEK, secret(4, index));
  await checkIn(store, 'D', LAST_WEEK, secret(2, 3));
  await writeRollup(store, weeksBefore(LAST_WEEK, 1), [answers(2), answers(3), answers(4)]);
  const reply = only([await progressFor(store).weeklySummary(TEAM, LAST_WEEK)]);
  expect(reply.kind).toBe('card');
  expect(titleOf(reply)).toBe('Check-in summary for Week 47');
  const text = textOf(reply);
  expect(text).toContain('Week 47, 16 to 22 November 2026');
  expect(text).toContain('4 people');
  expect(text).toContain('4 answers across missions.');
  // (4+4+4+2)/4 = 3.5 this week; the week before (2+3+4)/3 = 3.0.
  expect(text).toContain('3.5');
  expect(text).toContain('4 answers · the week before: 3.0');
  // Missions nobody answered on say so; no breakdown and no free text, whatever the count.
  expect(text).toContain('Nobody answered on this mission that week.');
  for (const word of ['Secret win', 'Secret blocker', 'Democracy', 'Connectivity']) expect(text).not.toContain(word);
  expect(text).not.toContain(SAMPLE_DATA_LABEL);
  expect(reply.summary).toBe('Check-in summary for Week 47: 4 people checked in');
  const buttons = buttonsIn(reply.card);
  expect(buttons).toEqual([{ title: 'Team progress', data: { action: 'progress', view: 'overview', teamId: TEAM } }]);
  expect(progressActionSchema.safeParse(buttons[0]?.data).success).toBe(true);
});

test('below the threshold: no figure, the reason said, participation still counted', async () => {
  await checkIn(store, 'A', LAST_WEEK, secret(5, 1));
  await checkIn(store, 'B', LAST_WEEK, secret(1, 2));
  const reply = only([await progressFor(store).weeklySummary(TEAM, LAST_WEEK)]);
  const text = textOf(reply);
  expect(text).toContain(
    "Fewer than 3 people answered on each mission in Week 47, so no figure is shown and no one's answers can be picked out.",
  );
  expect(text).toContain(
    "Hidden: 2 people answered; figures show once at least 3 do, so no one's answers can be picked out.",
  );
  expect(text).toContain('2 people');
  // The average (3.0) and anything anyone wrote or named stay out.
  expect(text).not.toMatch(/\d\.\d/);
  for (const word of ['Secret win', 'Secret blocker', 'Democracy', 'Connectivity']) expect(text).not.toContain(word);
});

test('at the threshold on one mission and below it on another: only the first shows a figure', async () => {
  for (const user of ['A', 'B', 'C']) await checkIn(store, user, LAST_WEEK, answers(4));
  await checkIn(store, 'A', LAST_WEEK, answers(1), OTHER);
  await checkIn(store, 'B', LAST_WEEK, answers(1), OTHER);
  const text = textOf(only([await progressFor(store).weeklySummary(TEAM, LAST_WEEK)]));
  expect(text).toContain('4.0');
  expect(text).not.toContain('1.0');
  expect(text).toContain(
    "Hidden: 2 people answered; figures show once at least 3 do, so no one's answers can be picked out.",
  );
  expect(text).not.toContain('Fewer than 3 people answered on each mission');
  // Three people, five answers: people are counted once however many missions they answered.
  expect(text).toContain('3 people');
  expect(text).toContain('5 answers across missions.');
});

test('a higher MIN_RESPONSES hides what the default shows', async () => {
  for (const user of ['A', 'B', 'C']) await checkIn(store, user, LAST_WEEK, answers(4));
  const text = textOf(only([await progressFor(store, { minResponses: 4 }).weeklySummary(TEAM, LAST_WEEK)]));
  expect(text).toContain(
    "Hidden: 3 people answered; figures show once at least 4 do, so no one's answers can be picked out.",
  );
  expect(text).not.toContain('4.0');
});

test('a week nobody checked in says so', async () => {
  const text = textOf(only([await progressFor(store).weeklySummary(TEAM, LAST_WEEK)]));
  expect(text).toContain('Nobody checked in during Week 47, so there is nothing to show.');
  expect(text).toContain('0 people');
});

test('a demo team’s summary carries the sample-data label', async () => {
  await store.updateTeamSettings(TEAM, (current) => ({ ...current, sampleData: true }));
  const text = textOf(only([await progressFor(store).weeklySummary(TEAM, LAST_WEEK)]));
  expect(text).toContain(`${SAMPLE_DATA_LABEL} · Week 47, 16 to 22 November 2026`);
});

test('the same three store reads at 4 and 260 weeks of history', async () => {
  const readsAfter = async (weeks: number) => {
    await closeStores();
    store = await openStore();
    await makeLead(store);
    for (let back = weeks - 1; back >= 1; back--)
      await writeRollup(store, weeksBefore(LAST_WEEK, back), [answers(3), answers(4), answers(5)]);
    for (const user of ['A', 'B', 'C']) await checkIn(store, user, LAST_WEEK, answers(4));
    const counted = countingStore(store);
    only([await progressFor(counted.store).weeklySummary(TEAM, LAST_WEEK)]);
    return { reads: counted.reads(), calls: [...counted.calls].sort() };
  };
  const short = await readsAfter(4);
  expect(await readsAfter(260)).toEqual(short);
  expect(short).toEqual({ reads: 3, calls: ['getTeamSettings', 'listRollups', 'listTeamCheckIns'] });
});

test('a store that does not answer is thrown to the caller (who retries), never posted as a notice card', async () => {
  const down = new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'listRollups')
        return async () => Promise.reject(new StoreUnavailableError('listRollups', new Error('down')));
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  await expect(progressFor(down).weeklySummary(TEAM, LAST_WEEK)).rejects.toBeInstanceOf(StoreUnavailableError);
});
