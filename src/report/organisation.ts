// The admins' organisation report: the organisation maturity view as a Word document. Per theme, how
// many teams have each median level in the quarter's round, counting only teams where enough people
// rated the theme; no team is named and nothing is ordered by team, so nothing ranks them. Check-in
// progress stays in each team's own report: the teams' roll-ups are not added up across the
// organisation here.
import { DateTime } from 'luxon';
import type { RoundId, TeamMaturity } from '../domain';
import { levelText } from '../maturity/figures';
import { distribution } from '../maturity/organisation';
import { roundLabel } from '../maturity/rounds';
import { ATTRIBUTION } from '../maturity/themes';
import type { FrameworkStore } from '../store/port';
import { everyPage } from '../store/paging';
import { documentOf, heading, para, table, type Block } from './document';

const PAGE_SIZE = 200;

export interface OrganisationContent {
  title: string;
  quarter: string;
  madeOn: string;
  minResponses: number;
  /** Teams with at least one theme's figure this round. */
  teamsWithFigures: number;
  themes: { name: string; teams: number; medians: string }[];
}

/** Every team's maturity record, a page at a time: what the organisation maturity view reads. */
export function everyTeamMaturity(store: Pick<FrameworkStore, 'listTeamMaturity'>): Promise<TeamMaturity[]> {
  return everyPage((request) => store.listTeamMaturity(request), PAGE_SIZE);
}

export function organisationContent(
  teams: readonly TeamMaturity[],
  options: { title: string; round: RoundId; now: Date; minResponses: number },
): OrganisationContent {
  const rows = distribution(teams, options.round, options.minResponses);
  const shown = teams.filter((team) =>
    Object.values(team.rollups[options.round]?.levels ?? {}).some(
      (histogram) => histogram.reduce((sum, count) => sum + count, 0) >= options.minResponses,
    ),
  ).length;
  return {
    title: options.title,
    quarter: roundLabel(options.round),
    madeOn: DateTime.fromJSDate(options.now, { zone: 'Europe/London' }).setLocale('en-GB').toFormat('d LLLL yyyy'),
    minResponses: options.minResponses,
    teamsWithFigures: shown,
    themes: rows.map(({ theme, counts }) => {
      const total = counts.reduce((sum, [, count]) => sum + count, 0);
      return {
        name: theme.name,
        teams: total,
        medians:
          total === 0
            ? 'too few answers in every team'
            : counts
                .map(([level, count]) => `median ${levelText(level)}: ${count} ${count === 1 ? 'team' : 'teams'}`)
                .join('; '),
      };
    }),
  };
}

export function organisationDocx(content: OrganisationContent): Promise<Buffer> {
  const blocks: Block[] = [
    para('Every team in the organisation. No team is named or ranked.'),
    para(`Quarter: ${content.quarter}`),
    para(`Made on ${content.madeOn} by Framework Guide from the teams’ maturity rounds.`),
    heading('Digital maturity across the organisation'),
    para(
      `${content.teamsWithFigures} ${content.teamsWithFigures === 1 ? 'team has' : 'teams have'} figures this round. A team counts in a theme once at least ${content.minResponses} of its people rated the theme; a theme no team could count says “too few answers”.`,
    ),
    table(
      ['Theme', 'Teams with a figure', 'Team medians'],
      content.themes.map((theme) => [theme.name, String(theme.teams), theme.medians]),
    ),
    heading('About this report'),
    para(
      'Each person rated their team privately against the framework’s enablers and good practice principles, from 1 to 5; a team’s figure is the median of its ratings. Check-in progress is in each team’s own report.',
    ),
    para(ATTRIBUTION),
  ];
  return documentOf(content.title, content.quarter, blocks);
}
