// "What needs attention": falling trends, low participation and an enabler named by many, checked
// as pure rules on roll-ups, and once through the card.
import { rollupOf } from '../../src/checkins/rollupContribution';
import { findingsOf, type AttentionInput } from '../../src/progress/attentionRules';
import { windowEnding } from '../../src/progress/weekWindow';
import type { CheckInAnswers, Mission, WeeklyRollup } from '../../src/domain';
import type { FrameworkStore } from '../../src/store/port';
import {
  answers,
  channelContext,
  closeStores,
  LEAD,
  makeLead,
  MISSION,
  only,
  openStore,
  progressFor,
  TEAM,
  textOf,
  THIS_WEEK,
  titleOf,
  writeRollup,
  checkIn,
  LAST_WEEK,
} from './support';
import { buttonsIn } from '../support/cardButtons';

const weeks = windowEnding(THIS_WEEK);

/** A week of `count` answers all scoring `progress`, with `enabler` named by the first `named` of them. */
function week(
  index: number,
  count: number,
  progress: CheckInAnswers['progress'],
  enabler?: { id: string; named: number },
  mission: Mission = MISSION,
): WeeklyRollup {
  const list = Array.from({ length: count }, (_, i) =>
    answers(progress, { enabler: enabler && i < enabler.named ? enabler.id : null }),
  );
  return rollupOf(TEAM, mission, weeks[index] ?? THIS_WEEK, list);
}

function input(rollups: WeeklyRollup[], more: Partial<AttentionInput> = {}): AttentionInput {
  return {
    missions: [MISSION],
    missionName: () => 'Digitally enabled councils',
    weeks,
    rollups,
    peopleLastWeek: 5,
    minResponses: 3,
    ...more,
  };
}

const steady = Array.from({ length: 12 }, (_, index) => week(index, 5, 4));

test('steady weeks need no attention', () => {
  expect(findingsOf(input(steady))).toEqual([]);
});

test('a mission whose last three shown weeks average half a point below the weeks before is falling', () => {
  const rollups = steady.map((rollup, index) => (index >= 9 ? week(index, 5, 3) : rollup));
  const findings = findingsOf(input(rollups));
  expect(findings).toEqual([
    expect.objectContaining({
      kind: 'falling',
      mission: MISSION,
      title: 'Progress on Digitally enabled councils is falling',
    }),
  ]);
  expect(findings[0]?.detail).toContain('average 3.0 out of 5, against 4.0');
});

test('hidden weeks are not part of a trend', () => {
  // The low weeks had two answers each: below the threshold, so they cannot make a trend.
  const rollups = steady.map((rollup, index) => (index >= 9 ? week(index, 2, 1) : rollup));
  expect(findingsOf(input(rollups)).filter((finding) => finding.kind === 'falling')).toEqual([]);
});

test('low participation: fewer than half of those prompted, too few to show, or a drop against the usual', () => {
  expect(findingsOf(input(steady, { peopleLastWeek: 4, prompted: 10 }))).toEqual([
    expect.objectContaining({ kind: 'participation', detail: '4 people of the 10 asked checked in.' }),
  ]);
  expect(findingsOf(input(steady, { peopleLastWeek: 5, prompted: 10 }))).toEqual([]);
  expect(findingsOf(input(steady, { peopleLastWeek: 2 }))).toEqual([
    expect.objectContaining({ kind: 'participation', title: 'Too few check-ins last week to show the answers' }),
  ]);
  const dropped = steady.map((rollup, index) =>
    index === 10 ? week(index, 3, 4) : index === 9 ? week(index, 3, 4) : rollup,
  );
  // Week 10 (last full week) had 3 answers against a usual 5: not under half. One answer is.
  expect(findingsOf(input(dropped, { peopleLastWeek: 3 }))).toEqual([]);
  const collapsed = steady.map((rollup, index) => (index === 10 ? week(index, 2, 4) : rollup));
  expect(findingsOf(input(collapsed, { peopleLastWeek: 3 }))).toEqual([
    expect.objectContaining({ kind: 'participation', title: 'Check-ins dropped last week' }),
  ]);
});

test('an enabler named in at least two answers in five over the last four weeks is flagged', () => {
  const rollups = steady.map((rollup, index) =>
    index >= 8 ? week(index, 5, 4, { id: 'enabler:capabilities', named: 2 }) : rollup,
  );
  expect(findingsOf(input(rollups))).toEqual([
    expect.objectContaining({ kind: 'enabler', title: 'Capabilities is holding many back' }),
  ]);
  const fewer = steady.map((rollup, index) =>
    index >= 8 ? week(index, 5, 4, { id: 'enabler:capabilities', named: 1 }) : rollup,
  );
  expect(findingsOf(input(fewer))).toEqual([]);
});

