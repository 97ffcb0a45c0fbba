// The weekly summary post: for a team whose leads switched it on, the team summary of each check-in
// week, posted once to the team's conversation after the week closes on the team's clock, through
// the same claim and sent marker as prompts. Driven by passes on a clock the test moves.
import { reconcileRollup } from '../../src/checkins/rollupContribution';
import { DEFAULT_MIN_RESPONSES } from '../../src/config';
import { createProgress } from '../../src/progress';
import type { InstallationKind, IsoWeek } from '../../src/domain';
import { expectValidCard, firstTextBlock } from '../support/cardValidation';
import { openWorld, runPassesUntil, utc, type Sent, type World } from './fixtures';
import { submitAnswers } from '../support/submitAnswers';

// New York is five hours behind UTC in November: week 47 (16 to 22 November 2026) closes there at
// Monday 23 November 05:00 UTC, hours after it has closed in UTC or London.
const ZONE = 'America/New_York';
const W46: IsoWeek = '2026-W46';
const W47: IsoWeek = '2026-W47';
const CLOSES = '2026-11-23T05:00:00Z';

let world: World;
afterEach(async () => world?.close());

/** The prompts with progress's summary builder, as app.ts composes them. */
function promptsWithSummaries(overrides: Parameters<World['prompts']>[0] = {}) {
  const progress = createProgress({ store: world.store, now: world.clock.now, minResponses: DEFAULT_MIN_RESPONSES });
  return world.prompts({ weeklySummary: (teamId, week) => progress.weeklySummary(teamId, week), ...overrides });
}

/** A team that checks in on New York time, prompted on Fridays (out of these tests' way), with the summary post on or off. */
async function addTeam(
  teamId: string,
  options: { on?: boolean; paused?: boolean; kind?: InstallationKind } = {},
): Promise<void> {
  await world.addTeam(
    teamId,
    { day: 5, time: '10:00', timeZone: ZONE },
    { paused: options.paused ?? false, ...(options.kind ? { kind: options.kind } : {}) },
  );
  if (options.on ?? true)
    await world.store.updateTeamSettings(teamId, (current) => ({ ...current, postWeeklySummary: true }));
}

/** `people` check-ins on one mission in `week`, each rating progress `rating`, with a win in their own words. */
async function checkIns(teamId: string, week: IsoWeek, people: number, rating: 1 | 2 | 3 | 4 | 5 = 4): Promise<void> {
  for (let i = 0; i < people; i++) {
    const answers = {
      progress: rating,
      outcomes: ['outcome:democracy-and-participation'],
      enabler: null,
      principles: [],
      win: `Private words ${i}`,
    };
    await submitAnswers(world.store, {
      teamId,
      userId: `29:person-${i}`,
      mission: 'digitally-enabled-councils',
      week,
      answers,
      retentionDays: 30,
    });
  }
  await reconcileRollup(world.store, teamId, 'digitally-enabled-councils', week);
}

const isSummary = (sent: Sent) => (firstTextBlock(sent.card) ?? '').startsWith('Check-in summary');

/** [team, card title, when] for every summary posted so far. */
function summaries(): Array<[string, string, string]> {
  return world.sender.sent
    .filter(isSummary)
    .map((sent) => [sent.conversationId, firstTextBlock(sent.card) ?? '', utc(sent.at)]);
}

function summaryOf(teamId: string, week: IsoWeek): Sent | undefined {
  return world.sender.sent.find(
    (sent) =>
      sent.conversationId === teamId &&
      firstTextBlock(sent.card) === `Check-in summary for Week ${Number(week.slice(6))}`,
  );
}

