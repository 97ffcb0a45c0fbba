// The practice cards, drawn from cards/practiceOffer.json, practiceExample.json and practiceList.json,
// and the notices. This file decides what each card says. Everything people wrote (the win, a
// reason) and every name Teams gives (team, person) is cleaned here (cleanText) and escaped by the
// renderer wherever Teams reads Markdown: shown as typed, never a link or formatting.
import { cardButton, type CardButton } from '../cards/cardButton';
import { renderNotice, type NoticeStyle } from '../cards/notice';
import { cleanText } from '../cards/plainText';
import { renderCard, type AdaptiveCard } from '../cards/render';
import type { JsonObject } from '../domain';
import { PRACTICE_TEXT_LIMIT, type PracticeExample } from '../store/practicePort';
import type { Addressed, Audience, CardMessageReply, CardPlacement } from '../turns/types';
import { partChoices, partLabel } from './parts';
import { shortSummary } from '../turns/summary';

/** What the notice left in a shared conversation calls a practice card sent to the personal chat. */
const ABOUT: Addressed = { about: 'examples shared in your organisation' };

export function reply(
  card: AdaptiveCard,
  summary: string,
  options: { delivery?: CardPlacement; audience?: Audience; brief?: boolean } = {},
): CardMessageReply {
  return {
    kind: options.delivery === 'update' ? 'updateCard' : 'card',
    audience: options.audience ?? 'person',
    card,
    summary: shortSummary(summary),
    ...ABOUT,
    ...(options.brief ? { brief: true } : {}),
  };
}

export function button(title: string, payload: JsonObject & { action: string }, primary = false): CardButton {
  return cardButton(title, payload, { primary, inputs: 'auto' });
}

export function noticeReply(
  title: string,
  message: string,
  options: { style?: NoticeStyle; delivery?: CardPlacement; audience?: Audience; brief?: boolean } = {},
): CardMessageReply {
  return reply(renderNotice(title, message, { style: options.style ?? 'warning' }), `${title}. ${message}`, options);
}

export function storeDownReply(): CardMessageReply {
  return noticeReply(
    "Couldn't reach the shared examples",
    'I could not reach my storage just now, so nothing changed. Please try again in a minute.',
    { style: 'attention', audience: 'everyone' },
  );
}

const DAY_FORMAT = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

function dayOf(instant: string): string {
  return DAY_FORMAT.format(new Date(instant));
}

/** "Planning team · Sam Jones · 24 November 2026": the team always, the person only if they chose. */
function byline(example: PracticeExample): string {
  const who = [cleanText(example.teamName), ...(example.authorName ? [cleanText(example.authorName)] : [])];
  return [...who, dayOf(example.decidedAt ?? example.offeredAt)].join(' · ');
}

function partsLine(parts: readonly string[]): string {
  return parts.map(partLabel).join('; ');
}

// ---- The offer form ------------------------------------------------------------------------

export interface OfferForm {
  teamName: string;
  /** The check-in the win came from: the form's button carries its key, nothing else. */
  key: { teamId: string; mission: string; week: string };
  text: string;
  selected: readonly string[];
  error?: string;
}

export function offerFormCard(form: OfferForm): AdaptiveCard {
  return renderCard('practiceOffer', {
    title: 'Share this win with the council',
    team: cleanText(form.teamName),
    intro:
      "Other teams in your organisation can learn from it. Nobody beyond you sees it until a lead of your team approves it; then it shows with your team's name, so people know whom to ask.",
    error: form.error ?? '',
    textLabel: `Your win (at most ${PRACTICE_TEXT_LIMIT} characters)`,
    text: form.text,
    partsLabel: 'Parts of the framework it shows (up to three)',
    selected: form.selected.join(','),
    choices: partChoices(),
    buttons: [button('Share with the council', { action: 'practiceSubmit', ...form.key }, true)],
  });
}

// ---- One example ---------------------------------------------------------------------------

