// ISO weeks in a team's time zone. A check-in belongs to the week it is in where the team works,
// so a Londoner's Sunday-night answer is last week's even though it is Monday in UTC+1 and beyond.
import { DateTime } from 'luxon';
import type { IsoWeek } from '../domain';

export const DEFAULT_TIME_ZONE = 'Europe/London';

function inZone(now: Date, timeZone: string): DateTime {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  // A stored zone the runtime does not know would make every week "Invalid"; the default keeps
  // check-ins working and the settings validation stops new bad zones being saved.
  return local.isValid ? local : DateTime.fromJSDate(now, { zone: DEFAULT_TIME_ZONE });
}

/** The ISO week containing `now` in `timeZone`, such as '2026-W48'. */
export function currentWeek(now: Date, timeZone: string): IsoWeek {
  const local = inZone(now, timeZone);
  return `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}`;
}

function mondayOf(week: IsoWeek): DateTime | undefined {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) return undefined;
  const monday = DateTime.fromObject(
    { weekYear: Number(match[1]), weekNumber: Number(match[2]), weekday: 1 },
    { zone: 'UTC', locale: 'en-GB' },
  );
  return monday.isValid ? monday : undefined;
}

/** "Week 48, 23 to 29 November 2026": what people recognise, rather than the ISO code alone. */
export function weekLabel(week: IsoWeek): string {
  const monday = mondayOf(week);
  if (!monday) return week;
  const sunday = monday.plus({ days: 6 });
  const from =
    monday.month === sunday.month
      ? monday.toFormat('d')
      : monday.year === sunday.year
        ? monday.toFormat('d LLLL')
        : monday.toFormat('d LLLL yyyy');
  return `Week ${monday.weekNumber}, ${from} to ${sunday.toFormat('d LLLL yyyy')}`;
}

/** "Sunday 29 November": the last day answers for the week can change. */
export function lastDayOf(week: IsoWeek): string {
  return mondayOf(week)?.plus({ days: 6 }).toFormat('cccc d LLLL') ?? week;
}
