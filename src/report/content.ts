// What a team's quarterly report says, as plain data: the figures the progress and maturity cards
// show, for the weeks of one quarter, computed by those capabilities' own functions so the document
// and the cards never disagree. Every figure follows the same MIN_RESPONSES rule: one made from too
// few people's answers is "too few answers", never a number. Only roll-ups, the team's maturity
// record (round figures, targets, the action plan), time away and the organisation's approved shared
// practice are read: never a person's answers, never check-in free text other than the wins the team
// approved for sharing with the whole organisation, never an author's name, and no id.
import { DateTime } from 'luxon';
import { isWeekOff } from '../calendar/weeksOff';
import { currentWeek } from '../calendar/weeks';
import type { AwayRecord, IsoWeek, RoundId, TeamMaturity, TeamSettings, WeeklyRollup } from '../domain';
import { levelText, median, ratingsCount } from '../maturity/figures';
import { dueLabel, openActions } from '../maturity/report';
import { lastRoundBefore, quarterOf, roundLabel, roundWeeks } from '../maturity/rounds';
import { partLabel } from '../practice/parts';
import type { PracticeExample } from '../store/practicePort';
import { THEMES, themeName, type ThemeKind } from '../maturity/themes';
import {
  answersPerWeek,
  breakdownOf,
  missionPoints,
  score,
  shareText,
  trendOf,
  trendWord,
  weightedAverage,
  type Breakdown,
} from '../progress/measures';
import { missionName, RARE_PRINCIPLE_SHARE } from '../progress/sections';
import { awayIn } from '../progress/teamWindow';
import { weeksBefore } from '../progress/weekWindow';

/** What a figure made from too few people says instead of a number, everywhere in the report. */
export const TOO_FEW = 'too few answers';

export interface WeekRow {
  week: IsoWeek;
  /** "Week 41" */
  label: string;
  /** Monday of the week, "6 October". */
  starts: string;
  answers: number;
  away: number;
  off: boolean;
}

export interface MissionRow {
  name: string;
  /** Per week, as shown: a 1-5 average, TOO_FEW, "week off" or "no answers". */
  weeks: { week: IsoWeek; figure: string; average: number | undefined }[];
  /** The quarter's average (weighted by answers), or TOO_FEW / "no answers". */
  average: string;
  trend: string;
}

export interface TallyRow {
  name: string;
  count: number;
  share: string;
}

export interface ThemeRow {
  name: string;
  kind: ThemeKind;
  /** The median as a number for the chart; undefined when not shown. */
  median: number | undefined;
  /** As the table says it: "3", "2.5", TOO_FEW or "no ratings". */
  thisRound: string;
  lastRound: string;
  target: string;
  targetLevel: number | undefined;
}

export interface ActionRow {
  title: string;
  theme: string;
  owner: string;
  due: string;
  status: 'Open' | 'Overdue' | 'Done';
}

export interface ExampleRow {
  text: string;
  parts: string;
  approved: string;
}

export interface ReportContent {
  /** The cover title, as the lead left it. */
  title: string;
  /** The team's name as Teams gives it. */
  teamName: string;
  round: RoundId;
  quarter: string;
  /** The day the report was made, "7 December 2026". */
  madeOn: string;
  sampleData: boolean;
  minResponses: number;
  weeks: WeekRow[];
  missions: MissionRow[];
  /** Set when the quarter's answers in weeks with enough people are too few to count anything. */
  breakdownNote: string;
  outcomes: TallyRow[];
  enablers: TallyRow[];
  rarePrinciples: TallyRow[];
  /** How many people assessed the team this round, and the round the comparison is with. */
  assessed: number;
  lastRoundLabel: string | undefined;
  themes: ThemeRow[];
  actions: ActionRow[] | undefined;
  /** The team's wins approved this quarter for sharing with the organisation (shared practice). */
  examples: ExampleRow[];
}

/** Everything the report is made from: four reads, whatever the length of the team's history. */
export interface TeamData {
  settings: TeamSettings;
  maturity: TeamMaturity;
  rollups: WeeklyRollup[];
  away: AwayRecord[];
  /** The newest approved shared practice of the team's organisation (one page); this team's are used. */
  examples: PracticeExample[];
}

function mondayOf(week: IsoWeek): DateTime {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  return DateTime.fromObject(
    { weekYear: Number(match?.[1] ?? 1970), weekNumber: Number(match?.[2] ?? 1), weekday: 1 },
    { zone: 'UTC', locale: 'en-GB' },
  );
}

/** The quarter's ISO weeks, oldest first, up to the team's current week (a quarter under way has no future weeks). */
export function quarterWeeks(round: RoundId, thisWeek: IsoWeek): IsoWeek[] {
  const { fromWeek, toWeek } = roundWeeks(round);
  const last = toWeek < thisWeek ? toWeek : thisWeek;
  const weeks: IsoWeek[] = [];
  for (let week = fromWeek; week <= last; week = weeksBefore(week, -1)) weeks.push(week);
  return weeks;
}

/** The days the reads cover: Monday of the first week to Sunday of the last. */
export function quarterDays(round: RoundId): { from: string; until: string } {
  const { fromWeek, toWeek } = roundWeeks(round);
  return {
    from: mondayOf(fromWeek).toISODate() ?? '',
    until: mondayOf(toWeek).plus({ days: 6 }).toISODate() ?? '',
  };
}

function weekFigure(settings: TeamSettings, week: IsoWeek, average: number | undefined, responses: number): string {
  if (average !== undefined) return score(average);
  if (responses > 0) return TOO_FEW;
  return isWeekOff(settings, week) ? 'week off' : 'no answers';
}

