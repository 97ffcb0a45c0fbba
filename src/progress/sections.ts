// The sections progress cards share. Each takes figures already computed from roll-ups and turns
// them into rows of text, and some into a chart whose fallback is rows with the same numbers; hidden
// figures always say why they are hidden, and a hidden week has no point in a chart.
import { progressLabel } from '../checkins/questions';
import { weekLabel } from '../calendar/weeks';
import { isWeekOff } from '../calendar/weeksOff';
import type { CheckInRecord, IsoWeek, Mission, WeeklyRollup } from '../domain';
import { missionPayload, outcomePayload } from '../cards/progressPayloads';
import {
  answersPerWeek,
  hiddenReason,
  isVisible,
  missionPoints,
  score,
  shareText,
  sparkline,
  trendOf,
  trendWord,
  weightedAverage,
  type Breakdown,
  type WeekPoint,
  topicName,
} from './measures';
import { button, type Chart, type ChartPoint, type Row, type Section } from './reportCard';
import { awayIn, type TeamWindow } from './teamWindow';
import { shortWeek, weekNumber } from './weekWindow';
import { cleanText } from '../cards/plainText';

export function missionName(mission: Mission): string {
  return topicName(`mission:${mission}`);
}

function people(count: number): string {
  return count === 1 ? '1 person' : `${count} people`;
}

export function participationSection(
  window: TeamWindow,
  thisWeekRecords: readonly CheckInRecord[],
  prompted: number | undefined,
): Section {
  const checkedInNow = new Set(thisWeekRecords.map((record) => record.userId));
  const peopleThisWeek = checkedInNow.size;
  // People away this week and not checked in: not missing, so not among those who were asked.
  const awayNow = awayIn(window, window.week, checkedInNow);
  const asked = prompted !== undefined ? Math.max(0, prompted - awayNow) : undefined;
  const perWeek = answersPerWeek(window.rollups, window.weeks);
  // A week a lead marked off says so, in words, rather than showing as a week nobody checked in.
  const off = (week: IsoWeek) => isWeekOff(window.settings, week);
  const thisWeekOff = off(window.week);
  const thisWeek = thisWeekOff
    ? 'Week off'
    : asked !== undefined && asked > 0
      ? `${peopleThisWeek} of ${asked}`
      : people(peopleThisWeek);
  const total = perWeek.reduce((sum, count) => sum + count, 0);
  const weekly = `Answers a week, last ${window.weeks.length} weeks`;
  const weeksOff = window.weeks.filter(off).length;
  return {
    heading: 'Who checked in',
    rows: [
      {
        label: 'This week',
        value: thisWeek,
        detail: thisWeekOff
          ? `A lead marked this week off: no prompt and no reminder. ${perWeek[perWeek.length - 1] ?? 0} answers across missions.`
          : `${perWeek[perWeek.length - 1] ?? 0} answers across missions${asked !== undefined && asked > 0 ? `; ${asked} people were asked` : ''}.`,
      },
      ...(awayNow > 0
        ? [
            {
              label: 'Away this week',
              value: people(awayNow),
              detail: 'Said they are away: counted as away, not as missing.',
            },
          ]
        : []),
      ...(weeksOff > 0
        ? [
            {
              label: 'Weeks off',
              value: String(weeksOff),
              detail: 'Weeks a lead marked off are not counted as low participation.',
            },
          ]
        : []),
      // The total is a row for every client: not every client that draws charts shows their title.
      { label: weekly, value: String(total) },
    ],
    // Participation names nobody, so every week has a bar, hidden or not.
    chart: {
      kind: 'verticalBar',
      title: weekly,
      xAxisTitle: 'Week',
      yAxisTitle: 'Answers',
      bars: window.weeks.map((week, index) => ({ x: weekNumber(week), y: perWeek[index] ?? 0 })),
      fallback: [
        {
          label: 'Week by week',
          detail: window.weeks
            .map((week, index) => {
              if (off(week)) return `${shortWeek(week)}: week off`;
              const away = awayIn(window, week);
              return `${shortWeek(week)}: ${perWeek[index] ?? 0}${away > 0 ? ` (${away} away)` : ''}`;
            })
            .join(' · '),
        },
      ],
    },
  };
}

/** A chart point is the figure the rows show (one decimal), so the chart and its fallback agree. */
function shownPoints(points: readonly WeekPoint[]): ChartPoint[] {
  return points.flatMap((point) =>
    point.average !== undefined ? [{ x: weekNumber(point.week), y: Number(score(point.average)) }] : [],
  );
}

const AVERAGE_AXIS = 'Average (1 to 5)';

function hiddenWeeksNote(minResponses: number): Row {
  return {
    label: `A hidden week had fewer than ${minResponses} people answering on the mission, so it shows no figure and no one's answers can be picked out.`,
  };
}

