// When a team's prompt and reminder fall due, worked out on the team's local clock with luxon:
// "Monday 09:30 Europe/London" is 09:30 on that Monday whatever the UTC offset is that day.
// Each ISO week has exactly one due instant per kind, which is what makes "prompt once" hold on
// days when the local time is skipped or happens twice.
import { DateTime } from 'luxon';
import { applyBankHolidays, type HolidayOutcome } from './holidays';
import { isWeekOff } from './weeksOff';
import { currentWeek, DEFAULT_TIME_ZONE } from './weeks';
import type { BankHolidaySetting, IsoWeek, IsoWeekday, TeamSettings } from '../domain';

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

/** When a week's prompt or reminder actually goes: its due instant with the team's bank holidays applied, or off. */
export type PlannedDue = HolidayOutcome | { kind: 'weekOff' };

/**
 * The prompt (or reminder, given its day and time) of `week` as the team will get it: nothing in a
 * week a lead marked off; otherwise the due instant, moved off a bank holiday or skipped (see
 * src/calendar/holidays.ts). Undefined only for a malformed week or time.
 */
export function plannedDue(
  settings: Pick<TeamSettings, 'schedule' | 'weeksOff' | 'bankHolidays'>,
  week: IsoWeek,
  at: { day: IsoWeekday; time: string } = settings.schedule,
): PlannedDue | undefined {
  if (isWeekOff(settings, week)) return { kind: 'weekOff' };
  return holidayDue(week, at.day, at.time, settings.schedule.timeZone, settings.bankHolidays);
}

/** dueInstant with bank holidays applied; the part of plannedDue worth caching across teams. */
export function holidayDue(
  week: IsoWeek,
  day: IsoWeekday,
  time: string,
  timeZone: string,
  bankHolidays: BankHolidaySetting | undefined,
): HolidayOutcome | undefined {
  const due = dueInstant(week, day, time, timeZone);
  return due && applyBankHolidays(due, bankHolidays);
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

/** How many weeks ahead the settings card looks for the next prompt: past a long run of weeks off. */
const NEXT_PROMPT_HORIZON_WEEKS = 20;

/**
 * The next prompt's actual date for the settings card, with bank holidays and weeks off applied:
 * "Next prompt: Tuesday 30 March 2027 at 09:30 (moved from Easter Monday)".
 */
export function nextPromptWords(
  settings: Pick<TeamSettings, 'schedule' | 'weeksOff' | 'bankHolidays' | 'paused'>,
  now: Date,
): string {
  if (settings.paused) return 'No prompts while paused.';
  const zone = usableZone(settings.schedule.timeZone);
  let week = currentWeek(now, zone);
  for (let ahead = 0; ahead < NEXT_PROMPT_HORIZON_WEEKS; ahead++, week = nextWeek(week)) {
    const due = plannedDue(settings, week);
    if (due?.kind !== 'due' || due.at.toMillis() < now.getTime()) continue;
    const when = due.at.setLocale('en-GB').toFormat("cccc d LLLL yyyy 'at' HH:mm");
    return due.movedFrom ? `Next prompt: ${when} (moved from ${due.movedFrom.holiday}).` : `Next prompt: ${when}.`;
  }
  return `No prompt in the next ${NEXT_PROMPT_HORIZON_WEEKS} weeks: they are all off or bank holidays.`;
}

function nextWeek(week: IsoWeek): IsoWeek {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) return week;
  const after = DateTime.fromObject(
    { weekYear: Number(match[1]), weekNumber: Number(match[2]), weekday: 1 },
    { zone: 'UTC' },
  ).plus({ weeks: 1 });
  return `${after.weekYear}-W${String(after.weekNumber).padStart(2, '0')}`;
}
