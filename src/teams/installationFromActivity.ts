// Activity → the installation record the store keeps, with the conversation reference that
// proactive messages need later. Teams-shaped reading stays here, at the edge.
import type { Activity } from 'botbuilder';
import type { InstallationInput } from '../store/port';
import { withoutThread } from '../turns/conversationTeam';
import { conversationKind, tenantIdOf } from './activityToRequest';

interface TeamsChannelData {
  team?: { id?: string };
}

/**
 * For a channel, the installation is the team: keyed by the team id, and messaged in the team's
 * General channel (whose conversation id is the team id). Undefined without a tenant, which Teams
 * always sends; other clients' test traffic is not recorded.
 */
export function installationFromActivity(activity: Activity): InstallationInput | undefined {
  const tenantId = tenantIdOf(activity);
  if (!tenantId || !activity.serviceUrl || !activity.conversation?.id) return undefined;
  const type = activity.conversation.conversationType;
  // Unknown or inconsistent kinds are shared (fail closed, activityToRequest.ts).
  const kind = conversationKind(activity);
  const teamId = (activity.channelData as TeamsChannelData | undefined)?.team?.id;
  // A reply thread's conversation id ends in ";messageid=…"; the conversation itself is before it.
  const conversationId = kind === 'channel' && teamId ? teamId : withoutThread(activity.conversation.id);
  return {
    conversationId,
    tenantId,
    kind,
    ...(teamId ? { teamId } : {}),
    reference: {
      serviceUrl: activity.serviceUrl,
      channelId: activity.channelId,
      conversation: { id: conversationId, tenantId, ...(type ? { conversationType: type } : {}) },
      bot: { id: activity.recipient.id },
      user: { id: activity.from.id },
    },
  };
}