export type ExampleView =
  /** The author, after offering: waiting for a lead. */
  | { kind: 'offered'; leadsTold: number }
  /** A lead deciding: parts to change, a reason to decline. */
  | { kind: 'review' }
  /** After a decision, or told of one. */
  | { kind: 'decided'; message: string; withdraw: boolean }
  /** An admin removing it, with the reason the author and leads are told. */
  | { kind: 'remove' }
  /** Inserted into a chat from the message extension: no buttons, which need the bot in the chat. */
  | { kind: 'shared' }
  /** Gone: withdrawn or removed. */
  | { kind: 'gone'; title: string; message: string };

const STATUS_LABEL: Record<PracticeExample['status'], string> = {
  offered: 'Waiting for a lead of the team',
  approved: 'Shared in your organisation',
  declined: 'Declined by a lead of the team',
};

export function exampleCard(example: PracticeExample, view: ExampleView): AdaptiveCard {
  const withdraw = button('Withdraw', { action: 'practiceWithdraw', exampleId: example.id });
  const titles: Record<ExampleView['kind'], string> = {
    offered: 'Your win is offered to your team’s leads',
    review: 'A win to share with the council',
    decided: STATUS_LABEL[example.status],
    remove: 'Remove this example',
    shared: 'Practice shared in our organisation',
    gone: view.kind === 'gone' ? view.title : '',
  };
  let status = '';
  let statusStyle: NoticeStyle = 'default';
  let buttons: CardButton[] = [];
  switch (view.kind) {
    case 'offered':
      status =
        view.leadsTold > 0
          ? 'A lead of your team approves it before anyone else sees it. I will tell you what they decide.'
          : 'I could not reach a lead of your team just now. It waits until a lead approves it; you can withdraw it any time.';
      buttons = [withdraw];
      break;
    case 'review':
      status =
        'Approve it to show it to everyone in your organisation, with the team’s name. You can change the parts first, or decline it with a reason for the author.';
      buttons = [
        button('Approve', { action: 'practiceApprove', exampleId: example.id }, true),
        button('Decline', { action: 'practiceDecline', exampleId: example.id }),
      ];
      break;
    case 'decided':
      status = view.message;
      statusStyle = example.status === 'approved' ? 'good' : 'default';
      buttons = view.withdraw ? [withdraw] : [];
      break;
    case 'remove':
      status = 'Removing it takes it away for everyone. The author and the team’s leads are told the reason you give.';
      statusStyle = 'warning';
      buttons = [button('Remove', { action: 'practiceRemove', exampleId: example.id }, true)];
      break;
    case 'gone':
      status = view.message;
      break;
    case 'shared':
      status = 'Shared from Framework Guide: what a team in our organisation did. Ask the team to learn more.';
      break;
  }
  return renderCard('practiceExample', {
    title: titles[view.kind],
    byline: byline(example),
    text: cleanText(example.text, { multiline: true }),
    facts: [
      { label: 'Parts of the framework', value: partsLine(example.parts) },
      { label: 'Status', value: view.kind === 'gone' ? 'No longer shared' : STATUS_LABEL[example.status] },
      ...(example.status === 'declined' && example.reason
        ? [{ label: 'Reason', value: cleanText(example.reason, { multiline: true }) }]
        : []),
    ],
    status,
    statusStyle,
    partsInput: view.kind === 'review',
    selected: example.parts.join(','),
    choices: partChoices(),
    reasonLabel:
      view.kind === 'review'
        ? 'Reason, if you decline (optional; the author sees it)'
        : view.kind === 'remove'
          ? 'Why it is removed (the author and the team’s leads see this)'
          : '',
    buttons,
  });
}

// ---- Lists ---------------------------------------------------------------------------------

export interface ListPage {
  title: string;
  intro: string;
  examples: readonly PracticeExample[];
  /** Per example, the buttons the viewer may press (their own: Withdraw; an admin: Remove). */
  buttonsFor: (example: PracticeExample) => CardButton[];
  /** The next page's button, when there is one. */
  more?: JsonObject & { action: string };
}

export function listCard(page: ListPage): AdaptiveCard {
  return renderCard('practiceList', {
    title: page.title,
    intro: page.intro,
    examples: page.examples.map((example) => ({
      text: cleanText(example.text, { multiline: true }),
      byline: byline(example),
      parts: partsLine(example.parts),
      buttons: page.buttonsFor(example),
    })),
    buttons: page.more ? [button('More examples', page.more)] : [],
  });
}
