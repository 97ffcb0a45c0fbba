// Fast at any history length: a progress card reads the team's settings, one window of roll-ups and
// at most one week's check-ins, so the number of store reads is the same after 4 weeks as after 5
// years. Counted with a Proxy of the store PORT.
import type { FrameworkStore } from '../../src/store/port';
import { weeksBefore } from '../../src/progress/weekWindow';
import {
  answers,
  channelContext,
  closeStores,
  countingStore,
  LEAD,
  makeLead,
  MISSION,
  only,
  openStore,
  progressFor,
  TEAM,
  THIS_WEEK,
  writeRollup,
  checkIn,
} from './support';

async function storeWithHistory(weeks: number): Promise<FrameworkStore> {
  const store = await openStore();
  await makeLead(store);
  for (let back = weeks - 1; back >= 1; back--) {
    await writeRollup(store, weeksBefore(THIS_WEEK, back), [
      answers(3, { outcomes: ['outcome:data'] }),
      answers(4),
      answers(5, { enabler: 'enabler:data' }),
    ]);
  }
  for (const user of ['A', 'B', 'C']) await checkIn(store, user, THIS_WEEK, answers(4, { win: 'A win' }));
  return store;
}

async function readsFor(store: FrameworkStore): Promise<Record<string, { reads: number; calls: string[] }>> {
  const result: Record<string, { reads: number; calls: string[] }> = {};
  const views = {
    overview: (p: ReturnType<typeof progressFor>) => p.overview(channelContext(LEAD), TEAM),
    mission: (p: ReturnType<typeof progressFor>) => p.mission(channelContext(LEAD), TEAM, MISSION),
    outcome: (p: ReturnType<typeof progressFor>) => p.outcome(channelContext(LEAD), TEAM, 'outcome:data'),
    attention: (p: ReturnType<typeof progressFor>) => p.attention(channelContext(LEAD), TEAM),
    summary: (p: ReturnType<typeof progressFor>) => p.summary(channelContext('29:member'), TEAM),
  };
  for (const [name, run] of Object.entries(views)) {
    const counted = countingStore(store);
    only(await run(progressFor(counted.store)));
    result[name] = { reads: counted.reads(), calls: counted.calls };
  }
  return result;
}

afterEach(closeStores);

test('the same store reads for every card at 4 and 260 weeks of history, with one listRollups each', async () => {
  const short = await readsFor(await storeWithHistory(4));
  const long = await readsFor(await storeWithHistory(260));
  expect(long).toEqual(short);
  // The window's time away is one more fixed read beside its roll-ups (read together).
  expect([...(short.overview?.calls ?? [])].sort()).toEqual([
    'getTeamSettings',
    'listRollups',
    'listTeamAway',
    'listTeamCheckIns',
  ]);
  for (const { calls, reads } of Object.values(short)) {
    expect(calls.filter((name) => name === 'listRollups')).toHaveLength(1);
    expect(calls.filter((name) => name === 'listTeamAway')).toHaveLength(1);
    expect(reads).toBeLessThanOrEqual(4);
  }
});
