// The load: Teams message activities carrying questions people actually type, typos included, so
// the bot does its real search work rather than hitting one cached path.
import { randomUUID } from 'node:crypto';

export const QUESTIONS: readonly string[] = [
  'what does the data outcome mean?',
  'wat is conectivity',
  'list the enablers',
  'second mission',
  'user centric principle',
  'outcomes',
  'help',
  'tell me about digital inclusion',
  'what is the leadership enabler?',
  'how do we show value for money',
  'cyber resilience',
  'missions',
  'digitally empowered residents',
  'what are the principles',
  'security and resilience outcome',
  'explain partnership',
  'ethical principle',
  'organizational capability',
  'what is the third outcome?',
  'productivity and growth for our local economy',
];

const BOT_ID = '28:framework-guide-bench-bot';
const TENANT_ID = '11111111-2222-3333-4444-555555555555';

/**
 * One personal-chat message as Teams sends it, as a JSON body. The id is fresh every time: the
 * Framework Guide ignores an activity id it has already handled (Teams resends on timeouts).
 * Conversations rotate too (BENCH_CONVERSATIONS of them), so no per-conversation state piles up on one
 * key unless asked: 1 measures one person asking over every connection, as an outside test would.
 */
export interface LoadMix {
  conversations: number;
  questions: number;
}

export function messageBody(serviceUrl: string, sequence: number, mix: LoadMix): string {
  const text = QUESTIONS[sequence % mix.questions] ?? 'help';
  const user = sequence % mix.conversations;
  return JSON.stringify({
    type: 'message',
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    locale: 'en-GB',
    text,
    textFormat: 'plain',
    from: {
      id: `29:bench-user-${user}`,
      aadObjectId: `aaaaaaaa-0000-0000-0000-${String(user).padStart(12, '0')}`,
      name: 'Bench User',
    },
    recipient: { id: BOT_ID, name: 'Framework Guide' },
    conversation: { id: `a:bench-personal-chat-${user}`, conversationType: 'personal', tenantId: TENANT_ID },
    channelData: { tenant: { id: TENANT_ID } },
    entities: [{ type: 'clientInfo', locale: 'en-GB', country: 'GB', platform: 'Web', timezone: 'Europe/London' }],
  });
}
