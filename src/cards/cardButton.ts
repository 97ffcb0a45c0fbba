// One button as the card templates draw it: an Action.Execute (Universal Actions, so the edge can
// update the card in place) with an Action.Submit fallback carrying the same data for older clients.
import type { JsonObject } from '../domain';

export interface CardButton {
  title: string;
  /** The Action.Execute verb: the payload's action name. */
  verb: string;
  payload: JsonObject;
  style: 'positive' | 'default';
  /** 'none' for buttons that must work whatever the inputs hold (back, skip, change). */
  inputs: 'auto' | 'none';
}

export function cardButton(
  title: string,
  payload: JsonObject & { action: string },
  options: { primary?: boolean; inputs: 'auto' | 'none' },
): CardButton {
  return {
    title,
    verb: payload.action,
    payload,
    style: options.primary ? 'positive' : 'default',
    inputs: options.inputs,
  };
}