describe('the card', () => {
  let store: FrameworkStore;
  beforeEach(async () => {
    store = await openStore();
    await makeLead(store);
  });
  afterEach(closeStores);

  test('lists each finding with a button to the mission', async () => {
    for (const [index, each] of weeks.entries()) {
      if (each === THIS_WEEK || each === LAST_WEEK) continue;
      await writeRollup(
        store,
        each,
        Array.from({ length: 5 }, () => answers(index >= 8 ? 2 : 4, { enabler: 'enabler:data' })),
      );
    }
    for (const user of ['A', 'B', 'C', 'D', 'E'])
      await checkIn(store, user, LAST_WEEK, answers(2, { enabler: 'enabler:data' }));
    const reply = only(await progressFor(store).attention(channelContext(LEAD), TEAM, { prompted: 12 }));
    expect(titleOf(reply)).toBe('What needs attention');
    const text = textOf(reply);
    expect(text).toContain('3 things to look at');
    expect(text).toContain('Progress on Digitally enabled councils is falling');
    expect(text).toContain('Data is holding many back');
    expect(text).toContain('5 people of the 12 asked checked in.');
    expect(buttonsIn(reply.card).find((each) => each.title === 'Details')?.data).toEqual({
      action: 'progress',
      view: 'mission',
      teamId: TEAM,
      mission: MISSION,
    });
  });

  test('says plainly when nothing stands out', async () => {
    const reply = only(await progressFor(store).attention(channelContext(LEAD), TEAM));
    expect(textOf(reply)).toContain('Nothing stands out');
  });
});

test('a week a lead marked off is never a drop in check-ins, and weeks off are not part of the usual number', () => {
  const quietLastWeek = steady.map((rollup, index) => (index === 10 ? week(index, 0, 4) : rollup));
  const lastWeek = weeks[10] ?? '';
  expect(findingsOf(input(quietLastWeek, { peopleLastWeek: 0, prompted: 10 }))).toEqual([
    expect.objectContaining({ kind: 'participation', title: 'Few people checked in last week' }),
  ]);
  expect(findingsOf(input(quietLastWeek, { peopleLastWeek: 0, prompted: 10, weeksOff: [lastWeek] }))).toEqual([]);
});

describe('people away last week are away, not missing', () => {
  // Ten people are asked; the usual week has five answers on the one mission.
  const lastWeekIndex = 10;
  const OTHER: Mission = 'digitally-empowered-residents';
  const quiet = (count: number) =>
    steady.map((rollup, index) => (index === lastWeekIndex ? week(index, count, 4) : rollup));

  test('no participation finding when the low numbers come only from people away', () => {
    // Four checked in and six were away: everyone who was there answered.
    expect(findingsOf(input(quiet(4), { peopleLastWeek: 4, prompted: 10, awayLastWeek: 6 }))).toEqual([]);
    // Two checked in and two were away: with them there would have been enough to show the answers.
    expect(findingsOf(input(quiet(2), { peopleLastWeek: 2, awayLastWeek: 2 }))).toEqual([]);
    // Two answers against a usual five, with three of the five away: the two who were there answered.
    expect(findingsOf(input(quiet(2), { peopleLastWeek: 2, awayLastWeek: 3, minResponses: 2 }))).toEqual([]);
  });

  test('a finding still when people away do not explain it, and it says how many were away', () => {
    expect(findingsOf(input(quiet(2), { peopleLastWeek: 2, prompted: 10, awayLastWeek: 3 }))).toEqual([
      expect.objectContaining({
        kind: 'participation',
        title: 'Few people checked in last week',
        detail: '2 people of the 7 asked checked in. 3 people were away.',
      }),
    ]);
    expect(findingsOf(input(quiet(1), { peopleLastWeek: 1, awayLastWeek: 1 }))).toEqual([
      expect.objectContaining({ title: 'Too few check-ins last week to show the answers' }),
    ]);
    // Twelve answers a week over two missions; last week four people answered on one mission, and two
    // of the ten were away: about ten answers were expected from the eight who were there.
    const twoMissions = steady.flatMap((rollup, index) =>
      index === lastWeekIndex ? [week(index, 4, 4)] : [week(index, 6, 4), week(index, 6, 4, undefined, OTHER)],
    );
    expect(findingsOf(input(twoMissions, { peopleLastWeek: 4, prompted: 10, awayLastWeek: 2 }))).toEqual([
      expect.objectContaining({
        title: 'Check-ins dropped last week',
        detail:
          '4 answers last week, against a usual 12 a week. 2 people were away. About 10 were expected from the rest.',
      }),
    ]);
  });

  test('the card counts time away last week from the store', async () => {
    const store = await openStore();
    try {
      await makeLead(store);
      for (const each of weeks.slice(0, -2))
        await writeRollup(
          store,
          each,
          Array.from({ length: 5 }, () => answers(4)),
        );
      await checkIn(store, 'A', LAST_WEEK, answers(4));
      await checkIn(store, 'B', LAST_WEEK, answers(4));
      await checkIn(store, 'C', LAST_WEEK, answers(4));
      const attention = async () =>
        textOf(only(await progressFor(store).attention(channelContext(LEAD), TEAM, { prompted: 8 })));
      // Three of eight asked is under half: a finding, until the five others say they were away.
      expect(await attention()).toContain('3 people of the 8 asked checked in.');
      for (const user of ['D', 'E', 'F', 'G', 'H'])
        await store.saveAway({ teamId: TEAM, userId: user, from: '2026-11-16', until: '2026-11-20' });
      expect(await attention()).toContain('Nothing stands out');
    } finally {
      await closeStores();
    }
  });
});
