// The admins' organisation report as a Word document: the check-in side (participation, each
// mission's average and trend, outcomes, what held the work back, principles rarely checked), from
// every team's roll-ups added up (./organisationProgress.ts), and the organisation maturity view (per
// theme, how many teams have each median level in the quarter's round, counting only teams where
// enough people rated the theme). Only the admin's own organisation (tenant) counts; no team is named
// and nothing is ordered by team, so nothing ranks them.
import { DateTime } from 'luxon';
import type { RoundId, TeamMaturity } from '../domain';
import { levelText } from '../maturity/figures';
import { distribution, teamsMaturity } from '../maturity/organisation';
import { roundLabel } from '../maturity/rounds';
import { ATTRIBUTION } from '../maturity/themes';
import { TOO_FEW } from './content';
import type { FrameworkStore } from '../store/port';
import { tenantTeamIds } from '../store/paging';
import { organisationParticipationChart } from './charts';
import { breakdownBlocks, documentOf, heading, image, missionBlocks, para, table, type Block } from './document';
import {
  organisationProgress,
  teamsQuarter,
  type OrganisationProgress,
  type OrganisationProgressStore,
} from './organisationProgress';

export interface OrganisationContent {
  title: string;
  quarter: string;
  madeOn: string;
  minResponses: number;
  /** Teams with at least one theme's figure this round. */
  teamsWithFigures: number;
  themes: { name: string; teams: number; medians: string }[];
  progress: OrganisationProgress;
}

export function organisationContent(
  teams: readonly TeamMaturity[],
  progress: OrganisationProgress,
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
    progress,
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

function participationBlocks(content: OrganisationContent): Block[] {
  const { weeks, teams } = content.progress;
  return [
    heading('Who checked in'),
    para(
      `People who checked in each week, added up over the ${teams} ${teams === 1 ? 'team' : 'teams'} with settings. A week with fewer than ${content.minResponses} people in all says “${TOO_FEW}”.`,
    ),
    ...(weeks.some((week) => week.people !== undefined) ? image(organisationParticipationChart(weeks)) : []),
    table(
      ['Week', 'People who checked in'],
      weeks.map((week) => [week.label, week.figure]),
    ),
  ];
}

export function organisationDocx(content: OrganisationContent): Promise<Buffer> {
  const { progress } = content;
  const blocks: Block[] = [
    ...(progress.sampleData ? [para('Includes sample data from the demo command: some figures were made up.')] : []),
    para('Every team in the organisation. No team is named or ranked.'),
    para(`Quarter: ${content.quarter}`),
    para(`Made on ${content.madeOn} by Framework Guide from the teams’ weekly check-ins and maturity rounds.`),
    para(
      `No figure in this report is made from fewer than ${content.minResponses} people’s answers: such a figure says “${TOO_FEW}”. Where one team had enough people in a week, the answers of a team with fewer are left out of that week’s figures, so they cannot be worked out from the team’s own report.`,
    ),
    ...participationBlocks(content),
    ...missionBlocks(progress),
    ...breakdownBlocks(progress),
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
      'Each week people check in on one of their team’s missions with five short questions; each person also rated their team privately against the framework’s enablers and good practice principles, from 1 to 5, and a team’s figure is the median of its ratings. Free-text answers are never included.',
    ),
    para(ATTRIBUTION),
  ];
  return documentOf(content.title, content.quarter, blocks);
}

/**
 * The organisation report's file for the admin's tenant. Reads: one paged scan of installations (the
 * tenant's teams), one paged scan of maturity records, and each team's settings and quarter's roll-ups.
 */
export async function organisationReport(
  store: OrganisationProgressStore & Pick<FrameworkStore, 'listTeamMaturity'>,
  tenantId: string | undefined,
  options: { title: string; round: RoundId; now: Date; minResponses: number },
): Promise<Buffer> {
  const teamIds = await tenantTeamIds(store, tenantId);
  const [maturity, quarter] = await Promise.all([
    teamsMaturity(store, teamIds),
    teamsQuarter(store, teamIds, options.round),
  ]);
  return organisationDocx(organisationContent(maturity, organisationProgress(quarter, options), options));
}