export function tallies(rows: readonly { name: string; count: number }[], answers: number): TallyRow[] {
  return rows.map((row) => ({ name: row.name, count: row.count, share: shareText(row.count, answers) }));
}

function shownMedian(maturity: TeamMaturity, round: string | undefined, themeId: string, minResponses: number) {
  const histogram = round ? maturity.rollups[round]?.levels[themeId] : undefined;
  const count = ratingsCount(histogram);
  if (count >= minResponses) return { value: median(histogram), text: levelText(median(histogram) as number) };
  return { value: undefined, text: count > 0 ? TOO_FEW : 'no ratings' };
}

function actionRows(maturity: TeamMaturity, today: string): ActionRow[] {
  const open = openActions(maturity.actions);
  const done = maturity.actions.filter((action) => action.status === 'done');
  const row = (action: (typeof maturity.actions)[number], status: ActionRow['status']): ActionRow => ({
    title: action.title,
    theme: themeName(action.theme),
    owner: action.ownerName ?? 'No owner',
    due: dueLabel(action.due),
    status,
  });
  return [
    ...open.map((action) => row(action, action.due < today ? 'Overdue' : 'Open')),
    ...done.map((action) => row(action, 'Done')),
  ];
}

/** What the quarter's breakdown counted and left out, said once above the outcomes. */
export function breakdownNote(breakdown: Breakdown, minResponses: number): string {
  if (breakdown.answers > 0)
    return `From ${breakdown.answers} answers in weeks where at least ${minResponses} people answered on a mission.${breakdown.hiddenAnswers > 0 ? ` ${breakdown.hiddenAnswers} answers from weeks with fewer people are left out.` : ''}`;
  return breakdown.hiddenAnswers > 0
    ? `No figures: ${TOO_FEW} (no week had at least ${minResponses} people answering on a mission).`
    : 'No answers this quarter yet.';
}

export function teamContent(
  data: TeamData,
  options: { title: string; teamName: string; round: RoundId; now: Date; minResponses: number },
): ReportContent {
  const { settings, maturity, rollups, minResponses } = { ...data, ...options };
  const zone = settings.schedule.timeZone;
  const thisWeek = currentWeek(options.now, zone);
  const weeks = quarterWeeks(options.round, thisWeek);
  const inQuarter = rollups.filter((rollup) => weeks.includes(rollup.week));
  const window = { settings, week: thisWeek, weeks, rollups: inQuarter, away: data.away };
  const perWeek = answersPerWeek(inQuarter, weeks);
  const breakdown = breakdownOf(inQuarter, minResponses);
  const rare = breakdown.principles.filter((each) => each.count < breakdown.answers * RARE_PRINCIPLE_SHARE);
  const last = lastRoundBefore(maturity, options.round);
  const local = DateTime.fromJSDate(options.now, { zone }).setLocale('en-GB');
  const today = local.toISODate() ?? '';
  return {
    title: options.title,
    teamName: options.teamName,
    round: options.round,
    quarter: roundLabel(options.round),
    madeOn: local.toFormat('d LLLL yyyy'),
    sampleData: Boolean(settings.sampleData),
    minResponses,
    weeks: weeks.map((week, index) => ({
      week,
      label: `Week ${mondayOf(week).weekNumber}`,
      starts: mondayOf(week).toFormat('d LLLL'),
      answers: perWeek[index] ?? 0,
      away: awayIn(window, week),
      off: isWeekOff(settings, week),
    })),
    missions: settings.missions.map((mission) => {
      const points = missionPoints(inQuarter, mission, weeks, minResponses);
      const overall = weightedAverage(points);
      const answered = points.some((point) => point.responses > 0);
      return {
        name: missionName(mission),
        weeks: points.map((point) => ({
          week: point.week,
          figure: weekFigure(settings, point.week, point.average, point.responses),
          average: point.average,
        })),
        average: overall !== undefined ? score(overall) : answered ? TOO_FEW : 'no answers',
        trend: trendWord(trendOf(points)),
      };
    }),
    breakdownNote: breakdownNote(breakdown, minResponses),
    outcomes: tallies(breakdown.outcomes, breakdown.answers),
    enablers: tallies(breakdown.enablers.slice(0, 3), breakdown.answers),
    rarePrinciples: tallies(rare, breakdown.answers),
    assessed: maturity.rollups[options.round]?.responses ?? 0,
    lastRoundLabel: last ? roundLabel(last) : undefined,
    themes: THEMES.map((theme) => {
      const now = shownMedian(maturity, options.round, theme.id, minResponses);
      const before = last ? shownMedian(maturity, last, theme.id, minResponses).text : 'no round before';
      const target = maturity.targets[theme.id];
      return {
        name: theme.name,
        kind: theme.kind,
        median: now.value,
        thisRound: now.text,
        lastRound: before,
        target: target ? String(target) : 'none set',
        targetLevel: target,
      };
    }),
    actions: actionRows(maturity, today),
    examples: data.examples
      .filter((example) => example.teamId === settings.teamId && example.status === 'approved')
      .filter((example) => {
        const approved = DateTime.fromISO(example.decidedAt ?? '', { zone });
        return approved.isValid && quarterOf(approved.toJSDate(), zone) === options.round;
      })
      .map((example) => ({
        text: example.text,
        parts: example.parts.map(partLabel).join('; '),
        approved: DateTime.fromISO(example.decidedAt ?? '', { zone })
          .setLocale('en-GB')
          .toFormat('d LLLL yyyy'),
      })),
  };
}
