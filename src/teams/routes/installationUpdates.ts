// Installation updates: the app added to or removed from a team, group chat or personal chat
// (`installationUpdate`, and `conversationUpdate` with the bot among the members added or removed).
// The welcome is a turn like any other; keeping the store's list of installations current, and the
// person → teams index, runs beside every turn of bot traffic and never fails it.
import type { TurnContext } from 'botbuilder';
import type { InstallationRecorder } from '../../installations/installationRecorder';
import { handleTurn } from '../../router/handleTurn';
import { turnContextInfo } from '../activityToRequest';
import { installationFromActivity } from '../installationFromActivity';
import type { RouteDeps } from './routeDeps';

/** The person → teams index, fed from channel traffic (see rosterTeamDirectory.ts). */
export interface Memberships {
  seenInTeam(teamId: string, tenantId: string, userId: string, teamName?: string): void;
  learnRoster(teamId: string): void;
}

export interface InstallationDeps {
  installations: InstallationRecorder;
  memberships?: Memberships;
}

/** Members were added: when the bot is one of them, the welcome. */
export async function welcomeWhenAdded(deps: RouteDeps, context: TurnContext): Promise<void> {
  const botWasAdded = context.activity.membersAdded?.some((member) => member.id === context.activity.recipient.id);
  if (!botWasAdded) return;
  const request = { kind: 'installed' as const, context: turnContextInfo(context.activity) };
  await deps.answer(context, await handleTurn(request, deps.capabilities), 'message');
}

export async function recordInstallation(deps: InstallationDeps, activity: TurnContext['activity']): Promise<void> {
  // Message extensions work in any chat, including chats without the bot: a search or an
  // action there says nothing about where the bot is installed, so only bot traffic counts.
  if (activity.type === 'invoke' && activity.name?.startsWith('composeExtension/')) return;
  const installation = installationFromActivity(activity);
  if (!installation) return;
  const botId = activity.recipient.id;
  const botRemoved =
    (activity.type === 'installationUpdate' && activity.action === 'remove') ||
    (activity.type === 'conversationUpdate' && activity.membersRemoved?.some((member) => member.id === botId));
  const botAdded =
    (activity.type === 'installationUpdate' && activity.action === 'add') ||
    (activity.type === 'conversationUpdate' && activity.membersAdded?.some((member) => member.id === botId));
  if (botRemoved) await deps.installations.removed(installation);
  else {
    await deps.installations.seen(installation, { added: botAdded });
    noteMembership(deps.memberships, activity, installation, botAdded);
  }
}

/**
 * Traffic in a team's channel says its sender is in the team (the person → teams index that
 * personal-chat check-ins start from). The app just added: the whole roster is read once, off the turn.
 */
function noteMembership(
  memberships: Memberships | undefined,
  activity: TurnContext['activity'],
  installation: { kind: string; teamId?: string; tenantId: string },
  botAdded: boolean | undefined,
): void {
  const teamId = installation.teamId;
  if (!memberships || installation.kind !== 'channel' || !teamId) return;
  const sender = activity.from?.id;
  if (sender && sender !== activity.recipient.id) {
    const teamName = turnContextInfo(activity).teamName;
    memberships.seenInTeam(teamId, installation.tenantId, sender, teamName);
  }
  if (botAdded) memberships.learnRoster(teamId);
}