describe('the weekly summary post', () => {
  it('posts the closed week’s summary once, at the first pass after the week closes on the team’s clock, and not before', async () => {
    world = await openWorld('2026-11-22T12:00:00Z'); // Sunday of week 47 in New York
    await addTeam('team-ny');
    await checkIns('team-ny', W47, 3, 4);
    const prompts = promptsWithSummaries();
    // Switched on during week 47: week 46, already closed, is posted at once; week 47 is still open.
    await runPassesUntil(world, prompts, '2026-11-23T04:45:00Z', 15); // Sunday 23:45 in New York
    expect(summaries()).toEqual([['team-ny', 'Check-in summary for Week 46', '2026-11-22T12:00:00Z']]);
    await runPassesUntil(world, prompts, '2026-11-26T12:00:00Z', 30);
    expect(summaries()).toEqual([
      ['team-ny', 'Check-in summary for Week 46', '2026-11-22T12:00:00Z'],
      ['team-ny', 'Check-in summary for Week 47', CLOSES],
    ]);
    const card = summaryOf('team-ny', W47);
    expectValidCard(card?.card);
    const json = JSON.stringify(card?.card);
    expect(json).toContain('Week 47, 16 to 22 November 2026');
    expect(json).toContain('"4.0"');
    expect(json).toContain('3 people');
    expect(json).not.toContain('Private words');
    expect(json).not.toMatch(/Democracy/i);
    expect(card?.summary).toBe('Check-in summary for Week 47: 3 people checked in');
    expect((card?.card.actions as Array<Record<string, unknown>>).map((action) => action.data)).toEqual([
      { action: 'progress', view: 'overview', teamId: 'team-ny' },
    ]);
    // Besides the summaries, only week 47's prompt went (due on Friday, still in its week on Sunday).
    expect(
      world.sender.sent.filter((sent) => !isSummary(sent)).map((sent) => [firstTextBlock(sent.card), utc(sent.at)]),
    ).toEqual([['Time for this week’s check-in', '2026-11-22T12:00:00Z']]);
  });

  it('posts nothing for a team that has not switched it on (absent or off), while its prompts go as usual', async () => {
    world = await openWorld('2026-11-22T12:00:00Z');
    await addTeam('team-absent', { on: false });
    await addTeam('team-off', { on: false });
    await world.store.updateTeamSettings('team-off', (current) => ({ ...current, postWeeklySummary: false }));
    for (const teamId of ['team-absent', 'team-off']) {
      await world.store.updateTeamSettings(teamId, (current) => ({
        ...current,
        schedule: { day: 1, time: '09:00', timeZone: ZONE },
      }));
      await checkIns(teamId, W47, 3);
    }
    const prompts = promptsWithSummaries();
    await runPassesUntil(world, prompts, '2026-11-24T12:00:00Z', 30);
    expect(summaries()).toEqual([]);
    // Week 47's prompts (late, still in their week) and week 48's at Monday 09:00 in New York.
    expect(world.sender.sent.map((sent) => [sent.conversationId, utc(sent.at)])).toEqual([
      ['team-absent', '2026-11-22T12:00:00Z'],
      ['team-off', '2026-11-22T12:00:00Z'],
      ['team-absent', '2026-11-23T14:00:00Z'],
      ['team-off', '2026-11-23T14:00:00Z'],
    ]);
  });

  it('two instances running passes together post each team’s summary once, in channels and group chats', async () => {
    world = await openWorld('2026-11-23T03:00:00Z'); // Sunday 22:00 in New York
    const teams = Array.from({ length: 20 }, (_, i) => `team-${i}`);
    for (const [i, teamId] of teams.entries()) await addTeam(teamId, { kind: i % 2 ? 'groupChat' : 'channel' });
    const a = promptsWithSummaries();
    const b = promptsWithSummaries();
    for (let pass = 0; pass < 12; pass++) {
      await Promise.all([a.runPromptPass(), b.runPromptPass(), a.runPromptPass()]);
      world.clock.advance(20 * 60_000);
    }
    const counts = new Map<string, number>();
    for (const [teamId, title] of summaries())
      counts.set(`${teamId} ${title}`, (counts.get(`${teamId} ${title}`) ?? 0) + 1);
    expect(counts.size).toBe(40); // weeks 46 and 47 for each of 20 teams
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
    for (const teamId of teams) expect(utc(summaryOf(teamId, W47)?.at ?? 0)).toBe(CLOSES);
  });

  it('posts a week with fewer than MIN_RESPONSES answers with its figures hidden and the reason said', async () => {
    world = await openWorld('2026-11-23T04:00:00Z');
    await addTeam('team-small');
    await checkIns('team-small', W47, 2, 5);
    await runPassesUntil(world, promptsWithSummaries(), '2026-11-23T06:00:00Z', 30);
    const card = summaryOf('team-small', W47);
    expectValidCard(card?.card);
    const json = JSON.stringify(card?.card);
    expect(json).toContain(
      "Fewer than 3 people answered on each mission in Week 47, so no figure is shown and no one's answers can be picked out.",
    );
    expect(json).toContain(
      "Hidden: 2 people answered; figures show once at least 3 do, so no one's answers can be picked out.",
    );
    expect(json).not.toContain('5.0');
    expect(json).not.toContain('Private words');
  });

  it('posts nothing while the team is paused; resumed during the following week, the closed week is posted then', async () => {
    world = await openWorld('2026-11-23T04:00:00Z');
    await addTeam('team-paused', { paused: true });
    await checkIns('team-paused', W47, 3);
    const prompts = promptsWithSummaries();
    await runPassesUntil(world, prompts, '2026-11-24T12:00:00Z', 60);
    expect(summaries()).toEqual([]);
    await world.store.updateTeamSettings('team-paused', (current) => ({ ...current, paused: false }));
    await runPassesUntil(world, prompts, '2026-11-25T12:00:00Z', 60);
    expect(summaries()).toEqual([['team-paused', 'Check-in summary for Week 47', '2026-11-24T13:00:00Z']]);
  });

  it('skips (and reports) a summary whose following week ended while the bot was down', async () => {
    world = await openWorld('2026-11-16T12:00:00Z'); // Monday of week 47
    await addTeam('team-down');
    expect((await promptsWithSummaries().runPromptPass()).summaries.sent).toBe(1); // week 46
    await checkIns('team-down', W47, 3);
    // Down from then until the Monday of week 49: week 47's summary was due all through week 48.
    world.clock.set('2026-11-30T12:00:00Z');
    const restarted = promptsWithSummaries();
    const report = await restarted.runPromptPass();
    expect(report.summariesSkipped).toBe(1);
    expect(report.summaries.sent).toBe(1); // week 48's
    expect((await restarted.runPromptPass()).summariesSkipped).toBe(0);
    expect(summaries().map(([, title]) => title)).toEqual([
      'Check-in summary for Week 46',
      'Check-in summary for Week 48',
    ]);
    expect(summaryOf('team-down', W46)).toBeDefined();
  });

  it('a crash between claim and post is retried once the claim expires, and posted exactly once', async () => {
    world = await openWorld(CLOSES);
    await addTeam('team-crash');
    world.sender.script.set('team-crash', ['throw']);
    const crashed = promptsWithSummaries({ inFlightSeconds: 300 });
    expect((await crashed.runPromptPass()).summaries.unknown).toBe(1);
    const other = promptsWithSummaries({ inFlightSeconds: 300 });
    world.clock.advance(60_000);
    expect((await other.runPromptPass()).summaries.held).toBe(1);
    expect(summaries()).toEqual([]);
    world.clock.advance(5 * 60_000);
    await Promise.all([other.runPromptPass(), crashed.runPromptPass()]);
    world.clock.advance(60 * 60_000);
    await Promise.all([other.runPromptPass(), crashed.runPromptPass(), promptsWithSummaries().runPromptPass()]);
    expect(summaries().map(([teamId, title]) => [teamId, title])).toEqual([
      ['team-crash', 'Check-in summary for Week 47'],
    ]);
  });
});
