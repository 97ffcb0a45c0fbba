// Starting values for records that do not exist yet, shared by both stores so a team's first
// read-modify-write sees the same thing whichever store is behind the port.
import { MISSIONS, type IsoWeek, type Mission, type TeamSettings, type WeeklyRollup } from '../domain';

/** Two years: enough to compare this year with last, no longer. */
export const DEFAULT_RETENTION_DAYS = 730;

/** Unfinished check-ins are dropped after two weeks. */
export const DEFAULT_DRAFT_TTL_SECONDS = 14 * 24 * 3600;

export function defaultTeamSettings(teamId: string): TeamSettings {
  return {
    teamId,
    missions: [...MISSIONS],
    schedule: { day: 1, time: '10:00', timeZone: 'Europe/London' },
    leads: [],
    paused: false,
    retentionDays: DEFAULT_RETENTION_DAYS,
    focusOutcomes: [],
  };
}

export function emptyRollup(teamId: string, mission: Mission, week: IsoWeek): WeeklyRollup {
  return {
    teamId,
    mission,
    week,
    responses: 0,
    progressSum: 0,
    progressHistogram: [0, 0, 0, 0, 0],
    outcomes: {},
    enablers: {},
    principles: {},
  };
}
