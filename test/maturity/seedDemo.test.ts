// The demo seed's two self-assessment rounds: figures equal a rebuild from the stored assessments,
// and the maturity card for the demo team shows this round against last, marked as sample data.
import { PLAYGROUND_TEAM_ID, seedDemo } from '../../scripts/seed-demo';
import { rollupOfRound } from '../../src/maturity/figures';
import { createMaturity } from '../../src/maturity';
import { previousRound, quarterOf } from '../../src/maturity/rounds';
import { expectValidCard } from '../support/cardValidation';
import { closeStores, NOW, openStore } from '../progress/support';

afterEach(closeStores);

test('seeds two rounds that the lead’s maturity card shows, with last round beside this one', async () => {
  const store = await openStore();
  await seedDemo(store, NOW, PLAYGROUND_TEAM_ID, 'me');
  const round = quarterOf(NOW, 'Europe/London');
  const maturity = (await store.getTeamMaturity(PLAYGROUND_TEAM_ID))?.value;
  for (const each of [previousRound(round), round])
    expect(maturity?.rollups[each]).toEqual(
      rollupOfRound(each, await store.listRoundAssessments(PLAYGROUND_TEAM_ID, each)),
    );
  expect(maturity?.rollups[round]?.responses).toBe(7);

  const capability = createMaturity({
    store,
    teams: { teamsFor: async () => [{ teamId: PLAYGROUND_TEAM_ID, name: 'My Team' }] },
    now: () => NOW,
    minResponses: 3,
  });
  const context = {
    activityId: 'a',
    conversationId: 'a:personal',
    conversationKind: 'personal' as const,
    userId: 'me',
  };
  const [card] = await capability.maturity(context);
  expect(card?.audience).toBe('leads');
  expectValidCard(card?.card);
  const text = JSON.stringify(card?.card);
  expect(text).toContain('Digital maturity, lead view: My Team');
  expect(text).toContain('Last round:');
  expect(text).toContain('Sample data');
  expect(text).toContain('[Sample data] Agree how we share data with partners');
  expect(text).toContain('Overdue');
});
