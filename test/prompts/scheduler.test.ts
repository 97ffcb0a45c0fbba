import { createMaturity } from '../../src/maturity';
import type { TeamDirectory } from '../../src/checkins/teamDirectory';
import { expectValidCard } from '../support/cardValidation';
import { openWorld, runPassesUntil, utc, type World } from './fixtures';
import { submitAnswers } from '../support/submitAnswers';

let world: World;
afterEach(async () => world?.close());

const answers = { progress: 3 as const, outcomes: [], enabler: null, principles: [] };

describe('weekly prompts on each team’s local clock', () => {
  it('prompts once at 09:30 London time either side of the March clock change', async () => {
    world = await openWorld('2026-03-23T00:30:00Z'); // Monday of W13: W12's prompt would still be due on the Sunday
    await world.addTeam('19:team-london@thread.tacv2', { day: 1, time: '09:30', timeZone: 'Europe/London' });
    const prompts = world.prompts();
    await runPassesUntil(world, prompts, '2026-03-31T00:00:00Z', 15);
    expect(world.sender.sent.map((sent) => utc(sent.at))).toEqual(['2026-03-23T09:30:00Z', '2026-03-30T08:30:00Z']);
  });

  it.each([
    [
      'Europe/London, skipped 01:30',
      'Europe/London',
      7,
      '01:30',
      '2026-03-28T20:00:00Z',
      '2026-03-29T06:00:00Z',
      ['2026-03-29T01:30:00Z'],
    ],
    [
      'Europe/London, doubled 01:30',
      'Europe/London',
      7,
      '01:30',
      '2026-10-24T20:00:00Z',
      '2026-10-25T06:00:00Z',
      ['2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z'],
    ],
    [
      'America/New_York, skipped 02:30',
      'America/New_York',
      7,
      '02:30',
      '2026-03-08T03:00:00Z',
      '2026-03-08T12:00:00Z',
      ['2026-03-08T07:30:00Z'],
    ],
    [
      'America/New_York, doubled 01:30',
      'America/New_York',
      7,
      '01:30',
      '2026-11-01T02:00:00Z',
      '2026-11-01T10:00:00Z',
      ['2026-11-01T05:30:00Z', '2026-11-01T06:30:00Z'],
    ],
    [
      'Australia/Sydney, doubled 02:30',
      'Australia/Sydney',
      7,
      '02:30',
      '2026-04-04T12:00:00Z',
      '2026-04-04T20:00:00Z',
      ['2026-04-04T15:30:00Z', '2026-04-04T16:30:00Z'],
    ],
    [
      'Australia/Sydney, skipped 02:30',
      'Australia/Sydney',
      7,
      '02:30',
      '2026-10-03T12:00:00Z',
      '2026-10-03T20:00:00Z',
      ['2026-10-03T16:30:00Z'],
    ],
  ] as const)(
    'prompts exactly once on a clock-change night: %s',
    async (_name, timeZone, day, time, from, until, acceptable) => {
      world = await openWorld(from);
      await world.addTeam('19:team@thread.tacv2', { day, time, timeZone });
      await runPassesUntil(world, world.prompts(), until, 5);
      expect(world.sender.sent).toHaveLength(1);
      expect(acceptable).toContain(utc(world.sender.sent[0]!.at));
    },
  );

  it('prompts teams in several zones each at their own local 09:00', async () => {
    world = await openWorld('2026-06-07T12:00:00Z'); // Sunday
    const zones = {
      'team-ldn': 'Europe/London',
      'team-nyc': 'America/New_York',
      'team-syd': 'Australia/Sydney',
      'team-tok': 'Asia/Tokyo',
    };
    for (const [teamId, timeZone] of Object.entries(zones))
      await world.addTeam(teamId, { day: 1, time: '09:00', timeZone });
    await runPassesUntil(world, world.prompts(), '2026-06-08T15:00:00Z', 10);
    const when = Object.fromEntries(world.sender.sent.map((sent) => [sent.conversationId, utc(sent.at)]));
    expect(when).toEqual({
      'team-syd': '2026-06-07T23:00:00Z',
      'team-tok': '2026-06-08T00:00:00Z',
      'team-ldn': '2026-06-08T08:00:00Z',
      'team-nyc': '2026-06-08T13:00:00Z',
    });
  });

  it('sends a card saying which missions are due, how many have checked in, with a check-in button for the team', async () => {
    world = await openWorld('2026-06-08T08:59:00Z');
    await world.addTeam('19:cards@thread.tacv2', { day: 1, time: '10:00', timeZone: 'Europe/London' });
    await world.store.updateTeamSettings('19:cards@thread.tacv2', (current) => ({
      ...current,
      missions: ['digitally-empowered-residents'],
    }));
    await submitAnswers(world.store, {
      teamId: '19:cards@thread.tacv2',
      userId: '29:early',
      mission: 'digitally-empowered-residents',
      week: '2026-W24',
      answers,
      retentionDays: 30,
    });
    world.clock.advance(60_000);
    await world.prompts().runPromptPass();
    const [sent] = world.sender.sent;
    expectValidCard(sent?.card);
    const json = JSON.stringify(sent?.card);
    expect(json).toContain('1 person has checked in so far this week.');
    expect(json).toMatch(/residents/i);
    expect(json).not.toMatch(/councils/i);
    const actions = sent?.card.actions as Array<Record<string, unknown>>;
    expect(actions[0]).toMatchObject({
      type: 'Action.Execute',
      verb: 'checkinStart',
      data: { action: 'checkinStart', teamId: '19:cards@thread.tacv2' },
      fallback: { type: 'Action.Submit', data: { action: 'checkinStart', teamId: '19:cards@thread.tacv2' } },
    });
    expect(sent?.summary).toBeTruthy();
  });

  it('does not prompt a paused team, and prompts once resumed within the week', async () => {
    world = await openWorld('2026-06-08T09:00:00Z');
    await world.addTeam('team-p', { day: 1, time: '09:00', timeZone: 'UTC' }, { paused: true });
    const prompts = world.prompts();
    await runPassesUntil(world, prompts, '2026-06-09T09:00:00Z', 60);
    expect(world.sender.sent).toHaveLength(0);
    await world.store.updateTeamSettings('team-p', (current) => ({ ...current, paused: false }));
    await runPassesUntil(world, prompts, '2026-06-10T09:00:00Z', 60);
    expect(world.sender.sent.map((sent) => utc(sent.at))).toEqual(['2026-06-09T10:00:00Z']);
  });

  it('after downtime sends prompts still in their week, and skips (and reports) those whose week ended', async () => {
    world = await openWorld('2026-06-03T12:00:00Z'); // Wednesday of W23
    await world.addTeam('team-down', { day: 1, time: '09:00', timeZone: 'Europe/London' });
    const first = await world.prompts().runPromptPass();
    expect(first.prompts.sent).toBe(1); // Monday's prompt, two days late but still in its week
    // Down from Thursday until the Tuesday after the next Monday prompt: W24's prompt is due late.
    world.clock.set('2026-06-16T10:00:00Z'); // Tuesday of W25: W24 never got its prompt
    const restarted = world.prompts();
    const report = await restarted.runPromptPass();
    expect(report.skipped).toBe(1);
    expect(report.prompts.sent).toBe(1); // W25's, due yesterday
    expect((await restarted.runPromptPass()).skipped).toBe(0);
    expect(world.sender.sent).toHaveLength(2);
  });
});

