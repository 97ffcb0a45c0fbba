// "What needs attention": a few plain rules over the same roll-ups the other cards use. Each rule
// is deliberately simple so a lead can check it by hand against the overview's numbers.
import type { IsoWeek, Mission, WeeklyRollup } from '../domain';
import { breakdownOf, missionPoints, score, shareText, TREND_STEP, trendOf } from './measures';

export type FindingKind = 'falling' | 'participation' | 'enabler';

export interface Finding {
  kind: FindingKind;
  title: string;
  detail: string;
  /** The mission the finding is about, for a "see the mission" button. */
  mission?: Mission;
}

/** Fewer than half of the people prompted answering means the figures speak for a minority. */
export const LOW_SHARE_OF_PROMPTED = 0.5;
/** Answers falling below half the usual weekly number is a drop, not a holiday week or two. */
export const LOW_SHARE_OF_USUAL = 0.5;
/** An enabler named in two answers out of five is a shared problem, not one person's bad week. */
export const ENABLER_SHARE = 0.4;
/** The enabler rule looks at the last four weeks: recent enough to act on. */
export const ENABLER_WEEKS = 4;

export interface AttentionInput {
  missions: readonly Mission[];
  missionName: (mission: Mission) => string;
  /** The window, oldest first; the last week is the current (unfinished) one. */
  weeks: readonly IsoWeek[];
  rollups: readonly WeeklyRollup[];
  /** Distinct people who checked in during the last complete week (the one before the current). */
  peopleLastWeek: number;
  /** How many people were asked to check in, when the edge knows. */
  prompted?: number;
  /**
   * People away for some of the last complete week who did not check in. They are away, not missing:
   * never among those asked, and never a reason for a low-participation finding.
   */
  awayLastWeek?: number;
  minResponses: number;
  /** Weeks a lead marked off: never a drop in check-ins, nor part of the usual weekly number. */
  weeksOff?: readonly IsoWeek[];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return 0;
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function fallingTrends(input: AttentionInput): Finding[] {
  return input.missions.flatMap((mission) => {
    const trend = trendOf(missionPoints(input.rollups, mission, input.weeks, input.minResponses));
    if (!trend || trend.change > -TREND_STEP) return [];
    const name = input.missionName(mission);
    return [
      {
        kind: 'falling' as const,
        mission,
        title: `Progress on ${name} is falling`,
        detail: `The last three weeks with enough answers average ${score(trend.recent)} out of 5, against ${score(trend.earlier)} in the weeks before.`,
      },
    ];
  });
}

function peopleText(count: number): string {
  return count === 1 ? '1 person' : `${count} people`;
}

function lowParticipation(input: AttentionInput): Finding[] {
  const lastWeek = input.weeks[input.weeks.length - 2];
  const off = new Set(input.weeksOff ?? []);
  if (lastWeek === undefined || off.has(lastWeek)) return [];
  const people = input.peopleLastWeek;
  const away = input.awayLastWeek ?? 0;
  const who = peopleText(people);
  const awayNote = away > 0 ? ` ${peopleText(away)} ${away === 1 ? 'was' : 'were'} away.` : '';
  // Those away were not asked: "4 of 10" with 6 away is everyone who was there.
  const asked = input.prompted !== undefined ? Math.max(0, input.prompted - away) : undefined;
  if (asked !== undefined && asked > 0 && people < asked * LOW_SHARE_OF_PROMPTED) {
    return [
      {
        kind: 'participation',
        title: 'Few people checked in last week',
        detail: `${who} of the ${asked} asked checked in.${awayNote}`,
      },
    ];
  }
  // Too few to show is only worth a lead's attention when the people away are not the reason for it.
  if (people > 0 && people + away < input.minResponses) {
    return [
      {
        kind: 'participation',
        title: 'Too few check-ins last week to show the answers',
        detail: `${who} checked in; answers show once at least ${input.minResponses} people do.`,
      },
    ];
  }
  // Usual = the median of earlier weeks that had any answers, so a quiet start does not count.
  const perWeek = new Map<IsoWeek, number>();
  for (const rollup of input.rollups) perWeek.set(rollup.week, (perWeek.get(rollup.week) ?? 0) + rollup.responses);
  const earlier = input.weeks
    .slice(0, -2)
    .filter((week) => !off.has(week))
    .map((week) => perWeek.get(week) ?? 0)
    .filter((count) => count > 0);
  const usual = median(earlier);
  // With people away, the usual number shrinks by their share of the team: the roster when the edge
  // knows it, or else at least everyone who checked in or was away.
  const team = Math.max(input.prompted ?? 0, people + away);
  const expected = away > 0 && team > 0 ? (usual * (team - away)) / team : usual;
  const last = perWeek.get(lastWeek) ?? 0;
  if (earlier.length >= 2 && last < expected * LOW_SHARE_OF_USUAL) {
    const expectedNote = away > 0 ? `${awayNote} About ${Math.round(expected)} were expected from the rest.` : '';
    return [
      {
        kind: 'participation',
        title: 'Check-ins dropped last week',
        detail: `${last} answers last week, against a usual ${usual} a week.${expectedNote}`,
      },
    ];
  }
  return [];
}

function sharedBlockers(input: AttentionInput): Finding[] {
  const recentWeeks = new Set(input.weeks.slice(-ENABLER_WEEKS));
  const breakdown = breakdownOf(
    input.rollups.filter((rollup) => recentWeeks.has(rollup.week)),
    input.minResponses,
  );
  return breakdown.enablers
    .filter((enabler) => enabler.count >= input.minResponses && enabler.count >= breakdown.answers * ENABLER_SHARE)
    .map((enabler) => ({
      kind: 'enabler' as const,
      title: `${enabler.name} is holding many back`,
      detail: `Named as what is holding the work back in ${shareText(enabler.count, breakdown.answers)} over the last ${ENABLER_WEEKS} weeks.`,
    }));
}

/** Every finding, most pressing kind first. */
export function findingsOf(input: AttentionInput): Finding[] {
  return [...fallingTrends(input), ...sharedBlockers(input), ...lowParticipation(input)];
}
