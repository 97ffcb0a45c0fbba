// The check-in side of the admins' organisation report: the quarter's weekly roll-ups of every team
// of the admin's organisation (tenant) that has settings, added up per mission and week as if the
// organisation were one team, then turned into figures by the same functions as a team's report
// (src/progress/measures.ts, sections.ts, ./content.ts), under the same MIN_RESPONSES rule. The teams
// are only summed: no team is named, counted apart or ordered, and no id or free text leaves here.
// Reads are bounded by the number of teams, never by their history: one paged scan of installations,
// then each team's settings and the quarter's roll-ups.
import { currentWeek } from '../calendar/weeks';
import { MISSIONS, type IsoWeek, type RoundId, type WeeklyRollup } from '../domain';
import { roundWeeks } from '../maturity/rounds';
import {
  answersPerWeek,
  breakdownOf,
  isVisible,
  missionPoints,
  score,
  trendOf,
  trendWord,
  weightedAverage,
} from '../progress/measures';
import { missionName, RARE_PRINCIPLE_SHARE } from '../progress/sections';
import { emptyRollup } from '../store/defaults';
import type { FrameworkStore } from '../store/port';
import type { OrganisationWeek } from './charts';
import { breakdownNote, quarterWeeks, tallies, TOO_FEW, type MissionRow, type TallyRow } from './content';

export type OrganisationProgressStore = Pick<FrameworkStore, 'listInstallations' | 'getTeamSettings' | 'listRollups'>;

/** Teams read at once: enough to be quick, few enough not to crowd the store's other work. */
const TEAMS_AT_ONCE = 10;
/** The organisation's weeks follow the organisation maturity view's clock. */
const ORGANISATION_ZONE = 'Europe/London';

export interface TeamsQuarter {
  /** Teams with settings, whose roll-ups were read. */
  teams: number;
  sampleData: boolean;
  /** Each team's roll-ups for the quarter, kept apart only until they are summed. */
  rollups: WeeklyRollup[][];
}

/** Each team's settings, then (for a team that has them) the quarter's roll-ups: two reads a team at most. */
export async function teamsQuarter(
  store: OrganisationProgressStore,
  teamIds: readonly string[],
  round: RoundId,
): Promise<TeamsQuarter> {
  const range = roundWeeks(round);
  const result: TeamsQuarter = { teams: 0, sampleData: false, rollups: [] };
  for (let start = 0; start < teamIds.length; start += TEAMS_AT_ONCE) {
    const batch = await Promise.all(
      teamIds.slice(start, start + TEAMS_AT_ONCE).map(async (teamId) => {
        const settings = (await store.getTeamSettings(teamId))?.value;
        return settings
          ? { sampleData: Boolean(settings.sampleData), rollups: await store.listRollups(teamId, range) }
          : undefined;
      }),
    );
    for (const team of batch) {
      if (!team) continue;
      result.teams += 1;
      result.sampleData ||= team.sampleData;
      result.rollups.push(team.rollups);
    }
  }
  return result;
}

function addCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [id, count] of Object.entries(from)) into[id] = (into[id] ?? 0) + count;
}

function sum(rollups: readonly WeeklyRollup[]): WeeklyRollup {
  const first = rollups[0] as WeeklyRollup;
  // No team's id on the sum: it belongs to the organisation.
  const total = emptyRollup('organisation', first.mission, first.week);
  for (const rollup of rollups) {
    total.responses += rollup.responses;
    total.progressSum += rollup.progressSum;
    total.progressHistogram = total.progressHistogram.map(
      (count, index) => count + (rollup.progressHistogram[index] ?? 0),
    ) as WeeklyRollup['progressHistogram'];
    addCounts(total.outcomes, rollup.outcomes);
    addCounts(total.enablers, rollup.enablers);
    addCounts(total.principles, rollup.principles);
  }
  return total;
}

/**
 * The teams' roll-ups added up per mission and week. `all` counts everyone (participation); `figures`
 * is what averages and tallies are made from. Where one team's roll-up for a mission-week is big
 * enough to show in its own report, the small ones beside it are left out of `figures`: otherwise a
 * reader who knows that team's figure could take it from the organisation's and be left with the
 * few people's answers. Where every team's is small, their sum may still reach MIN_RESPONSES and show.
 */
export function summedRollups(
  teams: readonly (readonly WeeklyRollup[])[],
  minResponses: number,
): { all: WeeklyRollup[]; figures: WeeklyRollup[] } {
  const byKey = new Map<string, WeeklyRollup[]>();
  for (const rollup of teams.flat()) {
    const key = `${rollup.mission} ${rollup.week}`;
    byKey.set(key, [...(byKey.get(key) ?? []), rollup]);
  }
  const all: WeeklyRollup[] = [];
  const figures: WeeklyRollup[] = [];
  for (const group of byKey.values()) {
    all.push(sum(group));
    const visible = group.filter((rollup) => isVisible(rollup, minResponses));
    figures.push(sum(visible.length > 0 ? visible : group));
  }
  return { all, figures };
}

export interface OrganisationProgress {
  teams: number;
  sampleData: boolean;
  weeks: (OrganisationWeek & { week: IsoWeek })[];
  missions: MissionRow[];
  breakdownNote: string;
  outcomes: TallyRow[];
  enablers: TallyRow[];
  rarePrinciples: TallyRow[];
}

export function organisationProgress(
  quarter: TeamsQuarter,
  options: { round: RoundId; now: Date; minResponses: number },
): OrganisationProgress {
  const { minResponses } = options;
  const weeks = quarterWeeks(options.round, currentWeek(options.now, ORGANISATION_ZONE));
  const inQuarter = quarter.rollups.map((team) => team.filter((rollup) => weeks.includes(rollup.week)));
  const { all, figures } = summedRollups(inQuarter, minResponses);
  const perWeek = answersPerWeek(all, weeks);
  const breakdown = breakdownOf(figures, minResponses);
  const rare = breakdown.principles.filter((each) => each.count < breakdown.answers * RARE_PRINCIPLE_SHARE);
  return {
    teams: quarter.teams,
    sampleData: quarter.sampleData,
    weeks: weeks.map((week, index) => {
      const people = perWeek[index] ?? 0;
      const shown = people >= minResponses;
      return {
        week,
        label: `Week ${Number(week.slice(-2))}`,
        people: shown ? people : undefined,
        figure: shown ? String(people) : people > 0 ? TOO_FEW : 'no answers',
      };
    }),
    // Every mission of the framework, in its own order: a mission no team follows says "no answers".
    missions: MISSIONS.map((mission) => {
      const points = missionPoints(figures, mission, weeks, minResponses);
      const overall = weightedAverage(points);
      return {
        name: missionName(mission),
        weeks: points.map((point) => ({
          week: point.week,
          figure: point.average !== undefined ? score(point.average) : point.responses > 0 ? TOO_FEW : 'no answers',
          average: point.average,
        })),
        average:
          overall !== undefined ? score(overall) : points.some((point) => point.responses > 0) ? TOO_FEW : 'no answers',
        trend: trendWord(trendOf(points)),
      };
    }),
    breakdownNote: breakdownNote(breakdown, minResponses),
    outcomes: tallies(breakdown.outcomes, breakdown.answers),
    enablers: tallies(breakdown.enablers.slice(0, 3), breakdown.answers),
    rarePrinciples: tallies(rare, breakdown.answers),
  };
}