describe('reminders', () => {
  it('reminds only members with the app who have not checked in, once', async () => {
    world = await openWorld('2026-06-08T08:00:00Z');
    const team = '19:team-r@thread.tacv2';
    await world.addTeam(
      team,
      { day: 1, time: '09:00', timeZone: 'Europe/London' },
      { reminder: { day: 3, time: '14:00' } },
    );
    const alice = await world.addPerson('29:alice');
    const bob = await world.addPerson('29:bob');
    await world.addPerson('29:carol'); // not on the team
    await world.addPerson('29:dave', 'tenant-b'); // another tenant
    world.roster.add(team, '29:alice', '29:bob', '29:dave');
    await submitAnswers(world.store, {
      teamId: team,
      userId: '29:alice',
      mission: 'digitally-enabled-councils',
      week: '2026-W24',
      answers,
      retentionDays: 30,
    });
    const prompts = world.prompts();
    await runPassesUntil(world, prompts, '2026-06-10T12:00:00Z', 30);
    expect(world.sender.sent.map((sent) => sent.conversationId)).toEqual([team]); // the prompt, no reminder yet
    await runPassesUntil(world, prompts, '2026-06-12T12:00:00Z', 30);
    const reminders = world.sender.sent.filter((sent) => sent.conversationId !== team);
    expect(reminders.map((sent) => [sent.conversationId, utc(sent.at)])).toEqual([[bob, '2026-06-10T13:00:00Z']]);
    expect(world.sender.to(alice)).toHaveLength(0);
    expectValidCard(reminders[0]?.card);
    expect(reminders[0]?.card.actions).toEqual([
      expect.objectContaining({ verb: 'checkinStart', data: { action: 'checkinStart', teamId: team } }),
      expect.objectContaining({ verb: 'checkinAway', data: { action: 'checkinAway', op: 'thisWeek', teamId: team } }),
    ]);
  });
});

