// What every part of the capability works with: the store, the team directory and roster, the
// clock and the privacy threshold; and the team's settings and maturity record that decide the
// round (time zone, rounds closed or opened early).
import { renderCard } from '../cards/render';
import { settingsFor } from '../checkins/context';
import type { TeamDirectory, TeamInfo } from '../checkins/teamDirectory';
import type { TeamMembers } from '../membership/roles';
import { emptyTeamMaturity, type RoundId, type TeamMaturity } from '../domain';
import type { TeamSettings } from '../domain';
import type { FrameworkStore } from '../store/port';
import { rollupOfRound } from './figures';
import { reply, notice, type CardButton, type MaturityReply } from './replies';
import { roundState, type RoundState } from './rounds';
import type { CardPlacement } from '../turns/types';

export interface MaturityDeps {
  store: FrameworkStore;
  teams: TeamDirectory;
  members?: TeamMembers;
  now: () => Date;
  /** Fewest ratings a figure (or a note) may come from: MIN_RESPONSES, as for progress. */
  minResponses: number;
  adminObjectIds: ReadonlySet<string>;
}

export interface LoadedTeam {
  settings: TeamSettings;
  maturity: TeamMaturity;
  round: RoundState;
}

/** Two reads: the team's settings and its maturity record (with every round's figures in it). */
export async function loadTeam(deps: MaturityDeps, teamId: string): Promise<LoadedTeam> {
  const [settings, stored] = await Promise.all([settingsFor(deps.store, teamId), deps.store.getTeamMaturity(teamId)]);
  const maturity = stored?.value ?? emptyTeamMaturity(teamId);
  return { settings, maturity, round: roundState(maturity, deps.now(), settings.schedule.timeZone) };
}

/**
 * Brings the round's figures in line with its stored assessments, rebuilt from them inside the
 * store's read-modify-write (so a retry, a double submit or a concurrent one never counts anyone
 * twice, and the last write always counts every stored assessment).
 */
export async function reconcileRound(
  store: Pick<FrameworkStore, 'updateTeamMaturity' | 'listRoundAssessments'>,
  teamId: string,
  round: RoundId,
): Promise<void> {
  await store.updateTeamMaturity(teamId, async (current) => ({
    ...current,
    rollups: {
      ...current.rollups,
      [round]: rollupOfRound(round, await store.listRoundAssessments(teamId, round)),
    },
  }));
}

export function chooseTeamCard(
  teams: TeamInfo[],
  message: string,
  next: CardButton,
  delivery: CardPlacement,
): MaturityReply {
  const card = renderCard('checkinChooseTeam', {
    title: 'Choose a team',
    message,
    choiceStyle: teams.length > 4 ? 'compact' : 'expanded',
    selected: '',
    teams,
    buttons: [next],
  });
  return reply(card, `Choose a team. ${message}`, delivery, 'person');
}

export function teamCardOrNotice(kind: 'none' | 'notMember', delivery: CardPlacement): MaturityReply {
  return kind === 'none'
    ? notice(
        'No team to assess yet',
        'None of your teams has Framework Guide added. Add it to a team (or ask its owner), then try again.',
        { delivery, audience: 'person' },
      )
    : notice('That is not one of your teams', 'Only a team’s own members can see or change its maturity.', {
        delivery,
        audience: 'person',
        style: 'warning',
      });
}
