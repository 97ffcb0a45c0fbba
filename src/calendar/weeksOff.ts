// Weeks a lead marks off for the whole team (Christmas, a restructure): no prompt, no reminder, and
// progress cards say "week off" for them rather than counting them as weeks nobody checked in.
import { DateTime } from 'luxon';
import type { IsoWeek, TeamSettings } from '../domain';

/** How far ahead the settings card offers weeks to mark off: a quarter and a bit covers Christmas from October. */
export const WEEKS_OFF_AHEAD = 16;

export function isWeekOff(settings: Pick<TeamSettings, 'weeksOff'>, week: IsoWeek): boolean {
  return settings.weeksOff?.includes(week) ?? false;
}

function isoWeekOf(date: DateTime): IsoWeek {
  return `${date.weekYear}-W${String(date.weekNumber).padStart(2, '0')}`;
}

/** "22 to 28 December 2026": the dates a week covers, which is how people think of a week off. */
export function weekDates(week: IsoWeek): string {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) return week;
  const monday = DateTime.fromObject(
    { weekYear: Number(match[1]), weekNumber: Number(match[2]), weekday: 1 },
    { zone: 'UTC', locale: 'en-GB' },
  );
  if (!monday.isValid) return week;
  const sunday = monday.plus({ days: 6 });
  const from = monday.month === sunday.month ? monday.toFormat('d') : monday.toFormat('d LLLL');
  return `${from} to ${sunday.toFormat('d LLLL yyyy')}`;
}

/**
 * The weeks a lead can tick on the settings card: this week and the next WEEKS_OFF_AHEAD, plus any
 * week already off (so a past or far week marked earlier can still be unticked), in order.
 */
export function weekOffChoices(settings: Pick<TeamSettings, 'weeksOff'>, thisWeek: IsoWeek): IsoWeek[] {
  const match = /^(\d{4})-W(\d{2})$/.exec(thisWeek);
  const weeks = new Set(settings.weeksOff ?? []);
  if (match) {
    const monday = DateTime.fromObject(
      { weekYear: Number(match[1]), weekNumber: Number(match[2]), weekday: 1 },
      { zone: 'UTC' },
    );
    for (let ahead = 0; ahead <= WEEKS_OFF_AHEAD; ahead++) weeks.add(isoWeekOf(monday.plus({ weeks: ahead })));
  }
  return [...weeks].sort();
}
