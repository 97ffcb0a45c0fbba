// The reads behind a progress card, and nothing else: the team's settings, one listRollups for the
// window, and (for cards that need it) one week's check-ins. That is a fixed number of reads
// whatever the length of the team's history; tests and the benchmark count them.
import { currentWeek } from '../calendar/weeks';
import { defaultTeamSettings } from '../store/defaults';
import type { CheckInRecord, IsoWeek, Mission, TeamSettings, WeeklyRollup } from '../domain';
import type { FrameworkStore } from '../store/port';

/** The part of the store progress uses. */
export type ProgressStore = Pick<
  FrameworkStore,
  'getTeamSettings' | 'updateTeamSettings' | 'listRollups' | 'listTeamCheckIns'
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
  const rollups = await store.listRollups(settings.teamId, { fromWeek, toWeek: week, ...(mission ? { mission } : {}) });
  return { settings, week, weeks, rollups };
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