/**
 * Each mission's weekly averages as lines, one point per shown week (a hidden week has no point);
 * the fallback says every week's figure in text. No chart when no week can be shown.
 */

/** A week's 1-5 average as shown: the score, or why there is none (hidden under MIN_RESPONSES, a week off, no answers). */
function weekFigure(window: TeamWindow, point: WeekPoint): string {
  if (point.average !== undefined) return score(point.average);
  if (point.responses > 0) return 'hidden';
  return isWeekOff(window.settings, point.week) ? 'week off' : 'no answers';
}
function missionTrendChart(window: TeamWindow, minResponses: number): Chart | undefined {
  const perMission = window.settings.missions.map((mission) => ({
    mission,
    points: missionPoints(window.rollups, mission, window.weeks, minResponses),
  }));
  const series = perMission
    .map(({ mission, points }) => ({ legend: missionName(mission), points: shownPoints(points) }))
    .filter((line) => line.points.length > 0);
  if (series.length === 0) return undefined;
  const figure = (point: WeekPoint) => weekFigure(window, point);
  const fallback: Row[] = perMission.map(({ mission, points }) => ({
    label: `${missionName(mission)}, week by week`,
    detail: points.map((point) => `${shortWeek(point.week)}: ${figure(point)}`).join(' · '),
  }));
  if (perMission.some(({ points }) => points.some((point) => point.average === undefined && point.responses > 0)))
    fallback.push(hiddenWeeksNote(minResponses));
  return {
    kind: 'line',
    title: `Average progress a week, last ${window.weeks.length} weeks`,
    xAxisTitle: 'Week',
    yAxisTitle: AVERAGE_AXIS,
    series,
    fallback,
  };
}

/** One row per mission: this week's average (or why it is hidden), the window's sparkline and direction. */
export function missionProgressSection(window: TeamWindow, minResponses: number, links: boolean): Section {
  const rows: Row[] = window.settings.missions.map((mission) => {
    const points = missionPoints(window.rollups, mission, window.weeks, minResponses);
    const current = points[points.length - 1];
    const thisWeek = current?.average !== undefined ? `${score(current.average)} this week` : 'hidden this week';
    const overall = weightedAverage(points);
    const parts = [
      `Last ${points.length} weeks ${sparkline(points)}`,
      `average ${score(overall)}`,
      trendWord(trendOf(points)),
    ];
    if (current?.average === undefined) parts.push(`This week: ${hiddenReason(current?.responses ?? 0, minResponses)}`);
    return {
      label: missionName(mission),
      value: thisWeek,
      detail: parts.join(' · '),
      ...(links ? { open: button('Details', missionPayload(window.settings.teamId, mission)) } : {}),
    };
  });
  const chart = missionTrendChart(window, minResponses);
  return {
    heading: 'Progress by mission (1 to 5)',
    intro: 'Each mark is one week, low to high; · is a week with too few answers to show.',
    rows,
    ...(chart ? { chart } : {}),
  };
}

/** What a breakdown counts and leaves out, said once per card. */
export function breakdownIntro(breakdown: Breakdown, minResponses: number): string {
  const counted = `From ${breakdown.answers} answers in weeks where at least ${minResponses} people answered.`;
  if (breakdown.hiddenRollups === 0) return counted;
  return `${counted} ${breakdown.hiddenAnswers} answers from weeks with fewer people are left out so no one's answers can be picked out.`;
}

function noFigures(breakdown: Breakdown, minResponses: number): Row[] {
  if (breakdown.answers > 0) return [];
  const reason =
    breakdown.hiddenAnswers > 0 ? `Hidden: no week had at least ${minResponses} people answering.` : 'No answers yet.';
  return [{ label: reason }];
}

export function outcomesSection(
  breakdown: Breakdown,
  minResponses: number,
  teamId: string | undefined,
  limit = 6,
): Section {
  const rows: Row[] =
    breakdown.answers === 0
      ? noFigures(breakdown, minResponses)
      : breakdown.outcomes.slice(0, limit).map((outcome) => ({
          label: outcome.name,
          value: String(outcome.count),
          detail: `Named in ${shareText(outcome.count, breakdown.answers)}`,
          ...(teamId !== undefined ? { open: button('Details', outcomePayload(teamId, outcome.id)) } : {}),
        }));
  if (breakdown.answers > 0 && rows.length === 0) rows.push({ label: 'No outcomes named yet.' });
  return { heading: 'Outcomes the work touched', intro: breakdownIntro(breakdown, minResponses), rows };
}

export function enablersSection(breakdown: Breakdown, minResponses: number, limit = 3): Section {
  const rows: Row[] =
    breakdown.answers === 0
      ? noFigures(breakdown, minResponses)
      : breakdown.enablers.slice(0, limit).map((enabler) => ({
          label: enabler.name,
          value: String(enabler.count),
          detail: `Named in ${shareText(enabler.count, breakdown.answers)}`,
        }));
  if (breakdown.answers > 0 && rows.length === 0) rows.push({ label: 'Nobody named anything holding the work back.' });
  return { heading: 'Most often holding the work back', rows };
}

