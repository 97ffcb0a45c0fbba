// What is due for a team at a moment, as a table: the pure part of the prompt pass (src/prompts/dueNow.ts).
// 2026: Monday 4 May is the Early May bank holiday in England and Wales; British Summer Time (UTC+1)
// all through; week 2026-W19 starts on 4 May and 2026-W20 on 11 May.
import type { TeamSettings } from '../../src/domain';
import { awayWindow, dueNow, PassCalendar, whoToRemind } from '../../src/prompts/dueNow';
import { defaultTeamSettings } from '../../src/store/defaults';

const base: TeamSettings = {
  ...defaultTeamSettings('team-1'),
  schedule: { day: 1, time: '10:00', timeZone: 'Europe/London' },
};
const at = (iso: string) => new Date(iso);
const ms = (iso: string) => Date.parse(iso);
const due = (settings: Partial<TeamSettings> | undefined, now: string) =>
  dueNow(settings && { ...base, ...settings }, at(now), new PassCalendar(at(now)));

describe('the state of a team', () => {
  it.each([
    ['no settings saved', undefined, 'unconfigured'],
    ['paused', { paused: true }, 'paused'],
    ['saved and running', {}, 'active'],
  ] as const)('%s: %s', (_name, settings, state) => {
    expect(due(settings, '2026-05-11T09:00:00Z').state).toBe(state);
  });
});

describe('the weekly prompt', () => {
  it.each([
    // name, settings, now (UTC), prompt, promptAt
    ['a minute before its time', {}, '2026-05-11T08:59:00Z', false, '2026-05-11T09:00:00Z'],
    ['at its time', {}, '2026-05-11T09:00:00Z', true, '2026-05-11T09:00:00Z'],
    ['later that week', {}, '2026-05-15T16:00:00Z', true, '2026-05-11T09:00:00Z'],
    ['in a week off', { weeksOff: ['2026-W20'] }, '2026-05-11T10:00:00Z', false, undefined],
    [
      'a week off elsewhere changes nothing',
      { weeksOff: ['2026-W21'] },
      '2026-05-11T10:00:00Z',
      true,
      '2026-05-11T09:00:00Z',
    ],
    [
      'on a bank holiday it moves: not on the Monday',
      { bankHolidays: { region: 'england-and-wales', onHoliday: 'move' } },
      '2026-05-04T12:00:00Z',
      false,
      '2026-05-05T09:00:00Z',
    ],
    [
      'on a bank holiday it moves: due on the Tuesday',
      { bankHolidays: { region: 'england-and-wales', onHoliday: 'move' } },
      '2026-05-05T09:00:00Z',
      true,
      '2026-05-05T09:00:00Z',
    ],
    [
      'on a bank holiday the team skips',
      { bankHolidays: { region: 'england-and-wales', onHoliday: 'skip' } },
      '2026-05-06T09:00:00Z',
      false,
      undefined,
    ],
    // England and Wales' summer bank holiday is the last Monday of August; Scotland's is the first.
    [
      'Scotland works on 31 August',
      { bankHolidays: { region: 'scotland', onHoliday: 'skip' } },
      '2026-08-31T09:00:00Z',
      true,
      '2026-08-31T09:00:00Z',
    ],
    [
      'England and Wales skip 31 August',
      { bankHolidays: { region: 'england-and-wales', onHoliday: 'skip' } },
      '2026-08-31T09:00:00Z',
      false,
      undefined,
    ],
    [
      'on the team’s own clock: Monday 10:30 in Auckland is Sunday in London',
      { schedule: { day: 1, time: '10:00', timeZone: 'Pacific/Auckland' } },
      '2026-05-10T22:30:00Z',
      true,
      '2026-05-10T22:00:00Z',
    ],
  ] as const)('%s', (_name, settings, now, prompt, promptAt) => {
    const result = due(settings as Partial<TeamSettings>, now);
    if (result.state !== 'active') throw new Error(`expected an active team, got ${result.state}`);
    expect({ prompt: result.prompt, promptAt: result.promptAt }).toEqual({
      prompt,
      promptAt: promptAt === undefined ? undefined : ms(promptAt),
    });
    // The self-assessment reminder goes from the prompt's time, and only once it has come.
    expect(result.maturityReminderAt).toBe(prompt ? ms(promptAt as string) : undefined);
  });
});