describe('safe with several instances, crashes and Teams answers', () => {
  it('two instances running passes together send each prompt once', async () => {
    world = await openWorld('2026-06-08T08:00:00Z');
    for (let i = 0; i < 40; i++) await world.addTeam(`team-${i}`, { day: 1, time: '09:00', timeZone: 'Europe/London' });
    for (let i = 0; i < 20; i++) {
      await world.addPerson(`29:p${i}`);
      world.roster.add(`team-${i}`, `29:p${i}`);
    }
    for (let i = 0; i < 40; i++)
      await world.store.updateTeamSettings(`team-${i}`, (current) => ({
        ...current,
        reminder: { day: 1, time: '12:00' },
      }));
    const a = world.prompts();
    const b = world.prompts();
    for (let pass = 0; pass < 8; pass++) {
      world.clock.advance(30 * 60_000);
      await Promise.all([a.runPromptPass(), b.runPromptPass(), a.runPromptPass()]);
    }
    const counts = new Map<string, number>();
    for (const sent of world.sender.sent) counts.set(sent.conversationId, (counts.get(sent.conversationId) ?? 0) + 1);
    expect(counts.size).toBe(60); // 40 prompts and 20 reminders
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
  });

  it('a crash between claim and send is retried once the claim expires, exactly once', async () => {
    world = await openWorld('2026-06-08T09:00:00Z');
    await world.addTeam('team-crash', { day: 1, time: '09:00', timeZone: 'UTC' });
    world.sender.script.set('team-crash', ['throw']);
    const crashed = world.prompts({ inFlightSeconds: 300 });
    expect((await crashed.runPromptPass()).prompts.unknown).toBe(1);
    const other = world.prompts({ inFlightSeconds: 300 });
    world.clock.advance(60_000);
    expect((await other.runPromptPass()).prompts.held).toBe(1); // still claimed by the dead attempt
    expect(world.sender.sent).toHaveLength(0);
    world.clock.advance(5 * 60_000);
    await Promise.all([other.runPromptPass(), crashed.runPromptPass()]);
    world.clock.advance(60 * 60_000);
    await Promise.all([other.runPromptPass(), crashed.runPromptPass(), world.prompts().runPromptPass()]);
    expect(world.sender.sent).toHaveLength(1);
  });

  it.each([403, 404] as const)('%i marks the installation inactive and stops its prompts', async (statusCode) => {
    world = await openWorld('2026-06-08T09:00:00Z');
    await world.addTeam('team-gone', { day: 1, time: '09:00', timeZone: 'UTC' });
    await world.addTeam('team-ok', { day: 1, time: '09:00', timeZone: 'UTC' });
    world.sender.script.set('team-gone', [{ status: 'gone', statusCode }]);
    const prompts = world.prompts();
    expect((await prompts.runPromptPass()).prompts).toMatchObject({ gone: 1, sent: 1 });
    expect((await world.store.getInstallation('team-gone'))?.active).toBe(false);
    world.clock.advance(7 * 24 * 3600_000);
    await prompts.runPromptPass();
    expect(world.sender.attempts.filter((id) => id === 'team-gone')).toHaveLength(1);
    expect(world.sender.to('team-ok')).toHaveLength(2);
  });

  it('retries 429 after its Retry-After, and 5xx with backoff', async () => {
    world = await openWorld('2026-06-08T09:00:00Z');
    await world.addTeam('team-429', { day: 1, time: '09:00', timeZone: 'UTC' });
    await world.addTeam('team-503', { day: 1, time: '09:00', timeZone: 'UTC' });
    world.sender.script.set('team-429', [
      { status: 'throttled', retryAfterMs: 7000 },
      { status: 'throttled', retryAfterMs: 3000 },
    ]);
    world.sender.script.set('team-503', [{ status: 'failed', statusCode: 503, retryable: true }]);
    const report = await world.prompts().runPromptPass();
    expect(report.prompts.sent).toBe(2);
    expect(world.sender.attempts.filter((id) => id === 'team-429')).toHaveLength(3);
    expect(world.sleeps).toEqual(expect.arrayContaining([expect.any(Number), expect.any(Number), expect.any(Number)]));
    expect(world.sleeps.filter((ms) => ms >= 7000)).toHaveLength(1);
    expect(world.sleeps.filter((ms) => ms >= 3000)).toHaveLength(2);
  });

  it('gives a claim back when retries run out, so the next pass sends in the same week', async () => {
    world = await openWorld('2026-06-08T09:00:00Z');
    await world.addTeam('team-flaky', { day: 1, time: '09:00', timeZone: 'UTC' });
    const failing = { status: 'failed', statusCode: 500, retryable: true } as const;
    world.sender.script.set('team-flaky', [failing, failing]);
    const prompts = world.prompts({ retry: { attempts: 2 } });
    expect((await prompts.runPromptPass()).prompts.failed).toBe(1);
    world.clock.advance(60_000);
    expect((await prompts.runPromptPass()).prompts.sent).toBe(1);
  });
});

