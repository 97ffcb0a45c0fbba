// The replies this capability gives, and the buttons its cards carry. Plain values: the Teams edge
// decides how each reply reaches the person (see CheckinReply).
import { cardButton, type CardButton } from '../cards/cardButton';
import type { AdaptiveCard } from '../cards/render';
import type { JsonObject } from '../domain';
import type { Addressed, Audience, CardMessageReply } from '../turns/types';
import { shortSummary } from '../turns/summary';

/**
 * 'card': send as a new message. 'updateCard': replace the card whose button was pressed (the
 * invoke response for Action.Execute; updateActivity for an Action.Submit fallback).
 */
export type CheckinReply = CardMessageReply;

/** What the notice left in a shared conversation calls a check-in card sent to the personal chat. */
const YOUR_CHECK_IN: Addressed = { about: 'your check-in' };

export function newCard(
  card: AdaptiveCard,
  summary: string,
  audience: Audience,
  addressed: Addressed = YOUR_CHECK_IN,
): CheckinReply {
  return { kind: 'card', audience, card, summary: shortSummary(summary), ...addressed };
}

export function updatedCard(
  card: AdaptiveCard,
  summary: string,
  audience: Audience,
  addressed: Addressed = YOUR_CHECK_IN,
): CheckinReply {
  return { kind: 'updateCard', audience, card, summary: shortSummary(summary), ...addressed };
}

export type { CardButton } from '../cards/cardButton';

export function button(
  title: string,
  payload: JsonObject & { action: string },
  options: { primary?: boolean; ignoreInputs?: boolean } = {},
): CardButton {
  return cardButton(title, payload, { primary: options.primary, inputs: options.ignoreInputs ? 'none' : 'auto' });
}
