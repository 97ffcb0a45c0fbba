// "export progress": a team's weekly roll-ups as CSV, one row a week and mission, for Excel and Power
// BI. Only roll-ups go in (team totals, no user ids), under the same MIN_RESPONSES rule as the cards:
// a week and mission with fewer people answering has its figures left empty and says so in the
// `suppressed` column. Participation (how many answered) names nobody, so it is always given, as on
// the cards. Nobody's answers or free text are ever read for the file.
import { DateTime } from 'luxon';
import { isWeekOff } from '../calendar/weeksOff';
import type { IsoWeek, Mission, TeamSettings, WeeklyRollup } from '../domain';
import { topicsOfKind } from '../knowledge/framework';

/** A year of weeks: enough for a year-on-year chart in Power BI, and a fixed cost per team. */
export const EXPORT_WEEKS = 52;

/** UTF-8 byte order mark: Excel opens the file as UTF-8 only when it starts with one. */
const BOM = '\uFEFF';

export interface TeamExport {
  settings: TeamSettings;
  /** The weeks exported, oldest first. */
  weeks: IsoWeek[];
  rollups: WeeklyRollup[];
}

const FIXED_COLUMNS = [
  'team_id',
  'week',
  'week_start',
  'mission',
  'week_off',
  'responses',
  'suppressed',
  'progress_average',
  'progress_1',
  'progress_2',
  'progress_3',
  'progress_4',
  'progress_5',
] as const;

/**
 * A cell as CSV: quoted when it holds a comma, quote or line break; and a text cell that a
 * spreadsheet would read as a formula (= + - @ first) is prefixed with an apostrophe, so a team id
 * can never run as one.
 */
function cell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function mondayOf(week: IsoWeek): string {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  const monday = DateTime.fromObject(
    { weekYear: Number(match?.[1]), weekNumber: Number(match?.[2]), weekday: 1 },
    { zone: 'UTC' },
  );
  return monday.toISODate() ?? '';
}

/** The header: the fixed columns, then one count column per outcome, enabler and principle, by id. */
export function exportHeader(): string[] {
  const topics = (kind: 'outcome' | 'enabler' | 'principle') => topicsOfKind(kind).map((topic) => topic.id);
  return [...FIXED_COLUMNS, ...topics('outcome'), ...topics('enabler'), ...topics('principle')];
}

function row(team: TeamExport, week: IsoWeek, mission: Mission, rollup: WeeklyRollup | undefined, min: number) {
  const responses = rollup?.responses ?? 0;
  const suppressed = responses > 0 && responses < min;
  const shown = responses >= min;
  const counts = (kind: 'outcome' | 'enabler' | 'principle', from: Record<string, number> | undefined) =>
    topicsOfKind(kind).map((topic) => (suppressed ? '' : (from?.[topic.id] ?? 0)));
  return [
    team.settings.teamId,
    week,
    mondayOf(week),
    mission,
    isWeekOff(team.settings, week) ? 'yes' : 'no',
    responses,
    suppressed ? 'yes' : 'no',
    shown && rollup ? Number((rollup.progressSum / responses).toFixed(2)) : '',
    ...(rollup?.progressHistogram ?? [0, 0, 0, 0, 0]).map((count) => (suppressed ? '' : count)),
    ...counts('outcome', rollup?.outcomes),
    ...counts('enabler', rollup?.enablers),
    ...counts('principle', rollup?.principles),
  ];
}

/**
 * The CSV text, BOM first, CRLF line ends (RFC 4180), ISO weeks and dates: teams in the order given,
 * then weeks oldest first, then the team's missions in the framework's order.
 */
export function progressCsv(teams: readonly TeamExport[], minResponses: number): string {
  const lines = [exportHeader().map(cell).join(',')];
  for (const team of teams) {
    const byKey = new Map(team.rollups.map((rollup) => [`${rollup.week}|${rollup.mission}`, rollup]));
    for (const week of team.weeks)
      for (const mission of team.settings.missions)
        lines.push(
          row(team, week, mission, byKey.get(`${week}|${mission}`), minResponses)
            .map((value) => cell(value))
            .join(','),
        );
  }
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
