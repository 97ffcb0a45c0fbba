// The bot's own cards (welcome, help, notices, apology), as opposed to the framework topics'.
import { renderPersonalChatNotice, renderPlainNotice } from '../cards/notice';
import { renderCard } from '../cards/render';
import type { CardReply, ConversationKind } from './types';

export function welcomeReply(where: ConversationKind): CardReply {
  const inChannel = where !== 'personal';
  return {
    kind: 'card',
    audience: 'everyone',
    card: renderCard('welcome', {
      inChannel,
      askHint: inChannel
        ? 'Mention me with a question, for example "@Framework Guide what does the data outcome mean?"'
        : 'Ask me a question, for example "what does the data outcome mean?"',
    }),
    summary: 'Welcome to Framework Guide',
  };
}

export function helpReply(): CardReply {
  return { kind: 'card', audience: 'everyone', card: renderCard('help', {}), summary: 'What Framework Guide can do' };
}

/**
 * The plain notice every capability gives (src/cards/notice.ts): what happened and what to do
 * instead, for anyone in the conversation.
 */
export function noticeReply(title: string, message: string): CardReply {
  return {
    kind: 'card',
    audience: 'everyone',
    card: renderPlainNotice(title, message),
    summary: `${title}: ${message}`,
  };
}

/** A button whose data could not be read, or that no capability answers: the card may be out of date. */
export function buttonDidNotWorkReply(): CardReply {
  return noticeReply(
    "That button didn't work",
    'The card it came from may be out of date. Type "help" to see what I can do.',
  );
}

/** Sent when a turn failed on our side; says nothing about the internals. */
export function apologyReply(): CardReply {
  return {
    kind: 'card',
    audience: 'everyone',
    card: renderCard('apology', {}),
    summary: 'Sorry, something went wrong on our side',
  };
}

/**
 * Left in a channel or group chat when a reply went to the person's personal chat (or could not): what
 * was sent and where, never the reply itself, with the link that opens the personal chat when there is one.
 */
export function personalChatNoticeReply(notice: { title: string; message: string; link?: string }): CardReply {
  return {
    kind: 'card',
    audience: 'everyone',
    card: renderPersonalChatNotice(notice.title, notice.message, notice.link),
    summary: notice.title,
  };
}
