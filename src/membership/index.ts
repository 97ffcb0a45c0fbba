// One place binds a card action to a team. A button's data is whatever the client sends, so a
// `teamId` in it is a claim, not a fact. Before any capability sees a card action, the router asks
// here: in a channel or group chat the team must be the conversation's own (nothing else can be
// vouched for there); in the personal chat the person must be on that team's roster (the edge's
// directory, learned from Teams). Anything else is refused to the presser alone, naming nothing about
// the team the data named. Because the router applies it to every verb of every registration, a new
// card cannot forget it. Admins (ADMIN_OBJECT_IDS) see every team from their personal chat, as
// progress and maturity let them.
import { renderNotice } from '../cards/notice';
import { conversationTeam } from '../turns/conversationTeam';
import { isAdmin } from './roles';
import type { CardReply, TeamScope, TurnContextInfo } from '../turns/types';

/** The edge's answer to "is this person on that team's (or group chat's) roster?"; fakes in tests. */
export interface TeamRoster {
  teamFor(teamId: string, userId: string, tenantId: string): Promise<unknown>;
}

export interface MembershipDeps {
  roster?: TeamRoster;
  /** Organisation-wide admins' Entra object ids, as configured. */
  adminObjectIds?: readonly string[];
}

/** The team a card action may act on, verified (none when the data names none); or the reply that refuses it. */
export type CardBinding = { kind: 'bound'; scope?: TeamScope } | { kind: 'refused'; reply: CardReply };

export interface Membership {
  /** Checks every team the card data names against this turn: where it was pressed, and by whom. */
  bindCardAction(context: TurnContextInfo, data: unknown): Promise<CardBinding>;
}

/** The `teamId` a card's data names, if any; anything that is not a string is refused as unreadable. */
function namedTeam(data: unknown): { teamId?: string } | 'unreadable' {
  if (typeof data !== 'object' || data === null || !('teamId' in data)) return {};
  const { teamId } = data as { teamId: unknown };
  if (teamId === undefined) return {};
  return typeof teamId === 'string' ? { teamId } : 'unreadable';
}

function refusal(title: string, message: string): CardBinding {
  return {
    kind: 'refused',
    reply: {
      kind: 'card',
      // Said to the presser alone in a shared conversation (brief, Action.Execute), else their personal chat.
      audience: 'person',
      brief: true,
      card: renderNotice(title, message, { style: 'warning' }),
      summary: `${title}. ${message}`,
    },
  };
}

const NOT_THIS_TEAM = refusal(
  'That button is for another team',
  'It names a team that this conversation is not part of, or that you are not in. Nothing was shown or changed.',
);
const ROSTER_DOWN = refusal(
  "Sorry, I couldn't check your teams",
  'Something went wrong while checking which teams you are in. Please try again in a moment.',
);

export function createMembership(deps: MembershipDeps): Membership {
  // Entra object ids are GUIDs, compared without case.
  const admins = new Set((deps.adminObjectIds ?? []).map((id) => id.toLowerCase()));
  const bound = (teamId: string): CardBinding => ({ kind: 'bound', scope: { teamId } });
  return {
    async bindCardAction(context, data) {
      const named = namedTeam(data);
      if (named === 'unreadable') return NOT_THIS_TEAM;
      if (named.teamId === undefined) return { kind: 'bound' };
      if (context.conversationKind !== 'personal') {
        // Only the conversation's own team can be vouched for where the button was pressed.
        return named.teamId === conversationTeam(context) ? bound(named.teamId) : NOT_THIS_TEAM;
      }
      if (isAdmin(admins, context)) return bound(named.teamId);
      if (!deps.roster) return NOT_THIS_TEAM;
      try {
        const found = await deps.roster.teamFor(named.teamId, context.userId, context.tenantId ?? '');
        return found ? bound(named.teamId) : NOT_THIS_TEAM;
      } catch {
        return ROSTER_DOWN;
      }
    },
  };
}
