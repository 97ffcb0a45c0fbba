// The admins' organisation view: for each theme, how the team medians are spread across the teams
// whose round passed the threshold. Counts of teams per median level only: no team is named, and
// nothing is ordered by team, so nothing ranks them.
import { renderCard } from '../cards/render';
import type { FrameworkStore } from '../store/port';
import { everyPage, tenantTeamIds } from '../store/paging';
import type { TeamMaturity } from '../domain';
import { levelText, median, ratingsCount } from './figures';
import { reply, type MaturityReply } from './replies';
import { previousRound, quarterOf, roundLabel } from './rounds';
import { ATTRIBUTION, THEMES } from './themes';
import type { CardPlacement } from '../turns/types';

const PAGE_SIZE = 200;

/**
 * The maturity records of these teams (one organisation's, from tenantTeamIds), a page at a time:
 * the records carry no tenant, so another tenant's teams are left out by id.
 */
export async function teamsMaturity(
  store: Pick<FrameworkStore, 'listTeamMaturity'>,
  teamIds: readonly string[],
): Promise<TeamMaturity[]> {
  if (teamIds.length === 0) return [];
  const ours = new Set(teamIds);
  const all = await everyPage((request) => store.listTeamMaturity(request), PAGE_SIZE);
  return all.filter((team) => ours.has(team.teamId));
}

/** Per theme, how many teams have each median level in `round` (teams under the threshold left out). */
export function distribution(teams: readonly TeamMaturity[], round: string, minResponses: number) {
  return THEMES.map((theme) => {
    const counts = new Map<number, number>();
    for (const team of teams) {
      const histogram = team.rollups[round]?.levels[theme.id];
      if (ratingsCount(histogram) < minResponses) continue;
      const value = median(histogram) as number;
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    return { theme, counts: [...counts.entries()].sort(([a], [b]) => a - b) };
  });
}

export async function organisationCard(
  store: FrameworkStore,
  tenantId: string | undefined,
  now: Date,
  minResponses: number,
  delivery: CardPlacement,
): Promise<MaturityReply> {
  const teams = await teamsMaturity(store, await tenantTeamIds(store, tenantId));
  // This quarter once any team has figures for it; until then, last quarter's.
  const current = quarterOf(now, 'Europe/London');
  const hasFigures = (round: string) => distribution(teams, round, minResponses).some((each) => each.counts.length > 0);
  const round = hasFigures(current) ? current : previousRound(current);
  const rows = distribution(teams, round, minResponses).map(({ theme, counts }) => {
    const total = counts.reduce((sum, [, count]) => sum + count, 0);
    return {
      label: theme.name,
      hasValue: true,
      value: total === 0 ? 'No figures' : `${total} ${total === 1 ? 'team' : 'teams'}`,
      hasDetail: total > 0,
      detail: counts
        .map(([level, count]) => `median ${levelText(level)}: ${count} ${count === 1 ? 'team' : 'teams'}`)
        .join(' · '),
    };
  });
  const title = 'Digital maturity across the organisation';
  const subtitle = `Round: ${roundLabel(round)} · for admins`;
  const card = renderCard('maturityReport', {
    title,
    subtitle,
    speak: `${title}. ${subtitle}`,
    hasNotice: false,
    notice: '',
    sections: [
      {
        heading: 'Team medians by theme',
        hasIntro: true,
        intro: `How many teams have each median level, counting teams where at least ${minResponses} people rated the theme. Teams are not named or ranked.`,
        hasChart: false,
        chart: {},
        rows,
        notes: [],
        items: [],
      },
    ],
    footnote: ATTRIBUTION,
    buttons: [],
  });
  return reply(card, `${title}. ${subtitle}`, delivery, 'leads');
}
