// The weeks a progress card looks at. Every card reads a fixed window of weeks ending now, never the
// team's whole history, so a card costs the same after five years as after five weeks.
import { DateTime } from 'luxon';
import type { IsoWeek } from '../domain';

/** Twelve weeks: a quarter, long enough to see a trend and short enough to read on one card. */
export const WINDOW_WEEKS = 12;

function mondayOf(week: IsoWeek): DateTime {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  const monday = match
    ? DateTime.fromObject({ weekYear: Number(match[1]), weekNumber: Number(match[2]), weekday: 1 }, { zone: 'UTC' })
    : undefined;
  if (!monday?.isValid) throw new Error(`Not an ISO week: ${week}`);
  return monday;
}

function isoWeekOf(date: DateTime): IsoWeek {
  return `${date.weekYear}-W${String(date.weekNumber).padStart(2, '0')}`;
}

/** The week `count` weeks before (negative: after) `week`. Goes through dates, so 53-week years are right. */
export function weeksBefore(week: IsoWeek, count: number): IsoWeek {
  return isoWeekOf(mondayOf(week).minus({ weeks: count }));
}

/** The `length` weeks ending with `lastWeek`, oldest first. */
export function windowEnding(lastWeek: IsoWeek, length: number = WINDOW_WEEKS): IsoWeek[] {
  const weeks: IsoWeek[] = [];
  for (let back = length - 1; back >= 0; back--) weeks.push(weeksBefore(lastWeek, back));
  return weeks;
}

/** "W48": short enough for a row label; the full label is on the card's subtitle. */
export function shortWeek(week: IsoWeek): string {
  return week.slice(5);
}

/** '48' for '2026-W48': a chart's x label, under an axis titled "Week", where 'W48' is cut short on narrow cards. */
export function weekNumber(week: IsoWeek): string {
  return String(Number(week.slice(6)));
}
