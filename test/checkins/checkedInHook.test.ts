// The check-ins capability tells its onCheckedIn hook about each saved check-in (the app updates the
// prompt card's count from it), and nothing the hook does can fail or change the check-in.
import { createCheckins } from '../../src/checkins';
import { answerAll, channelContext, harnessPerTest, Person, TEAM, titleOf, USER, WEEK } from './harness';

const h = harnessPerTest();
const inTeam = { teamId: TEAM, teamName: 'Digital team' };

function withHook(onCheckedIn: (teamId: string, week: string) => void): Person {
  h.checkins = createCheckins({ store: h.flaky.store, teams: h.directory, now: h.clock.date, onCheckedIn });
  return new Person(h, () => channelContext(USER), inTeam);
}

it('is told the team and week once the answer is stored, not for the steps before it', async () => {
  const told: Array<{ teamId: string; week: string }> = [];
  const readsWhenTold: Array<Promise<unknown>> = [];
  const me = withHook((teamId, week) => {
    told.push({ teamId, week });
    // Started when told: the answer must be in the store by then.
    readsWhenTold.push(h.local.getCheckIn({ teamId, userId: USER, mission: 'digitally-enabled-councils', week }));
  });
  await me.start({ mission: 'digitally-enabled-councils' });
  await answerAll(me, { progress: '3' });
  expect(told).toEqual([]);
  expect(titleOf(await me.press('Submit'))).toMatch(/^Check-in saved/);
  expect(told).toEqual([{ teamId: TEAM, week: WEEK }]);
  expect(await readsWhenTold[0]).toMatchObject({ teamId: TEAM, userId: USER, week: WEEK });
});

it('saves and answers the check-in normally when the hook throws', async () => {
  const me = withHook(() => {
    throw new Error('prompt updates broken');
  });
  await me.start({ mission: 'digitally-enabled-councils' });
  await answerAll(me, { progress: '3' });
  expect(titleOf(await me.press('Submit'))).toMatch(/^Check-in saved/);
  expect(
    await h.local.getCheckIn({ teamId: TEAM, userId: USER, mission: 'digitally-enabled-councils', week: WEEK }),
  ).toBeDefined();
});
