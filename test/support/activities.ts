// Activities shaped as Teams sends them to a bot, for tests that drive the real HTTP endpoint.
import { randomUUID } from 'node:crypto';

const BOT_ID = '28:framework-guide-bot';
export const TENANT_ID = '11111111-2222-3333-4444-555555555555';

type Kind = 'personal' | 'channel' | 'groupChat';

function base(serviceUrl: string, kind: Kind, conversationId?: string) {
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    locale: 'en-GB',
    from: { id: '29:officer-1', aadObjectId: 'aaaaaaaa-0000-0000-0000-000000000001', name: 'Test Officer' },
    recipient: { id: BOT_ID, name: 'Framework Guide' },
    conversation: {
      id:
        conversationId ??
        (kind === 'personal'
          ? 'a:personal-chat-1'
          : kind === 'channel'
            ? '19:channel-1@thread.tacv2'
            : '19:group-1@thread.v2'),
      conversationType: kind,
      tenantId: TENANT_ID,
    },
    channelData: { tenant: { id: TENANT_ID } },
    entities: [{ type: 'clientInfo', locale: 'en-GB', country: 'GB', platform: 'Web', timezone: 'Europe/London' }],
  };
}

export function messageActivity(serviceUrl: string, text: string, kind: Kind = 'personal') {
  return { ...base(serviceUrl, kind), type: 'message', text, textFormat: 'plain' };
}

/** A channel message that mentions the bot, as Teams writes it. */
export function mentionActivity(serviceUrl: string, question: string) {
  const activity = messageActivity(serviceUrl, `<at>Framework Guide</at> ${question}`, 'channel');
  activity.entities.push({
    type: 'mention',
    mentioned: { id: BOT_ID, name: 'Framework Guide' },
    text: '<at>Framework Guide</at>',
  } as never);
  return activity;
}

/** What Teams sends when a person presses an Action.Submit button. */
export function submitActivity(serviceUrl: string, value: unknown, kind: Kind = 'personal') {
  return { ...base(serviceUrl, kind), type: 'message', value };
}

export function botAddedActivity(serviceUrl: string, kind: Kind) {
  return { ...base(serviceUrl, kind), type: 'conversationUpdate', membersAdded: [{ id: BOT_ID }] };
}

/** What Teams sends when a person presses an Action.Execute button (Universal Actions). */
export function executeActivity(serviceUrl: string, data: Record<string, unknown>, kind: Kind = 'personal') {
  return {
    ...base(serviceUrl, kind),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb: String(data.action), data }, trigger: 'manual' },
  };
}

/** What Teams sends when a person accepts or declines a file consent card (`value` as Teams writes it). */
export function fileConsentActivity(serviceUrl: string, value: unknown, kind: Kind = 'personal') {
  return { ...base(serviceUrl, kind), type: 'invoke', name: 'fileConsent/invoke', value };
}
