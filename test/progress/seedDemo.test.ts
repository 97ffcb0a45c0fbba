// The demo seed gives consistent figures: its roll-ups equal a rebuild from its answers, and the
// overview for the demo team is a valid card with data, clearly marked as sample data.
import { PLAYGROUND_TEAM_ID, seedDemo } from '../../scripts/seed-demo';
import { DEFAULT_MIN_RESPONSES } from '../../src/config';
import { createProgress, rebuildRollups } from '../../src/progress';
import { SAMPLE_DATA_LABEL } from '../../src/progress/views';
import { windowEnding } from '../../src/progress/weekWindow';
import { closeStores, NOW, only, openStore, textOf, THIS_WEEK, titleOf } from './support';

afterEach(closeStores);

test('seeds 12 weeks for 8 people that the overview and attention cards can show', async () => {
  const store = await openStore();
  const written = await seedDemo(store, NOW, PLAYGROUND_TEAM_ID, 'me');
  expect(written).toBeGreaterThan(100);
  const range = { fromWeek: windowEnding(THIS_WEEK)[0] ?? THIS_WEEK, toWeek: THIS_WEEK };
  const seeded = await store.listRollups(PLAYGROUND_TEAM_ID, range);
  await rebuildRollups(store, PLAYGROUND_TEAM_ID, windowEnding(THIS_WEEK));
  expect(await store.listRollups(PLAYGROUND_TEAM_ID, range)).toEqual(seeded);

  const progress = createProgress({ store, now: () => NOW, minResponses: DEFAULT_MIN_RESPONSES });
  const context = {
    activityId: 'a',
    conversationId: 'a:personal',
    conversationKind: 'personal' as const,
    userId: 'me',
  };
  const overview = only(await progress.overview(context, PLAYGROUND_TEAM_ID, { teamName: 'My Team' }));
  expect(titleOf(overview)).toBe('Team progress overview');
  expect(textOf(overview)).toContain(`${SAMPLE_DATA_LABEL} · My Team`);
  expect(textOf(overview)).toContain('[Sample data]');
  const attention = only(await progress.attention(context, PLAYGROUND_TEAM_ID));
  expect(textOf(attention)).toContain('Capabilities is holding many back');
  expect(textOf(attention)).toContain(SAMPLE_DATA_LABEL);
  // A team the seed never touched is not marked.
  await store.updateTeamSettings('real-team', (current) => ({ ...current, leads: ['me'] }));
  expect(textOf(only(await progress.overview(context, 'real-team', {})))).not.toContain(SAMPLE_DATA_LABEL);
});