/** A principle checked in fewer than one answer in five is one the team rarely weighs its work against. */
export const RARE_PRINCIPLE_SHARE = 0.2;

export function principlesSection(breakdown: Breakdown, minResponses: number): Section {
  const rare = breakdown.principles.filter((principle) => principle.count < breakdown.answers * RARE_PRINCIPLE_SHARE);
  const rows: Row[] =
    breakdown.answers === 0
      ? noFigures(breakdown, minResponses)
      : rare.map((principle) => ({
          label: principle.name,
          value: String(principle.count),
          detail: `Checked in ${shareText(principle.count, breakdown.answers)}`,
        }));
  if (breakdown.answers > 0 && rows.length === 0)
    rows.push({ label: 'Every principle was checked in at least one answer in five.' });
  return { heading: 'Principles rarely checked against', rows };
}

/** Most free-text answers a card shows of each kind, to stay well inside Teams' card size limit. */
const MAX_TEXTS = 5;
const MAX_TEXT_CHARS = 200;

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= MAX_TEXT_CHARS ? flat : `${flat.slice(0, MAX_TEXT_CHARS - 1).trimEnd()}…`;
}

/**
 * This week's wins and blockers, with no names, and in alphabetical order so the order does not
 * give away who answered first. Shown only when enough people answered this week.
 */
export function ownWordsSection(records: readonly CheckInRecord[], minResponses: number): Section {
  const answered = new Set(records.map((record) => record.userId)).size;
  const heading = 'This week in the team’s own words';
  if (answered < minResponses) return { heading, rows: [{ label: hiddenReason(answered, minResponses) }] };
  const texts = (pick: (record: CheckInRecord) => string | undefined) =>
    [
      ...new Set(
        records
          .map(pick)
          .filter((text): text is string => typeof text === 'string' && text.trim() !== '')
          .map(clip),
      ),
    ]
      .sort((a, b) => a.localeCompare(b))
      .slice(0, MAX_TEXTS);
  const rows: Row[] = [
    // People's own words: shown as typed, never formatted or linked.
    ...texts((record) => record.answers.win).map((text) => ({
      label: cleanText(text, { multiline: true }),
      detail: 'Win',
    })),
    ...texts((record) => record.answers.blocker).map((text) => ({
      label: cleanText(text, { multiline: true }),
      detail: 'Blocker',
    })),
  ];
  if (rows.length === 0) rows.push({ label: 'Nobody wrote a win or a blocker this week.' });
  return { heading, intro: 'Shown without names.', rows };
}

/** Weekly rows for one mission: average, answers, and a bar, or why the week is hidden; drawn as a line where Teams can. */
export function weekByWeekSection(window: TeamWindow, mission: Mission, minResponses: number): Section {
  const points = missionPoints(window.rollups, mission, window.weeks, minResponses);
  const rows: Row[] = points
    .map((point) => ({
      label: weekLabel(point.week),
      value: weekFigure(window, point),
      detail:
        point.average !== undefined
          ? `${point.responses} answers ${'█'.repeat(Math.round(point.average * 2))}`
          : hiddenReason(point.responses, minResponses),
    }))
    .reverse();
  const shown = shownPoints(points);
  if (shown.length === 0) return { heading: 'Week by week', rows };
  return {
    heading: 'Week by week',
    intro: `The average each week, 1 to 5. A week where fewer than ${minResponses} people answered shows no figure, so no one's answers can be picked out.`,
    rows: [],
    chart: {
      kind: 'line',
      title: `Average progress a week, last ${points.length} weeks`,
      xAxisTitle: 'Week',
      yAxisTitle: AVERAGE_AXIS,
      series: [{ legend: missionName(mission), points: shown }],
      fallback: rows,
    },
  };
}

/** How people rated progress over the window's shown weeks: the 1-5 histogram. */
export function ratingsSection(rollups: readonly WeeklyRollup[], minResponses: number): Section {
  const shown = rollups.filter((rollup) => rollup.responses > 0 && isVisible(rollup, minResponses));
  const histogram = [0, 0, 0, 0, 0];
  for (const rollup of shown)
    rollup.progressHistogram.forEach((count, index) => (histogram[index] = (histogram[index] ?? 0) + count));
  const total = histogram.reduce((sum, count) => sum + count, 0);
  if (total === 0)
    return { heading: 'How people rated progress', rows: [{ label: 'No week had enough answers to show.' }] };
  return {
    heading: 'How people rated progress',
    rows: histogram
      .map((count, index) => ({
        label: `${index + 1}: ${progressLabel(index + 1)}`,
        value: String(count),
        detail: shareText(count, total),
      }))
      .reverse(),
  };
}
