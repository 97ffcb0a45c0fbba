// The replies this capability gives, as plain values with the audience each is for: 'everyone'
// (fit for a channel or group chat), 'person' (the person's own assessment or data: only ever in
// their personal chat) or 'leads' (the lead view: only in a lead's personal chat). The Teams edge
// decides how each reaches people.
import type { CardButton } from '../cards/cardButton';
import { renderNotice, type NoticeStyle } from '../cards/notice';
import type { AdaptiveCard } from '../cards/render';
import { startPayload } from './actions';

export type Audience = 'everyone' | 'person' | 'leads';
export type MaturityReply = (
  | { kind: 'card'; card: AdaptiveCard; summary: string; audience: Audience }
  | { kind: 'updateCard'; card: AdaptiveCard; summary: string; audience: Audience }
) & {
  /** A few words naming a reply the edge sends to the personal chat ("the lead view of the team's maturity"). */
  about?: string;
};

export function reply(card: AdaptiveCard, summary: string, delivery: CardPlacement, audience: Audience): MaturityReply {
  return { kind: delivery === 'new' ? 'card' : 'updateCard', card, summary: shortSummary(summary), audience };
}

export type { CardButton } from '../cards/cardButton';
/** Buttons as progress draws them: inputs ignored unless `withInputs`. */
import { button } from '../progress/reportCard';
import { shortSummary } from '../turns/summary';
import type { CardPlacement } from '../turns/types';
export { button };

/** A short notice: what happened and the way on. Nothing personal, unless its audience says so. */
export function notice(
  title: string,
  message: string,
  options: { buttons?: CardButton[]; style?: NoticeStyle; delivery?: CardPlacement; audience?: Audience } = {},
): MaturityReply {
  const card = renderNotice(title, message, options);
  return reply(card, `${title}. ${message}`, options.delivery ?? 'new', options.audience ?? 'everyone');
}

/**
 * The weekly reminder, in the person's personal chat, while their team's round is open and they have
 * not assessed it: one button that starts (or resumes) their assessment for that team.
 */
export function assessReminder(teamId: string, round: string): MaturityReply {
  return notice(
    'A reminder: your team’s self-assessment is open',
    `You have not assessed your team for ${round} yet. It is private: rate each enabler and principle from 1 to 5, here in our personal chat, and skip any you are unsure of.`,
    { buttons: [button('Assess now', startPayload(teamId), { primary: true })], audience: 'person' },
  );
}
