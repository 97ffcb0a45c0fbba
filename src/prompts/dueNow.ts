// What is due for one team at one moment: its prompt, last week's prompt and summary to account for,
// its check-in reminder and its self-assessment reminder, and whom a reminder may go to. Pure: it
// reads the team's settings and the clock, never the store or Teams, so every rule of the schedule
// (bank holidays, weeks off, pauses, the order of prompt and reminder) is tested as a table
// (test/prompts/dueNow.test.ts). The prompt pass (promptPass.ts) only carries out what this says.
import { DateTime } from 'luxon';
import { holidayDue, previousWeek, usableZone } from '../calendar/schedule';
import { currentWeek } from '../calendar/weeks';
import { isWeekOff } from '../calendar/weeksOff';
import type { BankHolidaySetting, IsoWeek, IsoWeekday, TeamSettings } from '../domain';

/** Epoch ms a prompt or reminder is due at, or 'skipped' for a bank holiday the team skips. */
type Due = number | 'skipped';

/**
 * Due times worked out once per pass rather than once per team: thousands of teams share a handful
 * of zones and schedules, and luxon's zone arithmetic is the costly part.
 */
export class PassCalendar {
  private readonly weeks = new Map<string, IsoWeek>();
  private readonly instants = new Map<string, Due | undefined>();
  private readonly previous = new Map<IsoWeek, IsoWeek>();

  constructor(private readonly now: Date) {}

  week(timeZone: string): IsoWeek {
    let week = this.weeks.get(timeZone);
    if (week === undefined) this.weeks.set(timeZone, (week = currentWeek(this.now, timeZone)));
    return week;
  }

  /** `day` at `time` in `week` on the zone's clock, moved off or skipped for a bank holiday (see schedule.ts). */
  due(
    week: IsoWeek,
    day: IsoWeekday,
    time: string,
    timeZone: string,
    holidays: BankHolidaySetting | undefined,
  ): Due | undefined {
    const key = `${week}|${day}|${time}|${timeZone}|${holidays?.region ?? ''}|${holidays?.onHoliday ?? ''}`;
    if (!this.instants.has(key)) {
      const due = holidayDue(week, day, time, timeZone, holidays);
      this.instants.set(key, due && (due.kind === 'skipped' ? 'skipped' : due.at.toMillis()));
    }
    return this.instants.get(key);
  }

  /** Whether a week's prompt was never meant to go: a week off, or a bank holiday the team skips. */
  promptOff(settings: TeamSettings, week: IsoWeek): boolean {
    const { schedule } = settings;
    return (
      isWeekOff(settings, week) ||
      this.due(week, schedule.day, schedule.time, schedule.timeZone, settings.bankHolidays) === 'skipped'
    );
  }

  weekBefore(week: IsoWeek): IsoWeek {
    let before = this.previous.get(week);
    if (before === undefined) this.previous.set(week, (before = previousWeek(week)));
    return before;
  }
}

/** What a pass should do for one team now. */
export type TeamDue =
  | { state: 'unconfigured' }
  | { state: 'paused' }
  | {
      state: 'active';
      /** The team's current week, on its own clock. */
      week: IsoWeek;
      /** Send this week's prompt (unless already sent): its due time has come. */
      prompt: boolean;
      /** When this week's prompt was due; undefined in a week off or when a bank holiday skips it. */
      promptAt: number | undefined;
      /** Last week, whose prompt is noted as skipped if it never went; undefined when it was never meant to go. */
      lastWeekPrompt: IsoWeek | undefined;
      /** The closed week whose summary is due, and the week before it (noted if its summary never went); undefined when the team posts none. */
      summary: { week: IsoWeek; weekBefore: IsoWeek } | undefined;
      /** From when the self-assessment reminder is due this week (the prompt's time); undefined before then or in a week off. */
      maturityReminderAt: number | undefined;
      /** From when the check-in reminder is due this week; undefined before then, in a week off, or with no reminder set. */
      reminderAt: number | undefined;
    };

/** What is due for a team with these settings (undefined: none saved) at `now`. */
export function dueNow(settings: TeamSettings | undefined, now: Date, calendar: PassCalendar): TeamDue {
  if (!settings) return { state: 'unconfigured' };
  if (settings.paused) return { state: 'paused' };
  const { schedule } = settings;
  const nowMs = now.getTime();
  const week = calendar.week(schedule.timeZone);
  // A week off, or a prompt skipped for a bank holiday, means no prompt and no reminder that week.
  const off = calendar.promptOff(settings, week);
  const promptDue = off
    ? undefined
    : calendar.due(week, schedule.day, schedule.time, schedule.timeZone, settings.bankHolidays);
  const promptAt = typeof promptDue === 'number' ? promptDue : undefined;
  const prompt = promptAt !== undefined && nowMs >= promptAt;
  const lastWeek = calendar.weekBefore(week);
  const reminderDue =
    settings.reminder && !off
      ? calendar.due(week, settings.reminder.day, settings.reminder.time, schedule.timeZone, settings.bankHolidays)
      : undefined;
  return {
    state: 'active',
    week,
    prompt,
    promptAt,
    // A week that was off, or whose prompt the team skips for a bank holiday, had no prompt to miss.
    lastWeekPrompt: calendar.promptOff(settings, lastWeek) ? undefined : lastWeek,
    summary: settings.postWeeklySummary ? { week: lastWeek, weekBefore: calendar.weekBefore(lastWeek) } : undefined,
    // While a self-assessment round is open, people who have not assessed hear once a week, from
    // the time of the team's prompt (so never in a week off, nor when the prompt is skipped).
    maturityReminderAt: prompt ? promptAt : undefined,
    reminderAt: typeof reminderDue === 'number' && nowMs >= reminderDue ? reminderDue : undefined,
  };
}

/**
 * The days, on the team's calendar, in which being away holds a reminder back: from the reminder's
 * day to today. A reminder held back while someone was away would otherwise arrive the moment they
 * are back.
 */
export function awayWindow(timeZone: string, reminderAt: number, now: Date): { from: string; to: string } {
  const zone = usableZone(timeZone);
  const today = DateTime.fromJSDate(now, { zone }).toISODate() ?? '';
  const dueDay = DateTime.fromMillis(reminderAt, { zone }).toISODate() ?? today;
  return { from: dueDay, to: today };
}

/** The people a reminder goes to: not yet reminded, not done, not away. */
export function whoToRemind<T>(
  notYetReminded: ReadonlyMap<string, T>,
  done: ReadonlySet<string>,
  away: ReadonlySet<string>,
): Array<[string, T]> {
  return [...notYetReminded].filter(([userId]) => !done.has(userId) && !away.has(userId));
}
