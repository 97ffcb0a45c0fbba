// The count on a team's prompt card, updated in place after check-ins: which message, which card,
// which weeks, and what a failure does. The throttle's timing is in keyedThrottle.test.ts; the whole
// path through HTTP and the Connector is in test/http/promptUpdates.test.ts.
import type { Prompts, PromptLogger } from '../../src/prompts';
import { weeklyPromptCard } from '../../src/prompts/promptCards';
import { openWorld, type World } from './fixtures';
import { submitAnswers } from '../support/submitAnswers';

const TEAM = '19:counted@thread.tacv2';
const WEEK = '2026-W24';
const answers = { progress: 3 as const, outcomes: [], enabler: null, principles: [] };

let world: World;
let prompts: Prompts;
let logged: Array<{ level: string; message: string; fields: unknown }>;

beforeEach(async () => {
  world = await openWorld('2026-06-08T08:59:00Z'); // Monday of W24, a minute before the 10:00 London prompt
  await world.addTeam(TEAM, { day: 1, time: '10:00', timeZone: 'Europe/London' });
  logged = [];
  const record = (level: string) => (fields: unknown, message?: string) =>
    void logged.push({ level, message: message ?? '', fields });
  const logger = { info: record('info'), warn: record('warn'), error: record('error') } as unknown as PromptLogger;
  prompts = world.prompts({ logger, updates: { delayMs: 0, intervalMs: 20 } });
  world.clock.advance(60_000);
  await prompts.runPromptPass();
});
afterEach(async () => {
  await prompts.stopUpdates();
  await world.close();
});

const checkIn = (userId: string, week = WEEK, teamId = TEAM) =>
  submitAnswers(world.store, {
    teamId,
    userId,
    mission: 'digitally-enabled-councils',
    week,
    answers,
    retentionDays: 30,
  });

async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
}
/** Long enough for an update asked for now to have been made (delay 0, interval 20 ms). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

it('remembers the sent prompt, and after a check-in puts the card the pass would post now, with the new count, in its place', async () => {
  expect(world.sender.sent).toHaveLength(1);
  const settings = (await world.store.getTeamSettings(TEAM))?.value;
  expect(settings?.lastPrompt).toEqual({ week: WEEK, conversationId: TEAM, activityId: 'activity-1' });

  await checkIn('29:first');
  prompts.checkedIn(TEAM, WEEK);
  await until(() => world.sender.updates.length === 1);
  const [update] = world.sender.updates;
  expect(update).toMatchObject({
    conversationId: TEAM,
    activityId: 'activity-1',
    summary: 'Time for this week’s check-in',
  });
  expect(update?.card).toEqual(weeklyPromptCard(settings!, WEEK, 1).card);
  expect(JSON.stringify(update?.card)).toContain('1 person has checked in so far this week.');

  // Two people on two missions count as two people.
  await checkIn('29:second');
  await submitAnswers(world.store, {
    teamId: TEAM,
    userId: '29:second',
    mission: 'digitally-empowered-residents',
    week: WEEK,
    answers,
    retentionDays: 30,
  });
  prompts.checkedIn(TEAM, WEEK);
  await until(() => world.sender.updates.length === 2);
  expect(JSON.stringify(world.sender.updates[1]?.card)).toContain('2 people have checked in so far this week.');
});

it('sends nothing when the count has not changed since its last update', async () => {
  await checkIn('29:first');
  prompts.checkedIn(TEAM, WEEK);
  await until(() => world.sender.updates.length === 1);
  // The same person again, on another mission: still one person.
  await submitAnswers(world.store, {
    teamId: TEAM,
    userId: '29:first',
    mission: 'digitally-empowered-residents',
    week: WEEK,
    answers,
    retentionDays: 30,
  });
  prompts.checkedIn(TEAM, WEEK);
  await settle();
  expect(world.sender.updates).toHaveLength(1);
});

it("leaves the prompt alone for a check-in of another week, once the prompt's week has ended, and for a team never prompted", async () => {
  await checkIn('29:first', '2026-W23');
  prompts.checkedIn(TEAM, '2026-W23');
  await settle();
  expect(world.sender.updates).toHaveLength(0);

  // The week after: W24's prompt keeps its count, even for a (late) W24 check-in.
  world.clock.set('2026-06-15T08:00:00Z');
  await checkIn('29:late');
  prompts.checkedIn(TEAM, WEEK);
  await settle();
  expect(world.sender.updates).toHaveLength(0);

  await world.addTeam('19:unprompted@thread.tacv2', { day: 5, time: '10:00', timeZone: 'Europe/London' });
  await checkIn('29:first', '2026-W25', '19:unprompted@thread.tacv2');
  prompts.checkedIn('19:unprompted@thread.tacv2', '2026-W25');
  await settle();
  expect(world.sender.updates).toHaveLength(0);
});

it('logs a refused update and marks nothing inactive; the next check-in tries again', async () => {
  world.sender.updateScript.set('activity-1', [{ status: 'gone', statusCode: 404 }]);
  await checkIn('29:first');
  prompts.checkedIn(TEAM, WEEK);
  await until(() => logged.some((entry) => entry.level === 'warn'));
  expect(logged.filter((entry) => entry.level !== 'info')).toEqual([
    expect.objectContaining({
      level: 'warn',
      fields: expect.objectContaining({ teamId: TEAM, result: { status: 'gone', statusCode: 404 } }),
    }),
  ]);
  expect(world.sender.updates).toHaveLength(0);
  expect((await world.store.getInstallation(TEAM))?.active).toBe(true);

  prompts.checkedIn(TEAM, WEEK);
  await until(() => world.sender.updates.length === 1);
  expect(JSON.stringify(world.sender.updates[0]?.card)).toContain('1 person has checked in so far this week.');
});

it('logs a store failure instead of throwing it anywhere', async () => {
  await checkIn('29:first');
  await world.store.close();
  expect(() => prompts.checkedIn(TEAM, WEEK)).not.toThrow();
  await until(() => logged.some((entry) => entry.level === 'error'));
  expect(logged.filter((entry) => entry.level !== 'info')).toEqual([
    expect.objectContaining({ level: 'error', fields: expect.objectContaining({ teamId: TEAM }) }),
  ]);
  expect(world.sender.updates).toHaveLength(0);
});
