// Notices: short cards that say what happened and the way on (a stale button, a refusal, the store
// being down, a file ready). Every capability draws its notices here, on one of three templates:
// the plain notice (cards/notice.json: title, message and Help), the styled notice
// (cards/styledNotice.json: in a box of the given style, with the notice's own buttons and links) and
// the notice left in a shared conversation (cards/personalChatNotice.json: no button but the chat's link).
// Each capability wraps the card in its own reply (audience, new or in place), as for its other cards.
import type { CardButton } from './cardButton';
import { renderCard, type AdaptiveCard } from './render';

/** The colour of the notice's box: neutral, something went wrong on our side, a problem to fix, done. */
export type NoticeStyle = 'default' | 'attention' | 'warning' | 'good';

/** A button that opens a web address (Action.OpenUrl): the browser follows it, the bot gets no turn. */
export interface NoticeLink {
  title: string;
  url: string;
}

/**
 * A button as every template draws it (cardButton.ts). Privacy's buttons may also be 'destructive', and
 * carry no `inputs`: a notice has no inputs, so the default ('auto') is drawn.
 */
export type NoticeButton = Omit<CardButton, 'style' | 'inputs'> & {
  style: CardButton['style'] | 'destructive';
  inputs?: CardButton['inputs'];
};

export interface NoticeOptions {
  style?: NoticeStyle;
  buttons?: readonly NoticeButton[];
  links?: readonly NoticeLink[];
}

/** The plain notice: what happened and what to do instead, with the Help button. */
export function renderPlainNotice(title: string, message: string): AdaptiveCard {
  return renderCard('notice', { title, message });
}

/**
 * Left in a channel or group chat when a reply went to the person's personal chat: nothing to press
 * there but the link that opens that chat, when there is one.
 */
export function renderPersonalChatNotice(title: string, message: string, link?: string): AdaptiveCard {
  return renderCard('personalChatNotice', { title, message, hasLink: Boolean(link), link: link ?? '' });
}

/** A notice in a box of its style (default when unset), with its own buttons and links. */
export function renderNotice(title: string, message: string, options: NoticeOptions = {}): AdaptiveCard {
  return renderCard('styledNotice', {
    title,
    message,
    style: options.style ?? 'default',
    links: options.links ?? [],
    buttons: (options.buttons ?? []).map((button) => ({ inputs: 'auto', ...button })),
  });
}
