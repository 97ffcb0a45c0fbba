// The replies this capability gives, and the buttons its cards carry. Plain values: the Teams edge
// decides how each reply reaches the person (see CheckinReply).
import { cardButton, type CardButton } from '../cards/cardButton';
import type { AdaptiveCard } from '../cards/render';
import type { JsonObject } from '../domain';
import type { Audience, CardMessageReply } from '../turns/types';

/**
 * 'card': send as a new message. 'updateCard': replace the card whose button was pressed (the
 * invoke response for Action.Execute; updateActivity for an Action.Submit fallback).
 */
export type CheckinReply = CardMessageReply;

/** Notification / screen-reader line: short enough to read at a glance. */
const SUMMARY_MAX_CHARS = 160;

function shorten(text: string): string {
  return text.length <= SUMMARY_MAX_CHARS ? text : `${text.slice(0, SUMMARY_MAX_CHARS - 1).trimEnd()}…`;
}

export function newCard(card: AdaptiveCard, summary: string, audience: Audience): CheckinReply {
  return { kind: 'card', audience, card, summary: shorten(summary) };
}

export function updatedCard(card: AdaptiveCard, summary: string, audience: Audience): CheckinReply {
  return { kind: 'updateCard', audience, card, summary: shorten(summary) };
}

export type { CardButton } from '../cards/cardButton';

export function button(
  title: string,
  payload: JsonObject & { action: string },
  options: { primary?: boolean; ignoreInputs?: boolean } = {},
): CardButton {
  return cardButton(title, payload, { primary: options.primary, inputs: options.ignoreInputs ? 'none' : 'auto' });
}
