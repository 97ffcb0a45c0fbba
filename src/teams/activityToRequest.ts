// Activity → plain request. The only place that reads Teams' activity shape for the product.
import { TurnContext, type Activity } from 'botbuilder';
import { validTimeZone } from '../calendar/timeZoneDefault';
import type { ConversationKind, TurnContextInfo, TurnRequest } from '../turns/types';
import { cleanText } from '../cards/plainText';

/**
 * Fails closed: only a conversation that says it is personal, and shows no sign of being shared (a
 * team in its channel data, `isGroup`), is personal. A missing, unknown or inconsistent kind is
 * taken as shared, so private-by-design holds (personal and lead-only replies go to the personal chat).
 */
export function conversationKind(activity: Activity): ConversationKind {
  const type = activity.conversation?.conversationType;
  if (type === 'channel' || type === 'groupChat') return type;
  const team = (activity.channelData as { team?: unknown } | undefined)?.team;
  const shared = team !== undefined && team !== null;
  if (type === 'personal' && !shared && activity.conversation?.isGroup !== true) return 'personal';
  return shared ? 'channel' : 'groupChat';
}

export function tenantIdOf(activity: Activity): string | undefined {
  const fromChannelData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  return activity.conversation?.tenantId ?? (typeof fromChannelData === 'string' ? fromChannelData : undefined);
}

/** The IANA zone from Teams' clientInfo entity; anything that is not a real zone is ignored. */
function clientTimeZone(activity: Activity): string | undefined {
  const entities: unknown = activity.entities;
  if (!Array.isArray(entities)) return undefined;
  const clientInfo = entities.find((entity) => (entity as { type?: unknown } | null)?.type === 'clientInfo') as
    { timezone?: unknown } | undefined;
  return validTimeZone(clientInfo?.timezone);
}

function teamOf(activity: Activity): { id?: string; name?: string } {
  const team = (activity.channelData as { team?: { id?: unknown; name?: unknown } } | undefined)?.team;
  return {
    id: typeof team?.id === 'string' ? team.id : undefined,
    // Anyone who can rename the team chooses this: kept as text only (cards/plainText).
    name: typeof team?.name === 'string' ? cleanText(team.name) || undefined : undefined,
  };
}

export function turnContextInfo(activity: Activity): TurnContextInfo {
  const team = teamOf(activity);
  return {
    teamId: team.id,
    teamName: team.name,
    activityId: activity.id ?? '',
    tenantId: tenantIdOf(activity),
    conversationId: activity.conversation.id,
    conversationKind: conversationKind(activity),
    userId: activity.from?.id ?? '',
    userAadObjectId: activity.from?.aadObjectId,
    locale: activity.locale,
    timeZone: clientTimeZone(activity),
  };
}

/** A message is either typed text (bot mention removed) or the data of a card button (Action.Submit). */
export function messageRequest(activity: Activity): TurnRequest {
  const context = turnContextInfo(activity);
  if (activity.value !== undefined && activity.value !== null && !activity.text) {
    return { kind: 'cardAction', data: activity.value, context };
  }
  if (typeof activity.text !== 'string') return { kind: 'message', text: '', context };
  const text = activity.recipient?.id ? TurnContext.removeMentionText(activity, activity.recipient.id) : activity.text;
  return { kind: 'message', text: cleanText(text ?? '', { multiline: true }), context };
}
