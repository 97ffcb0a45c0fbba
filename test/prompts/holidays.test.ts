// Bank holidays and weeks off in the prompt pass, on a clock the test moves. Easter 2027 sits on the
// spring clock change: British Summer Time starts on Sunday 28 March, Easter Monday is the 29th, so a
// Monday 09:30 prompt moved to Tuesday is 08:30 UTC where the week before it was 09:30 UTC.
import { DateTime } from 'luxon';
import { applyBankHolidays, bankHolidayOn } from '../../src/calendar/holidays';
import { plannedDue } from '../../src/calendar/schedule';
import type { BankHolidaySetting, TeamSettings } from '../../src/domain';
import { openWorld, runPassesUntil, utc, type World } from './fixtures';

let world: World;
afterEach(async () => world?.close());

const TEAM = '19:team-holidays@thread.tacv2';

async function teamWith(settings: Partial<TeamSettings>): Promise<{ person: string }> {
  await world.addTeam(
    TEAM,
    { day: 1, time: '09:30', timeZone: 'Europe/London' },
    { reminder: { day: 1, time: '14:00' } },
  );
  await world.store.updateTeamSettings(TEAM, (current) => ({ ...current, ...settings }));
  const person = await world.addPerson('29:member');
  world.roster.add(TEAM, '29:member');
  return { person };
}

const sentTo = (conversationId: string) => world.sender.to(conversationId).map((sent) => utc(sent.at));

describe('a prompt due on a bank holiday, in the prompt pass', () => {
  it('moves Easter Monday’s prompt and reminder to Tuesday at the same London time, across the clock change', async () => {
    world = await openWorld('2027-03-22T00:00:00Z');
    const { person } = await teamWith({});
    await runPassesUntil(world, world.prompts(), '2027-03-31T00:00:00Z', 15);
    expect(sentTo(TEAM)).toEqual(['2027-03-22T09:30:00Z', '2027-03-30T08:30:00Z']);
    // 14:00 GMT the week before; 14:00 BST on the Tuesday after Easter Monday.
    expect(sentTo(person)).toEqual(['2027-03-22T14:00:00Z', '2027-03-30T13:00:00Z']);
  });

  it('skips that week’s prompt and its reminder when the team chose to skip, and reports no missed prompt', async () => {
    world = await openWorld('2027-03-22T00:00:00Z');
    const { person } = await teamWith({ bankHolidays: { region: 'england-and-wales', onHoliday: 'skip' } });
    await runPassesUntil(world, world.prompts(), '2027-04-06T00:00:00Z', 30);
    expect(sentTo(TEAM)).toEqual(['2027-03-22T09:30:00Z', '2027-04-05T08:30:00Z']);
    expect(sentTo(person)).toEqual(['2027-03-22T14:00:00Z', '2027-04-05T13:00:00Z']);
    expect((await world.prompts().runPromptPass()).skipped).toBe(0);
  });

  it('keeps Easter Monday as a working day for a Scottish team', async () => {
    world = await openWorld('2027-03-29T00:00:00Z');
    await teamWith({ bankHolidays: { region: 'scotland', onHoliday: 'move' } });
    await runPassesUntil(world, world.prompts(), '2027-03-30T12:00:00Z', 15);
    expect(sentTo(TEAM)).toEqual(['2027-03-29T08:30:00Z']);
  });
});

describe('weeks off', () => {
  it('sends no prompt and no reminder in a week off, prompts again the week after, and reports nothing missed', async () => {
    world = await openWorld('2026-12-14T00:00:00Z');
    const { person } = await teamWith({ weeksOff: ['2026-W52'] });
    await runPassesUntil(world, world.prompts(), '2026-12-29T00:00:00Z', 30);
    // W51 on Monday 14 December; W52 (21 to 27 December) off; W53 starts on the 28th, a substitute bank holiday.
    expect(sentTo(TEAM)).toEqual(['2026-12-14T09:30:00Z']);
    expect(sentTo(person)).toEqual(['2026-12-14T14:00:00Z']);
    const report = await world.prompts().runPromptPass();
    expect(report.skipped).toBe(0);
    world.clock.set('2026-12-29T09:30:00Z');
    await world.prompts().runPromptPass();
    expect(sentTo(TEAM)).toEqual(['2026-12-14T09:30:00Z', '2026-12-29T09:30:00Z']);
  });
});

describe('applyBankHolidays and plannedDue', () => {
  const london = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' });
  const moveEW: BankHolidaySetting = { region: 'england-and-wales', onHoliday: 'move' };

  it('names each nation’s own bank holidays from the library', () => {
    // 2 January 2027 is a Saturday: Scotland has the Monday after as a substitute, England and Wales do not.
    expect(bankHolidayOn(london('2027-01-04T10:00'), 'scotland')).toMatch(/substitute/);
    expect(bankHolidayOn(london('2027-01-04T10:00'), 'england-and-wales')).toBeUndefined();
    expect(bankHolidayOn(london('2026-01-02T10:00'), 'scotland')).toMatch(/January/);
    expect(bankHolidayOn(london('2026-01-02T10:00'), 'england-and-wales')).toBeUndefined();
    expect(bankHolidayOn(london('2027-03-17T10:00'), 'northern-ireland')).toMatch(/Patrick/);
    expect(bankHolidayOn(london('2027-03-17T10:00'), 'england-and-wales')).toBeUndefined();
    expect(bankHolidayOn(london('2026-12-28T10:00'), 'england-and-wales')).toMatch(/substitute/i);
  });

  it('moves within the week only: Good Friday on a Friday schedule has no working day left, so it is skipped', () => {
    const outcome = applyBankHolidays(london('2027-03-26T09:30'), moveEW);
    expect(outcome).toMatchObject({ kind: 'skipped', holiday: 'Good Friday' });
  });

  it('moves past two holidays in a row: Christmas 2027 falls on a weekend, so Monday and Tuesday are substitutes', () => {
    const outcome = applyBankHolidays(london('2027-12-27T09:30'), moveEW);
    expect(outcome.kind).toBe('due');
    expect(outcome.at.toISO()).toBe('2027-12-29T09:30:00.000+00:00');
  });

  it('says a week off before anything else, and the moved date with the holiday it avoided', () => {
    const settings = {
      schedule: { day: 1 as const, time: '09:30', timeZone: 'Europe/London' },
      weeksOff: ['2027-W13'],
    };
    expect(plannedDue(settings, '2027-W13')).toEqual({ kind: 'weekOff' });
    const moved = plannedDue({ ...settings, weeksOff: [] }, '2027-W13');
    expect(moved?.kind === 'due' && moved.movedFrom?.holiday).toBe('Easter Monday');
    expect(moved?.kind === 'due' && moved.at.toUTC().toISO()).toBe('2027-03-30T08:30:00.000Z');
  });
});

describe('time away in the prompt pass', () => {
  it('sends no reminder on a day the person said they are away, and reminds them again once back', async () => {
    world = await openWorld('2026-06-08T00:00:00Z'); // Monday of 2026-W24
    const { person } = await teamWith({});
    await world.store.saveAway({ teamId: TEAM, userId: '29:member', from: '2026-06-08', until: '2026-06-12' });
    await runPassesUntil(world, world.prompts(), '2026-06-16T00:00:00Z', 30);
    expect(sentTo(TEAM)).toEqual(['2026-06-08T08:30:00Z', '2026-06-15T08:30:00Z']);
    // Away all of W24: no reminder; back in W25: reminded at 14:00 BST.
    expect(sentTo(person)).toEqual(['2026-06-15T13:00:00Z']);
  });
});