describe('the check-in reminder', () => {
  const reminder = { reminder: { day: 4 as const, time: '14:00' } };
  it.each([
    ['none set', {}, '2026-05-14T15:00:00Z', undefined],
    ['before its time', reminder, '2026-05-14T12:59:00Z', undefined],
    ['at its time', reminder, '2026-05-14T13:00:00Z', '2026-05-14T13:00:00Z'],
    ['in a week off', { ...reminder, weeksOff: ['2026-W20'] }, '2026-05-14T15:00:00Z', undefined],
    [
      'in a week whose prompt a bank holiday skips',
      { ...reminder, bankHolidays: { region: 'england-and-wales', onHoliday: 'skip' } },
      '2026-05-07T15:00:00Z',
      undefined,
    ],
    [
      'in a week whose prompt a bank holiday moves',
      { ...reminder, bankHolidays: { region: 'england-and-wales', onHoliday: 'move' } },
      '2026-05-07T15:00:00Z',
      '2026-05-07T13:00:00Z',
    ],
  ] as const)('%s', (_name, settings, now, reminderAt) => {
    const result = due(settings as Partial<TeamSettings>, now);
    if (result.state !== 'active') throw new Error(`expected an active team, got ${result.state}`);
    expect(result.reminderAt).toBe(reminderAt === undefined ? undefined : ms(reminderAt));
  });
});

describe('last week', () => {
  it.each([
    ['an ordinary week: its prompt is accounted for', {}, '2026-W19'],
    ['a week off had no prompt to miss', { weeksOff: ['2026-W19'] }, undefined],
    [
      'a skipped bank holiday had no prompt to miss',
      { bankHolidays: { region: 'england-and-wales', onHoliday: 'skip' } },
      undefined,
    ],
    [
      'a moved bank holiday still had its prompt',
      { bankHolidays: { region: 'england-and-wales', onHoliday: 'move' } },
      '2026-W19',
    ],
  ] as const)('%s', (_name, settings, lastWeekPrompt) => {
    const result = due(settings as Partial<TeamSettings>, '2026-05-12T09:00:00Z');
    if (result.state !== 'active') throw new Error(`expected an active team, got ${result.state}`);
    expect(result.week).toBe('2026-W20');
    expect(result.lastWeekPrompt).toBe(lastWeekPrompt);
  });

  it('names the closed week and the one before for a team that posts summaries, and none otherwise', () => {
    const posting = due({ postWeeklySummary: true }, '2026-05-12T09:00:00Z');
    const quiet = due({}, '2026-05-12T09:00:00Z');
    expect(posting.state === 'active' && posting.summary).toEqual({ week: '2026-W19', weekBefore: '2026-W18' });
    expect(quiet.state === 'active' && quiet.summary).toBeUndefined();
  });
});

describe('whom a reminder goes to', () => {
  it('counts being away from the reminder’s day to today, on the team’s calendar', () => {
    // Thursday 14:00 in London is 13:00 UTC; at 23:30 UTC on Friday it is already Saturday in Auckland.
    expect(awayWindow('Europe/London', ms('2026-05-14T13:00:00Z'), at('2026-05-15T10:00:00Z'))).toEqual({
      from: '2026-05-14',
      to: '2026-05-15',
    });
    expect(awayWindow('Pacific/Auckland', ms('2026-05-14T02:00:00Z'), at('2026-05-15T23:30:00Z'))).toEqual({
      from: '2026-05-14',
      to: '2026-05-16',
    });
  });

  it('leaves out those who have done it and those away', () => {
    const notYetReminded = new Map([
      ['amy', 'chat-a'],
      ['ben', 'chat-b'],
      ['cat', 'chat-c'],
      ['dev', 'chat-d'],
    ]);
    expect(whoToRemind(notYetReminded, new Set(['ben']), new Set(['cat', 'zed']))).toEqual([
      ['amy', 'chat-a'],
      ['dev', 'chat-d'],
    ]);
    expect(whoToRemind(notYetReminded, new Set(['amy', 'ben', 'cat', 'dev']), new Set())).toEqual([]);
  });
});
