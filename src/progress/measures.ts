// The figures on progress cards, computed from weekly roll-ups alone (never from check-ins), so the
// cost of a card depends on the window it shows, not on how long the team has been checking in.
//
// Fairness to the people behind the answers: any figure made from what people answered (an
// average, a count of outcomes or enablers) only uses roll-ups where at least `minResponses` people
// answered. A roll-up below the threshold still counts towards participation (how many answered,
// which names nobody), but its answers are left out everywhere, including from multi-week totals:
// summing a hidden week into a quarter's total would let anyone who compares cards work it out.
import { allTopics } from '../knowledge/answers';
import type { TopicKind } from '../knowledge/types';
import type { IsoWeek, Mission, WeeklyRollup } from '../domain';

/** Whether a roll-up's answers may be shown or counted. */
export function isVisible(rollup: Pick<WeeklyRollup, 'responses'>, minResponses: number): boolean {
  return rollup.responses >= minResponses;
}

/** Why a figure is missing, in words a team lead can act on. */
export function hiddenReason(responses: number, minResponses: number): string {
  if (responses === 0) return 'No answers yet.';
  const who = responses === 1 ? '1 person' : `${responses} people`;
  return `Hidden: ${who} answered; figures show once at least ${minResponses} do, so no one's answers can be picked out.`;
}

export interface WeekPoint {
  week: IsoWeek;
  responses: number;
  /** Mean 1-5 progress; undefined when hidden or when nobody answered. */
  average: number | undefined;
}

/** One mission's weekly points over `weeks` (weeks with no roll-up count as no answers). */
export function missionPoints(
  rollups: readonly WeeklyRollup[],
  mission: Mission,
  weeks: readonly IsoWeek[],
  minResponses: number,
): WeekPoint[] {
  const byWeek = new Map(rollups.filter((r) => r.mission === mission).map((r) => [r.week, r]));
  return weeks.map((week) => {
    const rollup = byWeek.get(week);
    const responses = rollup?.responses ?? 0;
    const average =
      rollup && responses > 0 && isVisible(rollup, minResponses) ? rollup.progressSum / responses : undefined;
    return { week, responses, average };
  });
}

/** Mean over the shown weeks, weighted by answers so a busy week counts for more than a quiet one. */
export function weightedAverage(points: readonly WeekPoint[]): number | undefined {
  let sum = 0;
  let count = 0;
  for (const point of points) {
    if (point.average === undefined) continue;
    sum += point.average * point.responses;
    count += point.responses;
  }
  return count > 0 ? sum / count : undefined;
}

/** The most recent shown weeks compared with the shown weeks before them. */
export interface Trend {
  recent: number;
  earlier: number;
  change: number;
}

/** Three weeks: enough to smooth one odd week, recent enough to still be news. */
const RECENT_WEEKS = 3;

export function trendOf(points: readonly WeekPoint[]): Trend | undefined {
  const shown = points.filter((point) => point.average !== undefined);
  // Two shown weeks on each side at least, or one unusual week would make a "trend".
  if (shown.length < RECENT_WEEKS + 2) return undefined;
  const recent = weightedAverage(shown.slice(-RECENT_WEEKS));
  const earlier = weightedAverage(shown.slice(0, -RECENT_WEEKS));
  if (recent === undefined || earlier === undefined) return undefined;
  return { recent, earlier, change: recent - earlier };
}

/** A change smaller than this is "steady": half a point on a 1-5 scale is one person in two moving a step. */
export const TREND_STEP = 0.5;

export function trendWord(trend: Trend | undefined): string {
  if (!trend) return 'not enough weeks to tell';
  if (trend.change <= -TREND_STEP) return 'falling';
  if (trend.change >= TREND_STEP) return 'rising';
  return 'steady';
}

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** A text sparkline, one character a week (· for a hidden or empty week), readable in every client. */
export function sparkline(points: readonly WeekPoint[]): string {
  return points
    .map((point) => {
      if (point.average === undefined) return '·';
      const index = Math.round(((point.average - 1) / 4) * (BLOCKS.length - 1));
      return BLOCKS[Math.min(BLOCKS.length - 1, Math.max(0, index))];
    })
    .join('');
}

/** "3.7": one decimal is as precise as a 1-5 self-rating deserves. */
export function score(value: number | undefined): string {
  return value === undefined ? '–' : value.toFixed(1);
}

export interface Tally {
  id: string;
  name: string;
  count: number;
}

/** What the answers in shown roll-ups named, and what was left out to protect small weeks. */
export interface Breakdown {
  /** Answers in the roll-ups that were counted. */
  answers: number;
  /** Roll-ups (mission-weeks) left out because too few people answered. */
  hiddenRollups: number;
  /** Answers in those roll-ups. */
  hiddenAnswers: number;
  outcomes: Tally[];
  enablers: Tally[];
  /** Every principle of the framework, named or not: "rarely checked" needs the zeros. */
  principles: Tally[];
}

const topicNames = new Map(allTopics().map((topic) => [topic.id, topic.name]));

export function isOutcome(id: string): boolean {
  return id.startsWith('outcome:') && topicNames.has(id);
}

export function topicName(id: string): string {
  return topicNames.get(id) ?? id;
}

function idsOfKind(kind: TopicKind): string[] {
  return allTopics()
    .filter((topic) => topic.kind === kind)
    .map((topic) => topic.id);
}

function tallies(counts: Map<string, number>): Tally[] {
  return [...counts]
    .map(([id, count]) => ({ id, name: topicName(id), count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

function add(into: Map<string, number>, from: Record<string, number>): void {
  for (const [id, count] of Object.entries(from)) into.set(id, (into.get(id) ?? 0) + count);
}

export function breakdownOf(rollups: readonly WeeklyRollup[], minResponses: number): Breakdown {
  const outcomes = new Map<string, number>();
  const enablers = new Map<string, number>();
  const principles = new Map<string, number>(idsOfKind('principle').map((id) => [id, 0]));
  let answers = 0;
  let hiddenRollups = 0;
  let hiddenAnswers = 0;
  for (const rollup of rollups) {
    if (rollup.responses === 0) continue;
    if (!isVisible(rollup, minResponses)) {
      hiddenRollups += 1;
      hiddenAnswers += rollup.responses;
      continue;
    }
    answers += rollup.responses;
    add(outcomes, rollup.outcomes);
    add(enablers, rollup.enablers);
    add(principles, rollup.principles);
  }
  return {
    answers,
    hiddenRollups,
    hiddenAnswers,
    outcomes: tallies(outcomes),
    enablers: tallies(enablers),
    principles: tallies(principles).sort((a, b) => a.count - b.count || a.name.localeCompare(b.name)),
  };
}

/** Answers per week across missions: participation, which names nobody, so it is never hidden. */
export function answersPerWeek(rollups: readonly WeeklyRollup[], weeks: readonly IsoWeek[]): number[] {
  const totals = new Map<IsoWeek, number>();
  for (const rollup of rollups) totals.set(rollup.week, (totals.get(rollup.week) ?? 0) + rollup.responses);
  return weeks.map((week) => totals.get(week) ?? 0);
}

/** "named in 4 of 10 answers (40%)". */
export function shareText(count: number, of: number): string {
  const percent = of > 0 ? Math.round((count / of) * 100) : 0;
  return `${count} of ${of} answers (${percent}%)`;
}
