// When a team's prompt and reminder fall due, worked out on the team's local clock with luxon:
// "Monday 09:30 Europe/London" is 09:30 on that Monday whatever the UTC offset is that day.
// Each ISO week has exactly one due instant per kind, which is what makes "prompt once" hold on
// days when the local time is skipped or happens twice.
import { DateTime } from 'luxon';
import { DEFAULT_TIME_ZONE } from './weeks';
import type { IsoWeek, IsoWeekday, TeamSettings } from '../domain';

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

function weekdayName(day: IsoWeekday): string {
  return WEEKDAY_NAMES[day - 1] ?? 'Monday';
}

/** A zone the runtime knows, or the default (as currentWeek does), so a bad stored zone never stops prompts. */
export function usableZone(timeZone: string): string {
  return DateTime.now().setZone(timeZone).isValid ? timeZone : DEFAULT_TIME_ZONE;
}

/**
 * The instant `day` at local `time` in ISO week `week`, in `timeZone`.
 * - A local time skipped by a clock change (01:30 on the last Sunday of March in London) is moved
 *   forward by the gap, as luxon does: the prompt goes at 02:30 local, the first moment it can.
 * - A local time that happens twice (01:30 on the last Sunday of October) resolves to one of the
 *   two instants; either way there is one instant per week, so one prompt.
 */
export function dueInstant(week: IsoWeek, day: IsoWeekday, time: string, timeZone: string): DateTime | undefined {
  const week_ = /^(\d{4})-W(\d{2})$/.exec(week);
  const time_ = /^(\d{2}):(\d{2})$/.exec(time);
  if (!week_ || !time_) return undefined;
  const local = DateTime.fromObject(
    {
      weekYear: Number(week_[1]),
      weekNumber: Number(week_[2]),
      weekday: day,
      hour: Number(time_[1]),
      minute: Number(time_[2]),
    },
    { zone: usableZone(timeZone) },
  );
  return local.isValid ? local : undefined;
}

/** The ISO week before `week`, such as '2026-W52' for '2027-W01'. */
export function previousWeek(week: IsoWeek): IsoWeek {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) return week;
  const before = DateTime.fromObject(
    { weekYear: Number(match[1]), weekNumber: Number(match[2]), weekday: 1 },
    { zone: 'UTC' },
  ).minus({ weeks: 1 });
  return `${before.weekYear}-W${String(before.weekNumber).padStart(2, '0')}`;
}

/**
 * The schedule in plain words for the settings card:
 * "Prompts every Monday at 09:30, Europe/London", then the reminder and whether it is paused.
 */
export function describeSchedule(
  settings: Pick<TeamSettings, 'schedule'> & Partial<Pick<TeamSettings, 'reminder' | 'paused'>>,
): string {
  const { schedule, reminder, paused } = settings;
  let words = `Prompts every ${weekdayName(schedule.day)} at ${schedule.time}, ${schedule.timeZone}`;
  if (reminder) words += `, with a reminder on ${weekdayName(reminder.day)} at ${reminder.time}`;
  return paused ? `Paused. ${words} when resumed` : words;
}
