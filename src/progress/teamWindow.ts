// The reads behind a progress card, and nothing else: the team's settings, one listRollups and one
// listTeamAway for the window, and (for cards that need it) one week's check-ins. That is a fixed number of reads
// whatever the length of the team's history; tests and the benchmark count them.
import { currentWeek } from '../calendar/weeks';
import { defaultTeamSettings } from '../store/defaults';
import { DateTime } from 'luxon';
import type { AwayRecord, CheckInRecord, IsoWeek, Mission, TeamSettings, WeeklyRollup } from '../domain';
import type { FrameworkStore } from '../store/port';

/** The part of the store progress uses. */
export type ProgressStore = Pick<
  FrameworkStore,
  'getTeamSettings' | 'updateTeamSettings' | 'listRollups' | 'listTeamCheckIns' | 'listTeamAway' | 'listInstallations'
>;
import { weeksBefore, windowEnding } from './weekWindow';

export async function loadSettings(store: ProgressStore, teamId: string): Promise<TeamSettings> {
  return (await store.getTeamSettings(teamId))?.value ?? defaultTeamSettings(teamId);
}

export interface TeamWindow {
  settings: TeamSettings;
  /** The team's current week, in its own time zone. */
  week: IsoWeek;
  /** The window, oldest first, ending with the current week. */
  weeks: IsoWeek[];
  rollups: WeeklyRollup[];
  /** Time away that overlaps the window: people away are counted as away, not as missing. */
  away: AwayRecord[];
}

function mondayOf(week: IsoWeek): DateTime {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  return DateTime.fromObject(
    { weekYear: Number(match?.[1] ?? 1970), weekNumber: Number(match?.[2] ?? 1), weekday: 1 },
    { zone: 'UTC' },
  );
}

/** The week's working days, Monday to Friday, as ISO dates. */
function workingDays(week: IsoWeek): { first: string; last: string } {
  const monday = mondayOf(week);
  return { first: monday.toISODate() ?? '', last: monday.plus({ days: 4 }).toISODate() ?? '' };
}

/**
 * The people away for some of `week`'s working days and not among `checkedIn`: counted as away,
 * not as missing (someone who checked in anyway counts as having checked in).
 */
export function awayIn(window: TeamWindow, week: IsoWeek, checkedIn: ReadonlySet<string> = new Set()): number {
  const { first, last } = workingDays(week);
  const people = new Set(
    window.away
      .filter((away) => away.from <= last && away.until >= first && !checkedIn.has(away.userId))
      .map((away) => away.userId),
  );
  return people.size;
}

export async function loadWindow(
  store: ProgressStore,
  settings: TeamSettings,
  now: Date,
  mission?: Mission,
): Promise<TeamWindow> {
  const week = currentWeek(now, settings.schedule.timeZone);
  const weeks = windowEnding(week);
  const fromWeek = weeks[0] ?? week;
  const [rollups, away] = await Promise.all([
    store.listRollups(settings.teamId, { fromWeek, toWeek: week, ...(mission ? { mission } : {}) }),
    store.listTeamAway(
      settings.teamId,
      workingDays(fromWeek).first,
      mondayOf(week).plus({ days: 6 }).toISODate() ?? '',
    ),
  ]);
  return { settings, week, weeks, rollups, away };
}

/** One week's answers: used for counting people (not answers) and for anonymous free text. */
export async function loadWeekAnswers(store: ProgressStore, teamId: string, week: IsoWeek): Promise<CheckInRecord[]> {
  return store.listTeamCheckIns(teamId, week);
}

export function distinctPeople(records: readonly CheckInRecord[]): number {
  return new Set(records.map((record) => record.userId)).size;
}

/** A week that has closed, for the summary posted to the team after it: that week and the one before. */
export interface ClosedWeek {
  settings: TeamSettings;
  week: IsoWeek;
  weekBefore: IsoWeek;
  /** Roll-ups of the week and of the week before it. */
  rollups: WeeklyRollup[];
  /** The week's answers, used only to count people. */
  records: CheckInRecord[];
}

/** One listRollups over two weeks and one week's check-ins: the same two reads whatever the history. */
export async function loadClosedWeek(store: ProgressStore, settings: TeamSettings, week: IsoWeek): Promise<ClosedWeek> {
  const weekBefore = weeksBefore(week, 1);
  const [rollups, records] = await Promise.all([
    store.listRollups(settings.teamId, { fromWeek: weekBefore, toWeek: week }),
    loadWeekAnswers(store, settings.teamId, week),
  ]);
  return { settings, week, weekBefore, rollups, records };
}
