// The demo seed gives consistent figures: its roll-ups equal a rebuild from its answers, and the
// overview for the demo team is a valid card with data, clearly marked as sample data.
import { DEMO_TEAM_ID, DEMO_TEAM_NAME, seedDemo } from '../../scripts/seed-demo';
import { createProgress, rebuildRollups } from '../../src/progress';
import { windowEnding } from '../../src/progress/weekWindow';
import { closeStores, NOW, only, openStore, textOf, THIS_WEEK, titleOf } from './support';

afterEach(closeStores);

test('seeds 12 weeks for 8 people that the overview and attention cards can show', async () => {
  const store = await openStore();
  const written = await seedDemo(store, NOW, 'me');
  expect(written).toBeGreaterThan(100);
  const range = { fromWeek: windowEnding(THIS_WEEK)[0] ?? THIS_WEEK, toWeek: THIS_WEEK };
  const seeded = await store.listRollups(DEMO_TEAM_ID, range);
  await rebuildRollups(store, DEMO_TEAM_ID, windowEnding(THIS_WEEK));
  expect(await store.listRollups(DEMO_TEAM_ID, range)).toEqual(seeded);

  const progress = createProgress({ store, now: () => NOW });
  const context = { activityId: 'a', conversationId: 'a:personal', conversationKind: 'personal' as const, userId: 'me' };
  const overview = only(await progress.overview(context, DEMO_TEAM_ID, { teamName: DEMO_TEAM_NAME }));
  expect(titleOf(overview)).toBe('Team progress overview');
  expect(textOf(overview)).toContain('Demo team (sample data)');
  expect(textOf(overview)).toContain('[Sample data]');
  const attention = only(await progress.attention(context, DEMO_TEAM_ID));
  expect(textOf(attention)).toContain('Capabilities is holding many back');
});
