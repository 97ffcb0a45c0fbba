// Private by design, in one place: where each reply may be shown. In a channel or group chat every
// member sees every post and every card update, so only replies meant for everyone go there; the
// rest goes to the person's personal chat with the bot. The edge (replyDelivery.ts) applies this to
// every reply of every turn, so a new card cannot reach a shared conversation by accident: every reply
// must say its audience, and only 'everyone' is shown there. Plain TypeScript, tested on its own.
import type { Addressed, Audience, ConversationKind } from '../turns/types';

/**
 * How the turn reached the bot: a typed message (or the app being added), a button pressed with
 * Action.Execute (an invoke, which can be answered to the presser alone), or an Action.Submit button
 * (a message with the card's data, which can only be answered with messages or a card update).
 */
export type Trigger = 'message' | 'execute' | 'submit';

/**
 * What happens to one reply: posted in this conversation, put in place of the pressed card (the
 * invoke response for Action.Execute, an update of the message for Action.Submit), sent as a new
 * message to the person's personal chat, or answered to the presser alone (an invoke response of
 * type application/vnd.microsoft.activity.message, shown to nobody else).
 */
export type Delivery = 'post' | 'update' | 'personalChat' | 'presser';

export interface PolicyReply extends Addressed {
  kind: 'card' | 'updateCard' | 'file' | 'fileOffer';
  /** Required on every reply: there is no reply without one, so none reaches a shared conversation unmarked. */
  audience: Audience;
  summary: string;
}

function isShared(where: ConversationKind): boolean {
  return where !== 'personal';
}

/** Where one reply goes. Only 'everyone' replies are ever posted or update a card in a shared conversation. */
export function deliveryOf(where: ConversationKind, trigger: Trigger, reply: PolicyReply): Delivery {
  const inPlace = reply.kind === 'updateCard' && trigger !== 'message' ? 'update' : 'post';
  if (!isShared(where)) return inPlace;
  if (reply.audience === 'everyone' && (reply.kind === 'card' || reply.kind === 'updateCard')) return inPlace;
  // A refusal to the presser of a shared card: said to them alone, the card left as it is.
  if (reply.brief && trigger === 'execute') return 'presser';
  return 'personalChat';
}

export interface DeliveryPlan<R extends PolicyReply> {
  /** Shown in this conversation, in order: posted, or put in place of the pressed card. */
  here: Array<{ reply: R; how: 'post' | 'update' }>;
  /** Sent, in order, as new messages to the person's personal chat. */
  personalChat: R[];
  /** Said to the presser alone (their summaries). */
  presser: string[];
}

/**
 * Every reply's delivery. For Action.Execute only one card can take the pressed card's place (the
 * invoke response carries one); any further in-place reply is posted as a new message.
 */
export function planDelivery<R extends PolicyReply>(
  where: ConversationKind,
  trigger: Trigger,
  replies: readonly R[],
): DeliveryPlan<R> {
  const plan: DeliveryPlan<R> = { here: [], personalChat: [], presser: [] };
  let updated = false;
  for (const reply of replies) {
    const delivery = deliveryOf(where, trigger, reply);
    if (delivery === 'personalChat') plan.personalChat.push(reply);
    else if (delivery === 'presser') plan.presser.push(reply.summary);
    else if (delivery === 'update' && !(updated && trigger === 'execute')) {
      plan.here.push({ reply, how: 'update' });
      updated = true;
    } else plan.here.push({ reply, how: 'post' });
  }
  return plan;
}

/** The web link that opens the person's personal chat with the bot (Teams deep link), when the bot has an app id. */
export function personalChatLink(botAppId: string | undefined): string | undefined {
  return botAppId ? `https://teams.microsoft.com/l/chat/0/0?users=28:${encodeURIComponent(botAppId)}` : undefined;
}

/**
 * What is left in the shared conversation when replies went to the personal chat: nothing personal,
 * only what was sent ("your check-in") and where. `sent` false: the personal chat could not be reached,
 * so nothing was sent and the person is told how to open it themselves.
 */
export function personalChatNotice(
  sentReplies: readonly Addressed[],
  sent: boolean,
  botAppId: string | undefined,
): { title: string; message: string; link?: string } {
  const link = personalChatLink(botAppId);
  if (!sent) {
    return {
      title: 'Open our personal chat to see this',
      message: link
        ? 'I couldn’t start a personal chat with you, so nothing was sent. Open our personal chat with the link below and ask me there.'
        : 'I couldn’t start a personal chat with you, so nothing was sent. Open our personal chat (Framework Guide under Chat) and ask me there.',
      ...(link ? { link } : {}),
    };
  }
  const abouts = [...new Set(sentReplies.map((reply) => reply.about).filter((about) => about !== undefined))];
  const what = abouts.length > 0 ? joinWords(abouts) : 'my answer';
  return {
    title: `I’ve sent ${what} to our personal chat`,
    message: 'Only you can see it there.',
    ...(link ? { link } : {}),
  };
}

function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}