describe('self-assessment reminders', () => {
  it('reminds members who have not assessed once a week from the prompt time, while the round is open', async () => {
    world = await openWorld('2026-06-08T07:00:00Z'); // Monday of W24, in the April to June round
    const team = '19:team-m@thread.tacv2';
    await world.addTeam(team, { day: 1, time: '09:00', timeZone: 'Europe/London' });
    const alice = await world.addPerson('29:alice');
    const bob = await world.addPerson('29:bob');
    world.roster.add(team, '29:alice', '29:bob');
    await world.store.submitAssessment({
      teamId: team,
      userId: '29:alice',
      round: '2026-Q2',
      ratings: { 'enabler:data': { level: 3 } },
    });
    const maturity = createMaturity({
      store: world.store,
      teams: { teamsOf: async () => [] } as unknown as TeamDirectory,
      now: world.clock.now,
      minResponses: 3,
    });
    const prompts = world.prompts({ maturityReminder: (teamId, zone) => maturity.reminderRound(teamId, zone) });
    const remindersTo = (conversationId: string) =>
      world.sender.to(conversationId).filter((sent) => sent.summary.includes('self-assessment'));
    await runPassesUntil(world, prompts, '2026-06-21T12:00:00Z', 60);
    // Bob, once each week at the prompt's time; Alice, who assessed, never.
    expect(remindersTo(bob).map((sent) => utc(sent.at))).toEqual(['2026-06-08T08:00:00Z', '2026-06-15T08:00:00Z']);
    expect(remindersTo(alice)).toEqual([]);
    expectValidCard(remindersTo(bob)[0]?.card);
    // A lead closes the round: no more reminders for it.
    await world.store.updateTeamMaturity(team, (current) => ({ ...current, closedRounds: ['2026-Q2'] }));
    await runPassesUntil(world, prompts, '2026-06-23T12:00:00Z', 60);
    expect(remindersTo(bob)).toHaveLength(2);
  });
});
