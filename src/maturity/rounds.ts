// Rounds are calendar quarters in the team's time zone ('2026-Q4' runs from 1 October to 31 December
// where the team works). A lead can close the current round before its quarter ends, or open the
// next one early (which closes the current one); a round that is not open takes no more changes.
import { DateTime } from 'luxon';
import { currentWeek } from '../calendar/weeks';
import type { IsoWeek, RoundId, TeamMaturity } from '../domain';

const ROUND = /^(\d{4})-Q([1-4])$/;

function inZone(now: Date, timeZone: string): DateTime {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  return local.isValid ? local : DateTime.fromJSDate(now, { zone: 'Europe/London' });
}

/** The date (YYYY-MM-DD) it is at `now` where the team works: what due dates are compared with. */
export function localDate(now: Date, timeZone: string): string {
  return inZone(now, timeZone).toISODate() as string;
}

/** The quarter containing `now` where the team works. */
export function quarterOf(now: Date, timeZone: string): RoundId {
  const local = inZone(now, timeZone);
  return `${local.year}-Q${local.quarter}`;
}

function parts(round: RoundId): { year: number; quarter: number } {
  const match = ROUND.exec(round);
  if (!match) throw new Error(`not a round: ${round}`);
  return { year: Number(match[1]), quarter: Number(match[2]) };
}

export function nextRound(round: RoundId): RoundId {
  const { year, quarter } = parts(round);
  return quarter === 4 ? `${year + 1}-Q1` : `${year}-Q${quarter + 1}`;
}

export function previousRound(round: RoundId): RoundId {
  const { year, quarter } = parts(round);
  return quarter === 1 ? `${year - 1}-Q4` : `${year}-Q${quarter - 1}`;
}

function firstDay(round: RoundId): DateTime {
  const { year, quarter } = parts(round);
  return DateTime.fromObject({ year, month: (quarter - 1) * 3 + 1, day: 1 }, { zone: 'UTC', locale: 'en-GB' });
}

/** "October to December 2026". */
export function roundLabel(round: RoundId): string {
  const start = firstDay(round);
  const end = start.plus({ months: 2 });
  return `${start.toFormat('LLLL')} to ${end.toFormat('LLLL yyyy')}`;
}

/** The ISO weeks the round's quarter touches, for the check-ins behind it. */
export function roundWeeks(round: RoundId): { fromWeek: IsoWeek; toWeek: IsoWeek } {
  const start = firstDay(round);
  const end = start.plus({ months: 3 }).minus({ days: 1 });
  return {
    fromWeek: currentWeek(start.toJSDate(), 'UTC'),
    toWeek: currentWeek(end.plus({ hours: 12 }).toJSDate(), 'UTC'),
  };
}

export interface RoundState {
  /** The round assessments go to now: this quarter's, or the next one when a lead opened it early. */
  round: RoundId;
  open: boolean;
}

export function roundState(maturity: Pick<TeamMaturity, 'closedRounds' | 'openedEarly'>, now: Date, timeZone: string) {
  const quarter = quarterOf(now, timeZone);
  const round = maturity.openedEarly && maturity.openedEarly > quarter ? maturity.openedEarly : quarter;
  return { round, open: !maturity.closedRounds.includes(round) } satisfies RoundState;
}

/** The latest round before `round` that has figures: what "last round" means on the card. */
export function lastRoundBefore(maturity: Pick<TeamMaturity, 'rollups'>, round: RoundId): RoundId | undefined {
  return Object.keys(maturity.rollups)
    .filter((each) => each < round && (maturity.rollups[each]?.responses ?? 0) > 0)
    .sort()
    .at(-1);
}
