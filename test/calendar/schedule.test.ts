import { describeSchedule } from '../../src/calendar/schedule';
import { dueInstant, previousWeek } from '../../src/calendar/schedule';

const utc = (week: string, day: 1 | 2 | 3 | 4 | 5 | 6 | 7, time: string, zone: string) =>
  dueInstant(week, day, time, zone)?.toUTC().toISO({ suppressMilliseconds: true });

describe('describeSchedule', () => {
  it('says the schedule in plain words', () => {
    expect(describeSchedule({ schedule: { day: 1, time: '09:30', timeZone: 'Europe/London' } })).toBe(
      'Prompts every Monday at 09:30, Europe/London',
    );
  });
  it('adds the reminder and says when prompts are paused', () => {
    const settings = {
      schedule: { day: 2 as const, time: '10:00', timeZone: 'America/New_York' },
      reminder: { day: 4 as const, time: '15:00' },
    };
    expect(describeSchedule(settings)).toBe(
      'Prompts every Tuesday at 10:00, America/New_York, with a reminder on Thursday at 15:00',
    );
    expect(describeSchedule({ ...settings, paused: true })).toMatch(/^Paused\. Prompts every Tuesday/);
  });
});

describe('dueInstant follows the local clock across DST', () => {
  it('keeps 09:30 at 09:30 in London either side of the March change', () => {
    expect(utc('2026-W13', 1, '09:30', 'Europe/London')).toBe('2026-03-23T09:30:00Z');
    expect(utc('2026-W14', 1, '09:30', 'Europe/London')).toBe('2026-03-30T08:30:00Z');
    expect(utc('2026-W44', 1, '09:30', 'Europe/London')).toBe('2026-10-26T09:30:00Z');
  });
  it('moves a skipped local time forward by the gap (London, New York, Sydney)', () => {
    expect(utc('2026-W13', 7, '01:30', 'Europe/London')).toBe('2026-03-29T01:30:00Z');
    expect(utc('2026-W10', 7, '02:30', 'America/New_York')).toBe('2026-03-08T07:30:00Z');
    expect(utc('2026-W40', 7, '02:30', 'Australia/Sydney')).toBe('2026-10-03T16:30:00Z');
  });
  it('picks one instant for a local time that happens twice', () => {
    expect(['2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z']).toContain(utc('2026-W43', 7, '01:30', 'Europe/London'));
    expect(['2026-11-01T05:30:00Z', '2026-11-01T06:30:00Z']).toContain(utc('2026-W44', 7, '01:30', 'America/New_York'));
    expect(['2026-04-04T15:30:00Z', '2026-04-04T16:30:00Z']).toContain(utc('2026-W14', 7, '02:30', 'Australia/Sydney'));
  });
  it('falls back to Europe/London for a zone the runtime does not know', () => {
    expect(utc('2026-W13', 1, '09:30', 'Mars/Olympus')).toBe('2026-03-23T09:30:00Z');
  });
  it('finds the week before, across a year end', () => {
    expect(previousWeek('2027-W01')).toBe('2026-W53');
    expect(previousWeek('2026-W10')).toBe('2026-W09');
  });
});
