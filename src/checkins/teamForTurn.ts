// The team a check-in turn is about, or the card to answer with instead: no team with the app, not
// the person's team, or a choice of teams whose Continue button carries on where the person was
// going. Starting a check-in and opening the settings both begin here.
import type { TurnContextInfo, CardPlacement } from '../turns/types';
import type { CheckinDeps } from './context';
import { chooseTeamCard, noTeamCard, notYourTeamCard } from './noticeCards';
import type { CardButton, CheckinReply } from './replies';
import { resolveTeam, type CheckinTurnOptions } from './teamDirectory';

export type TeamOrCard = { team: { teamId: string; name?: string } } | { card: CheckinReply };

export async function teamOrCard(
  deps: CheckinDeps,
  context: TurnContextInfo,
  requestedTeamId: string | undefined,
  options: CheckinTurnOptions | undefined,
  choice: { purpose: 'checkin' | 'settings' | 'progress'; next: CardButton },
  delivery: CardPlacement,
): Promise<TeamOrCard> {
  const resolution = await resolveTeam(deps.teams, context, requestedTeamId, options);
  switch (resolution.kind) {
    case 'none':
      return { card: noTeamCard() };
    case 'notMember':
      return { card: notYourTeamCard() };
    case 'choose':
      // The choice arrives as the card's "teamId" input, merged into the Continue button's data.
      return { card: chooseTeamCard(resolution.teams, choice.purpose, choice.next, delivery) };
    case 'team':
      return { team: resolution.team };
  }
}
